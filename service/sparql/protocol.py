"""SPARQL 1.1 Protocol rules that do not depend on the engine: negotiation and what is refused."""

from __future__ import annotations

from nkc_kg.service.store.embedded import GRAPH_FORMATS, RESULT_FORMATS
from nkc_kg.service.store.query_guard import QueryLimits, check_query

FORMAT_ALIASES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "json-ld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
    "rdf": "application/rdf+xml",
}
KNOWN = set(RESULT_FORMATS) | set(GRAPH_FORMATS)


def refuse_unsafe(sparql: str, limits: QueryLimits | None = None) -> None:
    """Refuse updates, federation (SERVICE) and queries over the limits: see store/query_guard.py."""
    check_query(sparql, limits or QueryLimits())


def negotiate(format_param: str | None, accept: str | None) -> str | None:
    """The media type asked for by ?format= (wins) or the Accept header; None means the default."""
    if format_param:
        media = FORMAT_ALIASES.get(format_param.lower(), format_param.lower())
        if media not in KNOWN:
            raise ValueError(f"unknown format {format_param!r}; use one of {', '.join(sorted(FORMAT_ALIASES))}")
        return media
    if not accept:
        return None
    ranked = []
    for i, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        ranked.append((-q, i, fields[0].lower()))
    for _, _, media in sorted(ranked):
        if media in KNOWN:
            return media
    return None
