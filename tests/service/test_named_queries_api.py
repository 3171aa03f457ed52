"""Named queries as REST: listed with their parameters, run with bound values, bad input is 4xx."""

from __future__ import annotations

from fastapi.testclient import TestClient
from nkc_kg.service.graph.catalog import NamedQuery


def test_queries_are_listed_with_parameters(client: TestClient) -> None:
    queries = {q["name"]: q for q in client.get("/api/queries").json()["queries"]}
    assert "parties-in-subgoal" in queries
    assert [p["name"] for p in queries["parties-in-subgoal"]["parameters"]] == ["plan", "subgoal"]


def test_run_a_named_query(client: TestClient) -> None:
    r = client.get("/api/queries/party-leads", params={"party": "iknl", "year": "2025"})
    assert r.status_code == 200
    steps = {(row["plan"], row["activity"], row["step"]) for row in r.json()["rows"]}
    assert ("zeldzame-kankers-2025", "3", "1") in steps


def test_a_quarter_is_read_as_the_question_api_reads_it(client: TestClient) -> None:
    """/api/queries takes the quarters /api/questions takes ('4e kwartaal 2025'), with the same rows."""
    written = client.get("/api/queries/steps-in-quarter", params={"quarter": "Q4 2025"})
    assert written.status_code == 200 and written.json()["rows"]
    for spelled in ("4e kwartaal 2025", "vierde kwartaal 2025", "2025-Q4", "fourth quarter 2025"):
        r = client.get("/api/queries/steps-in-quarter", params={"quarter": spelled})
        assert r.status_code == 200, (spelled, r.text)
        assert r.json()["rows"] == written.json()["rows"], spelled
        question = client.get("/api/questions/steps-in-quarter", params={"quarter": spelled})
        assert question.status_code == 200 and len(question.json()["rows"]) == len(written.json()["rows"])
    bad = client.get("/api/queries/steps-in-quarter", params={"quarter": "5e kwartaal 2025"})
    assert bad.status_code == 400 and "4e kwartaal 2025" in bad.text


def test_unknown_query_and_unknown_party_are_404_with_suggestions(client: TestClient) -> None:
    assert client.get("/api/queries/nope").status_code == 404
    r = client.get("/api/queries/party-leads", params={"party": "IKNLL", "year": "2025"})
    assert r.status_code == 404 and "iknl" in r.json()["detail"]["suggestions"]


def test_hostile_and_malformed_parameters_are_400(client: TestClient) -> None:
    for params in (
        {"plan": "zeldzame-kankers-2025", "subgoal": "5 } ; DROP ALL #"},
        {"plan": "zeldzame-kankers-2025", "subgoal": "5", "extra": "x"},
        {"plan": "zeldzame-kankers-2025"},
    ):
        r = client.get("/api/queries/parties-in-subgoal", params=params)
        assert r.status_code == 400, (params, r.text)
        assert set(r.json()) == {"error", "detail"}


def test_openapi_documents_every_named_query_with_its_parameters(
    client: TestClient, catalog: dict[str, NamedQuery]
) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for name, query in catalog.items():
        operation = paths[f"/api/queries/{name}"]["get"]
        documented = {p["name"]: p for p in operation.get("parameters", [])}
        assert set(documented) == {p.name for p in query.parameters}, name
        for p in query.parameters:
            assert documented[p.name]["description"] and documented[p.name]["schema"]["examples"] == [p.example]
        assert set(operation["responses"]) == {"200", "400", "404"}, name


def test_no_route_documents_a_422_the_service_never_sends(client: TestClient) -> None:
    assert '"422"' not in client.get("/openapi.json").text
