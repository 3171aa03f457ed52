"""The small store interface the service depends on, and its embedded implementation.

Only the store modules talk to an engine. Parameters are passed as typed RDF
terms and bound in a VALUES block at the top of the query's WHERE group (see
values.py), never formatted into query text. Both stores bind them the same way.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox
from nkc_kg.loaders.shacl.terms import to_ox  # the one rdflib → pyoxigraph term conversion
from nkc_kg.service.store.formats import (
    DUMP_FORMATS,
    GRAPH_FORMATS,
    RESULT_FORMATS,
    QueryTooLarge,
    from_ox,
    serialise_answer,
    serialise_dump,
    solution_rows,
)
from nkc_kg.service.store.sandbox import run_confined
from nkc_kg.service.store.values import Binding, with_values
from rdflib import Dataset, Graph
from rdflib.term import Node

__all__ = [
    "DUMP_FORMATS",
    "GRAPH_FORMATS",
    "RESULT_FORMATS",
    "EmbeddedStore",
    "QueryDataset",
    "QueryFailed",
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


@dataclass(frozen=True)
class QueryDataset:
    """The RDF dataset a client's query asked for (SPARQL 1.1 Protocol ``default-graph-uri`` /
    ``named-graph-uri``, or the query's FROM / FROM NAMED): graph IRIs, looked up among the store's
    own graphs only. A graph the store does not hold is empty; none is ever fetched."""

    default: tuple[str, ...] = ()
    named: tuple[str, ...] = ()


class Store(Protocol):
    """What the service needs from a triple store."""

    def select(self, sparql: str, bindings: Mapping[str, Binding] | None = None) -> SelectResult: ...

    def ask(self, sparql: str, bindings: Mapping[str, Binding] | None = None) -> bool: ...

    def construct(self, sparql: str, bindings: Mapping[str, Binding] | None = None) -> Graph: ...

    def answer(
        self,
        sparql: str,
        media_type: str | None,
        limit: int,
        timeout: float,
        dataset: QueryDataset | None = None,
        base: str | None = None,
    ) -> tuple[bytes, str]:
        """A client's SPARQL query answered in a protocol format (body, content type), over ``dataset``
        (None: the union of the store's graphs as default graph, each graph named), relative IRIs
        resolved against ``base``.

        Raises ValueError (malformed), QueryTooLarge (over ``limit``), QueryTimeout (over ``timeout`` s)."""
        ...

    def dump(self, kind: str) -> tuple[bytes, str]:
        """The whole dataset in one of DUMP_FORMATS (body, media type)."""
        ...

    def __len__(self) -> int: ...


class EmbeddedStore:
    """The curated graph in-process on pyoxigraph; the default graph is the union of the named graphs."""

    def __init__(self, store: ox.Store, location: Path | None = None) -> None:
        self._store = store
        self.location = location  # the folder of an on-disk store; None in memory

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
        store.bulk_load(path=str(path), format=_format_of(path))
        return cls(store)

    @classmethod
    def on_disk(cls, source: Path, directory: Path) -> EmbeddedStore:
        """``source`` (N-Quads or TriG) in an on-disk store under ``directory``, opened read-only.

        The in-memory engine looks a pattern up by scanning every triple of its subject (or object):
        a node that thousands of triples name (a party in every plan of a large graph) then costs
        milliseconds per look-up. The on-disk engine (RocksDB) has an index per triple order, loads
        a dataset once and opens it again in milliseconds, and every SPARQL worker process opens
        the same files instead of holding a copy. The store is built once per version of the
        source file (its path, size and modification time), in a folder of its own."""
        stat = source.stat()
        key = hashlib.sha256(f"{source.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}".encode()).hexdigest()[:16]
        location = directory / f"store-{key}"
        if not (location / LOADED_MARKER).is_file():
            directory.mkdir(parents=True, exist_ok=True)
            partial = Path(tempfile.mkdtemp(prefix=f"store-{key}-", suffix=".partial", dir=directory))
            writer = ox.Store(str(partial))
            writer.bulk_load(path=str(source), format=_format_of(source))
            writer.optimize()
            del writer  # closes the database before it is moved into place
            (partial / LOADED_MARKER).write_text(str(source.resolve()), encoding="utf-8")
            try:
                partial.rename(location)
            except OSError:  # another process finished the same store first
                shutil.rmtree(partial, ignore_errors=True)
        return cls.open(location)

    @classmethod
    def open(cls, location: Path) -> EmbeddedStore:
        """A store written by :meth:`on_disk` (a folder), or a dataset file loaded into memory."""
        if location.is_dir():
            return cls(ox.Store.read_only(str(location)), location)
        return cls.from_file(location)

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

    def answer(
        self,
        sparql: str,
        media_type: str | None,
        limit: int,
        timeout: float,
        dataset: QueryDataset | None = None,
        base: str | None = None,
    ) -> tuple[bytes, str]:
        """The time limit is kept by the caller (the route abandons the worker thread, the pool kills its worker).

        The query runs on a thread of its own with a large stack and no network (sandbox.py): its
        SERVICE clauses, if any reached this far, fail instead of connecting anywhere."""
        # Engine objects may only be dropped on the thread that made them, so failures come back
        # as values and are raised here, after the frames holding them are gone.
        outcome = run_confined(lambda: self._answer(sparql, media_type, limit, dataset, base))
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    def _answer(
        self, sparql: str, media_type: str | None, limit: int, dataset: QueryDataset | None, base: str | None
    ) -> tuple[bytes, str] | Exception:
        if dataset is None:
            options: dict[str, object] = {"use_default_graph_as_union": True}
        else:
            options = {
                "default_graph": [ox.NamedNode(g) for g in dataset.default],
                "named_graphs": [ox.NamedNode(g) for g in dataset.named],
            }
        try:
            result = self._store.query(sparql, base_iri=base, **options)  # type: ignore[arg-type]
            return serialise_answer(result, media_type, limit)  # type: ignore[arg-type]
        except SyntaxError as exc:
            return ValueError(str(exc))
        except QueryTooLarge as exc:
            return QueryTooLarge(str(exc))
        except PermissionError:
            # the sandbox refused a socket: only SERVICE makes the engine open one
            return QueryRefused(
                "SERVICE (federated queries) is not allowed: this endpoint never contacts other servers"
            )
        except OSError as exc:
            return StoreUnavailable(f"the store could not be read: {exc}")
        except RuntimeError as exc:  # an evaluation error of the engine (an unbound SERVICE name, …)
            return QueryFailed(f"the query could not be evaluated: {exc}")

    def dump(self, kind: str) -> tuple[bytes, str]:
        return serialise_dump(self._store.quads_for_pattern(None, None, None, None), kind)

    def __len__(self) -> int:
        return len(self._store)


LOADED_MARKER = ".nkc-kg-loaded"


def _format_of(path: Path) -> ox.RdfFormat:
    return ox.RdfFormat.N_QUADS if path.suffix == ".nq" else ox.RdfFormat.TRIG


class QueryRefused(Exception):
    """The query is not allowed here (update, SERVICE, …): a 403, not an engine error.

    Not a ValueError: "malformed" (400) is a different answer from "not allowed" (403)."""


class QueryFailed(ValueError):
    """The engine parsed the query but could not evaluate it (a 400 that says why)."""


class QueryTimeout(Exception):
    """The query ran longer than the time limit."""


class StoreUnavailable(Exception):
    """The triple store cannot be reached or gave no usable answer (a 502, not the client's fault).

    Its message is for the client; ``request_id`` finds the full story in the service log, and
    ``reason`` tells it to the operator at start-up (store/errors.py)."""

    request_id: str | None = None
    reason: str | None = None
