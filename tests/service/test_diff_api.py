"""GET /api/diff and the page /diff on both stores (the ``client`` fixture runs each test on the embedded
store and on a real Oxigraph server).

The findings themselves are checked against the 2025 document in tests/test_diff_editions.py; here: the
contract, the errors, and that both stores give the same answer.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from nkc_kg.service.diff.schemas import DiffOut

OLD, NEW, LATE = "zeldzame-kankers-2024", "zeldzame-kankers-2025", "late-gevolgen-2025"


def diff(client: TestClient, old: str, new: str) -> dict[str, Any]:
    r = client.get("/api/diff", params={"from": old, "to": new})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/json")
    answer: dict[str, Any] = r.json()
    DiffOut.model_validate(answer)
    return answer


def test_2024_to_2025(client: TestClient) -> None:
    answer = diff(client, OLD, NEW)
    assert answer["relation"] == "next-edition"
    assert (answer["from"]["id"], answer["to"]["id"]) == (OLD, NEW)
    assert answer["from"]["url"] == f"/plan/{OLD}" and answer["to"]["api"] == f"/api/plans/{NEW}"
    summary = answer["summary"]
    assert (summary["added"], summary["removed"], summary["continued"], summary["titlesChanged"]) == (2, 0, 13, 1)
    entries = answer["activities"]
    assert [(e["from"] or {}).get("number") for e in entries] == [None, None, *range(1, 14)]
    assert [e["to"]["number"] for e in entries] == list(range(1, 16))
    first = entries[2]
    assert first["to"]["url"] == f"/plan/{NEW}/activity/3" and first["to"]["api"] == f"/api/plans/{NEW}/activities/3"
    assert first["to"]["iri"].endswith(f"/plan/{NEW}/activity/3") and first["to"]["label"].startswith("Activiteit 3.")
    assert len(answer["statedChanges"]) == 8
    party = entries[7]["changes"]["parties"]["left"][0]  # 2024 activity 6 → 2025 activity 8: DRCP
    assert (party["abbreviation"], party["api"]) == ("DRCP", "/api/parties/drcp")
    assert client.get(party["api"]).json()["iri"] == party["iri"]


def test_both_stores_give_the_same_answer(embedded_client: TestClient, remote_client: TestClient) -> None:
    for old, new in ((OLD, NEW), (NEW, NEW), (NEW, OLD)):
        assert (
            embedded_client.get("/api/diff", params={"from": old, "to": new}).json()
            == remote_client.get("/api/diff", params={"from": old, "to": new}).json()
        )


def test_a_plan_against_itself_has_no_differences(client: TestClient) -> None:
    answer = diff(client, NEW, NEW)
    assert answer["relation"] == "same-plan"
    assert {e["status"] for e in answer["activities"]} == {"unchanged"}
    assert answer["summary"]["unchanged"] == 15 and answer["team"]["joined"] == answer["team"]["left"] == []
    assert answer["statedChanges"] == []


def test_backwards_and_across_themes(client: TestClient) -> None:
    backwards = diff(client, NEW, OLD)
    assert backwards["relation"] == "previous-edition"
    assert (backwards["summary"]["removed"], backwards["summary"]["added"]) == (2, 0)
    assert {e["from"]["number"]: e["to"]["number"] for e in backwards["activities"] if e["to"]} == {
        n + 2: n for n in range(1, 14)
    }
    across = diff(client, NEW, LATE)
    assert across["relation"] == "other"
    assert across["summary"]["paired"] == 0  # no links, and no two activities alike enough


@pytest.mark.parametrize(
    ("params", "status", "parameter"),
    [
        ({"from": "zeldzame-kankers-2026", "to": NEW}, 404, "from"),
        ({"from": OLD, "to": "zeldzame kankers 2025"}, 404, "to"),
        ({"from": "x> } ; DROP ALL #", "to": NEW}, 404, "from"),
        ({"from": OLD}, 400, "to"),
        ({"to": NEW}, 400, "from"),
        ({"from": "z" * 300, "to": NEW}, 400, "from"),
    ],
)
def test_errors(client: TestClient, params: dict[str, str], status: int, parameter: str) -> None:
    r = client.get("/api/diff", params=params)
    assert r.status_code == status, r.text
    problem = r.json()
    assert set(problem) == {"error", "detail"}
    if status == 404:
        assert problem["error"].startswith("unknown plan")
        assert problem["detail"]["parameter"] == parameter
        assert NEW in problem["detail"]["known"]
    else:
        assert parameter in problem["error"]


def test_unknown_plan_gets_suggestions(client: TestClient) -> None:
    problem = client.get("/api/diff", params={"from": "zeldzame-kankers-2026", "to": NEW}).json()
    assert problem["detail"]["suggestions"][:2] == [NEW, OLD]


def test_openapi_documents_the_route(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    operation = spec["paths"]["/api/diff"]["get"]
    assert {p["name"] for p in operation["parameters"]} == {"from", "to"}
    assert {"200", "400", "404"} <= set(operation["responses"])
    assert "DiffOut" in spec["components"]["schemas"]


def test_the_page(client: TestClient) -> None:
    page = client.get("/diff", headers={"accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    assert '<html lang="nl">' in html and "Verschillen tussen planversies" in html
    # without a choice, the newest revision against the plan it revises
    assert f'value="{OLD}" selected' in html
    assert f'value="{NEW}" selected' in html
    assert "Nieuwe activiteiten (2)" in html and "Gewijzigde activiteiten (13)" in html
    # a client of its own: the language cookie it gets must not switch the shared client's pages
    english = TestClient(client.app).get("/diff", params={"from": NEW, "to": NEW, "lang": "en"}).text
    assert '<html lang="en">' in english and "No differences." in english
    unknown = client.get("/diff", params={"from": "nope", "to": NEW})
    assert unknown.status_code == 404 and "unknown plan &#39;nope&#39;" in unknown.text
    escaped = client.get("/diff", params={"from": "<script>alert(1)</script>", "to": NEW})
    assert escaped.status_code == 404 and "<script>alert(1)</script>" not in escaped.text
