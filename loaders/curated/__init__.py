"""curated"""
