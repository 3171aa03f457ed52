"""The plain functions behind the pages for people (no browser): links, merging, counting, versions."""

from __future__ import annotations

from nkc_kg.loaders.iris import Iris
from nkc_kg.service.diff.focus import activity_choices, only_activity
from nkc_kg.service.linked_data.human import generated_in, page_url
from nkc_kg.service.plans.activity_view import parties_with_steps, unnamed_mentions, versions
from nkc_kg.service.plans.party_view import by_plan, summary
from nkc_kg.service.plans.periods import add_months, plan_short_name, quarter_start, short_title
from nkc_kg.service.plans.search_hits import activity_shortcuts, present_hits
from nkc_kg.service.validate.presentation import plain_message, split_source_issues

PLANS = [
    {"id": "zk-2024", "year": 2024, "label": "ZK 2024", "url": "/plan/zk-2024", "title": "Zeldzame Kankers 2024"},
    {"id": "zk-2025", "year": 2025, "label": "ZK 2025", "url": "/plan/zk-2025", "title": "Zeldzame Kankers 2025"},
]


def test_parts_of_an_activity_link_to_their_place_on_its_page() -> None:
    iris = Iris()
    base = iris.base + "plan/zk-2025/activity/12"
    assert page_url(base + "/step/3", iris) == "/plan/zk-2025/activity/12#step-3"
    assert page_url(base + "/step/3/role/lead/nfk", iris) == "/plan/zk-2025/activity/12#step-3"
    assert page_url(base + "/result/2", iris) == "/plan/zk-2025/activity/12#result-2"
    assert page_url(iris.base + "party/nfk", iris) == "/party/nfk"
    assert page_url("https://example.org/x", iris) is None
    assert generated_in("Activiteit 12, stap 3: tekst", "en") == "Activity 12, step 3: tekst"
    assert generated_in("Activiteit 12, stap 3: tekst", "nl") == "Activiteit 12, stap 3: tekst"


def test_an_initiative_named_by_its_abbreviation_is_listed_once() -> None:
    initiatives = [
        {"iri": "https://x/initiative/drup", "label": "Drug Rediscovery Protocol"},
        {"iri": "https://x/initiative/dap", "label": "(Orphan) Drug Access Protocol"},
        {"iri": "https://x/initiative/afford", "label": "AFFORD"},
    ]
    mentions = [{"text": "DRUP"}, {"text": "(O)DAP"}, {"text": "AFFORD initiatief"}, {"text": "SPARC"}]
    assert unnamed_mentions(initiatives, mentions) == [{"text": "SPARC"}]


def test_a_party_that_only_leads_a_step_is_among_the_parties() -> None:
    activity = {
        "parties": [{"iri": "p:a", "label": "A", "roles": ["involved"], "steps": []}],
        "steps": [{"number": 3, "lead": [{"iri": "p:b", "label": "B"}, {"iri": "p:a", "label": "A"}]}],
    }
    parties = parties_with_steps(activity)
    assert [(p["label"], p["roles"], p["steps"]) for p in parties] == [
        ("A", ["lead", "involved"], [3]),
        ("B", ["lead"], [3]),
    ]


def test_versions_link_to_their_part_of_the_comparison() -> None:
    linked = versions({"number": 12, "continues": [{"plan": "zk-2024", "number": 10}]}, "zk-2025")
    assert linked["continues"][0]["diff"] == "/diff?from=zk-2024&to=zk-2025&activity=12#activity-12"
    assert linked["continues"][0]["year"] == "2024"
    diff = {"activities": [{"to": {"number": 12, "title": "Twaalf"}}, {"from": {"number": 3}, "to": None}]}
    assert only_activity(diff, 12)["activities"] == [diff["activities"][0]]  # type: ignore[index]
    assert only_activity(diff, 99) is None
    assert activity_choices(diff) == [(12, "Twaalf")]


def test_party_by_year_with_step_dates_and_a_summary() -> None:
    plans = {p["id"]: p for p in PLANS}
    involvement = [
        {"plan": "zk-2025", "activity": 2, "url": "/a2", "roles": ["lead"], "steps": [1], "leadSteps": [1, 2]},
        {"plan": "zk-2025", "activity": 5, "url": "/a5", "roles": ["involved"], "steps": []},
        {"plan": "zk-2024", "activity": 1, "url": "/b1", "roles": ["involved"], "steps": []},
    ]
    groups = by_plan(involvement, plans, 2025, {("zk-2025", 2, 1): "Q1 2025"})
    assert [plan["id"] for plan, _ in groups] == ["zk-2025"]
    steps = groups[0][1][0]["steps"]
    assert [(s["number"], s["lead"], s["when"]) for s in steps] == [(1, True, "Q1 2025"), (2, True, None)]
    assert summary(groups) == {"leadSteps": 2, "leadActivities": 1, "involved": 1}
    assert [plan["id"] for plan, _ in by_plan(involvement, plans, None, {})] == ["zk-2025", "zk-2024"]


def test_search_hits_merged_with_plan_and_kind() -> None:
    results = [
        {"label": "NFK = N", "type": "Abbreviation", "url": "/abbreviations/actieplan-zk-2025/nfk"},
        {"label": "NFK = N", "type": "Abbreviation", "url": "/abbreviations/curated/nfk"},
        {"label": "Stap", "type": "CanvasOutput", "url": "/plan/zk-2025/activity/1/step/2"},
    ]
    hits = present_hits(results, PLANS, "nl", lambda h: h["label"], lambda kind: "uitkomst")
    assert len(hits) == 2
    assert hits[0]["kind"] == "afkorting" and len(hits[0]["places"]) == 2 and hits[0]["plans"][0]["id"] == "zk-2025"
    assert hits[1]["kind"] == "uitkomst" and hits[1]["url"] == "/plan/zk-2025/activity/1#step-2"
    shortcuts = activity_shortcuts("activiteit 12 2025", PLANS, lambda plan: [12] if plan == "zk-2025" else [1])
    assert [(p["id"], n) for p, n in shortcuts] == [("zk-2025", 12)]
    assert activity_shortcuts("nfk", PLANS, lambda plan: [12]) == []


def test_quarters_short_names_and_titles() -> None:
    from datetime import date

    assert quarter_start(date(2026, 12, 7)) == date(2026, 10, 1)
    assert add_months(date(2026, 12, 7), 1) == date(2027, 1, 1)
    assert add_months(date(2026, 1, 31), -6) == date(2025, 7, 1)
    assert plan_short_name({"title": "Actieplan Zeldzame Kankers 2025", "year": 2025}, "nl") == "ZK 2025"
    assert short_title("verbeteren beschikbaarheid geneesmiddelen voor iedereen") == "verbeteren beschikbaarheid"


def test_validation_report_in_one_language_with_the_sources_problems_apart() -> None:
    assert plain_message("Bron (missing-in-source): Het vak is leeg.", "nl") == (
        "Het vak is leeg.",
        "ontbreekt in de bron",
    )
    assert plain_message("Source (other): x", "en") == ("x", "other")
    assert plain_message("Gewoon een fout.", "nl") == ("Gewoon een fout.", None)
    groups = [
        {"title": "Plan", "results": [{"severity": "warning", "recorded": True}, {"severity": "violation"}]},
        {"title": "Bronnen", "results": [{"severity": "warning", "recorded": True}]},
    ]
    fresh, recorded = split_source_issues(groups)
    assert [g["title"] for g in fresh] == ["Plan"] and fresh[0]["counts"]["violation"] == 1
    assert [r["group"] for r in recorded] == ["Plan", "Bronnen"]
