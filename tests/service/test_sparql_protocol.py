"""The query side of the W3C SPARQL 1.1 Protocol tests, on the service over each store.

Each test is named after its case in the W3C test suite (data-sparql11/protocol, the query
operation). The dataset cases use the project's graphs instead of the suite's data1..data3.rdf: the
ontology graph (no subject of it is in another graph), the curated graph and a plan's graph. Clients
with their default settings (SPARQLWrapper, rdflib's SPARQLStore) talk to a real `nkc-kg serve`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from nkc_kg.service.store.embedded import EmbeddedStore
from rdflib import Graph, Literal, URIRef

GRAPH = "https://w3id.org/nkc-kg/graph/"
ONTOLOGY, CURATED, PLAN = f"{GRAPH}ontology", f"{GRAPH}curated", f"{GRAPH}actieplan-zeldzame-kankers-2025"
IN_ONTOLOGY = "<https://w3id.org/nkc-kg/def#Person>"  # a subject of the ontology graph only
IN_CURATED = "<https://w3id.org/nkc-kg/initiative/accelerate>"  # of the curated graph only
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
NAMED = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
JSON = {"accept": "application/sparql-results+json"}
DIRECT = "application/sparql-query"


@pytest.fixture(scope="module", params=["embedded", "oxigraph", "virtuoso"])
def sparql(request: pytest.FixtureRequest) -> TestClient:
    """The service over the embedded store, `oxigraph serve` and Virtuoso."""
    name = {"embedded": "embedded_client", "oxigraph": "remote_client", "virtuoso": "virtuoso_client"}[request.param]
    return request.getfixturevalue(name)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def sizes(store: EmbeddedStore) -> dict[str, int]:
    rows = store.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g").rows
    return {str(row["g"]): int(row["n"]) for row in rows}  # type: ignore[call-overload]


def count(response: httpx.Response) -> int:
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def boolean(response: httpx.Response) -> bool:
    assert response.status_code == 200, response.text
    return bool(response.json()["boolean"])


def graphs(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [row["g"]["value"] for row in response.json()["results"]["bindings"]]


# -- positive tests ----------------------------------------------------------------------------------


def test_query_get(sparql: TestClient) -> None:
    assert boolean(sparql.get("/sparql", params={"query": "ASK {}"}, headers=JSON)) is True


def test_query_post_form(sparql: TestClient) -> None:
    assert boolean(sparql.post("/sparql", data={"query": "ASK {}"}, headers=JSON)) is True


def test_query_post_direct(sparql: TestClient) -> None:
    assert boolean(sparql.post("/sparql", content="ASK {}", headers={**JSON, "content-type": DIRECT})) is True


@pytest.mark.parametrize("method", ["get", "post"])
def test_query_dataset_default_graph(sparql: TestClient, sizes: dict[str, int], method: str) -> None:
    params = {"default-graph-uri": ONTOLOGY}
    if method == "get":
        response = sparql.get("/sparql", params={**params, "query": COUNT}, headers=JSON)
    else:
        response = sparql.post("/sparql", params=params, content=COUNT, headers={**JSON, "content-type": DIRECT})
    assert count(response) == sizes[ONTOLOGY]


@pytest.mark.parametrize("method", ["get", "post"])
def test_query_dataset_default_graphs(sparql: TestClient, method: str) -> None:
    query = f"ASK {{ {IN_ONTOLOGY} ?p ?o . {IN_CURATED} ?q ?r }}"
    params = {"default-graph-uri": [ONTOLOGY, CURATED]}
    if method == "get":
        both = sparql.get("/sparql", params={**params, "query": query}, headers=JSON)
    else:
        both = sparql.post("/sparql", params=params, content=query, headers={**JSON, "content-type": DIRECT})
    assert boolean(both) is True
    one = sparql.get("/sparql", params={"default-graph-uri": ONTOLOGY, "query": query}, headers=JSON)
    assert boolean(one) is False


@pytest.mark.parametrize("method", ["get", "post"])
def test_query_dataset_named_graphs(sparql: TestClient, method: str) -> None:
    params = {"named-graph-uri": [ONTOLOGY, CURATED]}
    if method == "get":
        response = sparql.get("/sparql", params={**params, "query": NAMED}, headers=JSON)
    else:
        response = sparql.post("/sparql", params=params, data={"query": NAMED}, headers=JSON)
    assert graphs(response) == [CURATED, ONTOLOGY]
    # only named graphs given: the default graph is empty
    assert count(sparql.get("/sparql", params={**params, "query": COUNT}, headers=JSON)) == 0


def test_query_dataset_full(sparql: TestClient, sizes: dict[str, int]) -> None:
    params = {"default-graph-uri": ONTOLOGY, "named-graph-uri": [CURATED, PLAN]}
    assert graphs(sparql.get("/sparql", params={**params, "query": NAMED}, headers=JSON)) == [PLAN, CURATED]
    assert count(sparql.get("/sparql", params={**params, "query": COUNT}, headers=JSON)) == sizes[ONTOLOGY]


def test_query_multiple_dataset(sparql: TestClient) -> None:
    """The protocol's dataset wins over the query's FROM."""
    query = f"ASK FROM <{CURATED}> {{ {IN_ONTOLOGY} ?p ?o }}"
    assert boolean(sparql.get("/sparql", params={"default-graph-uri": ONTOLOGY, "query": query}, headers=JSON)) is True
    assert boolean(sparql.get("/sparql", params={"query": query}, headers=JSON)) is False


def test_from_and_from_named_in_the_query(sparql: TestClient, sizes: dict[str, int]) -> None:
    assert (
        count(sparql.get("/sparql", params={"query": f"SELECT (COUNT(*) AS ?n) FROM <{ONTOLOGY}> {{ ?s ?p ?o }}"}))
        == (sizes[ONTOLOGY])
    )
    prefixed = f"PREFIX g: <{GRAPH}> SELECT (COUNT(*) AS ?n) FROM g:ontology FROM g:curated WHERE {{ ?s ?p ?o }}"
    assert count(sparql.get("/sparql", params={"query": prefixed})) == sizes[ONTOLOGY] + sizes[CURATED]
    named = f"SELECT DISTINCT ?g FROM NAMED <{CURATED}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    assert graphs(sparql.get("/sparql", params={"query": named})) == [CURATED]
    only_named = f"SELECT (COUNT(*) AS ?n) FROM NAMED <{CURATED}> WHERE {{ ?s ?p ?o }}"
    assert count(sparql.get("/sparql", params={"query": only_named})) == 0


def test_without_a_dataset_the_default_graph_is_the_union_and_every_graph_is_named(
    sparql: TestClient, sizes: dict[str, int]
) -> None:
    assert graphs(sparql.get("/sparql", params={"query": NAMED})) == sorted(sizes)
    union = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
    distinct = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"
    assert count(sparql.get("/sparql", params={"query": union})) == count(
        sparql.get("/sparql", params={"query": distinct})
    )


@pytest.fixture
def listener() -> Iterator[tuple[str, list[str]]]:
    """A loopback HTTP server that records every request: the endpoint must never fetch a graph."""
    requested: list[str] = []

    class Record(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requested.append(self.path)
            self.send_response(200)
            self.send_header("content-type", "text/turtle")
            self.end_headers()
            self.wfile.write(b"<urn:a> <urn:b> <urn:c> .\n")

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Record)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/data.ttl", requested
    server.shutdown()


def test_an_unknown_graph_is_empty_and_never_fetched(sparql: TestClient, listener: tuple[str, list[str]]) -> None:
    url, requested = listener
    assert count(sparql.get("/sparql", params={"default-graph-uri": url, "query": COUNT})) == 0
    assert count(sparql.get("/sparql", params={"query": f"SELECT (COUNT(*) AS ?n) FROM <{url}> {{ ?s ?p ?o }}"})) == 0
    named = sparql.get("/sparql", params={"query": f"SELECT ?g FROM NAMED <{url}> {{ GRAPH ?g {{ ?s ?p ?o }} }}"})
    assert graphs(named) == []
    assert requested == []


@pytest.mark.parametrize(
    ("query", "media"),
    [
        ("SELECT (1 AS ?value) {}", {"application/sparql-results+json", "application/sparql-results+xml", "text/csv"}),
        ("ASK {}", {"application/sparql-results+json", "application/sparql-results+xml"}),
        ("DESCRIBE <https://w3id.org/nkc-kg/plan/zeldzame-kankers-2025>", {"text/turtle", "application/rdf+xml"}),
        ("CONSTRUCT { <s> <p> 1 } WHERE {}", {"text/turtle", "application/rdf+xml", "application/n-triples"}),
    ],
    ids=["select", "ask", "describe", "construct"],
)
def test_query_content_type(sparql: TestClient, query: str, media: set[str]) -> None:
    response = sparql.post("/sparql", content=query, headers={"content-type": DIRECT})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] in media
    assert response.headers["vary"] == "Accept"


def test_a_relative_iri_is_resolved_against_the_endpoint(sparql: TestClient) -> None:
    # the endpoint's address as configured (NKC_KG_PUBLIC_URL; unset here: the dataset's base IRI),
    # never the Host header a client sends
    response = sparql.post(
        "/sparql",
        content="CONSTRUCT { <s> <p> 1 } WHERE {}",
        headers={"content-type": DIRECT, "accept": "text/turtle", "host": "attacker.example"},
    )
    graph = Graph().parse(data=response.text, format="turtle")
    assert (URIRef("https://w3id.org/nkc-kg/s"), URIRef("https://w3id.org/nkc-kg/p"), Literal(1)) in graph


@pytest.mark.parametrize(
    ("accept", "query", "media"),
    [
        ("application/*", "SELECT (1 AS ?x) {}", "application/sparql-results+json"),
        ("application/*", "CONSTRUCT { <urn:s> <urn:p> 1 } WHERE {}", "application/n-triples"),
        ("text/*;q=0.9, application/xml", "SELECT (1 AS ?x) {}", "application/xml"),
        ("*/*", "CONSTRUCT { <urn:s> <urn:p> 1 } WHERE {}", "text/turtle"),
        ("text/csv;q=0.1, application/sparql-results+xml", "ASK {}", "application/sparql-results+xml"),
    ],
)
def test_accept_ranges_and_qualities(sparql: TestClient, accept: str, query: str, media: str) -> None:
    response = sparql.get("/sparql", params={"query": query}, headers={"accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith(media), response.text


def test_a_format_the_endpoint_does_not_know_leaves_it_to_accept(sparql: TestClient) -> None:
    """SPARQLWrapper sends format=n3, or format=json-ld&format=application/ld+json,… with its Accept."""
    construct = "CONSTRUCT { <urn:s> <urn:p> 1 } WHERE {}"
    n3 = sparql.get("/sparql", params={"query": construct, "format": "n3"}, headers={"accept": "text/turtle"})
    assert n3.status_code == 200 and n3.headers["content-type"].startswith("text/turtle")
    jsonld = sparql.get(
        "/sparql",
        params=[("query", construct), ("format", "json-ld"), ("format", "application/ld+json,application/x-json+ld")],
    )
    assert jsonld.status_code == 200 and jsonld.headers["content-type"].startswith("application/ld+json")


# -- negative tests ----------------------------------------------------------------------------------


def test_bad_query_method(sparql: TestClient) -> None:
    assert sparql.put("/sparql", params={"query": "ASK {}"}).status_code == 405


def test_bad_multiple_queries(sparql: TestClient) -> None:
    response = sparql.get("/sparql", params=[("query", "ASK {}"), ("query", "SELECT * {}")])
    assert response.status_code == 400 and response.json()["error"] == "several queries"
    form = sparql.post("/sparql", data={"query": ["ASK {}", "SELECT * {}"]})
    assert form.status_code == 400


def test_bad_query_wrong_media_type(sparql: TestClient) -> None:
    assert sparql.post("/sparql", content="ASK {}", headers={"content-type": "text/plain"}).status_code == 415


def test_bad_query_missing_form_type(sparql: TestClient) -> None:
    assert sparql.post("/sparql", content="query=ASK%20%7B%7D").status_code in (400, 415)


def test_bad_query_missing_direct_type(sparql: TestClient) -> None:
    assert sparql.post("/sparql", content="ASK {}").status_code in (400, 415)


def test_bad_query_non_utf8(sparql: TestClient) -> None:
    response = sparql.post(
        "/sparql",
        content="ASK {}".encode("utf-16"),
        headers={"content-type": "application/sparql-query; charset=UTF-16"},
    )
    assert response.status_code == 400


def test_bad_query_syntax(sparql: TestClient) -> None:
    response = sparql.get("/sparql", params={"query": "ASK {"})
    assert response.status_code == 400 and response.json()["error"] == "malformed query"


def test_bad_update_get(sparql: TestClient) -> None:
    response = sparql.get("/sparql", params={"update": "CLEAR ALL"})
    assert response.status_code == 400 and response.json()["error"] == "update on the query endpoint"


def test_an_update_posted_to_the_query_endpoint_is_400(sparql: TestClient) -> None:
    for response in (
        sparql.post("/sparql", data={"update": "CLEAR ALL"}),
        sparql.post("/sparql", content="CLEAR ALL", headers={"content-type": "application/sparql-update"}),
    ):
        assert response.status_code == 400 and set(response.json()) == {"error", "detail"}


# -- real clients with their default settings ------------------------------------------------------

PLANS = """PREFIX nkc: <https://w3id.org/nkc-kg/def#> PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?id WHERE { ?plan a nkc:ActionPlan ; dcterms:identifier ?id } ORDER BY ?id"""
TITLES = """PREFIX nkc: <https://w3id.org/nkc-kg/def#> PREFIX dcterms: <http://purl.org/dc/terms/>
CONSTRUCT { ?plan dcterms:title ?title } WHERE { ?plan a nkc:ActionPlan ; dcterms:title ?title }"""


