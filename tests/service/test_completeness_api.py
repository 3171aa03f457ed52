"""GET /api/plans/{plan}/completeness and the page /volledigheid, on both stores, against the real data.

The gaps asserted here are read from the curated data and the sources: the late-effects plan's activity
2 is still being worked out (its 2025 list skips it); the 2024 plan is known only from the 2025 plan's
report on it (slides 5-7: what was done and by whom); the 2025 plan's list of abbreviations leaves out
ZN, ZonMW, VIG, NVMO and more (the curators' own note in data/zeldzame-kankers-2025.yaml says so).
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from nkc_kg.loaders.paths import QUERIES_DIR, ROOT
from nkc_kg.service.completeness.schemas import CompletenessOut


def report(client: TestClient, plan: str) -> dict[str, Any]:
    response = client.get(f"/api/plans/{plan}/completeness")
    assert response.status_code == 200, response.text
    CompletenessOut.model_validate(response.json())  # the documented contract
    return response.json()  # type: ignore[no-any-return]


def is_embedded(client: TestClient, request: pytest.FixtureRequest) -> bool:
    return "embedded" in request.node.callspec.id


def line_at(fix: dict[str, Any]) -> str:
    return (ROOT / fix["file"]).read_text(encoding="utf-8").splitlines()[fix["line"] - 1]


def test_late_effects_activity_2_is_in_development(client: TestClient, request: pytest.FixtureRequest) -> None:
    found = report(client, "late-gevolgen-2025")
    assert found["plan"]["label"] == "Actieplan (Late) Gevolgen 2025"
    assert found["document"]["url"] == "/doc/actieplan-late-gevolgen-2025"
    [activity] = found["activities"]
    assert activity["number"] == 2 and activity["url"] == "/plan/late-gevolgen-2025/activity/2"
    [gap] = activity["gaps"]
    assert (gap["kind"], gap["status"], gap["check"]) == ("in-development", "in-development", "activity-in-development")
    assert "Activiteit 2 staat niet op de activiteitenlijst 2025" in gap["reason"]["nl"]
    assert [s["label"] for s in gap["source"]] == ["Actieplan (Late) Gevolgen 2025, dia 13"]
    if is_embedded(client, request):
        assert gap["fix"]["file"] == "data/late-gevolgen-2025.yaml"
        assert "kind: missing-in-source" in line_at(gap["fix"])
        assert found["fileLines"] is True
    else:
        assert gap["fix"] is None and found["fileLines"] is False


def test_late_effects_parties_whose_abbreviation_nothing_spells_out(
    client: TestClient, request: pytest.FixtureRequest
) -> None:
    parties = {p["label"]: p for p in report(client, "late-gevolgen-2025")["parties"]}
    gaps = {name: [(g["kind"], g["status"]) for g in p["gaps"]] for name, p in parties.items()}
    assert gaps["SAM"] == [("no-expansion", "gap")] and gaps["LOPPSOZ"] == [("no-expansion", "gap")]
    assert gaps["Kanker.nl"] == [("no-abbreviation", "info")]
    assert "(uitschrijving onbekend)" in parties["SAM"]["gaps"][0]["reason"]["nl"]
    assert not any(name in gaps for name in ("IKNL", "Integraal Kankercentrum Nederland", "NFK", "ROS")), gaps
    if is_embedded(client, request):
        assert 'abbr: "SAM"' in line_at(parties["SAM"]["gaps"][0]["fix"])  # where the expansion would go
        assert "id: kanker-nl" in line_at(parties["Kanker.nl"]["gaps"][0]["fix"])


def test_the_late_effects_plan_defines_none_of_its_abbreviations(client: TestClient) -> None:
    found = report(client, "late-gevolgen-2025")
    undefined = {a["abbreviation"]: a for a in found["abbreviations"] if a["kind"] == "undefined-abbreviation"}
    assert {"IKNL", "NFK", "KWF", "ZN", "ZIN", "ZINL", "Nza", "V&VN", "ZE&GG", "SAM", "LOPPSOZ", "PROM"} <= set(
        undefined
    )
    iknl = undefined["IKNL"]
    assert iknl["curated"]["expansion"] == "Integraal Kankercentrum Nederland"
    assert iknl["curated"]["definedBy"]["status"] == "verified"
    assert [d["label"] for d in iknl["definedIn"]] == ["Actieplan Zeldzame Kankers 2025"]
    assert iknl["occurrences"] >= 10 and all(
        u["url"].startswith("/doc/actieplan-late-gevolgen-2025/") for u in iknl["usedAt"]
    )
    assert undefined["SAM"]["curated"]["expansion"] == "(uitschrijving onbekend)"
    unknown = {a["abbreviation"] for a in found["abbreviations"] if a["kind"] == "unknown-abbreviation"}
    assert "IZP" in unknown  # 'individueel (na)zorgplan (IZP)': the graph has no abbreviation for it
    assert found["summary"]["undefinedAbbreviations"] == len(undefined)


def test_the_2025_plan_misses_the_abbreviations_its_curators_noted(client: TestClient) -> None:
    found = report(client, "zeldzame-kankers-2025")
    assert found["activities"] == [], "every 2025 activity has steps with timeframes and leads, results and subgoals"
    undefined = {a["abbreviation"] for a in found["abbreviations"] if a["kind"] == "undefined-abbreviation"}
    noted = {"ZN", "ZonMW", "VIG", "NVMO", "NVVP", "VKGN", "KPO’s", "EORTC", "AVL", "Nivel", "EU", "AI", "PI"}
    noted |= {"WHO", "ICD", "PPS", "HEVAS", "NTRK", "GIST", "PROFILES"}
    assert noted <= undefined
    assert not {"IKNL", "NFK", "DRCP", "CieOOM", "CieOOm", "ZIN", "(O)DAP"} & undefined, "the list defines these"
    kwf = next(a for a in found["abbreviations"] if a["abbreviation"] == "KWF")
    assert kwf["curated"]["expansion"] == "Koningin Wilhelmina Fonds"  # the list has 'KWF Kankerbestrijding' only


def test_the_2024_plan_is_known_only_from_the_2025_report(client: TestClient, request: pytest.FixtureRequest) -> None:
    found = report(client, "zeldzame-kankers-2024")
    activities = found["activities"]
    assert [a["number"] for a in activities] == list(range(1, 14))
    assert all(a["past"] for a in activities)
    statuses = {g["status"] for a in activities for g in a["gaps"]}
    assert statuses == {"not-in-source"}, "nothing the curators could fill in"
    kinds = {a["number"]: {g["kind"] for g in a["gaps"]} for a in activities}
    assert all({"no-steps", "no-intended-result", "no-subgoal"} <= k for k in kinds.values())
    assert sorted(n for n, k in kinds.items() if "no-lead" in k) == [2, 4, 7, 9, 10, 11, 13]
    assert found["summary"]["gaps"] == 0 and found["summary"]["notInSource"] == 13 * 3 + 7
    assert activities[0]["gaps"][0]["reason"]["en"].startswith("Activity of an earlier plan")
    if is_embedded(client, request):
        assert "- number: 1" in line_at(activities[0]["gaps"][0]["fix"])


def test_every_check_is_a_sparql_file(client: TestClient) -> None:
    checks = report(client, "zeldzame-kankers-2025")["checks"]
    assert [c["id"] for c in checks][:3] == ["step-without-timeframe", "activity-without-steps", "step-without-lead"]
    for check in checks:
        assert (ROOT / check["query"]).is_file() and check["query"].startswith("queries/completeness/")
        assert check["title"]["nl"] and check["title"]["en"]
    assert len({c["query"] for c in checks}) == len(list((QUERIES_DIR / "completeness").glob("*.rq"))) - 1


def test_an_unknown_plan_is_404(client: TestClient) -> None:
    response = client.get("/api/plans/zeldzame-kankers-2030/completeness")
    assert response.status_code == 404
    assert response.json()["detail"]["known"] == [
        "late-gevolgen-2025",
        "zeldzame-kankers-2024",
        "zeldzame-kankers-2025",
    ]


def test_the_page_is_linked_from_the_plan_page_and_dutch_first(client: TestClient) -> None:
    client.cookies.clear()
    plan = client.get("/plan/late-gevolgen-2025", headers={"accept": "text/html"})
    assert 'href="/volledigheid?plan=late-gevolgen-2025"' in plan.text
    page = client.get("/volledigheid?plan=late-gevolgen-2025")
    assert page.status_code == 200
    assert "Volledigheid" in page.text and "nog in uitwerking" in page.text and "in uitwerking" in page.text
    assert "IZP" in page.text and "(uitschrijving onbekend)" in page.text
    english = client.get("/volledigheid?plan=late-gevolgen-2025&lang=en")
    assert "Completeness" in english.text and "still being worked out" in english.text
    client.cookies.clear()
    assert client.get("/volledigheid?plan=nope").status_code == 404
    assert "Zeldzame Kankers 2025" in client.get("/volledigheid").text, "the newest plan without ?plan="


def without_file_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: without_file_lines(v) for k, v in value.items() if k not in ("fix", "fileLines")}
    if isinstance(value, list):
        return [without_file_lines(v) for v in value]
    return value


def test_both_stores_give_the_same_report_and_annotations(
    embedded_client: TestClient, remote_client: TestClient
) -> None:
    for plan in ("late-gevolgen-2025", "zeldzame-kankers-2025"):
        assert without_file_lines(report(embedded_client, plan)) == without_file_lines(report(remote_client, plan))
    text = "Het IKNL-rapport, ZIN en Kanker.nl met PROMs; DRCP werkgroep wetenschap."
    answers = [c.post("/api/annotate", json={"text": text}).json() for c in (embedded_client, remote_client)]
    assert answers[0] == answers[1] and answers[0]["total"] == 5
