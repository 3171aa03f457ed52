"""The small store interface the service depends on, and its embedded implementation.

Only the store modules talk to an engine. Parameters are passed as typed RDF
terms and bound in a VALUES block at the top of the query's WHERE group (see
values.py), never formatted into query text. Both stores bind them the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.term import Node

from .formats import (
    DUMP_FORMATS,
    GRAPH_FORMATS,
    RESULT_FORMATS,
    QueryTooLarge,
    from_ox,
    serialise_answer,
    serialise_dump,
    solution_rows,
    to_ox,
)
from .values import Binding, with_values

__all__ = [
    "DUMP_FORMATS",
    "GRAPH_FORMATS",
    "RESULT_FORMATS",
    "EmbeddedStore",
    "QueryRefused",
    "QueryTimeout",
    "QueryTooLarge",
    "SelectResult",
    "Store",
    "StoreUnavailable",
]

Row = dict[str, Node]


@dataclass(frozen=True)
class SelectResult:
    variables: list[str]
    rows: list[Row]


class Store(Protocol):
    """What the service needs from a triple store."""

    def select(self, sparql: str, bindings: Mapping[str, Binding] | None = None) -> SelectResult: ...

    def ask(self, sparql: str, bindings: Mapping[str, Binding] | None = None) -> bool: ...

    def construct(self, sparql: str, bindings: Mapping[str, Binding] | None = None) -> Graph: ...

    def answer(self, sparql: str, media_type: str | None, limit: int, timeout: float) -> tuple[bytes, str]:
        """A client's SPARQL query answered in a protocol format (body, content type).

        Raises ValueError (malformed), QueryTooLarge (over ``limit``), QueryTimeout (over ``timeout`` s)."""
        ...

    def dump(self, kind: str) -> tuple[bytes, str]:
        """The whole dataset in one of DUMP_FORMATS (body, media type)."""
        ...

    def __len__(self) -> int: ...


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

    def _run(self, sparql: str, bindings: Mapping[str, Binding] | None) -> object:
        # VALUES, not pyoxigraph's `substitutions`: the optimiser plans joins from a VALUES block
        # (index look-ups from the bound plan or party), whereas substituted variables are planned
        # as unbound and filtered afterwards, which scans the whole graph (bench/findings.md).
        return self._store.query(with_values(sparql, bindings), use_default_graph_as_union=True)

    def select(self, sparql: str, bindings: Mapping[str, Binding] | None = None) -> SelectResult:
        solutions = self._run(sparql, bindings)
        if not isinstance(solutions, ox.QuerySolutions):
            raise ValueError("not a SELECT query")
        return SelectResult(*solution_rows(solutions))

    def ask(self, sparql: str, bindings: Mapping[str, Binding] | None = None) -> bool:
        result = self._run(sparql, bindings)
        if not isinstance(result, ox.QueryBoolean):
            raise ValueError("not an ASK query")
        return bool(result)

    def construct(self, sparql: str, bindings: Mapping[str, Binding] | None = None) -> Graph:
        triples = self._run(sparql, bindings)
        if not isinstance(triples, ox.QueryTriples):
            raise ValueError("not a CONSTRUCT or DESCRIBE query")
        graph = Graph()
        for t in triples:
            graph.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
        return graph

    def answer(self, sparql: str, media_type: str | None, limit: int, timeout: float) -> tuple[bytes, str]:
        """The time limit is kept by the caller (the route abandons the worker thread)."""
        # Engine objects may only be dropped on the thread that made them, so failures come back
        # as values and are raised here, after the frames holding them are gone.
        outcome = self._answer(sparql, media_type, limit)
        if isinstance(outcome, ValueError):
            raise outcome
        return outcome

    def _answer(self, sparql: str, media_type: str | None, limit: int) -> tuple[bytes, str] | ValueError:
        try:
            return serialise_answer(self._store.query(sparql, use_default_graph_as_union=True), media_type, limit)  # type: ignore[arg-type]
        except SyntaxError as exc:
            return ValueError(str(exc))
        except QueryTooLarge as exc:
            return QueryTooLarge(str(exc))

    def dump(self, kind: str) -> tuple[bytes, str]:
        return serialise_dump(self._store.quads_for_pattern(None, None, None, None), kind)

    def __len__(self) -> int:
        return len(self._store)


class QueryRefused(ValueError):
    """The query is not allowed here (update, SERVICE, …): a 4xx, not an engine error."""


class QueryTimeout(Exception):
    """The query ran longer than the time limit."""


class StoreUnavailable(Exception):
    """The triple store cannot be reached or gave no usable answer (a 502, not the client's fault)."""
