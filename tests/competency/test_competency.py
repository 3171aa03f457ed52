"""Competency questions: each named query answers its question on the real curated data.

Expected answers are read from the source documents (slide numbers in the comments). A failure
prints what is missing and what is extra. Run one with `pytest -k CQ_05`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest
from nkc_kg.loaders.iris import Iris
from nkc_kg.service.catalog import NamedQuery
from nkc_kg.service.runner import EntityIndex, run_named
from nkc_kg.service.store import EmbeddedStore

Rows = list[dict[str, str]]


@pytest.fixture(scope="module")
def ask(catalog: dict[str, NamedQuery], store: EmbeddedStore, index: EntityIndex, iris: Iris):  # type: ignore[no-untyped-def]
    def run(name: str, **params: str) -> Rows:
        result = run_named(catalog[name], params, store, index, iris)
        return [{k: str(v) for k, v in row.items()} for row in result.rows]

    return run


def party(slug: str) -> str:
    return str(Iris().party(slug))


def project(rows: Rows, *keys: str) -> set[tuple[str, ...]]:
    return {tuple(row.get(k, "") for k in keys) for row in rows}


def assert_superset(found: set, expected: set) -> None:  # type: ignore[type-arg]
    missing = expected - found
    assert not missing, f"missing: {sorted(missing)}\nfound: {sorted(found)}"


def test_every_named_query_has_a_competency_test(catalog: Mapping[str, NamedQuery]) -> None:
    source = Path(__file__).read_text(encoding="utf-8")
    untested = [name for name in catalog if f'"{name}"' not in source]
    assert untested == []


def test_CQ_01_parties_in_subgoal_5(ask) -> None:  # type: ignore[no-untyped-def]
    # Slide 8: activities 12 and 13 serve subgoal 5; activities 1 and 2 serve all subgoals.
    rows = ask("parties-in-subgoal", plan="zeldzame-kankers-2025", subgoal="5")
    assert {r["activity"] for r in rows} == {"1", "2", "12", "13"}
    assert all(r["crossCutting"] == "true" for r in rows if r["activity"] in ("1", "2"))
    assert all(r["crossCutting"] == "false" for r in rows if r["activity"] in ("12", "13"))
    direct = project([r for r in rows if r["crossCutting"] == "false"], "party", "role", "activity")
    # Slides 28-29: "Wie doet het?" and "Wie moeten we betrekken?" of activities 12 and 13.
    assert_superset(
        direct,
        {
            (party("drcp-wg-geneesmiddelen"), "lead", "12"),
            (party("drcp-wg-geneesmiddelen"), "lead", "13"),
            (party("radboudumc"), "lead", "12"),
            (party("umc-utrecht"), "lead", "12"),
            (party("zin"), "involved", "12"),
            (party("ciebag"), "involved", "12"),
            (party("zn"), "involved", "12"),
            (party("nvmo"), "involved", "12"),
            (party("ciebom"), "involved", "12"),
            (party("cieoom"), "involved", "12"),
            (party("vig"), "involved", "12"),
            (party("nfk"), "involved", "12"),
            (party("zin"), "involved", "13"),
            (party("zn"), "involved", "13"),
            (party("kwf"), "involved", "13"),
        },
    )
    # Slide 18: IKNL leads activity 2, which serves all subgoals.
    assert (party("iknl"), "lead", "2", "true") in project(rows, "party", "role", "activity", "crossCutting")


def test_CQ_02_what_iknl_leads_in_2025(ask) -> None:  # type: ignore[no-untyped-def]
    rows = ask("party-leads", party="iknl", year="2025")
    assert {r["plan"] for r in rows} <= {"zeldzame-kankers-2025", "late-gevolgen-2025"}
    found = project([r for r in rows if r["plan"] == "zeldzame-kankers-2025"], "activity", "step")
    # Slides 18, 19 and 30: activities 2 and 3, and activity 14 (steps 1 and 2).
    assert_superset(
        found,
        {("2", "1"), ("2", "2"), ("2", "3"), ("3", "1"), ("3", "2"), ("3", "3"), ("14", "1"), ("14", "2")},
    )
    # Typed input people use works too.
    assert ask("party-leads", party="Integraal Kankercentrum Nederland", year="2025") == rows


def test_CQ_03_steps_planned_in_q4_2025(ask) -> None:  # type: ignore[no-untyped-def]
    rows = ask("steps-in-quarter", quarter="Q4 2025")
    found = project([r for r in rows if r["plan"] == "zeldzame-kankers-2025"], "activity", "step", "timeframe")
    assert_superset(
        found,
        {
            ("2", "3", "Q4 2025 – Q1 2026"),  # slide 18
            ("3", "2", "Q4 2025"),  # slide 19
            ("3", "3", "Q4 2025"),
            ("4", "2", "mogelijk Q3 t/m Q4 2025"),  # slide 20
            ("12", "2", "2025"),  # slide 28
        },
    )
    steps = project(rows, "plan", "activity", "step")
    assert ("zeldzame-kankers-2025", "2", "1") not in steps  # Q2 2025
    assert ("zeldzame-kankers-2025", "12", "1") not in steps  # Q1 & Q2 2025
    assert rows == ask("steps-in-window", **{"from": "2025-10-01", "to": "2025-12-31"}) or project(
        rows, "plan", "activity", "step"
    ) == project(ask("steps-in-window", **{"from": "2025-10-01", "to": "2025-12-31"}), "plan", "activity", "step")


def test_CQ_04_abbreviation_defined_by_the_plan(ask) -> None:  # type: ignore[no-untyped-def]
    # Slide 34: "CieOOM = Commissie indicatiestelling Off-label in de Oncologie gebruikte Middelen".
    rows = ask("abbreviation", abbr="cieoom")
    assert [(r["expansion"], r["definedBySource"]) for r in rows if r["definedBySource"] == "true"] == [
        ("Commissie indicatiestelling Off-label in de Oncologie gebruikte Middelen", "true")
    ]
    assert rows[0]["document"] == str(Iris().document("actieplan-zeldzame-kankers-2025"))


def test_CQ_05_abbreviation_not_defined_by_any_source(ask) -> None:  # type: ignore[no-untyped-def]
    rows = ask("abbreviation", abbr="ZN")
    assert [(r["expansion"], r["definedBySource"], r["status"]) for r in rows] == [
        ("Zorgverzekeraars Nederland", "false", "verified")
    ]


def test_CQ_06_sub_organisations(ask) -> None:  # type: ignore[no-untyped-def]
    drcp = {r["unit"] for r in ask("sub-organisations", party="DRCP")}
    assert_superset(
        drcp,
        {party(f"drcp-wg-{t}") for t in ("geneesmiddelen", "organisatie-van-zorg", "wetenschap", "communicatie")},
    )
    assert_superset(
        {r["unit"] for r in ask("sub-organisations", party="NVMO")},
        {party("cieknt"), party("ciebom"), party("cieoom")},
    )
    assert party("ciebag") in {r["unit"] for r in ask("sub-organisations", party="Zorgverzekeraars Nederland")}


def test_CQ_07_cancer_types_by_euracan_domain(ask) -> None:  # type: ignore[no-untyped-def]
    rows = ask("cancer-types-by-domain")
    assert {r["domain"] for r in rows} == {f"G{i}" for i in range(1, 11)}
    by_orpha = {r["orpha"]: (r["domain"], r["mappingStatus"]) for r in rows if r.get("orpha")}
    assert by_orpha["44890"] == ("G1", "verified")  # GIST
    assert by_orpha["424013"][0] == "G5"  # anal canal carcinoma
    assert by_orpha["398043"] == ("G3", "derived")  # penile cancer: derived, not verified
    assert by_orpha["276145"][0] == "G7"  # salivary gland


def test_CQ_08_continuation_2024_to_2025(ask) -> None:  # type: ignore[no-untyped-def]
    rows = ask("activity-continuation", plan="zeldzame-kankers-2024")
    assert {r["activity"] for r in rows} == {str(n) for n in range(1, 14)}
    pairs = project([r for r in rows if r.get("nextActivity")], "activity", "nextActivity")
    # Slides 5-8: the 2024 titles return in the 2025 list, shifted by two (2025 adds activities 1 and 2).
    assert_superset(pairs, {(str(n), str(n + 2)) for n in (1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13)})
    assert {r["nextPlan"] for r in rows if r.get("nextPlan")} == {"zeldzame-kankers-2025"}


def test_CQ_09_team_members(ask) -> None:  # type: ignore[no-untyped-def]
    rows = ask("team-members", plan="zeldzame-kankers-2025")
    assert len(rows) == 13  # slide 32
    assert ("Eelke Gort", "DRCP / UMC Utrecht", "false") in project(rows, "name", "organisations", "former")
    late = ask("team-members", plan="late-gevolgen-2025")
    former = {r["name"] for r in late if r["former"] == "true"}
    assert "Berthe Aleman" in former and "Miranda Velthuis" not in former


def test_CQ_10_activities_of_a_party(ask) -> None:  # type: ignore[no-untyped-def]
    rows = ask("party-activities", party="NVMO")
    found = project(rows, "plan", "activity", "role")
    assert ("zeldzame-kankers-2025", "12", "involved") in found  # slide 28
    assert ("zeldzame-kankers-2025", "5", "lead") in found  # slide 21, step 2


def test_CQ_11_activities_of_a_plan(ask) -> None:  # type: ignore[no-untyped-def]
    rows = ask("plan-activities", plan="zeldzame-kankers-2025")
    assert [r["activity"] for r in rows] == [str(n) for n in range(1, 16)]
    subgoals = {r["activity"]: r["subgoals"] for r in rows}
    assert subgoals["1"] == subgoals["2"] == "all"
    assert subgoals["3"] == "1" and subgoals["12"] == "5"


def test_unknown_values_get_suggestions(ask) -> None:  # type: ignore[no-untyped-def]
    from nkc_kg.service.catalog import ParameterError

    with pytest.raises(ParameterError) as err:
        ask("party-leads", party="IKNLL", year="2025")
    assert "iknl" in err.value.suggestions
    with pytest.raises(ParameterError):
        ask("steps-in-quarter", quarter="Q5 2025")
    with pytest.raises(ParameterError):
        ask("parties-in-subgoal", plan="zeldzame-kankers-2025", subgoal="5 } ; DROP ALL #")
