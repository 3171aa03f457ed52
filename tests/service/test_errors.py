"""Whatever a client gets wrong, the answer is the JSON error format (or, for a browser, a page)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize("path", ["/nonexistent", "/api/nope", "/api/plans/a%2Fb/activities/1"])
def test_unknown_paths_get_json_404(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404 and r.headers["content-type"].startswith("application/json")
    assert set(r.json()) == {"error", "detail"}


def test_wrong_method_gets_json_405(client: TestClient) -> None:
    r = client.post("/api/plans")
    assert r.status_code == 405
    assert r.json() == {"error": "method not allowed", "detail": "POST /api/plans"}


def test_a_browser_gets_the_not_found_page(client: TestClient) -> None:
    r = client.get("/nonexistent", headers={"accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "/nonexistent" in r.text


def test_api_paths_stay_json_for_browsers(client: TestClient) -> None:
    r = client.get("/api/nope", headers={"accept": "text/html"})
    assert r.status_code == 404 and r.json()["error"] == "not found"
