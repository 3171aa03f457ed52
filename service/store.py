"""The small store interface the service depends on, and its embedded implementation.

Only this module talks to the engine. Parameters are passed as typed RDF
terms and bound by the engine (pyoxigraph substitutions), never formatted
into query text.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

Row = dict[str, Node]


@dataclass(frozen=True)
class SelectResult:
    variables: list[str]
    rows: list[Row]


class Store(Protocol):
    """What the service needs from a triple store."""

    def select(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> SelectResult: ...

    def ask(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> bool: ...

    def construct(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Graph: ...

    def answer(self, sparql: str, media_type: str | None, limit: int, timeout: float) -> tuple[bytes, str]:
        """A client's SPARQL query answered in a protocol format (body, content type).

        Raises ValueError (malformed), QueryTooLarge (over ``limit``), QueryTimeout (over ``timeout`` s)."""
        ...

    def dump(self, kind: str) -> tuple[bytes, str]:
        """The whole dataset in one of DUMP_FORMATS (body, media type)."""
        ...

    def __len__(self) -> int: ...


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot bind {term!r}")


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


class EmbeddedStore:
    """The curated graph in-process on pyoxigraph; the default graph is the union of the named graphs."""

    def __init__(self, store: ox.Store) -> None:
        self._store = store

    @classmethod
    def from_dataset(cls, dataset: Dataset) -> EmbeddedStore:
        store = ox.Store()
        quads = [
            ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.NamedNode(str(g)))  # type: ignore[arg-type]
            for s, p, o, g in dataset.quads((None, None, None, None))
            if g is not None
        ]
        store.extend(quads)
        return cls(store)

    @classmethod
    def from_file(cls, path: Path) -> EmbeddedStore:
        """A dataset written by `nkc-kg build` or the benchmark generator (N-Quads or TriG)."""
        store = ox.Store()
        fmt = ox.RdfFormat.N_QUADS if path.suffix == ".nq" else ox.RdfFormat.TRIG
        store.bulk_load(path=str(path), format=fmt)
        return cls(store)

    @property
    def engine(self) -> ox.Store:
        return self._store

    def _run(self, sparql: str, bindings: Mapping[str, Node] | None) -> object:
        substitutions = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        return self._store.query(sparql, use_default_graph_as_union=True, substitutions=substitutions or None)

    def select(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> SelectResult:
        solutions = self._run(sparql, bindings)
        if not isinstance(solutions, ox.QuerySolutions):
            raise ValueError("not a SELECT query")
        variables = [v.value for v in solutions.variables]
        rows = []
        for solution in solutions:
            row = {}
            for name in variables:
                value = solution[name]
                if value is not None:
                    row[name] = from_ox(value)
            rows.append(row)
        return SelectResult(variables, rows)

    def ask(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> bool:
        result = self._run(sparql, bindings)
        if not isinstance(result, ox.QueryBoolean):
            raise ValueError("not an ASK query")
        return bool(result)

    def construct(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Graph:
        triples = self._run(sparql, bindings)
        if not isinstance(triples, ox.QueryTriples):
            raise ValueError("not a CONSTRUCT or DESCRIBE query")
        graph = Graph()
        for t in triples:
            graph.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
        return graph

    def answer(self, sparql: str, media_type: str | None, limit: int, timeout: float) -> tuple[bytes, str]:
        return answer_query(self, sparql, media_type, limit)

    def dump(self, kind: str) -> tuple[bytes, str]:
        return dump(self, kind)

    def __len__(self) -> int:
        return len(self._store)


class QueryRefused(ValueError):
    """The query is not allowed here (update, SERVICE, …): a 4xx, not an engine error."""


class QueryTooLarge(ValueError):
    """The answer exceeds the result-size limit."""


class QueryTimeout(Exception):
    """The query ran longer than the time limit."""


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


def answer_query(store: EmbeddedStore, sparql: str, media_type: str | None, limit: int) -> tuple[bytes, str]:
    """Run a read-only query and serialise its answer (SPARQL 1.1 Protocol semantics).

    ``media_type`` None picks the default for the query form (JSON results, Turtle graphs).
    Engine objects may only be dropped on the thread that made them, so failures come back as
    values and are raised here, after the frames holding them are gone.
    """
    outcome = _answer(store, sparql, media_type, limit)
    if isinstance(outcome, QueryTooLarge | ValueError):
        raise outcome
    return outcome


def _answer(store: EmbeddedStore, sparql: str, media_type: str | None, limit: int) -> tuple[bytes, str] | ValueError:
    try:
        return _serialise(store, sparql, media_type, limit)
    except SyntaxError as exc:
        return ValueError(str(exc))
    except QueryTooLarge as exc:
        return QueryTooLarge(str(exc))


def _serialise(store: EmbeddedStore, sparql: str, media_type: str | None, limit: int) -> tuple[bytes, str]:
    result = store.engine.query(sparql, use_default_graph_as_union=True)
    if isinstance(result, ox.QueryBoolean):
        fmt_type = media_type if media_type in RESULT_FORMATS else "application/sparql-results+json"
        return _boolean(result, fmt_type)
    if isinstance(result, ox.QuerySolutions):
        fmt_type = media_type if media_type in RESULT_FORMATS else "application/sparql-results+json"
        rows = _limited(result, limit)
        return _solutions(result.variables, rows, fmt_type), _with_charset(fmt_type)
    fmt_type = media_type if media_type in GRAPH_FORMATS else "text/turtle"
    triples = _limited(result, limit)
    data = ox.serialize(triples, format=GRAPH_FORMATS[fmt_type])
    return data or b"", _with_charset(fmt_type)


def _with_charset(media_type: str) -> str:
    return media_type if "json" in media_type else f"{media_type}; charset=utf-8"


def _limited(items, limit: int) -> list:  # type: ignore[no-untyped-def,type-arg]
    out = []
    for item in items:
        if len(out) >= limit:
            raise QueryTooLarge(f"the answer has more than {limit} results; add a LIMIT or narrow the query")
        out.append(item)
    return out


def _boolean(result: ox.QueryBoolean, media_type: str) -> tuple[bytes, str]:
    value = "true" if bool(result) else "false"
    if RESULT_FORMATS[media_type] == ox.QueryResultsFormat.XML:
        body = f'<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/><boolean>{value}</boolean></sparql>'
        return body.encode(), _with_charset("application/sparql-results+xml")
    if RESULT_FORMATS[media_type] in (ox.QueryResultsFormat.CSV, ox.QueryResultsFormat.TSV):
        return f"{value}\n".encode(), _with_charset(media_type)
    return f'{{"head":{{}},"boolean":{value}}}'.encode(), "application/sparql-results+json"


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


DUMP_FORMATS = {
    "trig": (ox.RdfFormat.TRIG, "application/trig"),
    "nq": (ox.RdfFormat.N_QUADS, "application/n-quads"),
    "ttl": (ox.RdfFormat.TURTLE, "text/turtle"),
    "jsonld": (ox.RdfFormat.JSON_LD, "application/ld+json"),
}


def dump(store: EmbeddedStore, kind: str) -> tuple[bytes, str]:
    """The whole dataset: TriG/N-Quads keep the named graphs; Turtle/JSON-LD give the union graph."""
    fmt, media = DUMP_FORMATS[kind]
    if fmt in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS):
        data = store.engine.dump(format=fmt)
    else:
        triples = {q.triple for q in store.engine.quads_for_pattern(None, None, None, None)}
        data = ox.serialize(sorted(triples, key=str), format=fmt)
    return data or b"", media
