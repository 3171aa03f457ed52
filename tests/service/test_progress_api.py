"""GET /api/plans/{plan}/progress and the progress questions, on both stores (embedded and an Oxigraph
server), on the real data: the 2024 report of the rare-cancer plan 2025 and the 2025 cards."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient


def get(client: TestClient, path: str, **params: str) -> dict[str, Any]:
    r = client.get(path, params=params)
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def test_progress_of_the_2024_plan_cites_the_report(client: TestClient) -> None:
    answer = get(client, "/api/plans/zeldzame-kankers-2024/progress", at="2024-12-31")
    assert answer["steps"] == 13 and answer["totals"] == {"afgerond": 0, "loopt": 13, "over-tijd": 0, "niet-gemeld": 0}
    assert answer["reports"] == [{"id": "zeldzame-kankers-2024", "title": "Activiteiten 2024"}]
    slides = {loc["number"] for source in answer["sources"] for loc in source["locations"]}
    assert {5, 6, 7} <= slides


def test_overdue_steps_of_2025_with_leads_and_how_late(client: TestClient) -> None:
    answer = get(client, "/api/plans/zeldzame-kankers-2025/progress", at="2025-12-31")
    overdue = [(i["activity"], i["step"], i["daysLate"]) for i in answer["overdue"]]
    assert overdue[0] == (2, 1, 184)  # Q2 2025 (slide 18): 30 June to 31 December
    assert {(a, s) for a, s, _ in overdue} == {(2, 1), (2, 2), (3, 1), (4, 1), (6, 1), (10, 1), (12, 1), (13, 1)}
    assert all(
        i["leads"] and i["activityUrl"].startswith("/plan/zeldzame-kankers-2025/activity/") for i in answer["overdue"]
    )
    for bar in answer["subgoals"]:
        assert sum(bar["counts"].values()) == bar["steps"]


def test_a_bad_date_or_plan_is_a_clear_error(client: TestClient) -> None:
    for bad in ("2025-13-01", "31-12-2025", "x" * 30):
        r = client.get("/api/plans/zeldzame-kankers-2025/progress", params={"at": bad})
        assert r.status_code == 400, r.text
        body = r.json()
        assert body["error"] == "bad parameter" and body["detail"]["parameter"] == "at"
    r = client.get("/api/plans/zeldzame-kankers-2052/progress", params={"at": "2025-12-31"})
    assert r.status_code == 404 and r.json()["detail"]["plan"] == "zeldzame-kankers-2052"


def test_progress_questions_answer_in_sentences_with_citations(client: TestClient) -> None:
    nl = get(client, "/api/questions/progress-overdue", plan="zeldzame-kankers-2025", at="2025-12-31", lang="nl")
    assert nl["sentence"].startswith(
        "Op 31 december 2025 zijn 8 stappen van het Actieplan Zeldzame Kankers 2025 over tijd"
    )
    en = get(client, "/api/questions/progress-overdue", plan="zeldzame-kankers-2025", at="2025-12-31", lang="en")
    assert en["sentence"].startswith("On 31 December 2025, 8 steps of the Rare Cancers Action Plan 2025 are overdue")
    party = get(client, "/api/questions/progress-party", party="IKNL", at="2024-12-31", lang="nl")
    assert (
        "heeft Integraal Kankercentrum Nederland 0 stappen afgerond" in party["sentence"]
        or " 0 stappen afgerond" in party["sentence"]
    )
    cited_slides = {loc.get("number") for source in party["sources"] for loc in source["locations"]}
    assert {5, 7} <= cited_slides  # the 2024 report on activities 1 and 12
    bars = get(client, "/api/questions/progress-by-subgoal", plan="zeldzame-kankers-2025", at="2025-12-31", lang="en")
    assert "subgoal 1" in bars["sentence"] and len(bars["rows"]) == 7
