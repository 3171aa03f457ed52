"""Sources and citations on every answer: the REST answers (additive fields only), the entity pages and
the question pages, on both stores. Slide numbers are those of the rare-cancer plan 2025 (seed 000)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

ZK25 = "zeldzame-kankers-2025"
DOC = "Nederlands Kanker Collectief (2025). Actieplan Zeldzame Kankers 2025"


def get(client: TestClient, path: str, **params: str) -> dict[str, Any]:
    r = client.get(path, params=params or None)
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def slides(answer: dict[str, Any], document: str = "actieplan-zeldzame-kankers-2025") -> set[int]:
    return {
        loc["number"]
        for source in answer["sources"]
        if source["document"]["url"] == f"/doc/{document}"
        for loc in source["locations"]
        if loc["kind"] == "slide"
    }


@pytest.mark.parametrize(
    ("path", "produce"),
    [
        (f"/api/plans/{ZK25}", lambda data: data.plan(ZK25)),
        (f"/api/plans/{ZK25}/activities/12", lambda data: data.activity(ZK25, 12)),
        (f"/api/plans/{ZK25}/subgoals/5/parties", lambda data: data.subgoal_parties(ZK25, 5)),
        ("/api/parties/zn", lambda data: data.party("zn")),
        ("/api/abbreviations/CieOOM", lambda data: data.abbreviation("CieOOM")),
    ],
)
def test_sources_are_added_and_nothing_else_changes(client: TestClient, path: str, produce: Any) -> None:
    body = get(client, path)
    assert body["sources"] or body["curated"]
    contract = json.loads(json.dumps(produce(client.app.state.plan_data), ensure_ascii=False))  # type: ignore[attr-defined]
    assert {k: v for k, v in body.items() if k not in ("sources", "curated")} == contract


def test_timeline_cites_its_steps(client: TestClient) -> None:
    body = get(client, "/api/timeline", **{"from": "2025-10-01", "to": "2025-12-31"})
    assert {18, 19, 28} <= slides(body)
    assert set(body) == {"from", "to", "plan", "party", "steps", "sources", "curated"}


def test_an_activity_cites_its_card(client: TestClient) -> None:
    body = get(client, f"/api/plans/{ZK25}/activities/12")
    (source,) = body["sources"]
    assert slides(body) == {8, 28}  # the list of prioritised activities and the card of activity 12
    assert source["citation"]["nl"] == f"{DOC}, dia 8 en 28."
    assert source["publisher"][0]["url"] == "/party/nkc" and source["date"] == "2025"


def test_cieoom_cites_slide_34_and_zn_the_curators(client: TestClient) -> None:
    cieoom = get(client, "/api/abbreviations/cieoom")
    assert slides(cieoom) == {34} and cieoom["curated"] == []
    assert cieoom["sources"][0]["citation"]["nl"] == f"{DOC}, dia 34."
    zn = get(client, "/api/abbreviations/ZN")
    assert zn["sources"] == []
    kinds = {c["url"]: c for c in zn["curated"]}
    assert kinds["/abbreviations/curated/zn"]["curated"] is True
    assert kinds["/abbreviations/curated/zn"]["status"] == "verified"
    assert kinds["/abbreviations/curated/zn"]["references"]
    party = get(client, "/api/parties/ZN")
    (mark,) = party["curated"]
    assert mark["url"] == "/party/zn" and mark["kind"] == "named-by-curators" and mark["via"]["label"] == "ZN"
    # the party itself is named in the plan: where it takes part is cited
    assert {5, 28, 29} <= slides(party)


def test_lists_and_search_carry_no_sources(client: TestClient) -> None:
    for path in ("/api/plans", "/api/parties", "/api/abbreviations", "/api/search?q=iknl"):
        assert "sources" not in client.get(path).json(), path


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize(
    ("path", "citation"),
    [
        (f"/plan/{ZK25}/activity/12", f"{DOC}, dia 8 en 28."),
        (f"/plan/{ZK25}/subgoal/5", f"{DOC}, dia "),
        (f"/plan/{ZK25}", f"{DOC}, dia "),
        ("/party/cieoom", f"{DOC}, dia "),
        ("/abbreviations/actieplan-zeldzame-kankers-2025/cieoom", f"{DOC}, dia 34."),
    ],
)
def test_entity_pages_have_a_source_block_with_a_copy_button(client: TestClient, path: str, citation: str) -> None:
    r = client.get(path, params={"lang": "nl"}, headers={"accept": "text/html"})
    assert r.status_code == 200
    assert '<section class="sources"' in r.text and 'data-copy="' in r.text
    block = text_of(r.text.split('id="sources-heading">')[1])
    assert block.startswith("Bron") and citation in block
    assert "/static/sources.js" in r.text


def test_curated_facts_are_marked_on_their_page(client: TestClient) -> None:
    r = client.get("/abbreviations/curated/zn", params={"lang": "en"}, headers={"accept": "text/html"})
    block = text_of(r.text.split('<section class="sources"')[1])
    assert "Added by the curators (not in a source)" in block
    assert "No source spells out ‘ZN’; the expansion was added by the curators. Status: verified." in block


def test_question_pages(client: TestClient) -> None:
    listing = client.get("/vragen", params={"lang": "nl"})
    assert listing.status_code == 200
    assert 'href="/vragen/parties-in-subgoal"' in listing.text
    assert "Welke partijen zijn betrokken bij subdoel 5 van het Actieplan Zeldzame Kankers 2025?" in listing.text
    page = client.get("/vragen/parties-in-subgoal", params={"plan": ZK25, "subgoal": "5", "lang": "nl"})
    assert page.status_code == 200
    text = text_of(page.text)
    assert "Bij subdoel 5 van het Actieplan Zeldzame Kankers 2025 zijn 24 partijen betrokken" in text
    assert 'href="/party/drcp-wg-geneesmiddelen"' in page.text and "VALUES (?plan ?subgoal)" in page.text
    english = client.get("/vragen/parties-in-subgoal", params={"plan": ZK25, "subgoal": "5", "lang": "en"})
    assert "24 parties are involved in subgoal 5" in text_of(english.text) and "Copy citation" in english.text
    form_only = client.get("/vragen/party-leads", params={"lang": "nl"})
    assert form_only.status_code == 200 and "Kies de waarden" in form_only.text and 'value="IKNL"' in form_only.text


def test_question_page_shows_suggestions_for_an_unknown_value(client: TestClient) -> None:
    r = client.get("/vragen/party-leads", params={"party": "IKNLL", "year": "2025", "lang": "nl"})
    assert r.status_code == 404
    assert "Onbekende waarde voor Partij: ‘IKNLL’" in text_of(r.text)
    assert 'href="/vragen/party-leads?party=IKNL&amp;year=2025&amp;lang=nl"' in r.text
    hostile = client.get("/vragen/parties-in-subgoal", params={"plan": ZK25, "subgoal": "<script>x</script>"})
    assert hostile.status_code == 400 and "<script>x" not in hostile.text
    assert client.get("/vragen/nope", headers={"accept": "text/html"}).status_code == 404


def test_home_and_navigation_link_the_questions(client: TestClient) -> None:
    home = client.get("/", params={"lang": "nl"}).text
    assert '<a href="/vragen">' in home and 'href="/vragen/parties-in-subgoal?plan=zeldzame-kankers-2025' in home
    assert '<li><a href="/vragen"' in client.get("/timeline", params={"lang": "nl"}).text
