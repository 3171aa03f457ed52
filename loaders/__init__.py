"""Curated plan data to RDF."""
