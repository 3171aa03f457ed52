"""The store interface over any SPARQL 1.1 endpoint (Fuseki, GraphDB, Virtuoso, QLever, Oxigraph server).

The service's queries read the default graph as the union of the named graphs. Endpoints differ in
how (or whether) they can be configured for that, so the store asks in the portable way: it lists
the named graphs once at start-up and passes each as ``default-graph-uri`` and ``named-graph-uri``
(SPARQL 1.1 Protocol), always by POST so the list can be long. A graph added later is seen after a
restart. Engines evaluate such a list more slowly than their own union (Oxigraph: half the speed),
so when the endpoint is configured to make its default graph the union (``union_default_graph``:
Fuseki's unionDefaultGraph, ``oxigraph serve --union-default-graph``), the list is left out.

Answers are fetched in a format pyoxigraph parses (SPARQL JSON results, N-Triples) and serialised by
service/formats.py, the same code the embedded store uses, so clients get the same bytes from both.
"""

from __future__ import annotations

import ast
import urllib.error
from collections.abc import Callable, Mapping, Sequence
from typing import Protocol, TypeVar

import httpx
import pyoxigraph as ox
from nkc_kg.service.store.embedded import QueryTimeout, SelectResult, StoreUnavailable
from nkc_kg.service.store.formats import QueryTooLarge, from_ox, serialise_answer, serialise_dump, solution_rows
from nkc_kg.service.store.values import Binding, with_values
from rdflib import Graph

Params = Sequence[tuple[str, str]]
T = TypeVar("T")

RESULTS_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"
# For a client's query, whose form we do not parse: results or a graph, both in formats we can read.
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
GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g {} }"
STAGING_PREFIX = "urn:nkc-kg:staging:"  # graphs `nkc-kg load --release` fills before it switches
QUAD_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
QUADS = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


class Transport(Protocol):
    """One HTTP POST of SPARQL Protocol form parameters.

    Raises ValueError (the endpoint refused the query: 400, with its message), QueryTimeout, or
    StoreUnavailable (unreachable, or any other HTTP error)."""

    def post(self, params: Params, accept: str, timeout: float) -> tuple[bytes, str]: ...

    def close(self) -> None: ...


class HttpxTransport:
    """Keeps connections alive in one pool shared by the worker threads (httpx.Client is thread-safe)."""

    def __init__(self, endpoint: str, pool_size: int = 16) -> None:
        self.endpoint = endpoint
        limits = httpx.Limits(max_connections=pool_size, max_keepalive_connections=pool_size)
        self._client = httpx.Client(limits=limits)

    def post(self, params: Params, accept: str, timeout: float) -> tuple[bytes, str]:
        try:
            response = self._client.post(self.endpoint, data=_form(params), headers={"accept": accept}, timeout=timeout)
        except httpx.TimeoutException:
            raise QueryTimeout(f"the SPARQL endpoint did not answer within {timeout:g} s") from None
        except httpx.HTTPError as exc:
            raise StoreUnavailable(f"cannot reach the SPARQL endpoint {self.endpoint}: {exc}") from None
        if response.status_code == 400:
            raise ValueError(response.text.strip() or "the endpoint refused the query")
        if response.status_code >= 300:
            raise StoreUnavailable(_http_error(self.endpoint, response.status_code, response.text))
        return response.content, response.headers.get("content-type", "")

    def close(self) -> None:
        self._client.close()


