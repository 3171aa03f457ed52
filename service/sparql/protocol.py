"""SPARQL 1.1 Protocol rules that do not depend on the engine: what is refused, and which format an
answer is sent in (``format`` if the service knows it, else the Accept header).

An unknown ``format`` value is not an error: clients send the parameter for endpoints that want it
and the Accept header for the others (SPARQLWrapper sends ``format=n3`` and
``format=json-ld&format=application/ld+json,application/x-json+ld`` with a matching Accept), so the
first value the service knows counts and, if none, Accept decides. Accept is read as HTTP says
(media ranges such as ``application/*`` and ``*/*``, q-values), against the formats of the query's
form: results formats for SELECT and ASK, RDF formats for CONSTRUCT and DESCRIBE. An answer depends
on Accept, so every answer says ``Vary: Accept``.
"""

from __future__ import annotations

from nkc_kg.service.store.query_guard import QueryLimits, check_query
from nkc_kg.service.store.query_text import query_form

VARY = {"Vary": "Accept"}
# the service's preference among equally acceptable formats: the defaults first
RESULTS_ORDER = [
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
    "application/json",
    "application/xml",
]
GRAPHS_ORDER = ["text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml"]
FORMAT_ALIASES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "n-triples": "application/n-triples",
    "jsonld": "application/ld+json",
    "json-ld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
    "rdf+xml": "application/rdf+xml",
    "rdf": "application/rdf+xml",
}


def refuse_unsafe(sparql: str, limits: QueryLimits | None = None) -> None:
    """Refuse updates, federation (SERVICE) and queries over the limits: see store/query_guard.py."""
    check_query(sparql, limits or QueryLimits())


# what a results-format name means for a graph: SPARQLWrapper asks format=xml for RDF/XML
GRAPH_MEANING = {"application/sparql-results+xml": "application/rdf+xml", "application/xml": "application/rdf+xml"}


def known_format(value: str, candidates: list[str]) -> str | None:
    """A ``format`` value as one of ``candidates``, if the service knows it (a list: the first it knows)."""
    for part in value.split(","):
        name = part.split(";")[0].strip().lower()
        media = FORMAT_ALIASES.get(name, name)
        media = GRAPH_MEANING.get(media, media) if candidates is GRAPHS_ORDER else media
        if media in candidates:
            return media
    return None


def negotiate(formats: tuple[str, ...], accept: str | None, query: str) -> str | None:
    """The media type to answer in; None means the form's default (JSON results, Turtle)."""
    form = query_form(query)
    if form in ("CONSTRUCT", "DESCRIBE"):
        candidates = GRAPHS_ORDER
    elif form in ("SELECT", "ASK"):
        candidates = RESULTS_ORDER
    else:
        candidates = RESULTS_ORDER + GRAPHS_ORDER
    for value in formats:
        media = known_format(value, candidates)
        if media:
            return media
    if not accept:
        return None
    ranges = _ranges(accept)
    best, best_q = None, 0.0
    for media in candidates:
        q = _quality(media, ranges)
        if q > best_q:
            best, best_q = media, q
    return best


def _ranges(accept: str) -> list[tuple[str, str, float]]:
    out = []
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        kind, _, sub = fields[0].lower().partition("/")
        if not kind or not sub:
            continue
        q = 1.0
        for parameter in fields[1:]:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        out.append((kind, sub, q))
    return out


def _quality(media: str, ranges: list[tuple[str, str, float]]) -> float:
    """The q of the most specific range that matches ``media`` (0: none does)."""
    kind, _, sub = media.partition("/")
    best_specificity, q = -1, 0.0
    for range_kind, range_sub, range_q in ranges:
        if range_kind == kind and range_sub == sub:
            specificity = 2
        elif range_kind == kind and range_sub == "*":
            specificity = 1
        elif range_kind == "*" and range_sub == "*":
            specificity = 0
        else:
            continue
        if specificity > best_specificity:
            best_specificity, q = specificity, range_q
    return q
