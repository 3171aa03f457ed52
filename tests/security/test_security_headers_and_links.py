"""Issue 19, low findings: security headers on every response (a CSP whose only inline scripts are hashed)
and links in feeds and descriptions that come from NKC_KG_PUBLIC_URL, never from the Host header.
(That /docs and /redoc still work in a browser under the policy: tests/pages/test_security_docs_page.py.)"""

from __future__ import annotations

import base64
import hashlib
import re

import pytest
from fastapi.testclient import TestClient

PATHS = [
    "/",
    "/query",
    "/docs",
    "/redoc",
    "/openapi.json",
    "/health",
    "/api/plans",
    "/sparql",
    "/sparql?query=ASK%20%7B%7D",
    "/releases",
    "/releases.atom",
    "/static/style.css",
    "/no/such/page",
]


@pytest.fixture(scope="module")
def client(app_with, tmp_path_factory: pytest.TempPathFactory) -> TestClient:  # type: ignore[no-untyped-def]
    return TestClient(app_with(releases=tmp_path_factory.mktemp("releases"), sparql_workers=0))


def script_src(policy: str) -> str:
    return next(part for part in policy.split(";") if part.strip().startswith("script-src"))


@pytest.mark.parametrize("path", PATHS)
def test_every_response_has_the_security_headers(client: TestClient, path: str) -> None:
    r = client.get(path, headers={"accept": "text/html"} if path == "/no/such/page" else {})
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "same-origin"
    assert r.headers["x-frame-options"] == "DENY"
    policy = r.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert "'unsafe-inline'" not in script_src(policy) and "'unsafe-eval'" not in script_src(policy)


def test_refusals_before_the_app_have_them_too(client: TestClient) -> None:
    r = client.post("/sparql", content=b"x" * (4 * 1024 * 1024), headers={"content-type": "application/sparql-query"})
    assert r.status_code == 413 and r.headers["x-content-type-options"] == "nosniff"


def test_the_only_inline_script_is_hashed_and_pages_have_none(client: TestClient) -> None:
    docs = client.get("/docs")
    inline = re.findall(r"<script>(.*?)</script>", docs.text, re.S)
    assert inline, "the Swagger UI page starts itself with an inline script"
    for body in inline:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in script_src(docs.headers["content-security-policy"])
    for path in ("/", "/query", "/valideren", "/releases"):
        assert "sha256-" not in script_src(client.get(path).headers["content-security-policy"]), path


def test_feeds_and_descriptions_never_take_links_from_the_host_header(client: TestClient, app_with) -> None:  # type: ignore[no-untyped-def]
    hostile = {"host": "evil.example"}
    for path in ("/releases.atom", "/releases.json", "/api/releases", "/void", "/sparql"):
        r = client.get(path, headers=hostile)
        assert r.status_code == 200, path
        assert "evil.example" not in r.text, path
    public = TestClient(app_with(public_url="https://kg.example.nl", sparql_workers=0), base_url="http://evil.example")
    feed = public.get("/releases.json").json()
    assert feed["feed_url"] == "https://kg.example.nl/releases.json"
    assert "<https://kg.example.nl/sparql>" in public.get("/void").text
    assert "evil.example" not in public.get("/sparql").text