class SparqlWrapperTransport:
    """SPARQLWrapper: a new connection per query (urllib); kept for comparison and for endpoints
    whose quirks it knows. Slower than HttpxTransport on a service that runs many small queries."""

    def __init__(self, endpoint: str) -> None:
        self.endpoint = endpoint

    def post(self, params: Params, accept: str, timeout: float) -> tuple[bytes, str]:
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
                return response.read(), response.headers.get("content-type", "")
            finally:
                response.close()
        except QueryBadFormed as exc:
            raise ValueError(_wrapped_message(exc)) from None
        except SPARQLWrapperException as exc:
            # SPARQLWrapper turns these statuses into exception classes; say the status again
            status = {"EndPointNotFound": 404, "Unauthorized": 401, "URITooLong": 414, "EndPointInternalError": 500}
            code = status.get(type(exc).__name__, 0)
            raise StoreUnavailable(_http_error(self.endpoint, code, _wrapped_message(exc))) from None
        except urllib.error.HTTPError as exc:
            raise StoreUnavailable(_http_error(self.endpoint, exc.code, exc.read().decode(errors="replace"))) from None
        except TimeoutError:
            raise QueryTimeout(f"the SPARQL endpoint did not answer within {timeout:g} s") from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise QueryTimeout(f"the SPARQL endpoint did not answer within {timeout:g} s") from None
            raise StoreUnavailable(f"cannot reach the SPARQL endpoint {self.endpoint}: {exc.reason}") from None

    def close(self) -> None:
        pass


TRANSPORTS: dict[str, Callable[[str], Transport]] = {"httpx": HttpxTransport, "sparqlwrapper": SparqlWrapperTransport}


class RemoteStore:
    """The Store interface over a SPARQL 1.1 query endpoint; the default graph is the union of its named graphs."""

    def __init__(
        self,
        query_endpoint: str,
        *,
        timeout: float = 10.0,
        client: str = "httpx",
        graphs: Sequence[str] | None = None,
        union_default_graph: bool = False,
    ) -> None:
        self.endpoint = query_endpoint
        self.timeout = timeout
        self._transport = TRANSPORTS[client](query_endpoint)
        self.graphs: list[str] = list(graphs) if graphs is not None else self.list_graphs()
        self.union_default_graph = union_default_graph
        self._dataset: list[tuple[str, str]] = (
            []
            if union_default_graph
            else [("default-graph-uri", g) for g in self.graphs] + [("named-graph-uri", g) for g in self.graphs]
        )

    @classmethod
    def connect(
        cls, query_endpoint: str, *, timeout: float = 10.0, client: str = "httpx", union_default_graph: bool = False
    ) -> RemoteStore:
        """The store for serving: fails with what to do if the endpoint is unreachable or holds no graphs."""
        try:
            store = cls(query_endpoint, timeout=timeout, client=client, union_default_graph=union_default_graph)
        except (StoreUnavailable, QueryTimeout, ValueError) as exc:
            raise StoreUnavailable(f"{exc} (is the triple store running at {query_endpoint}?)") from None
        if not store.graphs:
            raise StoreUnavailable(
                f"the SPARQL endpoint {query_endpoint} holds no named graphs: "
                f"run `nkc-kg load --endpoint {query_endpoint}` first"
            )
        if union_default_graph and not store.ask("ASK { ?s ?p ?o }"):
            raise StoreUnavailable(
                f"the default graph of {query_endpoint} is empty, so it is not the union of its named graphs: "
                "configure the endpoint so (e.g. oxigraph serve --union-default-graph) or unset NKC_KG_ENDPOINT_UNION"
            )
        return store

    def list_graphs(self) -> list[str]:
        """The named graphs, without the staging graphs of a release being loaded (service/remote_release.py)."""
        body, content_type = self._transport.post([("query", GRAPHS)], RESULTS_JSON, self.timeout)
        _, rows = _parsed(body, content_type, solution_rows)
        return sorted(str(row["g"]) for row in rows if "g" in row and not str(row["g"]).startswith(STAGING_PREFIX))

    def _post(self, sparql: str, accept: str, timeout: float | None = None) -> tuple[bytes, str]:
        return self._transport.post([("query", sparql), *self._dataset], accept, timeout or self.timeout)

    def select(self, sparql: str, bindings: Mapping[str, Binding] | None = None) -> SelectResult:
        body, content_type = self._post(with_values(sparql, bindings), RESULTS_JSON)

        def rows(result: object) -> SelectResult:
            if not isinstance(result, ox.QuerySolutions):
                raise ValueError("not a SELECT query")
            return SelectResult(*solution_rows(result))

        return _parsed(body, content_type, rows)

    def ask(self, sparql: str, bindings: Mapping[str, Binding] | None = None) -> bool:
        body, content_type = self._post(with_values(sparql, bindings), RESULTS_JSON)

        def boolean(result: object) -> bool:
            if not isinstance(result, ox.QueryBoolean):
                raise ValueError("not an ASK query")
            return bool(result)

        return _parsed(body, content_type, boolean)

    def construct(self, sparql: str, bindings: Mapping[str, Binding] | None = None) -> Graph:
        body, content_type = self._post(with_values(sparql, bindings), N_TRIPLES)

        def graph(result: object) -> Graph:
            if isinstance(result, ox.QuerySolutions | ox.QueryBoolean):
                raise ValueError("not a CONSTRUCT or DESCRIBE query")
            out = Graph()
            for t in result:  # type: ignore[attr-defined]
                out.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
            return out

        return _parsed(body, content_type, graph)

    def answer(self, sparql: str, media_type: str | None, limit: int, timeout: float) -> tuple[bytes, str]:
        body, content_type = self._post(sparql, ANY_ANSWER, timeout)
        return _parsed(body, content_type, lambda result: serialise_answer(result, media_type, limit))  # type: ignore[arg-type]

    def dump(self, kind: str) -> tuple[bytes, str]:
        body, content_type = self._post(QUADS, RESULTS_JSON, max(self.timeout, 120.0))

        def quads(result: object) -> tuple[bytes, str]:
            assert isinstance(result, ox.QuerySolutions)
            return serialise_dump((ox.Quad(row["s"], row["p"], row["o"], row["g"]) for row in result), kind)  # type: ignore[arg-type]

        return _parsed(body, content_type, quads)

    def __len__(self) -> int:
        result = self.select(QUAD_COUNT)
        return int(result.rows[0]["n"]) if result.rows else 0  # type: ignore[call-overload]

    def close(self) -> None:
        self._transport.close()


