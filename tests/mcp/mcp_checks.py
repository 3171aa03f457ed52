"""What both transports must do, written once: each check takes a connected :class:`Session` and, where it
compares with the REST API, something with ``get(path, params=…)`` answering as the service does."""

from __future__ import annotations

import json
from typing import Any, Protocol

import pytest
from mcp import MCPError
from mcp.types import CallToolResult, Tool
from nkc_kg.service.graph.catalog import NamedQuery

GENERAL = {"search", "describe", "sparql"}
ZK25 = "zeldzame-kankers-2025"
BASE = "https://w3id.org/nkc-kg/"


class Rest(Protocol):
    def get(self, url: str, params: dict[str, str] | None = None) -> Any: ...


def tools(session: Any) -> dict[str, Tool]:
    return {tool.name: tool for tool in session.list_tools().tools}


def example_arguments(tool: Tool) -> dict[str, Any]:
    """The tool's arguments from the examples its input schema declares."""
    schema = tool.input_schema
    return {name: schema["properties"][name]["examples"][0] for name in schema.get("required", [])}


def error_body(result: CallToolResult) -> dict[str, Any]:
    assert result.is_error, result.content
    assert result.structured_content is not None
    assert set(result.structured_content) == {"error", "detail"}
    assert "Traceback" not in result.content[0].text  # type: ignore[union-attr]
    return result.structured_content  # type: ignore[no-any-return]


def check_tools_match_the_catalogue(session: Any, catalog: dict[str, NamedQuery]) -> None:
    listed = tools(session)
    questions = {name for name, q in catalog.items() if q.question}
    assert set(listed) == questions | GENERAL
    for name in questions:
        tool, query = listed[name], catalog[name]
        schema = tool.input_schema
        assert set(schema["properties"]) == {p.name for p in query.parameters} | {"lang"}
        assert set(schema.get("required", [])) == {p.name for p in query.parameters}
        assert schema["properties"]["lang"]["enum"] == ["nl", "en"]
        assert schema["additionalProperties"] is False
        for param in query.parameters:
            prop = schema["properties"][param.name]
            assert str(prop["examples"][0]) == param.example
            if param.choices:
                assert str(prop["examples"][0]) in {str(v) for v in prop["enum"]}, (name, param.name)
        assert query.summary in (tool.description or "") and (query.summary_nl or "") in (tool.description or "")
        assert tool.output_schema is not None and "sentence" in tool.output_schema["properties"]
        assert tool.annotations is not None and tool.annotations.read_only_hint is True


def check_parties_in_subgoal_5(session: Any, rest: Rest) -> None:
    expected = rest.get(f"/api/plans/{ZK25}/subgoals/5/parties").json()
    result = session.call_tool("parties-in-subgoal", {"plan": ZK25, "subgoal": 5, "lang": "en"})
    assert not result.is_error, result.content
    answer = result.structured_content
    assert {row["party"]["iri"] for row in answer["rows"]} == {p["iri"] for p in expected["parties"]}
    assert len(answer["rows"]) == 24
    assert answer["sentence"].startswith("24 parties are involved in subgoal 5 of the Rare Cancers Action Plan 2025")
    # the citations: the plan document, slide 8 (the overview) and slides 28-29 (activities 12 and 13)
    [source] = [s for s in answer["sources"] if s["document"]["iri"] == f"{BASE}doc/actieplan-zeldzame-kankers-2025"]
    slides = {loc["number"] for loc in source["locations"]}
    assert {8, 28, 29} <= slides
    assert "Actieplan Zeldzame Kankers 2025" in source["citation"]["nl"] and "slides" in source["citation"]["en"]
    text = result.content[0].text
    assert answer["sentence"] in text and source["citation"]["en"] in text
    # the same in Dutch, and the subgoal as people type it
    dutch = session.call_tool("parties-in-subgoal", {"plan": ZK25, "subgoal": "subdoel 5"}).structured_content
    assert dutch["lang"] == "nl" and dutch["sentence"].startswith("Bij subdoel 5 van het Actieplan Zeldzame Kankers")
    assert {r["party"]["iri"] for r in dutch["rows"]} == {p["iri"] for p in expected["parties"]}


