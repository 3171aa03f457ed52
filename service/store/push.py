"""`nkc-kg load --endpoint`: push the dataset to a triple store, one named graph per source.

Each graph is replaced as a whole (Graph Store Protocol PUT, or DROP + INSERT DATA by SPARQL
Update), so loading twice gives the same store, and graphs of other sources are left alone.
The load is then checked by counting the triples of every pushed graph through the query endpoint.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import httpx
import pyoxigraph as ox
from nkc_kg.service.store.embedded import EmbeddedStore
from nkc_kg.service.store.values import iri_term

GRAPH_COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


class LoadError(Exception):
    """The push or its check failed (exit code 1)."""


@dataclass(frozen=True)
class Target:
    query: str
    graph_store: str | None = None
    update: str | None = None

    @classmethod
    def derive(cls, query: str, graph_store: str | None, update: str | None) -> Target:
        """Oxigraph server serves the Graph Store Protocol at /store next to /query; others need the flag."""
        if not query.startswith(("http://", "https://")):
            raise LoadError(f"--endpoint {query!r}: expected an http(s) URL of the SPARQL query endpoint")
        if graph_store is None and update is None:
            base, _, last = query.rstrip("/").rpartition("/")
            if last != "query":
                raise LoadError(
                    f"cannot tell where the Graph Store Protocol service of {query} is: "
                    "pass --graph-store URL (or --update URL for SPARQL Update)"
                )
            graph_store = f"{base}/store"
        return cls(query, graph_store, update)


@dataclass(frozen=True)
class GraphReport:
    graph: str
    pushed: int
    found: int

    @property
    def ok(self) -> bool:
        return self.pushed == self.found


def source_graphs(store: EmbeddedStore) -> Iterator[tuple[str, list[ox.Triple]]]:
    engine = store.engine
    for graph in sorted(engine.named_graphs(), key=lambda g: g.value):
        triples = [q.triple for q in engine.quads_for_pattern(None, None, None, graph)]
        if triples:
            yield graph.value, triples  # type: ignore[union-attr]


def push(
    store: EmbeddedStore, target: Target, timeout: float = 120.0, rename: Callable[[str], str] | None = None
) -> list[GraphReport]:
    """Replace each graph at the target (under the name ``rename`` gives it, e.g. a staging graph)."""
    pushed: dict[str, int] = {}
    with httpx.Client(timeout=timeout) as http:
        for source, triples in source_graphs(store):
            graph = rename(source) if rename else source
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
            if target.graph_store:
                response = _send(
                    http.put,
                    target.graph_store,
                    params={"graph": graph},
                    content=body,
                    headers={"content-type": "application/n-triples"},
                )
            else:
                assert target.update
                update = f"DROP SILENT GRAPH {iri_term(graph)} ;\nINSERT DATA {{ GRAPH {iri_term(graph)} {{\n"
                response = _send(
                    http.post,
                    target.update,
                    content=update.encode() + body + b"} }",
                    headers={"content-type": "application/sparql-update"},
                )
            if response.status_code >= 300:
                hint = " (wrong URL? pass --graph-store or --update)" if response.status_code in (404, 405) else ""
                raise LoadError(
                    f"{response.request.url} refused graph {graph}: HTTP {response.status_code}{hint}: "
                    f"{response.text.strip()[:500]}"
                )
            pushed[graph] = len(triples)
        found = _counts(http, target.query)
    return [GraphReport(g, n, found.get(g, 0)) for g, n in pushed.items()]


def _send(method, url: str, **kwargs: object) -> httpx.Response:  # type: ignore[no-untyped-def]
    try:
        return method(url, **kwargs)  # type: ignore[no-any-return]
    except httpx.HTTPError as exc:
        raise LoadError(f"cannot reach {url}: {exc}") from None


def _counts(http: httpx.Client, query_endpoint: str) -> dict[str, int]:
    response = _send(
        http.post,
        query_endpoint,
        data={"query": GRAPH_COUNTS},
        headers={"accept": "application/sparql-results+json"},
    )
    if response.status_code >= 300:
        raise LoadError(f"{query_endpoint} refused the count query: HTTP {response.status_code}: {response.text[:500]}")
    try:
        rows = response.json()["results"]["bindings"]
        return {row["g"]["value"]: int(row["n"]["value"]) for row in rows}
    except (ValueError, KeyError) as exc:
        raise LoadError(f"{query_endpoint} sent an unreadable answer to the count query: {exc}") from None
