"""The REST API on the real curated data: plans, activities, parties, abbreviations, timeline, search.

Expected values are read from the rare-cancer plan 2025 (seed 000: activity cards, the abbreviation
list on slide 34) and agree with the example-question table of the README. Only the ``client``
fixture is used, so the same tests run against any store behind the service.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from nkc_kg.service.plans import schemas as m
from nkc_kg.service.web.answers import JsonCache

ZK25 = "zeldzame-kankers-2025"
PLANS = {"zeldzame-kankers-2025", "zeldzame-kankers-2024", "late-gevolgen-2025"}


def get(client: TestClient, path: str, **params: str) -> Any:
    r = client.get(path, params=params or None)
    assert r.status_code == 200, (path, r.text)
    assert r.headers["content-type"].startswith("application/json")
    return r.json()


def by_label(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item.get("abbreviation") or item["label"]: item for item in items}


def walk(value: Any, key: str) -> Iterator[str]:
    """Every value of ``key`` anywhere in a JSON answer."""
    if isinstance(value, dict):
        for k, v in value.items():
            if k == key and isinstance(v, str):
                yield v
            else:
                yield from walk(v, key)
    elif isinstance(value, list):
        for item in value:
            yield from walk(item, key)


# -- plans -----------------------------------------------------------------------------------------


def test_plans_lists_the_three_plans(client: TestClient) -> None:
    answer = m.PlansOut.model_validate(get(client, "/api/plans"))
    plans = {p.id: p for p in answer.plans}
    assert set(plans) == PLANS
    assert plans[ZK25].title == "Actieplan Zeldzame Kankers 2025" and plans[ZK25].year == 2025
    assert plans[ZK25].revisionOf is not None and plans[ZK25].revisionOf.id == "zeldzame-kankers-2024"


def test_plan_has_goal_subgoals_and_activities_with_the_subgoals_they_serve(client: TestClient) -> None:
    plan = get(client, f"/api/plans/{ZK25}")
    m.PlanOut.model_validate(plan)
    assert plan["goal"]["text"].startswith("In 2032 is de overleving van mensen met of na een zeldzame vorm van kanker")
    assert [s["number"] for s in plan["subgoals"]] == [1, 2, 3, 4, 5, 6, 7]
    assert plan["subgoals"][4]["title"] == "verbeteren beschikbaarheid geneesmiddelen"
    activities = {a["number"]: a for a in plan["activities"]}
    assert sorted(activities) == list(range(1, 16))
    assert activities[1]["subgoals"] == "all" and activities[2]["subgoals"] == "all"
    assert activities[12]["subgoals"] == [5] and activities[13]["subgoals"] == [5]
    assert [c["number"] for c in plan["causes"]] == [1, 2, 3, 4, 5, 6, 7]


def test_past_plan_activities_continue_as_activity_n_plus_2(client: TestClient) -> None:
    # README: all 13 activities of 2024 continue in 2025, activity n as n + 2.
    plan = get(client, "/api/plans/zeldzame-kankers-2024")
    assert len(plan["activities"]) == 13 and {a["type"] for a in plan["activities"]} == {"past"}
    for summary in plan["activities"]:
        activity = get(client, summary["api"])
        assert [(c["plan"], c["number"]) for c in activity["continuedBy"]] == [(ZK25, summary["number"] + 2)]


# -- one activity ----------------------------------------------------------------------------------


def test_activity_steps_have_timeframes_as_iso_dates_and_lead_parties(client: TestClient) -> None:
    activity = get(client, f"/api/plans/{ZK25}/activities/2")
    m.ActivityOut.model_validate(activity)
    assert activity["subgoals"] == "all"
    step3 = {s["number"]: s for s in activity["steps"]}[3]
    assert step3["timeframe"]["label"] == "Q4 2025 – Q1 2026"
    assert (step3["timeframe"]["start"], step3["timeframe"]["end"]) == ("2025-10-01", "2026-03-31")
    assert {p["abbreviation"] for p in step3["lead"]} == {"DRCP", "IKNL", "KWF", "NFK"}
    support = {p["label"] for p in step3["parties"] if "support" in p["roles"]}
    assert support == {"Public affairs specialist NKC", "Communicatie specialist NKC"}
    assert [r["step"] for r in activity["intendedResults"]] == [1, 2, 3]


def test_activity_parties_results_and_initiatives(client: TestClient) -> None:
    activity = get(client, f"/api/plans/{ZK25}/activities/12")
    assert activity["servedSubgoals"][0]["label"] == "Subdoel 5: verbeteren beschikbaarheid geneesmiddelen"
    leads = {s["number"]: {p["label"] for p in s["lead"]} for s in activity["steps"]}
    assert leads == {
        1: {"DRCP werkgroep geneesmiddelen"},
        2: {"DRCP werkgroep geneesmiddelen"},
        3: {"DRCP werkgroep geneesmiddelen", "Radboudumc", "UMC Utrecht"},
    }
    involved = {p["abbreviation"] or p["label"] for p in activity["involved"]}
    assert {"ZIN", "CieBAG", "ZN", "NVMO", "CieBOM", "CieOOM", "VIG", "NFK"} <= involved
    assert {i["iri"].rsplit("/", 1)[-1] for i in activity["initiatives"]} == {"afford", "dap", "drup"}
    assert [(c["plan"], c["number"]) for c in activity["continues"]] == [("zeldzame-kankers-2024", 10)]
    accelerate = get(client, f"/api/plans/{ZK25}/activities/3")
    assert [(i["label"], i["steps"]) for i in accelerate["initiatives"]] == [("ACCELERATE", [1, 2])]


# -- which parties are involved in subgoal 5 -------------------------------------------------------


def test_parties_in_subgoal_5(client: TestClient) -> None:
    answer = get(client, f"/api/plans/{ZK25}/subgoals/5/parties")
    m.SubgoalPartiesOut.model_validate(answer)
    assert answer["subgoal"]["number"] == 5 and answer["plan"]["id"] == ZK25
    assert answer["activities"] == [1, 2, 12, 13] and answer["crossCuttingActivities"] == [1, 2]
    parties = by_label(answer["parties"])
    werkgroep = parties["DRCP werkgroep geneesmiddelen"]
    assert werkgroep["roles"] == ["lead"] and werkgroep["activities"] == [12, 13] and not werkgroep["crossCutting"]
    assert [(a["activity"], a["steps"]) for a in werkgroep["byActivity"]] == [(12, [1, 2, 3]), (13, [1, 2, 3])]
    for name in ("Radboudumc", "UMC Utrecht"):
        [in_12] = [a for a in parties[name]["byActivity"] if a["activity"] == 12]
        assert "lead" in in_12["roles"] and in_12["steps"] == [3]
    for abbreviation in ("ZIN", "CieBAG", "ZN", "NVMO", "CieBOM", "CieOOM", "VIG"):
        assert "involved" in parties[abbreviation]["roles"] and not parties[abbreviation]["crossCutting"]
    # DRCP and IKNL take part only through activities 1 and 2, which serve every subgoal
    for abbreviation in ("DRCP", "IKNL"):
        assert parties[abbreviation]["crossCutting"] and set(parties[abbreviation]["activities"]) <= {1, 2}
    # KWF and NFK lead cross-cutting steps and are also to be involved in 12/13 themselves
    assert not parties["KWF"]["crossCutting"] and {2, 13} <= set(parties["KWF"]["activities"])


def test_unknown_subgoal_is_404(client: TestClient) -> None:
    r = client.get(f"/api/plans/{ZK25}/subgoals/8/parties")
    assert r.status_code == 404 and r.json()["detail"]["known"] == [1, 2, 3, 4, 5, 6, 7]


# -- parties ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "key",
    ["NVMO", "nvmo", "Nederlandse Vereniging voor Medische Oncologie", "netherlands society for medical oncology"],
)
def test_party_by_abbreviation_label_or_slug(client: TestClient, key: str) -> None:
    party = get(client, f"/api/parties/{key}")
    m.PartyOut.model_validate(party)
    assert party["iri"].endswith("/party/nvmo") and party["abbreviation"] == "NVMO"
    assert {p["abbreviation"] for p in party["subOrganisations"]} == {"CieKNT", "CieBOM", "CieOOM"}


def test_sub_organisation_knows_its_parent_and_spellings(client: TestClient) -> None:
    party = get(client, "/api/parties/cieoom")
    assert party["label"] == "Commissie indicatiestelling Off-label in de Oncologie gebruikte Middelen"
    assert party["type"] == "Committee" and party["parent"]["abbreviation"] == "NVMO"
    assert {"CieOOM", "CieOOm"} <= set(party["altLabels"])
    assert (
        get(client, "/api/parties/Patiëntenplatform Zeldzame Kankers")["iri"]
        == get(client, "/api/parties/patientenplatform zeldzame kankers")["iri"]
    )


def test_iknl_involvement(client: TestClient) -> None:
    involvement = get(client, "/api/parties/IKNL")["involvement"]
    activity3 = next(i for i in involvement if (i["plan"], i["activity"]) == (ZK25, 3))
    assert activity3["steps"] == [1, 2, 3] and activity3["leadSteps"] == [1, 2, 3] and "lead" in activity3["roles"]
    # README: IKNL leads 22 steps in 2025, in rare-cancer activities 2, 3, 8, 9, 10, 14, 15 and late-effects 4, 5
    led = {
        (i["plan"], i["activity"]): i["leadSteps"] for i in involvement if i["leadSteps"] and i["plan"].endswith("2025")
    }
    assert sum(map(len, led.values())) == 22
    assert set(led) == {(ZK25, n) for n in (2, 3, 8, 9, 10, 14, 15)} | {
        ("late-gevolgen-2025", 4),
        ("late-gevolgen-2025", 5),
    }
    assert "ACCELERATE" in {i["label"] for i in get(client, "/api/parties/IKNL")["initiatives"]}


def test_team_members(client: TestClient) -> None:
    # README: the versnellingsteam of the late-effects plan has 18 members
    team = get(client, "/api/parties/versnellingsteam-late-gevolgen")
    assert len(team["teamMembers"]) == 18


def test_parties_list(client: TestClient) -> None:
    parties = m.PartiesOut.model_validate(get(client, "/api/parties")).parties
    assert {"NVMO", "CieOOM", "IKNL", "ZN"} <= {p.abbreviation for p in parties}
    assert all(p.api for p in parties)


# -- abbreviations ---------------------------------------------------------------------------------


@pytest.mark.parametrize("abbr", ["CieOOM", "cieoom", "CIEOOM"])
def test_abbreviation_defined_by_a_source(client: TestClient, abbr: str) -> None:
    answer = get(client, f"/api/abbreviations/{abbr}")
    m.AbbreviationOut.model_validate(answer)
    assert answer["expansion"] == "Commissie indicatiestelling Off-label in de Oncologie gebruikte Middelen"
    assert answer["definedBySource"] is True
    assert [d["label"] for d in answer["definedIn"]] == ["Actieplan Zeldzame Kankers 2025"]
    assert [d["iri"].rsplit("/", 1)[-1] for d in answer["denotes"]] == ["cieoom"]


def test_curated_abbreviation_is_not_defined_by_a_source(client: TestClient) -> None:
    answer = get(client, "/api/abbreviations/zn")
    assert answer["expansion"] == "Zorgverzekeraars Nederland"
    assert answer["definedBySource"] is False and answer["status"] == "verified" and answer["definedIn"] == []
    assert [s["addedByCurators"] for s in answer["senses"]] == [True]


def test_abbreviation_with_a_source_spelling_and_a_curated_one(client: TestClient) -> None:
    # slide 34 writes 'ZIN = Zorg Instituut Nederland'; the curators add the official name
    answer = get(client, "/api/abbreviations/ZIN")
    assert answer["expansion"] == "Zorg Instituut Nederland"
    assert answer["expansions"] == ["Zorg Instituut Nederland", "Zorginstituut Nederland"]
    senses = {s["definedBySource"]: s for s in answer["senses"]}
    assert (
        senses[False]["status"] == "verified"
        and senses[True]["definedIn"][0]["label"] == "Actieplan Zeldzame Kankers 2025"
    )


def test_abbreviations_list(client: TestClient) -> None:
    answer = m.AbbreviationsOut.model_validate(get(client, "/api/abbreviations"))
    listed = {a.abbreviation: a for a in answer.abbreviations}
    assert listed["CieOOM"].definedBySource and not listed["ZN"].definedBySource
    assert all(bool(a.definedIn) == a.definedBySource for a in answer.abbreviations)


# -- timeline --------------------------------------------------------------------------------------


def test_timeline_q4_2025(client: TestClient) -> None:
    answer = get(client, "/api/timeline", **{"from": "2025-10-01", "to": "2025-12-31"})
    m.TimelineOut.model_validate(answer)
    steps = {(s["plan"], s["activity"], s["step"]): s for s in answer["steps"]}
    assert len(steps) == 39  # README: 39 steps overlap Q4 2025 (the late-effects card numbered 2 repeats card 3)
    step = steps[(ZK25, 2, 3)]
    assert step["timeframe"]["label"] == "Q4 2025 – Q1 2026"
    assert {p["abbreviation"] for p in step["lead"]} == {"DRCP", "IKNL", "KWF", "NFK"}
    assert {(ZK25, 3, 2), (ZK25, 3, 3)} <= set(steps)
    for s in answer["steps"]:
        assert s["timeframe"]["start"] <= "2025-12-31" and s["timeframe"]["end"] >= "2025-10-01"


def test_timeline_for_one_plan_and_one_party(client: TestClient) -> None:
    window = {"from": "2025-10-01", "to": "2025-12-31"}
    one_plan = get(client, "/api/timeline", plan="late-gevolgen-2025", **window)["steps"]
    assert one_plan and {s["plan"] for s in one_plan} == {"late-gevolgen-2025"}
    iknl = get(client, "/api/timeline", party="iknl", plan=ZK25, **window)["steps"]
    assert {(ZK25, 3, 2), (ZK25, 3, 3), (ZK25, 2, 3)} <= {(s["plan"], s["activity"], s["step"]) for s in iknl}
    assert {s["plan"] for s in iknl} == {ZK25}


@pytest.mark.parametrize(
    "params",
    [
        {"from": "2025-13-01", "to": "2025-12-31"},
        {"from": "2025-10-01"},
        {"from": "yesterday", "to": "2025-12-31"},
        {"from": "2025-12-31", "to": "2025-10-01"},
        {"from": "2025-10-01", "to": "2025-12-31x"},
    ],
)
def test_timeline_bad_dates_are_400(client: TestClient, params: dict[str, str]) -> None:
    r = client.get("/api/timeline", params=params)
    assert r.status_code == 400 and set(r.json()) == {"error", "detail"}


def test_timeline_unknown_plan_or_party_is_404(client: TestClient) -> None:
    window = {"from": "2025-10-01", "to": "2025-12-31"}
    assert client.get("/api/timeline", params={**window, "plan": "nope"}).status_code == 404
    assert client.get("/api/timeline", params={**window, "party": "nobody at all"}).status_code == 404


# -- search ----------------------------------------------------------------------------------------


def test_search_is_accent_and_case_insensitive(client: TestClient) -> None:
    for q in ("patientenplatform", "PATIËNTENPLATFORM"):
        results = m.SearchOut.model_validate(get(client, "/api/search", q=q)).results
        assert results[0].label == "Patiëntenplatform Zeldzame Kankers" and results[0].type == "Organisation"


def test_search_ranks_exact_abbreviation_first(client: TestClient) -> None:
    results = get(client, "/api/search", q="iknl")["results"]
    assert results[0]["iri"].endswith("/party/iknl") and results[0]["exact"]
    assert len(results) > 5  # steps that mention IKNL follow


def test_search_english(client: TestClient) -> None:
    results = get(client, "/api/search", q="Rare Cancers Action Plan 2025")["results"]
    assert results[0]["iri"].endswith(f"/plan/{ZK25}")


@pytest.mark.parametrize("q", ["", "   ", "x" * 201, "!!!"])
def test_search_rejects_empty_or_long_queries(client: TestClient, q: str) -> None:
    r = client.get("/api/search", params={"q": q})
    assert r.status_code == 400 and set(r.json()) == {"error", "detail"}


# -- rare cancers ----------------------------------------------------------------------------------


def test_cancer_types_and_euracan_domains(client: TestClient) -> None:
    # README: GIST -> G1 (ORPHA 44890, verified), anal cancer -> G5, salivary gland -> G7 (derived), penile -> G3
    types = {
        t.iri.rsplit("/", 1)[-1]: t
        for t in m.CancerTypesOut.model_validate(get(client, "/api/cancer-types")).cancerTypes
    }
    assert types["gist"].domain is not None and types["gist"].domain.notation == "G1"
    assert types["gist"].orphaCode == 44890 and types["gist"].domainStatus == "verified"
    expected = {"gist": "G1", "anuskanker": "G5", "speekselklierkanker": "G7", "peniskanker": "G3"}
    assert {k: types[k].domain.notation for k in expected if types[k].domain} == expected
    domains = m.EuracanDomainsOut.model_validate(get(client, "/api/euracan-domains")).domains
    assert [d.notation for d in domains] == [f"G{i}" for i in range(1, 11)]
    assert {t.label for d in domains if d.notation == "G1" for t in d.cancerTypes} == {types["gist"].label}


# -- errors and hostile input ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/plans/zeldzame-kankers-2030", 404),
        (f"/api/plans/{ZK25}/activities/99", 404),
        (f"/api/plans/{ZK25}/activities/abc", 400),
        (f"/api/plans/{ZK25}/activities/-1", 400),
        (f"/api/plans/{ZK25}/activities/1.5", 400),
        (f"/api/plans/{ZK25}/activities/99999999999999999999", 400),
        (f"/api/plans/{ZK25}/subgoals/x/parties", 400),
        ("/api/plans/..%2F..%2Fetc%2Fpasswd", 404),
        ("/api/plans/%2e%2e", 404),
        ("/api/plans/" + "a" * 5000, 400),
        ("/api/plans/%00", 400),
        ("/api/parties/nobody", 404),
        ("/api/parties/%00", 400),
        ("/api/parties/..%2F..%2Fparty%2Fiknl", 404),
        ("/api/parties/" + "ä" * 300, 400),
        ("/api/abbreviations/NOPE", 404),
        ("/api/abbreviations/%00%00", 400),
        ("/api/abbreviations/" + "Z" * 1000, 400),
    ],
)
def test_bad_input_gives_json_errors(client: TestClient, path: str, status: int) -> None:
    r = client.get(path)
    assert r.status_code == status, r.text
    assert set(r.json()) == {"error", "detail"}


# -- links and documentation -----------------------------------------------------------------------


def test_every_url_and_api_link_dereferences(client: TestClient) -> None:
    answers = [
        get(client, path)
        for path in (
            "/api/plans",
            f"/api/plans/{ZK25}",
            "/api/plans/late-gevolgen-2025",
            "/api/plans/zeldzame-kankers-2024",
            f"/api/plans/{ZK25}/activities/2",
            f"/api/plans/{ZK25}/activities/3",
            f"/api/plans/{ZK25}/activities/12",
            "/api/plans/zeldzame-kankers-2024/activities/10",
            "/api/plans/late-gevolgen-2025/activities/4",
            f"/api/plans/{ZK25}/subgoals/5/parties",
            "/api/parties",
            "/api/parties/IKNL",
            "/api/parties/NVMO",
            "/api/parties/marga-schrieks",
            "/api/parties/versnellingsteam-late-gevolgen",
            "/api/abbreviations",
            "/api/abbreviations/ZIN",
            "/api/search?q=geneesmiddelen",
            "/api/cancer-types",
            "/api/euracan-domains",
        )
    ]
    answers.append(get(client, "/api/timeline", **{"from": "2025-01-01", "to": "2026-12-31"}))
    urls = {u for a in answers for u in walk(a, "url")}
    api_links = {u for a in answers for u in walk(a, "api")}
    assert len(urls) > 500
    failures = [u for u in sorted(urls) if client.get(u, headers={"accept": "text/turtle"}).status_code != 200]
    assert failures == []
    assert all(u.startswith("/") for u in urls | api_links)
    failures = [u for u in sorted(api_links) if client.get(u).status_code != 200]
    assert failures == []


def test_openapi_documents_models_parameters_and_errors(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = {p: ops["get"] for p, ops in spec["paths"].items() if p.startswith("/api/") and "get" in ops}
    ours = [p for p in paths if not p.startswith(("/api/queries", "/api/questions"))]
    # the 12 resource routes, /api/diff, /api/plans/{plan}/completeness, /api/plans/{plan}/progress and the
    # 2 of the releases
    assert len(ours) == 17
    for path in ours:
        op = paths[path]
        schema = op["responses"]["200"]["content"]["application/json"]["schema"]
        assert "$ref" in schema, path
        for param in op.get("parameters", []):
            assert param.get("description") and (param.get("example") is not None or param["schema"].get("examples")), (
                path,
                param["name"],
            )
        if "{" in path:
            assert {"400", "404"} <= set(op["responses"]), path
    assert "ErrorOut" in spec["components"]["schemas"]


def test_answers_are_cached_bytes(client: TestClient) -> None:
    first = client.get("/api/plans/zeldzame-kankers-2024")
    second = client.get("/api/plans/zeldzame-kankers-2024")
    assert first.content == second.content


def test_cache_drops_the_least_recently_used() -> None:
    cache = JsonCache(2)
    cache.put("a", b"1")
    cache.put("b", b"2")
    assert cache.get("a") == b"1"
    cache.put("c", b"3")
    assert cache.get("b") is None and cache.get("a") == b"1" and cache.get("c") == b"3" and len(cache) == 2


def test_abbreviation_names_the_slide_that_defines_it(client: TestClient) -> None:
    answer = client.get("/api/abbreviations/cieoom").json()
    assert [d["label"] for d in answer["definedAt"]] == ["Actieplan Zeldzame Kankers 2025, dia 34"]
    assert client.get(answer["definedAt"][0]["url"], headers={"accept": "text/turtle"}).status_code == 200
    assert client.get("/api/abbreviations/zn").json()["definedAt"] == []