def check_every_tool_answers_its_examples(session: Any) -> None:
    for name, tool in tools(session).items():
        for lang in ("nl", "en") if "lang" in tool.input_schema["properties"] else (None,):
            arguments = example_arguments(tool) | ({"lang": lang} if lang else {})
            result = session.call_tool(name, arguments)  # the client checks it against the output schema
            assert not result.is_error, (name, result.content)
            assert result.structured_content, name
            assert result.content[0].text.strip(), name  # type: ignore[union-attr]
            assert json.loads(result.content[1].text) == result.structured_content  # type: ignore[union-attr]
            if name not in GENERAL:
                answer = result.structured_content
                assert answer["lang"] == lang and answer["sentence"] and answer["rows"], name
                assert answer["sources"] or answer["curated"], name
                assert all(p["iri"] is None or p["iri"].startswith(BASE) for p in answer["parameters"])


def check_every_tool_refuses_a_bad_argument(session: Any) -> None:
    for name, tool in tools(session).items():
        arguments = example_arguments(tool)
        if arguments:
            first = next(iter(arguments))
            body = error_body(session.call_tool(name, {**arguments, first: [1, 2]}))
            assert "an array" in json.dumps(body), (name, body)
        else:
            body = error_body(session.call_tool(name, {"bogus": "1"}))
            assert body["error"] == f"parameter 'bogus': not a parameter of {name} (it takes: none)"
        # a value longer than any the tools take is refused before any work
        if name != "sparql" and arguments:
            text_param = next((k for k, v in arguments.items() if isinstance(v, str)), None)
            if text_param:
                body = error_body(session.call_tool(name, {**arguments, text_param: "x" * 10_000}))
                assert "longer than 200" in json.dumps(body) or "1 to 200 characters" in json.dumps(body), body


def check_errors_are_worded_as_the_rest_api(session: Any, rest: Rest) -> None:
    cases = [
        ("parties-in-subgoal", {"plan": ZK25, "subgoal": "9"}),
        ("parties-in-subgoal", {"plan": ZK25}),
        ("parties-in-subgoal", {"plan": "zeldzame", "subgoal": "5"}),
        ("party-activities", {"party": "Zorginstituutt"}),
        ("party-leads", {"party": "IKNL", "year": "1999"}),
        ("steps-in-quarter", {"quarter": "Q9 2025"}),
        ("abbreviation", {"abbr": "CIEOOMX"}),
    ]
    for name, params in cases:
        expected = rest.get(f"/api/questions/{name}", params=params)
        assert expected.status_code in (400, 404), expected.text
        body = error_body(session.call_tool(name, params))
        assert body == expected.json(), name
        suggestions = body["detail"]["suggestions"]
        if suggestions:
            assert all(s in session.call_tool(name, params).content[0].text for s in suggestions)
    body = error_body(session.call_tool("no-such-question", {}))
    assert body["error"] == "unknown tool 'no-such-question'"
    assert "parties-in-subgoal" in body["detail"]["known"] and "sparql" in body["detail"]["known"]


def check_sparql_is_read_only(session: Any, rest: Rest) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = session.call_tool("sparql", {"query": count}).structured_content["rows"][0]["n"]["value"]
    for query, words in [
        ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "read-only"),
        ("DELETE WHERE { ?s ?p ?o }", "read-only"),
        ("LOAD <http://127.0.0.1:9/evil.ttl>", "read-only"),
        ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "SERVICE"),
    ]:
        body = error_body(session.call_tool("sparql", {"query": query}))
        assert body["error"] == "query refused" and words in body["detail"], body
        assert body == rest.get("/sparql", params={"query": query}).json()
    malformed = error_body(session.call_tool("sparql", {"query": "SELEC ?s WHERE { ?s ?p ?o }"}))
    assert malformed["error"] == "malformed query"
    ask = session.call_tool("sparql", {"query": "ASK { <urn:a> <urn:b> <urn:c> }"}).structured_content
    assert ask == {"kind": "ask", "boolean": False}
    after = session.call_tool("sparql", {"query": count}).structured_content["rows"][0]["n"]["value"]
    assert after == before
    graph = session.call_tool("sparql", {"query": f"DESCRIBE <{BASE}party/iknl>"}).structured_content
    assert graph["kind"] == "graph" and "iknl" in graph["graph"]


