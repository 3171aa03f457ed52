"""The store interface over any SPARQL 1.1 endpoint (Virtuoso, Fuseki, GraphDB, QLever, Oxigraph server).

The service's queries read the default graph as the union of the named graphs. Endpoints differ in
how (or whether) they can be configured for that, so the store asks in the portable way: it lists
its graphs at start-up (those under the graph namespace of the configured base, ``<base>graph/``:
a store's own system graphs, Virtuoso's for instance, and other people's graphs are not ours) and
passes each as ``default-graph-uri`` (SPARQL 1.1 Protocol), always by POST so the list can be long;
``named-graph-uri`` only goes with a query that has a GRAPH pattern, since a longer dataset makes
some engines estimate every query dearer (Virtuoso refuses some over its cost limit). Engines
evaluate such a list more slowly than their own union (Oxigraph: half the speed), so when the
endpoint is configured to make its default graph the union (``union_default_graph``: Fuseki's
unionDefaultGraph, ``oxigraph serve --union-default-graph``), the list is left out.

Answers are fetched in a format pyoxigraph parses (SPARQL JSON results, N-Triples) and serialised by
store/formats.py, the same code the embedded store uses, so clients get the same bytes from both.
What stores answer differently is evened out when read (read.py): booleans in their canonical form.

Rows are never lost silently: stores may cut an answer at a row cap (Virtuoso's ResultSetMaxRows,
10 000 as Debian ships it) without an error. :meth:`RemoteStore.connect` measures the cap once; an
answer that reaches it (or that the store marks as cut) is refused as too large rather than served
short, and the dumps are read graph by graph, page by page, and checked against the graphs' counts.

Failures are logged with the query and the store's message under a request id; the exception the
client sees names the id only, never the store's address or the query (errors.py).
"""

from __future__ import annotations

import ast
import itertools
import urllib.error
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

import httpx
import pyoxigraph as ox
from nkc_kg.loaders.iris import Iris
from nkc_kg.service.store.auth import CredentialsError, redacted, refuse_credentials_in, store_auth
from nkc_kg.service.store.embedded import QueryDataset, QueryTimeout, SelectResult, StoreUnavailable
from nkc_kg.service.store.errors import EndpointFailure, logged_failure, store_message
from nkc_kg.service.store.formats import QueryTooLarge, from_ox, serialise_answer, serialise_dump, too_large
from nkc_kg.service.store.query_text import names_graphs, needs_base, query_form, top_level_limit
from nkc_kg.service.store.read import Solutions, canonical_answer, canonical_graph
from nkc_kg.service.store.values import Binding, iri_term, with_values
from rdflib import Graph

Params = Sequence[tuple[str, str]]
T = TypeVar("T")

RESULTS_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"
GRAPH_ANSWER = f"{N_TRIPLES}, text/plain;q=0.9, text/turtle;q=0.8"
# For a client's query whose form the scan could not tell: results or a graph, both in formats we read.
ANY_ANSWER = f"{RESULTS_JSON}, {N_TRIPLES};q=0.9, application/sparql-results+xml;q=0.5, text/turtle;q=0.5"
PARSEABLE_RESULTS = {
    RESULTS_JSON: ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
PARSEABLE_GRAPHS = {
    N_TRIPLES: ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,  # older endpoints label N-Triples so
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}
# Listing the graphs: the empty pattern is cheap where it works; Virtuoso answers it with one
# unbound row, so then the graphs are found by their triples.
GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g {} }"
GRAPHS_WITH_TRIPLES = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
STAGING_PREFIX = "urn:nkc-kg:staging:"  # graphs `nkc-kg load --release` fills before it switches
NO_GRAPH = "urn:nkc-kg:no-graph"  # names an empty dataset part: no store holds it
QUAD_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
GRAPH_SIZE = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
GRAPH_QUADS = "SELECT ?s ?p ?o WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}"
# One graph's quads a page at a time. The sort is in a subquery: Virtuoso refuses an ORDER BY whose
# OFFSET + LIMIT passes its row cap, but pages an ordered subquery.
GRAPH_PAGE = (
    "SELECT ?s ?p ?o WHERE {{ {{ SELECT ?s ?p ?o WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }} ORDER BY ?s ?p ?o }} }}"
)
# The release the store holds, from the record `nkc-kg load --release` writes in one request with the graphs
RELEASE_VERSION = "SELECT ?version WHERE {{ GRAPH {graph} {{ ?r <http://www.w3.org/ns/dcat#version> ?version }} }}"
# More rows than any answer the service asks for itself; a cap below it is found and respected.
PROBE_ROWS = 20_001
DUMP_PAGE = 10_000


