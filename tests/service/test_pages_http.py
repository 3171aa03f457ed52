"""The pages for people over HTTP: rich HTML at entity IRIs while RDF negotiation is unchanged, language, errors."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

BASE = "https://w3id.org/nkc-kg/"
HTML = {"accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"}
PLAN = "plan/zeldzame-kankers-2025"


@pytest.mark.parametrize(
    ("path", "needle"),
    [
        (PLAN, "Subdoelen"),
        (f"{PLAN}/subgoal/5", "Wie is betrokken?"),
        (f"{PLAN}/activity/12", 'class="timeline"'),
        ("party/nvmo", "CieKNT"),
    ],
)
def test_entity_iris_get_the_rich_page_as_html_and_rdf_as_before(client: TestClient, path: str, needle: str) -> None:
    page = client.get(f"/{path}", headers=HTML)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert needle in page.text and '<html lang="nl">' in page.text and "/static/style.css" in page.text
    turtle = client.get(f"/{path}", headers={"accept": "text/turtle"})
    assert turtle.headers["content-type"].startswith("text/turtle")
    assert any(Graph().parse(data=turtle.content, format="turtle").triples((URIRef(BASE + path), RDF.type, None)))
    assert (
        client.get(f"/{path}", params={"format": "jsonld"}, headers=HTML)
        .headers["content-type"]
        .startswith("application/ld+json")
    )


def test_other_entities_keep_the_generic_page_in_the_same_layout(client: TestClient) -> None:
    r = client.get(f"/{PLAN}/activity/3/step/2", headers=HTML)
    assert r.status_code == 200 and "/static/style.css" in r.text and "prov:wasAssociatedWith" in r.text
    assert 'href="/party/iknl"' in r.text


@pytest.mark.parametrize("path", ["/party/bestaat-niet", f"/{PLAN}/activity/99", f"/{PLAN}/subgoal/42", "/doc/nope"])
def test_unknown_entity_is_a_friendly_404_page_for_browsers(client: TestClient, path: str) -> None:
    r = client.get(path, headers=HTML)
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "Niet gevonden" in r.text and 'action="/search"' in r.text


def test_language_switch_is_remembered_by_cookie(client: TestClient) -> None:
    browser = TestClient(client.app)  # its own cookie jar: the shared client stays Dutch
    english = browser.get(f"/{PLAN}", params={"lang": "en"}, headers=HTML)
    assert '<html lang="en">' in english.text and "Subgoals" in english.text
    assert "Rare Cancers Action Plan 2025" in english.text
    cookie = english.cookies.get("nkc_lang")
    assert cookie == "en"
    again = browser.get("/", headers=HTML)
    assert '<html lang="en">' in again.text and "Action plans" in again.text
    # replaces the service's cookie (same domain): the client then sends only this one
    browser.cookies.set("nkc_lang", "xx", domain="testserver.local")
    dutch = browser.get("/", headers=HTML)
    assert '<html lang="nl">' in dutch.text


def test_views_and_their_errors(client: TestClient) -> None:
    matrix = client.get("/matrix", params={"plan": "zeldzame-kankers-2025"})
    assert matrix.status_code == 200 and 'class="matrix"' in matrix.text and 'data-subgoal="5"' in matrix.text
    assert client.get("/matrix", params={"plan": "nope"}).status_code == 404
    timeline = client.get("/timeline", params={"from": "2025-01-01", "to": "2025-12-31"})
    assert timeline.status_code == 200 and 'class="step"' in timeline.text
    assert client.get("/timeline", params={"from": "gisteren"}).status_code == 400
    assert client.get("/timeline", params={"from": "2026-01-01", "to": "2025-01-01"}).status_code == 400
    search = client.get("/search", params={"q": "nvmo"})
    assert search.status_code == 200 and 'href="/party/nvmo"' in search.text
    assert client.get("/search").status_code == 200
    css = client.get("/static/style.css")
    assert css.status_code == 200 and "@media print" in css.text
