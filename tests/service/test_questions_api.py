"""Questions in plain language through the API, on both stores: every question answers in Dutch and
English with a sentence built from the real rows; typed values resolve; unknown values are 404 with
suggestions, malformed and hostile ones 4xx.

Expected answers are those of tests/competency/ and the README's example table (rare-cancer plan
2025: slides 8 and 28-29 for subgoal 5, slide 34 for the abbreviations).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from nkc_kg.service.graph.catalog import NamedQuery
from nkc_kg.service.questions.schemas import QuestionAnswerOut

ZK25 = "zeldzame-kankers-2025"


def ask(client: TestClient, question: str, lang: str = "nl", **params: str) -> dict[str, Any]:
    r = client.get(f"/api/questions/{question}", params={**params, "lang": lang})
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def labels(cells: list[dict[str, Any]] | dict[str, Any]) -> list[str]:
    return [c["label"] for c in (cells if isinstance(cells, list) else [cells])]


def test_every_named_query_is_a_question_in_both_languages(client: TestClient, catalog: dict[str, NamedQuery]) -> None:
    listed = {q["id"]: q for q in client.get("/api/questions").json()["questions"]}
    assert set(listed) == set(catalog)
    for name, question in listed.items():
        assert question["question"]["nl"] != question["question"]["en"]
        example = {p["name"]: p["example"] for p in question["parameters"]}
        for lang in ("nl", "en"):
            answer = ask(client, name, lang, **example)
            QuestionAnswerOut.model_validate(answer)
            assert answer["lang"] == lang and "{" not in answer["question"]
            # a sentence of its own, not a count of rows: no placeholders, no Python values
            assert answer["sentence"].endswith(".") and not re.search(r"\bNone\b|\{|\}|\[|'", answer["sentence"])
            assert answer["rows"], (name, lang)
            assert {c["key"] for c in answer["columns"]} == set().union(*(row.keys() for row in answer["rows"]))
            assert answer["sparql"].count("VALUES (") == (1 if example else 0)
            assert answer["sources"] or answer["curated"], name
        assert ask(client, name, "nl", **example)["sentence"] != ask(client, name, "en", **example)["sentence"]


def test_parties_in_subgoal_5(client: TestClient) -> None:
    answer = ask(client, "parties-in-subgoal", plan=ZK25, subgoal="5")
    assert answer["question"] == "Welke partijen zijn betrokken bij subdoel 5 van het Actieplan Zeldzame Kankers 2025?"
    sentence = answer["sentence"]
    assert sentence.startswith(
        "Bij subdoel 5 van het Actieplan Zeldzame Kankers 2025 zijn 24 partijen betrokken: 16 via de activiteiten "
        "12 en 13, die aan dit subdoel bijdragen, en 8 alleen via de activiteiten 1 en 2, die aan alle subdoelen "
        "bijdragen."
    )
    # slide 28-29: the DRCP working group on medicines leads both activities; Radboudumc and UMC Utrecht step 3 of 12
    assert "DRCP werkgroep geneesmiddelen (activiteit 12, stappen 1–3; activiteit 13, stappen 1–3)" in sentence
    assert "Radboudumc (activiteit 12, stap 3)" in sentence and "UMC Utrecht (activiteit 12, stap 3)" in sentence
    involved = sentence.split("Verder betrokken: ")[1].split(".")[0]
    for name in ("ZIN", "ZN", "CieBAG", "NVMO", "CieBOM", "CieOOM", "VIG", "NFK", "KWF"):
        assert name in involved
    assert "IKNL" in sentence.split("Via de activiteiten 1 en 2: ")[1]
    rows = {row["party"]["label"]: row for row in answer["rows"]}
    assert len(rows) == 24
    assert rows["DRCP werkgroep geneesmiddelen"]["roles"] == ["Trekker"]
    assert labels(rows["DRCP werkgroep geneesmiddelen"]["activities"]) == ["12", "13"]
    assert rows["DRCP werkgroep geneesmiddelen"]["party"]["url"] == "/party/drcp-wg-geneesmiddelen"
    assert rows["Integraal Kankercentrum Nederland"]["crossCutting"] is True
    assert rows["Zorginstituut Nederland"]["crossCutting"] is False
    # the same parties as the REST answer to the same question
    rest = client.get(f"/api/plans/{ZK25}/subgoals/5/parties").json()
    assert {p["iri"] for p in rest["parties"]} == {row["party"]["iri"] for row in answer["rows"]}
    english = ask(client, "parties-in-subgoal", "en", plan=ZK25, subgoal="5")
    assert english["sentence"].startswith(
        "24 parties are involved in subgoal 5 of the Rare Cancers Action Plan 2025: 16 through activities 12 and 13"
    )
    assert rows.keys() == {row["party"]["label"] for row in english["rows"]}


def test_parties_in_subgoal_cites_the_activity_cards(client: TestClient) -> None:
    answer = ask(client, "parties-in-subgoal", plan=ZK25, subgoal="5")
    (source,) = answer["sources"]
    slides = {loc["number"] for loc in source["locations"]}
    assert {8, 28, 29} <= slides  # the list of activities per subgoal, and the cards of activities 12 and 13
    assert source["citation"]["nl"].startswith(
        "Nederlands Kanker Collectief (2025). Actieplan Zeldzame Kankers 2025, dia "
    )
    curated = {c["label"]: c for c in answer["curated"]}
    assert curated["Zorgverzekeraars Nederland"]["status"] == "verified"


def test_what_iknl_leads_in_2025(client: TestClient) -> None:
    answer = ask(client, "party-leads", party="iknl", year="2025")
    assert answer["question"] == "Wat trekt IKNL in de plannen van 2025?"
    assert answer["sentence"] == (
        "In de plannen van 2025 trekt IKNL 22 stappen: 16 in het Actieplan Zeldzame Kankers 2025 "
        "(activiteiten 2, 3, 8–10, 14 en 15) en 6 in het Actieplan (Late) Gevolgen 2025 (activiteiten 4 en 5)."
    )
    steps = {(row["plan"]["id"], row["step"]["label"]) for row in answer["rows"]}
    assert {(ZK25, "3.1"), (ZK25, "3.2"), (ZK25, "14.2"), ("late-gevolgen-2025", "4.1")} <= steps
    assert answer["rows"][0]["step"]["url"].startswith("/plan/")


@pytest.mark.parametrize(
    ("party", "resolved"),
    [
        ("iknl", "IKNL"),
        ("Integraal Kankercentrum Nederland", "IKNL"),
        ("Zorginstituut", "ZIN"),
        ("zorginstituut nederland", "ZIN"),
        ("Radboud", "Radboudumc"),
    ],
)
def test_parties_as_people_type_them(client: TestClient, party: str, resolved: str) -> None:
    answer = ask(client, "party-activities", party=party)
    (parameter,) = answer["parameters"]
    assert parameter["input"] == party and parameter["label"] == resolved
    assert answer["sentence"].startswith(resolved)


@pytest.mark.parametrize(
    "quarter", ["Q4 2025", "q4-2025", "2025-Q4", "4e kwartaal 2025", "vierde kwartaal 2025", "fourth quarter 2025"]
)
def test_quarters_as_people_type_them(client: TestClient, quarter: str) -> None:
    answer = ask(client, "steps-in-quarter", quarter=quarter)
    assert answer["parameters"][0]["value"] == "Q4 2025"
    assert answer["sentence"].startswith(
        "Voor Q4 2025 staan 39 stappen gepland: 33 in het Actieplan Zeldzame Kankers 2025 en 6 in het "
        "Actieplan (Late) Gevolgen 2025."
    )
    steps = {(row["plan"]["id"], row["step"]["label"], row["timeframe"]) for row in answer["rows"]}
    assert {(ZK25, "2.3", "Q4 2025 – Q1 2026"), (ZK25, "3.2", "Q4 2025"), (ZK25, "3.3", "Q4 2025")} <= steps


def test_steps_in_a_window_take_dutch_dates(client: TestClient) -> None:
    answer = ask(client, "steps-in-window", **{"from": "1-10-2025", "to": "2025-12-31"})
    assert answer["question"] == "Welke stappen staan gepland van 1 oktober 2025 tot en met 31 december 2025?"
    quarter = ask(client, "steps-in-quarter", quarter="Q4 2025")
    assert {r["step"]["iri"] for r in answer["rows"]} == {r["step"]["iri"] for r in quarter["rows"]}


def test_cieoom_is_defined_on_slide_34(client: TestClient) -> None:
    answer = ask(client, "abbreviation", abbr="cieoom")
    assert answer["sentence"] == (
        "CieOOM staat voor ‘Commissie indicatiestelling Off-label in de Oncologie gebruikte Middelen’ "
        "(Actieplan Zeldzame Kankers 2025, dia 34)."
    )
    (source,) = answer["sources"]
    assert [loc["url"] for loc in source["locations"]] == ["/doc/actieplan-zeldzame-kankers-2025/slide/34"]
    assert source["citation"] == {
        "nl": "Nederlands Kanker Collectief (2025). Actieplan Zeldzame Kankers 2025, dia 34.",
        "en": "Nederlands Kanker Collectief (2025). Actieplan Zeldzame Kankers 2025 [Rare Cancers Action Plan 2025], "
        "slide 34.",
    }
    assert answer["curated"] == []


def test_zn_is_the_curators_not_a_source(client: TestClient) -> None:
    answer = ask(client, "abbreviation", "en", abbr="ZN")
    assert answer["sentence"] == (
        "ZN stands for ‘Zorgverzekeraars Nederland’ (added by the curators, verified; no source spells it out)."
    )
    assert answer["sources"] == []
    curated = {c["iri"].rsplit("/", 2)[-2] + "/" + c["iri"].rsplit("/", 1)[-1]: c for c in answer["curated"]}
    abbreviation = curated["curated/zn"]
    assert abbreviation["curated"] is True and abbreviation["status"] == "verified"
    assert abbreviation["kind"] == "undefined-abbreviation" and abbreviation["references"]
    assert abbreviation["explanation"]["nl"].startswith("Geen bron schrijft ‘ZN’ uit")
    assert curated["party/zn"]["kind"] == "named-by-curators"


def test_the_other_questions_on_the_real_data(client: TestClient) -> None:
    organs = ask(client, "sub-organisations", party="NVMO")
    assert set(labels([r["unit"] for r in organs["rows"]])) == {
        "Commissie Klinisch Noodzakelijke Targets",
        "Commissie ter Beoordeling van Oncologische Middelen",
        "Commissie indicatiestelling Off-label in de Oncologie gebruikte Middelen",
    }
    assert organs["sentence"].startswith("Onder NVMO vallen 3 onderdelen: ")
    assert {r["type"] for r in organs["rows"]} == {"commissie"}
    continued = ask(client, "activity-continuation", plan="zeldzame-kankers-2024")
    assert continued["sentence"] == (
        "Alle 13 activiteiten van het Actieplan Zeldzame Kankers 2024 worden voortgezet in het Actieplan Zeldzame "
        "Kankers 2025: elke activiteit n als activiteit n+2 (1 → 3 tot en met 13 → 15)."
    )
    team = ask(client, "team-members", plan="late-gevolgen-2025")
    assert team["sentence"].startswith(
        "Het Versnellingsteam (Late) Gevolgen van het Actieplan (Late) Gevolgen 2025 telt 18 leden"
    )
    assert "Berthe Aleman" in team["sentence"] and "Miranda Velthuis" not in team["sentence"]
    activities = ask(client, "plan-activities", plan=ZK25)
    assert activities["sentence"].startswith("Het Actieplan Zeldzame Kankers 2025 heeft 15 activiteiten met samen ")
    assert "Aan alle subdoelen dragen de activiteiten 1 en 2 bij." in activities["sentence"]
    domains = ask(client, "cancer-types-by-domain")
    assert domains["sentence"].startswith("Van de 10 EURACAN-domeinen (G1–G10) hebben er 4 een zeldzame kankersoort")
    nvmo = ask(client, "party-activities", party="NVMO")
    assert "Trekker in het Actieplan Zeldzame Kankers 2025 bij activiteit 5 (stap 2)" in nvmo["sentence"]


@pytest.mark.parametrize(
    ("question", "params", "suggestion"),
    [
        ("party-leads", {"party": "IKNLL", "year": "2025"}, "IKNL"),
        ("party-leads", {"party": "iknl", "year": "2031"}, "2025"),
        ("parties-in-subgoal", {"plan": ZK25, "subgoal": "9"}, "7"),
        ("parties-in-subgoal", {"plan": "zeldzame-kankers-2030", "subgoal": "5"}, ZK25),
        ("parties-in-subgoal", {"plan": "zeldzame kankers", "subgoal": "5"}, ZK25),  # names two plans
        ("abbreviation", {"abbr": "CieOM"}, "CieOOM"),
        ("steps-in-quarter", {"quarter": "Q4 2040"}, None),
        ("sub-organisations", {"party": "DRCP werkgroep"}, "DRCP werkgroep geneesmiddelen"),
    ],
)
def test_unknown_values_are_404_with_suggestions(
    client: TestClient, question: str, params: dict[str, str], suggestion: str | None
) -> None:
    r = client.get(f"/api/questions/{question}", params=params)
    assert r.status_code == 404, r.text
    body = r.json()
    assert set(body) == {"error", "detail"} and body["detail"]["suggestions"]
    if suggestion is not None:
        assert suggestion in body["detail"]["suggestions"]


@pytest.mark.parametrize(
    ("question", "params"),
    [
        ("parties-in-subgoal", {"plan": ZK25, "subgoal": "x> } ; DROP ALL #"}),
        ("steps-in-quarter", {"quarter": "x> } ; DROP ALL #"}),
        ("steps-in-window", {"from": "x> } ; DROP ALL #", "to": "2025-12-31"}),
        ("party-leads", {"party": "iknl", "year": "x> } ; DROP ALL #"}),
        ("parties-in-subgoal", {"plan": ZK25}),
        ("parties-in-subgoal", {"plan": ZK25, "subgoal": "5", "extra": "1"}),
        ("parties-in-subgoal", {"plan": ZK25, "subgoal": "5", "lang": "fr"}),
        ("party-activities", {"party": "x" * 201}),
    ],
)
def test_malformed_and_hostile_values_are_400(client: TestClient, question: str, params: dict[str, str]) -> None:
    r = client.get(f"/api/questions/{question}", params=params)
    assert r.status_code == 400, r.text
    assert set(r.json()) == {"error", "detail"}


@pytest.mark.parametrize("question", ["party-leads", "abbreviation", "parties-in-subgoal"])
def test_hostile_names_are_unknown_values(client: TestClient, question: str) -> None:
    params = {
        "party-leads": {"party": "x> } ; DROP ALL #", "year": "2025"},
        "abbreviation": {"abbr": "x> } ; DROP ALL #"},
        "parties-in-subgoal": {"plan": "x> } ; DROP ALL #", "subgoal": "5"},
    }[question]
    r = client.get(f"/api/questions/{question}", params=params)
    assert r.status_code == 404 and r.json()["error"].startswith("parameter")
    assert client.get("/api/questions/parties-in-subgoal", params={"plan": ZK25, "subgoal": "5"}).status_code == 200


def test_unknown_question_is_404(client: TestClient) -> None:
    r = client.get("/api/questions/who-is-who")
    assert r.status_code == 404 and "parties-in-subgoal" in r.json()["detail"]["known"]


def test_options_come_from_the_graph(client: TestClient) -> None:
    options = {p["name"]: p for p in client.get("/api/questions/parties-in-subgoal/options").json()["parameters"]}
    assert {o["value"] for o in options["plan"]["options"]} == {ZK25, "zeldzame-kankers-2024", "late-gevolgen-2025"}
    assert options["subgoal"]["dependsOn"] == "plan"
    assert [o["value"] for o in options["subgoal"]["options"]] == [str(n) for n in range(1, 8)]
    late = client.get("/api/questions/parties-in-subgoal/options", params={"plan": "late-gevolgen-2025"}).json()
    assert [o["value"] for o in late["parameters"][1]["options"]] == [str(n) for n in range(1, 6)]
    parties = client.get("/api/questions/party-leads/options").json()["parameters"]
    assert {
        "value": "IKNL",
        "label": {"nl": "IKNL — Integraal Kankercentrum Nederland", "en": "IKNL — Integraal Kankercentrum Nederland"},
    } in parties[0]["options"]
    assert [o["value"] for o in parties[1]["options"]] == ["2024", "2025"]
    quarters = [
        o["value"] for o in client.get("/api/questions/steps-in-quarter/options").json()["parameters"][0]["options"]
    ]
    assert "Q4 2025" in quarters and quarters.index("Q1 2026") == quarters.index("Q4 2025") + 1


def test_the_sparql_shown_is_the_query_that_ran(client: TestClient) -> None:
    answer = ask(client, "party-leads", party="Zorginstituut", year="2025")
    assert "VALUES (?party ?year) { (<https://w3id.org/nkc-kg/party/zin> " in answer["sparql"]
    r = client.post("/sparql", data={"query": answer["sparql"]}, headers={"accept": "application/sparql-results+json"})
    assert r.status_code == 200
    assert len(r.json()["results"]["bindings"]) == len(answer["rows"])


def test_openapi_documents_every_question(client: TestClient, catalog: dict[str, NamedQuery]) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert "/api/questions" in paths
    for name, query in catalog.items():
        operation = paths[f"/api/questions/{name}"]["get"]
        documented = {p["name"] for p in operation.get("parameters", [])}
        assert documented == {p.name for p in query.parameters} | {"lang"}, name
        assert operation["summary"] == query.question["en"]
        assert {"200", "400", "404"} <= set(operation["responses"])


def test_named_queries_carry_the_sources_of_their_question(client: TestClient) -> None:
    r = client.get("/api/queries/abbreviation", params={"abbr": "CieOOM"})
    body = r.json()
    assert body["rows"] and body["sources"][0]["locations"][0]["number"] == 34
    unknown = client.get("/api/queries/abbreviation", params={"abbr": "CieOOMM"})
    assert unknown.status_code == 404 and "CieOOM" in unknown.json()["detail"]["suggestions"]
