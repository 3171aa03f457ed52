"""completeness"""
