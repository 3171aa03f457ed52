"""`nkc-kg load --endpoint`: push the dataset to a triple store, one named graph per source.

Each graph is replaced as a whole (Graph Store Protocol PUT, or DROP + INSERT DATA by SPARQL
Update), so loading twice gives the same store, and graphs of other sources are left alone.
A graph goes in batches of at most ``Target.batch`` triples (the first replaces the graph, the
others add to it): stores limit what one request may hold (Virtuoso turns an INSERT DATA into SQL
and refuses one of a few thousand triples), and a batch of a thousand triples is under every
limit met so far. The load is then checked by counting the triples of every pushed graph through
the query endpoint.

A store that asks for credentials gets them from NKC_KG_STORE_USER / NKC_KG_STORE_PASSWORD or the
netrc file (store/auth.py); no message shows them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pyoxigraph as ox
from nkc_kg.service.store.auth import CredentialsError, redacted, refuse_credentials_in, store_auth
from nkc_kg.service.store.embedded import EmbeddedStore
from nkc_kg.service.store.values import iri_term

GRAPH_COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
DEFAULT_BATCH = 1000  # triples per request
# where stores serve the Graph Store Protocol, for the message when it cannot be derived
GRAPH_STORE_HINTS = (
    "Virtuoso: --graph-store http://HOST:8890/sparql-graph-crud-auth; "
    "Fuseki: --graph-store http://HOST:3030/DATASET/data; GraphDB: --graph-store http://HOST:7200/repositories/REPO/rdf-graphs/service"
)


class LoadError(Exception):
    """The push or its check failed (exit code 1)."""


@dataclass(frozen=True)
class Target:
    query: str
    graph_store: str | None = None
    update: str | None = None
    auth: httpx.Auth | None = field(default=None, repr=False, compare=False)
    batch: int = DEFAULT_BATCH

    def __post_init__(self) -> None:
        if self.batch < 1:
            raise LoadError(f"--batch {self.batch}: expected at least 1 triple per request")

    @classmethod
    def derive(
        cls,
        query: str,
        graph_store: str | None,
        update: str | None,
        *,
        user: str | None = None,
        password: str | None = None,
        batch: int = DEFAULT_BATCH,
        netrc_file: Path | None = None,
    ) -> Target:
        """Oxigraph server serves the Graph Store Protocol at /store next to /query; others need the flag."""
        check_urls(query, graph_store, update)
        if graph_store is None and update is None:
            base, _, last = query.rstrip("/").rpartition("/")
            if last != "query":
                raise LoadError(
                    f"cannot tell where the Graph Store Protocol service of {query} is: "
                    f"pass --graph-store URL (or --update URL for SPARQL Update); for example {GRAPH_STORE_HINTS}"
                )
            graph_store = f"{base}/store"
        return cls(query, graph_store, update, authenticated(query, user, password, netrc_file), batch)

    def client(self, timeout: float) -> httpx.Client:
        return httpx.Client(timeout=timeout, auth=self.auth)


def check_urls(query: str, *others: str | None) -> None:
    if not query.startswith(("http://", "https://")):
        raise LoadError(f"--endpoint {redacted(query)!r}: expected an http(s) URL of the SPARQL query endpoint")
    try:
        for url in (query, *others):
            if url:
                refuse_credentials_in(url, "the URL")
    except CredentialsError as exc:
        raise LoadError(str(exc)) from None


def authenticated(
    url: str, user: str | None, password: str | None, netrc_file: Path | None = None
) -> httpx.Auth | None:
    try:
        return store_auth(url, user, password, netrc_file)
    except CredentialsError as exc:
        raise LoadError(str(exc)) from None


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


def batches(triples: list[ox.Triple], size: int) -> Iterator[bytes]:
    """N-Triples of ``size`` triples at a time (one empty batch for no triples: the graph is still replaced)."""
    for start in range(0, max(len(triples), 1), size):
        yield ox.serialize(triples[start : start + size], format=ox.RdfFormat.N_TRIPLES) or b""


def push(
    store: EmbeddedStore, target: Target, timeout: float = 120.0, rename: Callable[[str], str] | None = None
) -> list[GraphReport]:
    """Replace each graph at the target (under the name ``rename`` gives it, e.g. a staging graph)."""
    pushed: dict[str, int] = {}
    with target.client(timeout) as http:
        for source, triples in source_graphs(store):
            graph = rename(source) if rename else source
            for number, body in enumerate(batches(triples, target.batch)):
                replace_or_add(http, target, graph, body, replace=number == 0)
            pushed[graph] = len(triples)
        found = _counts(http, target.query)
    return [GraphReport(g, n, found.get(g, 0)) for g, n in pushed.items()]


def replace_or_add(http: httpx.Client, target: Target, graph: str, body: bytes, *, replace: bool) -> None:
    """One batch of N-Triples into ``graph``: the first replaces what the graph held, the others add."""
    if target.graph_store:
        send = http.put if replace else http.post
        response = _send(
            send,
            target.graph_store,
            params={"graph": graph},
            content=body,
            headers={"content-type": "application/n-triples"},
        )
    else:
        assert target.update
        drop = f"DROP SILENT GRAPH {iri_term(graph)} ;\n" if replace else ""
        update = f"{drop}INSERT DATA {{ GRAPH {iri_term(graph)} {{\n".encode() + body + b"} }"
        headers = {"content-type": "application/sparql-update"}
        response = _send(http.post, target.update, content=update, headers=headers)
    if response.status_code >= 300:
        where = redacted(target.graph_store or target.update or "")
        raise LoadError(f"{where} refused graph {graph}: {_refusal(response)}")


def _refusal(response: httpx.Response) -> str:
    status = response.status_code
    if status == 401:
        return (
            "HTTP 401: the store asks for credentials; set NKC_KG_STORE_USER and NKC_KG_STORE_PASSWORD "
            "(or add the host to your netrc file)"
            + (" — the ones given were not accepted" if response.request.headers.get("authorization") else "")
        )
    hint = " (wrong URL? pass --graph-store or --update)" if status in (404, 405) else ""
    # the store's message, without the request it may quote back (batches of data)
    text = response.text.strip().split("\n\n", 1)[0][:300]
    return f"HTTP {status}{hint}: {text}"


def _send(method, url: str, **kwargs: object) -> httpx.Response:  # type: ignore[no-untyped-def]
    try:
        return method(url, **kwargs)  # type: ignore[no-any-return]
    except httpx.HTTPError as exc:
        raise LoadError(f"cannot reach {redacted(url)}: {exc}") from None


def _counts(http: httpx.Client, query_endpoint: str) -> dict[str, int]:
    response = _send(
        http.post,
        query_endpoint,
        data={"query": GRAPH_COUNTS},
        headers={"accept": "application/sparql-results+json"},
    )
    if response.status_code >= 300:
        raise LoadError(f"{redacted(query_endpoint)} refused the count query: {_refusal(response)}")
    try:
        rows = response.json()["results"]["bindings"]
        return {row["g"]["value"]: int(row["n"]["value"]) for row in rows}
    except (ValueError, KeyError) as exc:
        raise LoadError(f"{redacted(query_endpoint)} sent an unreadable answer to the count query: {exc}") from None