@pytest.mark.parametrize("return_format", ["json", "xml", "csv", "tsv"])
def test_sparqlwrapper_select_in_every_results_format(live_server: str, return_format: str) -> None:
    from SPARQLWrapper import SPARQLWrapper

    wrapper = SPARQLWrapper(f"{live_server}/sparql")  # GET, format=… and Accept, as it comes
    wrapper.setQuery(PLANS)
    wrapper.setReturnFormat(return_format)
    answer = wrapper.query()
    assert answer.response.status == 200
    body = answer.response.read().decode()
    assert all(plan in body for plan in ("late-gevolgen-2025", "zeldzame-kankers-2024", "zeldzame-kankers-2025"))


@pytest.mark.parametrize("return_format", ["turtle", "n3", "xml", "json-ld"])
def test_sparqlwrapper_construct_in_every_rdf_format(
    live_server: str, store: EmbeddedStore, return_format: str
) -> None:
    from SPARQLWrapper import SPARQLWrapper

    wrapper = SPARQLWrapper(f"{live_server}/sparql")
    wrapper.setQuery(TITLES)
    wrapper.setReturnFormat(return_format)
    converted = wrapper.queryAndConvert()  # a Graph; Turtle and N3 as the bytes received
    graph = converted if isinstance(converted, Graph) else Graph().parse(data=converted, format="n3")
    assert len(graph) == len(store.construct(TITLES)) == 6


def test_rdflib_sparqlstore_sees_one_graph_through_its_identifier(live_server: str, sizes: dict[str, int]) -> None:
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    whole = Graph(SPARQLStore(f"{live_server}/sparql"))
    ontology = Graph(SPARQLStore(f"{live_server}/sparql"), identifier=URIRef(ONTOLOGY))
    assert len(ontology) == sizes[ONTOLOGY]
    assert len(whole) > len(ontology)
    assert [str(row[0]) for row in ontology.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")] == [
        str(sizes[ONTOLOGY])
    ]
