"""Issue 19, findings 1, 2, 5 and 6 and the worker faults: /sparql never contacts another server, checks
queries in linear time off the event loop, bounds their size and depth before parsing, and survives
what used to crash the engine; a worker that dies or fails is reported as what happened."""

from __future__ import annotations

import os
import signal
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from nkc_kg.service.store.embedded import EmbeddedStore, QueryFailed, QueryRefused, StoreUnavailable
from nkc_kg.service.store.pool import QueryPool
from nkc_kg.service.store.sandbox import network_sandbox_supported
from security_helpers import Listener, running_server

ASK = "ASK { ?s a <https://w3id.org/nkc-kg/def#ActionPlan> }"


def hiding_variants(url: str) -> dict[str, str]:
    """Ways to write SERVICE that a pattern over the text missed or that the engine's parser reads differently."""
    return {
        "no-break space before # (the finding)": (
            f"SELECT * WHERE {{ BIND(<http://x/\u00a0#> AS ?a) SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}"
        ),
        "carriage return ends a comment": f"SELECT * WHERE {{ # note\r SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
        "no spaces": f"SELECT*WHERE{{SERVICE<{url}/sparql>{{?s?p?o}}}}",
        "lower case, SILENT": f"select * where {{ service silent <{url}/sparql> {{ ?s ?p ?o }} }}",
        "keyword glued to a prefixed name": f"PREFIX : <{url}/> SELECT * WHERE {{ ?s ?p ?o SERVICE:sparql {{ ?s ?p ?o }} }}",
        "less-than read as an IRI": f"PREFIX : <{url}/> SELECT * WHERE {{ ?s ?p ?v FILTER(?v<1)SERVICE:sparql#>\n{{?s ?p ?o}} }}",
        "escaped quote in a local name": (
            f"PREFIX ex: <http://e/> SELECT * WHERE {{ ?s ex:p\\' ?o . SERVICE <{url}/sparql> {{ ?s ?p ?o }} "
            "FILTER(?o = ex:q\\') }"
        ),
        "escaped hash in a local name": (
            f"PREFIX ex: <http://e/> SELECT * WHERE {{ ?s ?p ex:o\\# .\nSERVICE <{url}/sparql> {{ ?s ?p ?o }} }}"
        ),
        "relative IRI against BASE": f"BASE <{url}/> SELECT * WHERE {{ SERVICE <sparql> {{ ?s ?p ?o }} }}",
        "escape in the IRI": f"SELECT * WHERE {{ SERVICE <{url}/\\u0073parql> {{ ?s ?p ?o }} }}",
        "boolean glued to the keyword": f"SELECT * WHERE {{ ?s ?p trueSERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
    }


@pytest.fixture(scope="module")
def client(app_with) -> TestClient:  # type: ignore[no-untyped-def]
    return TestClient(app_with(sparql_workers=0))


def test_service_behind_a_no_break_space_is_refused_and_nothing_is_contacted(
    client: TestClient, listener: Listener
) -> None:
    query = hiding_variants(listener.url)["no-break space before # (the finding)"]
    r = client.get("/sparql", params={"query": query})
    assert r.status_code == 403
    assert "SERVICE" in r.json()["detail"]
    assert listener.connections() == 0


@pytest.mark.parametrize("variant", list(hiding_variants("http://127.0.0.1:1")))
def test_every_way_of_writing_service_is_refused(client: TestClient, listener: Listener, variant: str) -> None:
    query = hiding_variants(listener.url)[variant]
    for response in (
        client.get("/sparql", params={"query": query}),
        client.post("/sparql", content=query, headers={"content-type": "application/sparql-query"}),
        client.post("/sparql", data={"query": query}),
    ):
        assert response.status_code == 403, (variant, response.text)
        assert "SERVICE" in response.json()["detail"]
    assert listener.connections() == 0


@pytest.mark.skipif(not network_sandbox_supported(), reason="the network sandbox needs Linux on x86-64 or AArch64")
def test_the_engine_cannot_connect_even_when_a_query_gets_past_the_check(
    store: EmbeddedStore, listener: Listener, tmp_path: Path
) -> None:
    query = f"SELECT * WHERE {{ SERVICE <{listener.url}/sparql> {{ ?s ?p ?o }} }}"
    with pytest.raises(QueryRefused, match="SERVICE"):
        store.answer(query, None, 10, 10.0)  # the store itself, no check in front of it
    dataset = tmp_path / "graph.nq"
    dataset.write_bytes(store.dump("nq")[0])
    pool = QueryPool(dataset, workers=1)
    try:
        with pytest.raises(QueryRefused, match="SERVICE"):
            pool.answer(query, None, 10, 60.0)  # the worker process
        assert pool.answer(ASK, None, 10, 60.0)[0]  # and it keeps answering
    finally:
        pool.close()
    assert listener.connections() == 0


