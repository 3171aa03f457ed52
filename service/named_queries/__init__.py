"""named_queries"""
