"""MCP over streamable HTTP at /mcp of a real `nkc-kg serve`, with the SDK's client: the same tools,
answers, refusals, resources and prompts as over stdio, compared with the REST API of the same server.
The server runs with small SPARQL limits, so the tool's time and size limits are seen to be /sparql's."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import mcp_checks as checks
import pytest
from mcp_client import Session, connected, serving
from nkc_kg.service.graph.catalog import NamedQuery

TIMEOUT = 3  # NKC_KG_QUERY_TIMEOUT of the server under test
RESULT_LIMIT = 5000  # NKC_KG_RESULT_LIMIT
PUBLIC_URL = "https://kg.example.org/nkc"  # NKC_KG_PUBLIC_URL: where the service says it lives


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serving(
        NKC_KG_QUERY_TIMEOUT=str(TIMEOUT), NKC_KG_RESULT_LIMIT=str(RESULT_LIMIT), NKC_KG_PUBLIC_URL=PUBLIC_URL
    ) as url:
        yield url


@pytest.fixture(scope="module")
def rest(server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=60) as client:
        yield client


@pytest.fixture(scope="module")
def session(server: str) -> Iterator[Session]:
    with connected(f"{server}/mcp") as session:
        yield session


def test_tool_list_matches_the_question_catalogue(session: Session, catalog: dict[str, NamedQuery]) -> None:
    checks.check_tools_match_the_catalogue(session, catalog)


def test_parties_in_subgoal_5_are_the_rest_apis_with_citations(session: Session, rest: httpx.Client) -> None:
    checks.check_parties_in_subgoal_5(session, rest)


def test_page_urls_are_absolute_on_the_configured_public_url(session: Session, server: str) -> None:
    answer = session.call_tool("party-activities", {"party": "IKNL"}).structured_content
    assert answer["links"]["page"].startswith(f"{PUBLIC_URL}/vragen/party-activities?")
    assert answer["rows"][0]["activity"]["url"].startswith(f"{PUBLIC_URL}/plan/")
    assert answer["parameters"][0]["iri"] == "https://w3id.org/nkc-kg/party/iknl"
    page_path = answer["links"]["page"].removeprefix(PUBLIC_URL)
    assert httpx.get(server + page_path, timeout=30).status_code == 200


def test_a_forged_host_header_never_reaches_the_answers(server: str) -> None:
    call = {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "tools/call",
        "params": {"name": "party-activities", "arguments": {"party": "IKNL"}},
    }
    reply = httpx.post(
        f"{server}/mcp",
        json=call,
        headers={"Host": "evil.example", "Accept": "application/json, text/event-stream"},
        timeout=60,
    )
    assert reply.status_code == 200, reply.text
    assert "evil.example" not in reply.text
    assert f"{PUBLIC_URL}/plan/" in reply.text


def test_every_tool_answers_its_examples(session: Session) -> None:
    checks.check_every_tool_answers_its_examples(session)


def test_every_tool_refuses_a_bad_argument(session: Session) -> None:
    checks.check_every_tool_refuses_a_bad_argument(session)


def test_errors_are_worded_as_the_rest_api(session: Session, rest: httpx.Client) -> None:
    checks.check_errors_are_worded_as_the_rest_api(session, rest)


def test_sparql_is_read_only_and_the_graph_unchanged(session: Session, rest: httpx.Client) -> None:
    quads = rest.get("/health").json()["quads"]
    checks.check_sparql_is_read_only(session, rest)
    assert rest.get("/health").json()["quads"] == quads


def test_sparql_has_the_endpoints_limits(session: Session, rest: httpx.Client) -> None:
    everything = "SELECT * WHERE { ?s ?p ?o }"
    body = checks.error_body(session.call_tool("sparql", {"query": everything}))
    assert body == {
        "error": "answer too large",
        "detail": rest.get("/sparql", params={"query": everything}).json()["detail"],
    }
    assert str(RESULT_LIMIT) in body["detail"]
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    body = checks.error_body(session.call_tool("sparql", {"query": runaway}))
    assert body == {"error": "query timed out", "detail": f"the query ran longer than {TIMEOUT} s; narrow it down"}
    assert session.call_tool("sparql", {"query": "ASK { ?s ?p ?o }"}).structured_content["boolean"] is True


def test_resources_resolve(session: Session, rest: httpx.Client) -> None:
    checks.check_resources_resolve(session, rest)


def test_prompts(session: Session) -> None:
    checks.check_prompts(session)


def test_the_endpoint_bounds_the_request_body(server: str) -> None:
    too_big = {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "tools/call",
        "params": {"name": "sparql", "arguments": {"query": "#" * 600_000}},
    }
    r = httpx.post(f"{server}/mcp", json=too_big, headers={"accept": "application/json, text/event-stream"}, timeout=30)
    assert r.status_code == 413


def test_clients_of_either_protocol_era_are_served(server: str) -> None:
    # stateless: every request is served on its own, whether the client negotiates by discovery or by handshake
    with connected(f"{server}/mcp") as modern:
        assert modern.client.protocol_version >= "2026"
        assert modern.call_tool("abbreviation", {"abbr": "CieOOM"}).structured_content["rows"]
    with connected(f"{server}/mcp", mode="legacy") as legacy:
        assert legacy.client.protocol_version < "2026"
        assert legacy.call_tool("abbreviation", {"abbr": "CieOOM"}).structured_content["rows"]