def test_from_and_describe_of_a_url_contact_nothing(client: TestClient, listener: Listener) -> None:
    for query in (
        f"SELECT * FROM <{listener.url}/data> WHERE {{ ?s ?p ?o }} LIMIT 1",
        f"SELECT * FROM NAMED <{listener.url}/data> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} LIMIT 1",
        f"DESCRIBE <{listener.url}/thing>",
    ):
        assert client.get("/sparql", params={"query": query}).status_code == 200, query
    assert listener.connections() == 0


def test_updates_are_refused(client: TestClient) -> None:
    for query in ("INSERT DATA { <a> <b> <c> }", "LOAD <http://127.0.0.1:1/data>", "DROP ALL"):
        r = client.post("/sparql", content=query, headers={"content-type": "application/sparql-query"})
        assert r.status_code == 403 and "read-only" in r.json()["detail"], query


def test_legitimate_queries_that_mention_service_still_run(client: TestClient) -> None:
    query = (
        "PREFIX sd: <http://www.w3.org/ns/sparql-service-description#> "
        "SELECT ?service WHERE { ?service a sd:Service . ?x sd:endpoint <http://example.org/service/1> ; "
        "<http://example.org/p> 'SERVICE' } # SERVICE in a comment"
    )
    assert client.get("/sparql", params={"query": query}).status_code == 200


# ------------------------------------------------------------------------------------------ sizes and depth


def test_nesting_past_the_limit_is_400_naming_it(client: TestClient) -> None:
    for query in (
        "SELECT * WHERE " + "{" * 10_000 + "?s ?p ?o" + "}" * 10_000,
        "SELECT * WHERE { ?s ?p ?o FILTER" + "(" * 10_000 + "?o" + ")" * 10_000 + " }",
    ):
        r = client.get("/sparql", params={"query": query})
        assert r.status_code == 400
        assert "NKC_KG_QUERY_MAX_DEPTH" in r.json()["detail"]


def test_too_many_tokens_is_400_naming_the_limit(client: TestClient) -> None:
    query = "SELECT * WHERE { ?s ?p ?o FILTER(" + " + ".join(["?o"] * 30_000) + ") }"
    r = client.post("/sparql", content=query, headers={"content-type": "application/sparql-query"})
    assert r.status_code == 400 and "NKC_KG_QUERY_MAX_TOKENS" in r.json()["detail"]


def test_query_text_over_one_mib_is_413_for_every_content_type(client: TestClient, app_with) -> None:  # type: ignore[no-untyped-def]
    query = "SELECT * WHERE { ?s ?p ?o } #" + "x" * (1024 * 1024)
    for response in (
        client.post("/sparql", content=query, headers={"content-type": "application/sparql-query"}),
        client.post("/sparql", data={"query": query}),
    ):
        assert response.status_code == 413, response.text
        assert "NKC_KG_QUERY_MAX_BYTES" in response.json()["detail"] or "limit" in response.json()["detail"]
    # a URL cannot carry 1 MiB; the same limit applies to GET (shown with a smaller one)
    small = TestClient(app_with(sparql_workers=0, query_max_bytes=1000))
    r = small.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } #" + "x" * 2000})
    assert r.status_code == 413 and "NKC_KG_QUERY_MAX_BYTES" in r.json()["detail"]
    huge = b"SELECT * WHERE { ?s ?p ?o } #" + b"x" * (100 * 1024 * 1024)
    r = client.post("/sparql", content=huge, headers={"content-type": "application/sparql-query"})
    assert r.status_code == 413


# ------------------------------------------------------------------------------------------ a live server


@pytest.fixture(scope="module")
def in_process_server() -> Iterator[tuple[str, object]]:
    """NKC_KG_SPARQL_WORKERS=0: queries run in the service's own process, so a crash would end it."""
    with running_server(NKC_KG_SPARQL_WORKERS="0", NKC_KG_QUERY_TIMEOUT="20") as (url, proc):
        yield url, proc


