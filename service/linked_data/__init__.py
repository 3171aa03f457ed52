"""linked_data"""
