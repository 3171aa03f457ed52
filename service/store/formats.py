"""Term conversion and the SPARQL / RDF serialisations shared by every store.

Both stores hand this module pyoxigraph objects: the embedded store its own query results, the
remote store the endpoint's answer parsed by pyoxigraph. So a client gets byte-for-byte the same
formats, and the same result limit, whichever store serves it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node


class QueryTooLarge(ValueError):
    """The answer exceeds the result-size limit."""


RESULT_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
DUMP_FORMATS = {
    "trig": (ox.RdfFormat.TRIG, "application/trig"),
    "nq": (ox.RdfFormat.N_QUADS, "application/n-quads"),
    "ttl": (ox.RdfFormat.TURTLE, "text/turtle"),
    "jsonld": (ox.RdfFormat.JSON_LD, "application/ld+json"),
}


def from_ox(term: object) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"unexpected term {term!r}")


class TermCache:
    """pyoxigraph terms converted to rdflib terms once each.

    Making an rdflib Literal parses its lexical form (about 6 µs for an integer), and answers
    repeat the same labels, roles and IRIs row after row: converting through this cache halves
    the time of a typical named query. Bounded: emptied when it holds ``size`` terms."""

    def __init__(self, size: int = 200_000) -> None:
        self.size = size
        self._terms: dict[object, Node] = {}

    def __call__(self, term: object) -> Node:
        node = self._terms.get(term)
        if node is None:
            if len(self._terms) >= self.size:
                self._terms.clear()
            node = self._terms[term] = from_ox(term)
        return node


_converted = TermCache()


def solution_rows(solutions: ox.QuerySolutions) -> tuple[list[str], list[dict[str, Node]]]:
    """Variables and rows as rdflib terms (unbound variables are left out of a row)."""
    variables = [v.value for v in solutions.variables]
    convert = _converted
    rows = [
        {name: convert(value) for name, value in zip(variables, solution, strict=True) if value is not None}
        for solution in solutions
    ]
    return variables, rows


def with_charset(media_type: str) -> str:
    return media_type if "json" in media_type else f"{media_type}; charset=utf-8"


def serialise_answer(
    result: ox.QueryBoolean | ox.QuerySolutions | Iterable[ox.Triple], media_type: str | None, limit: int
) -> tuple[bytes, str]:
    """A query answer in the asked format, or the form's default (JSON results, Turtle graphs).

    Raises QueryTooLarge when there are more than ``limit`` solutions or triples."""
    if isinstance(result, ox.QueryBoolean):
        fmt_type = media_type if media_type in RESULT_FORMATS else "application/sparql-results+json"
        return _boolean(bool(result), fmt_type)
    variables_of = getattr(result, "variables", None)  # ox.QuerySolutions, or a remote store's read.Solutions
    if variables_of is not None:
        fmt_type = media_type if media_type in RESULT_FORMATS else "application/sparql-results+json"
        variables = list(variables_of)
        rows = limited(result, limit)
        return _solutions(variables, rows, fmt_type), with_charset(fmt_type)
    fmt_type = media_type if media_type in GRAPH_FORMATS else "text/turtle"
    triples = limited(result, limit)
    data = ox.serialize(triples, format=GRAPH_FORMATS[fmt_type])
    return data or b"", with_charset(fmt_type)


def serialise_dump(quads: Iterable[ox.Quad], kind: str) -> tuple[bytes, str]:
    """The whole dataset: TriG/N-Quads keep the named graphs; Turtle/JSON-LD give the union graph."""
    fmt, media = DUMP_FORMATS[kind]
    if fmt in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS):
        data = ox.serialize(quads, format=fmt)
    else:
        triples = {q.triple for q in quads}
        data = ox.serialize(sorted(triples, key=str), format=fmt)
    return data or b"", media


def limited(items: Iterable, limit: int) -> list:  # type: ignore[type-arg]
    out = []
    for item in items:
        if len(out) >= limit:
            raise QueryTooLarge(too_large(limit))
        out.append(item)
    return out


def too_large(limit: int, store_cap: int | None = None) -> str:
    if store_cap is not None and store_cap <= limit:
        return (
            f"the answer reaches the triple store's cap of {store_cap} results, so it may be incomplete; "
            "add a LIMIT or narrow the query"
        )
    return f"the answer has more than {limit} results; add a LIMIT or narrow the query"


def _boolean(value: bool, media_type: str) -> tuple[bytes, str]:
    text = "true" if value else "false"
    if RESULT_FORMATS[media_type] == ox.QueryResultsFormat.XML:
        body = f'<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/><boolean>{text}</boolean></sparql>'
        return body.encode(), with_charset("application/sparql-results+xml")
    if RESULT_FORMATS[media_type] in (ox.QueryResultsFormat.CSV, ox.QueryResultsFormat.TSV):
        return f"{text}\n".encode(), with_charset(media_type)
    return f'{{"head":{{}},"boolean":{text}}}'.encode(), "application/sparql-results+json"


def _solutions(variables: list[ox.Variable], rows: list[ox.QuerySolution], media_type: str) -> bytes:
    """Serialise solutions already fetched (and counted against the limit) in a SPARQL results format."""
    names = [v.value for v in variables]
    fmt = RESULT_FORMATS[media_type]
    if fmt == ox.QueryResultsFormat.JSON:
        bindings = []
        for row in rows:
            binding = {}
            for name in names:
                term = row[name]
                if term is not None:
                    binding[name] = _json_term(term)
            bindings.append(binding)
        return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False).encode()
    if fmt in (ox.QueryResultsFormat.CSV, ox.QueryResultsFormat.TSV):
        buffer = io.StringIO()
        if fmt == ox.QueryResultsFormat.CSV:
            writer = csv.writer(buffer, lineterminator="\r\n")
            writer.writerow(names)
            for row in rows:
                writer.writerow(["" if row[n] is None else _plain(row[n]) for n in names])
        else:
            buffer.write("\t".join(f"?{n}" for n in names) + "\n")
            for row in rows:
                buffer.write("\t".join("" if row[n] is None else str(row[n]) for n in names) + "\n")
        return buffer.getvalue().encode()
    parts = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
    parts += [f"<variable name={quoteattr(n)}/>" for n in names]
    parts.append("</head><results>")
    for row in rows:
        parts.append("<result>")
        for n in names:
            term = row[n]
            if term is None:
                continue
            parts.append(f"<binding name={quoteattr(n)}>{_xml_term(term)}</binding>")
        parts.append("</result>")
    parts.append("</results></sparql>")
    return "".join(parts).encode()


def _plain(term: object) -> str:
    return term.value if isinstance(term, ox.NamedNode | ox.Literal | ox.BlankNode) else str(term)


def _json_term(term: object) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    assert isinstance(term, ox.Literal)
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def _xml_term(term: object) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    assert isinstance(term, ox.Literal)
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
