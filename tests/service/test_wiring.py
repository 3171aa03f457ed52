"""One way to wire: no two routers answer the same path, so the order in which create_app includes them does
not matter. An app with its routers in reverse order answers exactly as the real one."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from nkc_kg.service.graph.catalog import NamedQuery

HTML = {"accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
TURTLE = {"accept": "text/turtle"}
ZK25 = "zeldzame-kankers-2025"


@pytest.fixture(scope="module")
def apps(app_with) -> tuple[TestClient, TestClient]:  # type: ignore[no-untyped-def]
    """The app as create_app makes it, and the same app with its routers (and mounts, docs, …) in reverse order."""
    straight: FastAPI = app_with()
    reversed_app: FastAPI = app_with()
    included = [r for r in reversed_app.router.routes if hasattr(r, "original_router")]
    assert len(included) >= 20
    reversed_app.router.routes.reverse()
    assert reversed_app.router.routes[0] is included[-1]
    return TestClient(straight), TestClient(reversed_app)


def representative(catalog: dict[str, NamedQuery]) -> list[tuple[str, str, dict[str, str]]]:
    query = catalog["parties-in-subgoal"]
    example = urlencode({p.name: p.example for p in query.parameters})
    return [
        # paths two routers once both claimed: the plans' catch-all and the completeness report under it,
        # the documented operation of a query and the route that names the unknown ones
        ("GET", f"/api/plans/{ZK25}/completeness", {}),
        ("GET", f"/api/plans/{ZK25}", {}),
        ("GET", f"/api/plans/{ZK25}/activities/3", {}),
        ("GET", "/api/plans/a%2Fb/activities/1", {}),
        ("GET", "/api/parties/..%2F..%2Fparty%2Fiknl", {}),
        ("GET", f"/api/queries/{query.name}?{example}", {}),
        ("GET", "/api/queries/no-such-query", {}),
        ("GET", f"/api/questions/{query.name}?{example}", {}),
        ("GET", f"/api/questions/{query.name}/options", {}),
        ("GET", "/api/questions/no-such-question", {}),
        ("GET", f"/api/diff?from=zeldzame-kankers-2024&to={ZK25}", {}),
        ("GET", "/releases/current/bundle.zip", {}),
        ("GET", "/releases/current/SHA256SUMS", {}),
        ("GET", "/api/releases", {}),
        # entity IRIs, the pages and the rest
        ("GET", f"/plan/{ZK25}", HTML),
        ("GET", f"/plan/{ZK25}/activity/3", TURTLE),
        ("GET", "/party/iknl", HTML),
        ("GET", "/def", TURTLE),
        ("GET", "/", HTML),
        ("GET", f"/vragen/{query.name}?{example}", HTML),
        ("GET", f"/volledigheid?plan={ZK25}", HTML),
        ("GET", "/diff", HTML),
        ("GET", "/annoteren", HTML),
        ("GET", "/query", HTML),
        ("GET", "/void", {}),
        ("GET", "/sparql?query=ASK%20%7B%7D", {"accept": "application/sparql-results+json"}),
        ("POST", "/api/plans", {}),
        ("GET", "/nonexistent", HTML),
        ("GET", "/api/nope", {}),
        ("GET", "/health", {}),
    ]


def test_route_order_does_not_matter(apps: tuple[TestClient, TestClient], catalog: dict[str, NamedQuery]) -> None:
    straight, reversed_client = apps
    for method, path, headers in representative(catalog):
        expected = straight.request(method, path, headers=headers)
        got = reversed_client.request(method, path, headers=headers)
        assert (got.status_code, got.content) == (expected.status_code, expected.content), path
        assert expected.status_code < 500, path


def test_a_posted_text_is_annotated_in_either_order(apps: tuple[TestClient, TestClient]) -> None:
    answers = [client.post("/api/annotate", json={"text": "Het IKNL-rapport gaat naar ZIN."}) for client in apps]
    assert answers[0].status_code == 200 and answers[0].content == answers[1].content