@dataclass(frozen=True)
class Reply:
    body: bytes
    content_type: str
    cut: bool = False  # the store said it cut the answer at its row cap (Virtuoso: X-SPARQL-MaxRows)


class Transport(Protocol):
    """One HTTP POST of SPARQL Protocol form parameters.

    Raises ValueError (the endpoint refused the query: 400, with its message), QueryTimeout, or
    EndpointFailure (unreachable, or any other HTTP error; its message is for the log)."""

    def post(self, params: Params, accept: str, timeout: float) -> Reply: ...

    def close(self) -> None: ...


class HttpxTransport:
    """Keeps connections alive in one pool shared by the worker threads (httpx.Client is thread-safe)."""

    def __init__(self, endpoint: str, pool_size: int = 16, auth: httpx.Auth | None = None) -> None:
        self.endpoint = endpoint
        limits = httpx.Limits(max_connections=pool_size, max_keepalive_connections=pool_size)
        self._client = httpx.Client(limits=limits, auth=auth)

    def post(self, params: Params, accept: str, timeout: float) -> Reply:
        data, headers = _form(params), {"accept": accept}
        try:
            try:
                response = self._client.post(self.endpoint, data=data, headers=headers, timeout=timeout)
            except httpx.TimeoutException:
                raise
            except httpx.TransportError:
                # a kept-alive connection to a store that restarted is closed: queries are read-only,
                # so the request is sent once more, on a new connection
                response = self._client.post(self.endpoint, data=data, headers=headers, timeout=timeout)
        except httpx.TimeoutException:
            raise QueryTimeout(f"the triple store did not answer within {timeout:g} s") from None
        except httpx.HTTPError as exc:
            raise EndpointFailure(None, f"cannot reach {redacted(self.endpoint)}: {exc}") from None
        if response.status_code == 400:
            raise ValueError(response.text.strip() or "the endpoint refused the query")
        if response.status_code >= 300:
            raise EndpointFailure(response.status_code, response.text)
        cut = "x-sparql-maxrows" in response.headers
        return Reply(response.content, response.headers.get("content-type", ""), cut)

    def close(self) -> None:
        self._client.close()


class SparqlWrapperTransport:
    """SPARQLWrapper: a new connection per query (urllib); kept for comparison and for endpoints
    whose quirks it knows. Slower than HttpxTransport on a service that runs many small queries.
    It sends no credentials (use httpx for a store that asks for them)."""

    def __init__(self, endpoint: str, auth: httpx.Auth | None = None) -> None:
        self.endpoint = endpoint

    def post(self, params: Params, accept: str, timeout: float) -> Reply:
        from SPARQLWrapper import POST, URLENCODED, SPARQLWrapper
        from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, SPARQLWrapperException

        wrapper = SPARQLWrapper(self.endpoint)
        wrapper.setMethod(POST)
        wrapper.setRequestMethod(URLENCODED)
        wrapper.setOnlyConneg(True)  # no format=/output= parameters: the Accept header decides
        wrapper.timeout = timeout  # type: ignore[assignment]  # setTimeout() truncates to whole seconds
        wrapper.addCustomHttpHeader("Accept", accept)
        for name, value in params:
            if name == "query":
                wrapper.setQuery(value)
            elif name == "default-graph-uri":
                wrapper.addDefaultGraph(value)
            elif name == "named-graph-uri":
                wrapper.addNamedGraph(value)
        try:
            response = wrapper.query().response
            try:
                cut = response.headers.get("x-sparql-maxrows") is not None
                return Reply(response.read(), response.headers.get("content-type", ""), cut)
            finally:
                response.close()
        except QueryBadFormed as exc:
            raise ValueError(_wrapped_message(exc)) from None
        except SPARQLWrapperException as exc:
            # SPARQLWrapper turns these statuses into exception classes; say the status again
            status = {"EndPointNotFound": 404, "Unauthorized": 401, "URITooLong": 414, "EndPointInternalError": 500}
            raise EndpointFailure(status.get(type(exc).__name__, 0), _wrapped_message(exc)) from None
        except urllib.error.HTTPError as exc:
            raise EndpointFailure(exc.code, exc.read().decode(errors="replace")) from None
        except TimeoutError:
            raise QueryTimeout(f"the triple store did not answer within {timeout:g} s") from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise QueryTimeout(f"the triple store did not answer within {timeout:g} s") from None
            raise EndpointFailure(None, f"cannot reach {redacted(self.endpoint)}: {exc.reason}") from None

    def close(self) -> None:
        pass