def test_queries_that_crashed_the_engine_no_longer_end_the_service(in_process_server: tuple[str, object]) -> None:
    url, proc = in_process_server
    deep = "SELECT * WHERE " + "{" * 10_000 + "?s ?p ?o" + "}" * 10_000
    r = httpx.post(f"{url}/sparql", content=deep, headers={"content-type": "application/sparql-query"}, timeout=60)
    assert r.status_code == 400 and "NKC_KG_QUERY_MAX_DEPTH" in r.json()["detail"]
    # chains that overflowed the engine's 8 MiB stack (about 9,300 `!` or 7,000 `+` were enough)
    for query in (
        "ASK { FILTER(" + "!" * 40_000 + "true) }",
        "SELECT * WHERE { ?s ?p ?o FILTER(" + " + ".join(["?o"] * 8_000) + ") } LIMIT 1",
    ):
        r = httpx.post(f"{url}/sparql", content=query, headers={"content-type": "application/sparql-query"}, timeout=60)
        assert r.status_code in (200, 503), r.text
    assert proc.poll() is None, "the service died"  # type: ignore[attr-defined]
    assert httpx.get(f"{url}/health", timeout=30).status_code == 200


def test_hostile_text_is_checked_in_linear_time_and_health_stays_answered(
    in_process_server: tuple[str, object],
) -> None:
    """48 KB of `"\\"\\…` took the old check 7.6 s on the event loop (quadratic: 1 MiB would take hours)."""
    url, _ = in_process_server
    answers: dict[str, httpx.Response] = {}

    def send(name: str, text: str) -> None:
        headers = {"content-type": "application/sparql-query"}
        answers[name] = httpx.post(f"{url}/sparql", content=text, headers=headers, timeout=120)

    payloads = {
        "48 KB": 'SELECT * WHERE { ?s ?p "' + '\\"' * 24_000,
        "1 MiB": 'SELECT * WHERE { ?s ?p "' + '\\"' * (512 * 1024 - 16),
        "1 MiB of <": "SELECT * WHERE { ?s ?p ?o FILTER(?o " + "<a" * (512 * 1024 - 32) + ") }",
    }
    threads = [threading.Thread(target=send, args=item) for item in payloads.items()]
    for thread in threads:
        thread.start()
    health = httpx.get(f"{url}/health", timeout=30)
    for thread in threads:
        thread.join(150)
    assert health.status_code == 200
    assert {name: r.status_code for name, r in answers.items()} == {name: 400 for name in payloads}


def test_a_declared_oversized_body_is_refused_before_it_is_sent(in_process_server: tuple[str, object]) -> None:
    url, _ = in_process_server
    port = int(url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall(
            b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
            b"Content-Length: 100000000\r\n\r\n"
        )
        reply = conn.recv(4096)
    assert reply.startswith(b"HTTP/1.1 413")


# ------------------------------------------------------------------------------------------ worker faults


@pytest.fixture
def pool(store: EmbeddedStore, tmp_path: Path) -> Iterator[QueryPool]:
    dataset = tmp_path / "graph.nq"
    dataset.write_bytes(store.dump("nq")[0])
    pool = QueryPool(dataset, workers=2)
    deadline = time.monotonic() + 120
    while pool.idle() < 2:
        pool._wanted.set()
        assert time.monotonic() < deadline, "the workers did not start"
        time.sleep(0.1)
    yield pool
    pool.close()


def test_a_worker_that_dies_mid_query_is_a_502_saying_so_and_is_replaced(pool: QueryPool) -> None:
    workers = {w.process.pid for w in list(pool._idle.queue)}
    outcome: dict[str, BaseException] = {}

    def runaway() -> None:
        try:
            pool.answer("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", None, 10, 120.0)
        except BaseException as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=runaway)
    thread.start()
    deadline = time.monotonic() + 30
    while pool.idle() == 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    busy = workers - {w.process.pid for w in list(pool._idle.queue)}
    assert len(busy) == 1
    os.kill(busy.pop(), signal.SIGKILL)
    thread.join(60)
    error = outcome["error"]
    assert isinstance(error, StoreUnavailable)
    assert "SIGKILL" in str(error) and "replaced" in str(error)
    deadline = time.monotonic() + 120
    while pool.idle() < 2:
        assert time.monotonic() < deadline, "the killed worker was not replaced"
        time.sleep(0.1)
    assert pool.answer(ASK, None, 10, 60.0)[0]


def test_an_engine_error_in_a_worker_is_a_client_error_not_a_timeout(pool: QueryPool) -> None:
    with pytest.raises(QueryFailed, match="could not be evaluated"):
        pool.answer("SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } }", None, 10, 60.0)
    with pytest.raises(ValueError, match="1:"):
        pool.answer("SELEC * WHERE { ?s ?p ?o }", None, 10, 60.0)
    assert pool.idle() == 2
