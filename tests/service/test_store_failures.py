"""A triple store that refuses, goes away or asks for credentials: what the client, the log and the
operator are told, and that the service answers again when the store is back."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from nkc_kg.service.store.remote import RemoteStore
from virtuoso_server import PASSWORD, USER, Virtuoso

SECRET = "s3cret-Pa55"
PARTY_LEADS = "/api/queries/party-leads?party=iknl&year=2025"


def assert_safe_502(response: httpx.Response, *hidden: str) -> str:
    """A JSON 502 that names a request id and neither the store's address nor the query."""
    assert response.status_code == 502, response.text
    body = response.json()
    assert set(body) == {"error", "detail", "requestId"} and body["error"] == "triple store unavailable"
    assert re.fullmatch(r"[0-9a-f]{12}", body["requestId"]) and body["requestId"] in body["detail"]
    for text in ("127.0.0.1", "SELECT", "PREFIX", *hidden):
        assert text not in response.text
    return str(body["requestId"])


def test_a_store_that_refuses_a_query_is_logged_with_its_message_and_the_client_gets_the_id(  # type: ignore[no-untyped-def]
    oxigraph: str, remote_store: RemoteStore, remote_app_with, caplog: pytest.LogCaptureFixture
) -> None:
    app = remote_app_with()
    # the update endpoint refuses every query: as a store that does not know one of the service's queries
    app.state.service.store = RemoteStore(f"{oxigraph}/update", graphs=remote_store.graphs)
    client = TestClient(app)
    with caplog.at_level(logging.ERROR, logger="nkc_kg.store"):
        request_id = assert_safe_502(client.get(PARTY_LEADS), oxigraph)
    logged = "\n".join(r.getMessage() for r in caplog.records if request_id in r.getMessage())
    assert "the triple store refused a query" in logged and f"{oxigraph}/update" in logged
    assert "SELECT" in logged and "party" in logged  # the query, for whoever reads the log


def test_a_store_that_goes_away_gives_502_and_the_service_answers_again_when_it_is_back(  # type: ignore[no-untyped-def]
    tmp_path: Path, remote_app_with, unused_port: int, cli, oxigraph_process, caplog: pytest.LogCaptureFixture
) -> None:
    start_oxigraph, stop = oxigraph_process
    proc, base = start_oxigraph(tmp_path / "store", port=unused_port)
    try:
        assert cli("load", "--endpoint", f"{base}/query").returncode == 0
        store = RemoteStore.connect(f"{base}/query")
        client = TestClient(remote_app_with(store))
        assert client.get(PARTY_LEADS).status_code == 200
        stop(proc)
        # (answers not asked before: the service keeps the answers it gave)
        with caplog.at_level(logging.ERROR, logger="nkc_kg.store"):
            for path in ("/api/queries/party-leads?party=nfk&year=2025", "/sparql?query=ASK%20%7B%7D"):
                request_id = assert_safe_502(client.get(path))
                assert any(request_id in r.getMessage() and "cannot reach" in r.getMessage() for r in caplog.records)
        proc, _ = start_oxigraph(tmp_path / "store", port=unused_port)
        # the kept-alive connections died with the store: new ones are made
        again = client.get("/api/queries/party-leads?party=kwf&year=2025")
        assert again.status_code == 200 and again.json()["rows"]
        assert client.get("/sparql?query=ASK%20%7B%7D").json()["boolean"] is True
    finally:
        stop(proc)


def test_a_password_in_a_url_is_refused_and_never_shown(cli, unused_port: int) -> None:  # type: ignore[no-untyped-def]
    url = f"http://nkc:{SECRET}@127.0.0.1:{unused_port}/query"
    loaded = cli("load", "--endpoint", url)
    assert loaded.returncode == 1 and "NKC_KG_STORE_USER" in loaded.stderr
    served = cli("serve", "--port", str(unused_port), env={"NKC_KG_STORE": "remote", "NKC_KG_ENDPOINT": url})
    assert served.returncode != 0 and "NKC_KG_STORE_USER" in served.stderr
    assert SECRET not in loaded.stdout + loaded.stderr + served.stdout + served.stderr


def test_a_store_that_asks_for_credentials_gets_them_from_the_environment_or_netrc(  # type: ignore[no-untyped-def]
    virtuoso: Virtuoso, tmp_path: Path, cli
) -> None:
    """Virtuoso's Graph Store Protocol service asks with a Digest challenge."""
    dataset = tmp_path / "one-graph.nq"
    # a graph outside the service's graph namespace: the session's Virtuoso serves the other tests,
    # which count the triples of the service's graphs
    dataset.write_text('<urn:nkc-kg:test:s> <urn:nkc-kg:test:p> "o" <urn:nkc-kg:test:credentials> .\n')
    args = ("load", "--endpoint", virtuoso.query, "--graph-store", virtuoso.graph_store, "--dataset", str(dataset))
    nothing = {"NKC_KG_STORE_USER": "", "NKC_KG_STORE_PASSWORD": "", "NETRC": str(tmp_path / "none")}
    asked = cli(*args, env=nothing)
    assert asked.returncode == 1 and "HTTP 401" in asked.stderr and "NKC_KG_STORE_USER" in asked.stderr
    wrong = cli(*args, env={**nothing, "NKC_KG_STORE_USER": USER, "NKC_KG_STORE_PASSWORD": SECRET})
    assert wrong.returncode == 1 and "not accepted" in wrong.stderr and SECRET not in wrong.stdout + wrong.stderr
    netrc = tmp_path / "netrc"
    netrc.write_text(f"machine 127.0.0.1 login {USER} password {PASSWORD}\n")
    netrc.chmod(0o600)
    by_netrc = cli(*args, env={**nothing, "NETRC": str(netrc)})
    assert by_netrc.returncode == 0, by_netrc.stderr
    assert re.search(r"urn:nkc-kg:test:credentials\s+1\s+1\s+ok", by_netrc.stdout), by_netrc.stdout
    half = cli(*args, env={**nothing, "NKC_KG_STORE_USER": USER})
    assert half.returncode == 1 and "NKC_KG_STORE_PASSWORD is not set" in half.stderr
