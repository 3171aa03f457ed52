"""MCP over stdio: `nkc-kg mcp` as a desktop assistant starts it, reached with the SDK's stdio client.
The REST answers it is compared with come from the service app in-process, over the same curated data."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import mcp_checks as checks
import pytest
from fastapi.testclient import TestClient
from mcp import StdioServerParameters
from mcp_client import Session, connected
from nkc_kg.loaders.iris import Iris
from nkc_kg.service.app import Service, create_app
from nkc_kg.service.graph.catalog import NamedQuery
from nkc_kg.service.graph.runner import EntityIndex
from nkc_kg.service.settings import Settings
from nkc_kg.service.store.embedded import EmbeddedStore


@pytest.fixture(scope="module")
def session() -> Iterator[Session]:
    server = StdioServerParameters(command=sys.executable, args=["-m", "nkc_kg.service.cli", "mcp"])
    with connected(server) as session:
        yield session


@pytest.fixture(scope="module")
def rest(store: EmbeddedStore, catalog: dict[str, NamedQuery], index: EntityIndex) -> TestClient:
    service = Service(Settings(sparql_workers=0), Iris(), store, catalog, index, 0.0)
    return TestClient(create_app(service.settings, service))


def test_tool_list_matches_the_question_catalogue(session: Session, catalog: dict[str, NamedQuery]) -> None:
    checks.check_tools_match_the_catalogue(session, catalog)


def test_parties_in_subgoal_5_are_the_rest_apis_with_citations(session: Session, rest: TestClient) -> None:
    checks.check_parties_in_subgoal_5(session, rest)


def test_page_urls_are_paths_on_the_service(session: Session) -> None:
    answer = session.call_tool("party-activities", {"party": "IKNL"}).structured_content
    assert answer["links"]["page"].startswith("/vragen/party-activities?")


def test_every_tool_answers_its_examples(session: Session) -> None:
    checks.check_every_tool_answers_its_examples(session)


def test_every_tool_refuses_a_bad_argument(session: Session) -> None:
    checks.check_every_tool_refuses_a_bad_argument(session)


def test_errors_are_worded_as_the_rest_api(session: Session, rest: TestClient) -> None:
    checks.check_errors_are_worded_as_the_rest_api(session, rest)


def test_sparql_is_read_only(session: Session, rest: TestClient) -> None:
    checks.check_sparql_is_read_only(session, rest)


def test_resources_resolve(session: Session, rest: TestClient) -> None:
    checks.check_resources_resolve(session, rest)


def test_prompts(session: Session) -> None:
    checks.check_prompts(session)


def test_bad_settings_stop_the_command_with_a_message() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "nkc_kg.service.cli", "mcp", "--site", "ftp://x"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2 and "expected an http:// or https:// address" in done.stderr and not done.stdout
    done = subprocess.run(
        [sys.executable, "-m", "nkc_kg.service.cli", "mcp"],
        capture_output=True,
        text=True,
        timeout=120,
        env={"NKC_KG_STORE": "bogus", "PATH": ""},
    )
    assert done.returncode == 2 and "NKC_KG_STORE='bogus'" in done.stderr and "Traceback" not in done.stderr