def _parsed(body: bytes, content_type: str, use: Callable[[object], T]) -> T:
    """Parse the endpoint's answer and ``use`` it, in one frame.

    pyoxigraph's result objects must be dropped on the thread that made them, so errors are raised
    again from here, fresh, without a traceback that keeps them alive into another thread."""
    outcome = _parse_and_use(body, content_type, use)
    if isinstance(outcome, _Failure):
        raise outcome.error
    return outcome


class _Failure:
    def __init__(self, error: Exception) -> None:
        self.error = error


def _parse_and_use(body: bytes, content_type: str, use: Callable[[object], T]) -> T | _Failure:
    media = content_type.split(";")[0].strip().lower()
    try:
        if media in PARSEABLE_RESULTS:
            return use(ox.parse_query_results(body, format=PARSEABLE_RESULTS[media]))
        if media in PARSEABLE_GRAPHS:
            return use(ox.parse(body, format=PARSEABLE_GRAPHS[media]))
    except QueryTooLarge as exc:
        return _Failure(QueryTooLarge(str(exc)))
    except SyntaxError as exc:
        return _Failure(StoreUnavailable(f"the SPARQL endpoint sent a malformed answer ({media}): {exc}"))
    except ValueError as exc:
        return _Failure(ValueError(str(exc)))
    unreadable = media or "no media type"
    return _Failure(StoreUnavailable(f"the SPARQL endpoint answered in {unreadable}, which this store cannot read"))


def _form(params: Params) -> dict[str, list[str]]:
    form: dict[str, list[str]] = {}
    for name, value in params:
        form.setdefault(name, []).append(value)
    return form


def _http_error(endpoint: str, status: int, text: str) -> str:
    return f"the SPARQL endpoint {endpoint} answered HTTP {status}: {text.strip()[:500]}"


def _wrapped_message(exc: Exception) -> str:
    """The endpoint's own message, which SPARQLWrapper keeps only inside its exception text."""
    text = str(exc)
    _, _, raw = text.partition("Response:\n")
    try:
        value = ast.literal_eval(raw)
    except (ValueError, SyntaxError):
        return text
    return (value.decode(errors="replace") if isinstance(value, bytes) else str(value)).strip()
