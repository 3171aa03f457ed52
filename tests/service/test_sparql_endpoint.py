"""The SPARQL 1.1 Protocol endpoint: forms, formats, refusals, limits, and real clients."""

from __future__ import annotations

import csv
import io
import json
import threading
import time

import pytest
from fastapi.testclient import TestClient
from nkc_kg.service.store import EmbeddedStore
from rdflib import Graph

PLANS = """PREFIX nkc: <https://w3id.org/nkc-kg/def#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?id WHERE { ?plan a nkc:ActionPlan ; dcterms:identifier ?id } ORDER BY ?id"""
EXPECTED_PLANS = ["late-gevolgen-2025", "zeldzame-kankers-2024", "zeldzame-kankers-2025"]
CONSTRUCT = """PREFIX nkc: <https://w3id.org/nkc-kg/def#>
CONSTRUCT { ?p a nkc:ActionPlan } WHERE { ?p a nkc:ActionPlan }"""


def ids(body: bytes) -> list[str]:
    return [b["id"]["value"] for b in json.loads(body)["results"]["bindings"]]


def test_get_select_json_by_default(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": PLANS})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/sparql-results+json")
    assert ids(r.content) == EXPECTED_PLANS


def test_post_form_and_direct_body(client: TestClient) -> None:
    form = client.post("/sparql", data={"query": PLANS})
    direct = client.post("/sparql", content=PLANS, headers={"content-type": "application/sparql-query"})
    assert ids(form.content) == ids(direct.content) == EXPECTED_PLANS


@pytest.mark.parametrize(
    ("accept", "fmt", "media"),
    [
        ("application/sparql-results+xml", None, "application/sparql-results+xml"),
        ("text/csv", None, "text/csv"),
        ("text/tab-separated-values", None, "text/tab-separated-values"),
        (None, "csv", "text/csv"),
        ("text/csv", "json", "application/sparql-results+json"),
    ],
)
def test_select_formats_by_accept_and_format_parameter(
    client: TestClient, accept: str | None, fmt: str | None, media: str
) -> None:
    params = {"query": PLANS} | ({"format": fmt} if fmt else {})
    r = client.get("/sparql", params=params, headers={"accept": accept} if accept else {})
    assert r.status_code == 200 and r.headers["content-type"].startswith(media)
    if media == "text/csv":
        assert [row[0] for row in csv.reader(io.StringIO(r.text))] == ["id", *EXPECTED_PLANS]


@pytest.mark.parametrize(
    ("accept", "rdf_format"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_construct_formats(client: TestClient, accept: str, rdf_format: str) -> None:
    r = client.get("/sparql", params={"query": CONSTRUCT}, headers={"accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
    assert len(Graph().parse(data=r.content, format=rdf_format)) == 3


def test_ask(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": "ASK { ?s a <https://w3id.org/nkc-kg/def#Step> }"})
    assert json.loads(r.content)["boolean"] is True


def test_service_description(client: TestClient) -> None:
    r = client.get("/sparql")
    assert r.status_code == 200 and "sd:Service" in r.text


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "DROP ALL",
        "LOAD <http://127.0.0.1:9/evil.ttl>",
    ],
)
def test_updates_are_refused_and_the_graph_is_unchanged(client: TestClient, store: EmbeddedStore, update: str) -> None:
    before = len(store)
    for r in (
        client.post("/sparql", data={"update": update}),
        client.post("/sparql", content=update, headers={"content-type": "application/sparql-update"}),
        client.post("/sparql", data={"query": update}),
        client.get("/sparql", params={"query": update}),
    ):
        assert r.status_code in (400, 403), r.text
        assert set(r.json()) == {"error", "detail"}
    assert len(store) == before


def test_service_clause_is_refused(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"})
    assert r.status_code == 403 and "SERVICE" in r.json()["detail"]


def test_the_word_service_in_a_literal_is_fine(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": 'SELECT ?x WHERE { BIND("SERVICE and DROP" AS ?x) }'})
    assert r.status_code == 200


def test_malformed_query_gets_400_with_the_parser_message(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": "SELEC ?s WHERE { ?s ?p ?o }"})
    assert r.status_code == 400
    assert r.json()["error"] == "malformed query" and "1:" in r.json()["detail"]


def test_unknown_format_is_400(client: TestClient) -> None:
    assert client.get("/sparql", params={"query": PLANS, "format": "yaml"}).status_code == 400


def test_result_size_limit(app_with) -> None:  # type: ignore[no-untyped-def]
    small = TestClient(app_with(result_limit=10))
    r = small.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert r.status_code == 413 and "LIMIT" in r.json()["detail"]


def test_time_limit_and_other_requests_still_served(app_with) -> None:  # type: ignore[no-untyped-def]
    app = app_with(query_timeout=0.5)
    slow = """SELECT (COUNT(*) AS ?n) WHERE {
        { SELECT ?a WHERE { ?a ?b ?c } LIMIT 3000 } { SELECT ?d WHERE { ?d ?e ?f } LIMIT 3000 } }"""
    with TestClient(app) as client:
        answers: dict[str, object] = {}

        def run_slow() -> None:
            answers["slow"] = client.get("/sparql", params={"query": slow})

        worker = threading.Thread(target=run_slow)
        began = time.monotonic()
        worker.start()
        time.sleep(0.1)
        health = client.get("/health")
        health_after = time.monotonic() - began
        worker.join(timeout=30)
    assert health.status_code == 200 and health_after < 0.5
    slow_response = answers["slow"]
    assert slow_response.status_code == 503 and "timed out" in slow_response.json()["error"]  # type: ignore[attr-defined]


def test_sparqlwrapper_and_rdflib_sparqlstore_get_the_same_answers(live_server: str, store: EmbeddedStore) -> None:
    from rdflib.plugins.stores.sparqlstore import SPARQLStore
    from SPARQLWrapper import JSON, SPARQLWrapper

    wrapper = SPARQLWrapper(f"{live_server}/sparql")
    wrapper.setQuery(PLANS)
    wrapper.setReturnFormat(JSON)
    via_wrapper = [b["id"]["value"] for b in wrapper.queryAndConvert()["results"]["bindings"]]  # type: ignore[index]

    remote = Graph(SPARQLStore(f"{live_server}/sparql"))
    via_rdflib = [str(row[0]) for row in remote.query(PLANS)]

    in_process = [str(row["id"]) for row in store.select(PLANS).rows]
    assert via_wrapper == via_rdflib == in_process == EXPECTED_PLANS
