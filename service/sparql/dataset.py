"""The SPARQL 1.1 Protocol's request rules for the query endpoint, independent of the engine: one
``query``, no ``update``, and the RDF dataset the client asks for.

The dataset (SPARQL 1.1 Protocol §2.1.4, Query §13.2): ``default-graph-uri`` and ``named-graph-uri``
name it; without them the query's FROM and FROM NAMED do; if neither does, the service's own dataset
applies (the default graph is the union of the graphs, each graph is named). Where a dataset is
given, what is not given is empty: FROM alone leaves no named graphs, FROM NAMED alone an empty
default graph. Graph IRIs are only looked up among the store's graphs (store/embedded.py,
QueryDataset); nothing is ever fetched.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from nkc_kg.service.store.embedded import QueryDataset
from nkc_kg.service.store.query_text import dataset_clauses

MAX_GRAPHS = 100  # graph IRIs per request: the service's dataset has a handful


class ProtocolError(ValueError):
    """A request the protocol does not allow (400)."""

    def __init__(self, error: str, detail: str) -> None:
        super().__init__(detail)
        self.error, self.detail = error, detail


@dataclass(frozen=True)
class ProtocolQuery:
    query: str  # the query text, its FROM / FROM NAMED clauses blanked once they are in ``dataset``
    dataset: QueryDataset | None  # None: the service's dataset
    formats: tuple[str, ...]  # the values of ``format`` (may be several; the first known one counts)
    base: str  # for relative IRIs: the endpoint's own address


def query_parameters(params: Iterable[tuple[str, str]]) -> list[str]:
    """The values of ``query`` in a request's parameters: none (GET: the service description) or one.
    Raises ProtocolError for ``update`` (this is the query endpoint) and for several queries."""
    pairs = list(params)
    if any(name == "update" for name, _ in pairs):
        raise ProtocolError(
            "update on the query endpoint",
            "this is the SPARQL query endpoint; it accepts no updates (the service is read-only)",
        )
    queries = [value for name, value in pairs if name == "query"]
    if len(queries) > 1:
        raise ProtocolError("several queries", f"pass one 'query' parameter, not {len(queries)}")
    return queries


def read_request(params: Iterable[tuple[str, str]], endpoint: str) -> ProtocolQuery | None:
    """The query request in ``params`` (query string and form fields together); None if it has no
    ``query`` at all (GET: the service description). Raises ProtocolError."""
    pairs = list(params)
    queries = query_parameters(pairs)
    if not queries:
        return None
    return protocol_query(
        queries[0],
        [value for name, value in pairs if name == "default-graph-uri"],
        [value for name, value in pairs if name == "named-graph-uri"],
        tuple(value for name, value in pairs if name == "format"),
        endpoint,
    )


def protocol_query(
    query: str, default_graphs: list[str], named_graphs: list[str], formats: tuple[str, ...], endpoint: str
) -> ProtocolQuery:
    if len(default_graphs) + len(named_graphs) > MAX_GRAPHS:
        raise ProtocolError("too many graphs", f"name at most {MAX_GRAPHS} graphs in one request")
    try:
        clauses = dataset_clauses(query, base=endpoint)
    except ValueError as exc:
        raise ProtocolError("malformed query", str(exc)) from None
    if default_graphs or named_graphs:
        # the protocol's dataset wins over the query's (SPARQL 1.1 Protocol §2.1.4)
        dataset: QueryDataset | None = QueryDataset(tuple(default_graphs), tuple(named_graphs))
    elif clauses.given:
        dataset = QueryDataset(clauses.default, clauses.named)
    else:
        dataset = None
    text = clauses.without if dataset is not None else query
    return ProtocolQuery(text, dataset, formats, endpoint)
