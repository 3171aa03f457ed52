"""The small store interface the service depends on, and its embedded implementation.

Only this module talks to the engine. Parameters are passed as typed RDF
terms and bound by the engine (pyoxigraph substitutions), never formatted
into query text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

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

    def __len__(self) -> int:
        return len(self._store)
