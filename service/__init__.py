"""The nkc-kg query service."""
