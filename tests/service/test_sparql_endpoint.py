"""The SPARQL 1.1 Protocol endpoint: forms, formats, refusals, limits, and real clients."""

from __future__ import annotations

import csv
import io
import json
import os
import threading
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from nkc_kg.service.store.embedded import EmbeddedStore
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


def test_an_unknown_format_falls_back_to_the_accept_header(client: TestClient) -> None:
    # SPARQL 1.1 Protocol clients send `format` for endpoints that want it (SPARQLWrapper: format=n3)
    csv_asked = client.get("/sparql", params={"query": PLANS, "format": "yaml"}, headers={"accept": "text/csv"})
    assert csv_asked.status_code == 200 and csv_asked.headers["content-type"].startswith("text/csv")
    default = client.get("/sparql", params={"query": PLANS, "format": "yaml"})
    assert default.status_code == 200 and ids(default.content) == EXPECTED_PLANS


def test_result_size_limit(app_with) -> None:  # type: ignore[no-untyped-def]
    small = TestClient(app_with(result_limit=10))
    r = small.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert r.status_code == 413 and "LIMIT" in r.json()["detail"]


def _cpu_seconds(pid: int) -> dict[int, float]:
    """CPU time (user + system) of process ``pid`` and each of its children, from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    out = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid or int(stat.parent.name) == pid:
            out[int(stat.parent.name)] = (int(fields[11]) + int(fields[12])) / ticks
    return out


def wait_for_idle_workers(url: str, count: int) -> None:
    deadline = time.monotonic() + 60
    while httpx.get(f"{url}/health", timeout=10).json().get("sparqlWorkersIdle", 0) < count:
        assert time.monotonic() < deadline, "the query workers did not start"
        time.sleep(0.2)


def test_time_limit_kills_the_runaway_query_and_other_requests_are_served(start_server) -> None:  # type: ignore[no-untyped-def]
    # a three-way cross product of the whole graph: ~10^12 solutions, hours of work
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    quick = "ASK { ?s a <https://w3id.org/nkc-kg/def#ActionPlan> }"
    with start_server(NKC_KG_QUERY_TIMEOUT="3", NKC_KG_SPARQL_WORKERS="2") as (url, server):
        wait_for_idle_workers(url, 2)
        answers: dict[str, httpx.Response] = {}

        def run_runaway() -> None:
            answers["runaway"] = httpx.get(f"{url}/sparql", params={"query": runaway}, timeout=30)

        worker = threading.Thread(target=run_runaway)
        worker.start()
        time.sleep(0.5)
        served_meanwhile = [
            httpx.get(f"{url}/health", timeout=30),
            httpx.get(f"{url}/sparql", params={"query": quick}, timeout=30),
            httpx.get(f"{url}/api/queries/abbreviation", params={"abbr": "CieOOM"}, timeout=30),
        ]
        still_running = worker.is_alive()
        worker.join(timeout=30)
        wait_for_idle_workers(url, 2)  # the pool replaced the killed worker
        before = _cpu_seconds(server.pid)
        time.sleep(1.0)
        after = _cpu_seconds(server.pid)
        again = httpx.get(f"{url}/sparql", params={"query": quick}, timeout=30)
    assert still_running, "the other requests were answered only after the runaway query"
    assert [r.status_code for r in served_meanwhile] == [200, 200, 200]
    assert served_meanwhile[1].json()["boolean"] is True
    response = answers["runaway"]
    assert response.status_code == 503 and response.json()["error"] == "query timed out"
    assert len(after) >= 3, "expected the server and its two query workers"
    busy = {pid: after[pid] - before.get(pid, 0.0) for pid in after}
    assert all(seconds < 0.5 for seconds in busy.values()), f"a worker still computes after the limit: {busy}"
    assert again.status_code == 200 and again.json()["boolean"] is True


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