TRANSPORTS: dict[str, Callable[..., Transport]] = {"httpx": HttpxTransport, "sparqlwrapper": SparqlWrapperTransport}


class RemoteStore:
    """The Store interface over a SPARQL 1.1 query endpoint; the default graph is the union of its graphs."""

    def __init__(
        self,
        query_endpoint: str,
        *,
        timeout: float = 10.0,
        client: str = "httpx",
        graphs: Sequence[str] | None = None,
        union_default_graph: bool = False,
        auth: httpx.Auth | None = None,
        graph_namespace: str | None = None,
        row_cap: int | None = None,
        connecting: bool = False,
    ) -> None:
        try:
            refuse_credentials_in(query_endpoint, "NKC_KG_ENDPOINT")
        except CredentialsError as exc:
            raise StoreUnavailable(str(exc)) from None
        self.endpoint = query_endpoint
        self.timeout = timeout
        self.graph_namespace = graph_namespace if graph_namespace is not None else str(Iris().graph(""))
        self.row_cap = row_cap  # the store's row cap below PROBE_ROWS, once measured (connect)
        self._transport = TRANSPORTS[client](query_endpoint, auth=auth)
        self._starting = connecting  # failures while connecting are told by connect(), not logged
        self.union_default_graph = union_default_graph
        self.graphs: list[str] = list(graphs) if graphs is not None else self.list_graphs()

    @classmethod
    def connect(
        cls,
        query_endpoint: str,
        *,
        timeout: float = 10.0,
        client: str = "httpx",
        union_default_graph: bool = False,
        user: str | None = None,
        password: str | None = None,
        graph_namespace: str | None = None,
        netrc_file: Path | None = None,
    ) -> RemoteStore:
        """The store for serving: fails with what to do if the endpoint is unreachable or holds no graphs.
        ``user`` and ``password`` (else the netrc entry of its host) answer the store's challenge, if it sends one."""
        where = redacted(query_endpoint)
        try:
            auth = store_auth(query_endpoint, user, password, netrc_file)
            store = cls(
                query_endpoint,
                timeout=timeout,
                client=client,
                union_default_graph=union_default_graph,
                auth=auth,
                graph_namespace=graph_namespace,
                connecting=True,
            )
            store.row_cap = store.measure_row_cap()
            store._starting = False
        except (StoreUnavailable, QueryTimeout, ValueError) as exc:  # CredentialsError is a ValueError
            reason = getattr(exc, "reason", None) or str(exc)
            raise StoreUnavailable(f"{reason} (is the triple store running at {where}?)") from None
        if not store.graphs:
            raise StoreUnavailable(
                f"the SPARQL endpoint {where} holds no graphs under {store.graph_namespace}: "
                f"run `nkc-kg load --endpoint {where}` first"
            )
        if union_default_graph and not store.ask("ASK { ?s ?p ?o }"):
            raise StoreUnavailable(
                f"the default graph of {where} is empty, so it is not the union of its named graphs: "
                "configure the endpoint so (e.g. oxigraph serve --union-default-graph) or unset NKC_KG_ENDPOINT_UNION"
            )
        return store

    # ------------------------------------------------------------------------------------ what it holds

    def list_graphs(self) -> list[str]:
        """Our graphs (under ``graph_namespace``), without the staging graphs of a release being loaded."""
        found: set[str] = set()
        for sparql in (GRAPHS, GRAPHS_WITH_TRIPLES):
            found = {str(row["g"]) for row in self._solutions(sparql, RESULTS_JSON, []).rdflib_rows()[1] if "g" in row}
            if found:
                break
        return sorted(g for g in found if g.startswith(self.graph_namespace) and not g.startswith(STAGING_PREFIX))

    def release_version(self, record_graph: str) -> str | None:
        """The version the store's release record names (None: no release was loaded with --release).
        Asked of the store's own dataset: the record may be newer than the graphs listed at start-up."""
        sparql = RELEASE_VERSION.format(graph=iri_term(record_graph))
        versions = sorted(str(row["version"]) for row in self._solutions(sparql, RESULTS_JSON, []).rdflib_rows()[1])
        return versions[0] if versions else None

    def measure_row_cap(self) -> int | None:
        """The most rows the store returns for one query, if fewer than PROBE_ROWS (None: no cap below it)."""
        width = 100
        rows = -(-PROBE_ROWS // width)
        probe = (
            "SELECT ?a ?b WHERE { VALUES ?a { "
            + " ".join(map(str, range(width)))
            + " } VALUES ?b { "
            + " ".join(map(str, range(rows)))
            + " } }"
        )
        reply = self._post(probe, RESULTS_JSON, [])
        count = _parsed(reply, lambda result: sum(1 for _ in result))  # type: ignore[attr-defined]
        return count if count < width * rows else None

    # ------------------------------------------------------------------------------------ the Store interface

    def select(self, sparql: str, bindings: Mapping[str, Binding] | None = None) -> SelectResult:
        query = with_values(sparql, bindings)
        solutions = self._solutions(query, RESULTS_JSON, self._params(query))
        if self._maybe_cut(solutions.count, solutions.cut, query):
            raise self._cut(solutions.count, query)
        variables, rows = solutions.rdflib_rows()
        return SelectResult(variables, rows)

    def ask(self, sparql: str, bindings: Mapping[str, Binding] | None = None) -> bool:
        query = with_values(sparql, bindings)
        reply = self._post_internal(query, RESULTS_JSON)

        def boolean(result: object) -> bool:
            if not isinstance(result, ox.QueryBoolean):
                raise ValueError("not an ASK query")
            return bool(result)

        return self._read(reply, boolean, query)

    def construct(self, sparql: str, bindings: Mapping[str, Binding] | None = None) -> Graph:
        query = with_values(sparql, bindings)
        reply = self._post_internal(query, GRAPH_ANSWER)

        def graph(result: object) -> Graph:
            if isinstance(result, ox.QuerySolutions | ox.QueryBoolean):
                raise ValueError("not a CONSTRUCT or DESCRIBE query")
            out = Graph()
            for t in canonical_graph(result):  # type: ignore[arg-type]
                out.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
            return out

        out = self._read(reply, graph, query)
        if self._maybe_cut(len(out), reply.cut, query):
            raise self._cut(len(out), query)
        return out

    def answer(
        self,
        sparql: str,
        media_type: str | None,
        limit: int,
        timeout: float,
        dataset: QueryDataset | None = None,
        base: str | None = None,
    ) -> tuple[bytes, str]:
        """A client's query. ``dataset`` (already taken out of the query text) is kept to our graphs:
        a graph the store does not hold for us is empty, and the store is never asked to fetch one."""
        # the endpoint's base for relative IRIs; only where there are any, so that the store's error
        # positions (line:column) stay those of the client's text
        query = f"BASE {iri_term(base)} {sparql}" if base and needs_base(sparql) else sparql
        form = query_form(query)
        accept = {"SELECT": RESULTS_JSON, "ASK": RESULTS_JSON, "CONSTRUCT": GRAPH_ANSWER, "DESCRIBE": GRAPH_ANSWER}
        try:
            reply = self._transport.post(
                [("query", query), *self._params(query, dataset)], accept.get(form or "", ANY_ANSWER), timeout
            )
        except ValueError as exc:
            raise ValueError(store_message(str(exc))) from None
        except EndpointFailure as exc:
            raise self._failure(exc, self.endpoint, query) from None

        def serialised(result: object) -> tuple[bytes, str]:
            answer = canonical_answer(result)
            if isinstance(answer, ox.QueryBoolean):
                return serialise_answer(answer, media_type, limit)
            items = answer.rows if isinstance(answer, Solutions) else list(answer)  # type: ignore[attr-defined]
            if self._maybe_cut(len(items), reply.cut, query):
                raise QueryTooLarge(too_large(limit, self.row_cap))
            return serialise_answer(answer if isinstance(answer, Solutions) else items, media_type, limit)  # type: ignore[arg-type]

        return self._read(reply, serialised, query, client=True)

    def dump(self, kind: str) -> tuple[bytes, str]:
        return serialise_dump(self.quads(), kind)

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of our graphs, graph by graph, each graph checked against its count: in one query
        per graph where the store has no row cap, else (or if that came back short) page by page."""
        for graph in self.graphs:
            expected = self._count(GRAPH_SIZE.replace("?g", iri_term(graph)))
            quads = set() if self.row_cap else self._graph_quads(graph, GRAPH_QUADS.format(graph=iri_term(graph)))
            if len(quads) != expected:
                quads = self._paged_quads(graph, min(self.row_cap or DUMP_PAGE, DUMP_PAGE))
            if len(quads) != expected:
                failure = EndpointFailure(None, f"read {len(quads)} quads of graph {graph}, which holds {expected}")
                summary = "the triple store did not give every quad of a graph"
                raise self._failure(failure, self.endpoint, GRAPH_QUADS.format(graph=iri_term(graph)), summary)
            yield from sorted(quads, key=str)

    def _graph_quads(self, graph: str, sparql: str) -> set[ox.Quad]:
        node = ox.NamedNode(graph)
        rows = self._solutions(sparql, RESULTS_JSON, []).ox_rows()
        return {ox.Quad(row["s"], row["p"], row["o"], node) for row in rows}  # type: ignore[arg-type]

    def _paged_quads(self, graph: str, page: int) -> set[ox.Quad]:
        quads: set[ox.Quad] = set()
        for offset in itertools.count(0, page):
            sparql = f"{GRAPH_PAGE.format(graph=iri_term(graph))} LIMIT {page} OFFSET {offset}"
            found = self._graph_quads(graph, sparql)
            before = len(quads)
            quads |= found
            if len(found) < page or len(quads) == before:
                return quads
        return quads  # pragma: no cover - the loop only ends by returning

    def __len__(self) -> int:
        return self._count(QUAD_COUNT)

    def close(self) -> None:
        self._transport.close()

    # ------------------------------------------------------------------------------------ requests

    def _params(self, sparql: str, dataset: QueryDataset | None = None) -> list[tuple[str, str]]:
        """The dataset, as protocol parameters: ours unless ``dataset`` narrows it (to graphs we hold).
        (The store's own dataset, no parameters, is asked for only by queries that name their graphs.)"""
        if dataset is None:
            if self.union_default_graph:
                return []
            params = [("default-graph-uri", g) for g in self.graphs]
            if names_graphs(sparql):
                params += [("named-graph-uri", g) for g in self.graphs]
            return params
        ours = set(self.graphs)
        default = [g for g in dataset.default if g in ours] or [NO_GRAPH]
        named = [g for g in dataset.named if g in ours] or [NO_GRAPH]
        return [("default-graph-uri", g) for g in default] + [("named-graph-uri", g) for g in named]

    def _post(self, sparql: str, accept: str, params: Params, timeout: float | None = None) -> Reply:
        try:
            return self._transport.post([("query", sparql), *params], accept, timeout or self.timeout)
        except ValueError as exc:
            # the service's own query: not the client's fault, and the store's reason belongs in the log
            failure = EndpointFailure(400, str(exc))
            raise self._failure(failure, self.endpoint, sparql, summary="the triple store refused a query") from None
        except EndpointFailure as exc:
            raise self._failure(exc, self.endpoint, sparql) from None

    def _post_internal(self, sparql: str, accept: str) -> Reply:
        return self._post(sparql, accept, self._params(sparql))

    def _solutions(self, sparql: str, accept: str, params: Params) -> Solutions:
        reply = self._post(sparql, accept, params)

        def solutions(result: object) -> Solutions:
            if not isinstance(result, ox.QuerySolutions):
                raise ValueError("not a SELECT query")
            return Solutions.read(result, cut=reply.cut)

        return self._read(reply, solutions, sparql)

    def _count(self, sparql: str) -> int:
        rows = self._solutions(sparql, RESULTS_JSON, self._params(sparql)).rdflib_rows()[1]
        return int(rows[0]["n"]) if rows else 0  # type: ignore[call-overload]

    def _failure(
        self, failure: EndpointFailure, endpoint: str, sparql: str, summary: str | None = None
    ) -> StoreUnavailable:
        return logged_failure(failure, endpoint, sparql, summary, log_it=not self._starting)

    def _maybe_cut(self, count: int, cut: bool, sparql: str) -> bool:
        """Whether the store may have cut this answer at its row cap (unless the query's own LIMIT explains it)."""
        if cut:
            return True
        if self.row_cap is None or count < self.row_cap:
            return False
        limit = top_level_limit(sparql)
        return limit is None or limit > self.row_cap

    def _cut(self, count: int, sparql: str) -> StoreUnavailable:
        failure = EndpointFailure(None, f"{count} rows: the store's row cap is {self.row_cap}")
        return self._failure(failure, self.endpoint, sparql, summary="the triple store cut an answer at its row cap")

    def _read(self, reply: Reply, use: Callable[[object], T], sparql: str, client: bool = False) -> T:
        try:
            return _parsed(reply, use)
        except EndpointFailure as exc:
            raise self._failure(exc, self.endpoint, sparql) from None
        except ValueError as exc:
            if client or isinstance(exc, QueryTooLarge):
                raise
            failure = EndpointFailure(None, f"unexpected answer: {exc}")
            raise self._failure(failure, self.endpoint, sparql) from None


def _parsed(reply: Reply, use: Callable[[object], T]) -> T:
    """Parse the endpoint's answer and ``use`` it, in one frame.

    pyoxigraph's result objects must be dropped on the thread that made them, so errors are raised
    again from here, fresh, without a traceback that keeps them alive into another thread."""
    outcome = _parse_and_use(reply, use)
    if isinstance(outcome, _Failure):
        raise outcome.error
    return outcome


class _Failure:
    def __init__(self, error: Exception) -> None:
        self.error = error


def _parse_and_use(reply: Reply, use: Callable[[object], T]) -> T | _Failure:
    media = reply.content_type.split(";")[0].strip().lower()
    try:
        if media in PARSEABLE_RESULTS:
            return use(ox.parse_query_results(reply.body, format=PARSEABLE_RESULTS[media]))
        if media in PARSEABLE_GRAPHS:
            return use(ox.parse(reply.body, format=PARSEABLE_GRAPHS[media]))
    except QueryTooLarge as exc:
        return _Failure(QueryTooLarge(str(exc)))
    except StoreUnavailable as exc:
        return _Failure(exc)
    except SyntaxError as exc:
        return _Failure(EndpointFailure(None, f"a malformed answer ({media}): {exc}"))
    except ValueError as exc:
        return _Failure(ValueError(str(exc)))
    unreadable = media or "no media type"
    return _Failure(EndpointFailure(None, f"an answer in {unreadable}, which this store cannot read"))


def _form(params: Params) -> dict[str, list[str]]:
    form: dict[str, list[str]] = {}
    for name, value in params:
        form.setdefault(name, []).append(value)
    return form


def _wrapped_message(exc: Exception) -> str:
    """The endpoint's own message, which SPARQLWrapper keeps only inside its exception text."""
    text = str(exc)
    _, _, raw = text.partition("Response:\n")
    try:
        value = ast.literal_eval(raw)
    except (ValueError, SyntaxError):
        return text
    return (value.decode(errors="replace") if isinstance(value, bytes) else str(value)).strip()