def check_resources_resolve(session: Any, rest: Rest) -> None:
    listed = {r.uri: r for r in session.list_resources().resources}
    plans = rest.get("/api/plans").json()["plans"]
    assert {p["iri"] for p in plans} <= set(listed)
    subgoal = f"{BASE}plan/{ZK25}/subgoal/5"
    party = f"{BASE}party/iknl"
    abbreviations = f"{BASE}abbreviations/actieplan-zeldzame-kankers-2025"
    assert {subgoal, party, abbreviations} <= set(listed)
    subgoals = sum(len(rest.get(f"/api/plans/{p['id']}").json()["subgoals"]) for p in plans)
    lists = 2  # the plan's own list of abbreviations (slide 34) and the curators' additions
    assert len(listed) == len(plans) + subgoals + len(rest.get("/api/parties").json()["parties"]) + lists
    templates = {t.uri_template for t in session.list_resource_templates().resource_templates}
    assert f"{BASE}plan/{{plan}}/subgoal/{{number}}" in templates

    def read(uri: str) -> dict[str, Any]:
        [content] = session.read_resource(uri).contents
        assert content.uri == uri and content.mime_type == "application/json"
        return json.loads(content.text)  # type: ignore[no-any-return]

    found = read(subgoal)
    expected = rest.get(f"/api/plans/{ZK25}/subgoals/5/parties").json()
    assert {p["iri"] for p in found["parties"]} == {p["iri"] for p in expected["parties"]}
    assert found["sources"] and found["sources"][0]["citation"]["nl"]
    assert read(f"{BASE}plan/{ZK25}")["id"] == ZK25
    assert read(party)["abbreviation"] == "IKNL"
    entries = read(abbreviations)
    assert any(a["abbreviation"] == "CieOOM" for a in entries["abbreviations"]) and entries["sources"]
    for unknown in (f"{BASE}party/no-such-party", f"{BASE}plan/{ZK25}/subgoal/99", "https://example.org/x"):
        with pytest.raises(MCPError) as raised:
            session.read_resource(unknown)
        assert raised.value.code == -32002


def check_prompts(session: Any) -> None:
    listed = {p.name for p in session.list_prompts().prompts}
    assert listed == {"wie-doet-wat-in-subdoel", "wat-is-er-veranderd-sinds", "wat-betekent-afkorting"}
    who = session.get_prompt("wie-doet-wat-in-subdoel", {"subdoel": "5"})
    assert "subdoel 5" in who.messages[0].content.text and "parties-in-subgoal" in who.messages[0].content.text
    assert "24 partijen" in who.messages[1].content.text and "dia" in who.messages[1].content.text
    changed = session.get_prompt("wat-is-er-veranderd-sinds", {"jaar": "2024", "lang": "en"})
    assert "2024" in changed.messages[0].content.text and "activity-continuation" in changed.messages[0].content.text
    assert "zeldzame-kankers-2025" in changed.messages[1].content.text
    meaning = session.get_prompt("wat-betekent-afkorting", {"afkorting": "cieoom"})
    assert "CieOOM" in meaning.messages[0].content.text
    assert "Commissie indicatiestelling Off-label" in meaning.messages[1].content.text
    for name, arguments, words in [
        ("wie-doet-wat-in-subdoel", {"subdoel": "9"}, "has no subgoal 9"),
        ("wie-doet-wat-in-subdoel", {}, "parameter 'subdoel': missing"),
        ("wat-is-er-veranderd-sinds", {"jaar": "1999"}, "no plan of the year '1999'"),
        ("wat-betekent-afkorting", {"afkorting": "CIEOOMX"}, "unknown abbreviation"),
        ("wat-betekent-afkorting", {"afkorting": "CieOOM", "taal": "nl"}, "not an argument"),
        ("geen-prompt", {}, "unknown prompt"),
    ]:
        with pytest.raises(MCPError) as raised:
            session.get_prompt(name, arguments)
        assert words in raised.value.message, (name, raised.value.message)
