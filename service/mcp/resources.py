"""Plans, subgoals, parties and abbreviation lists as MCP resources, addressed by their IRIs.

A resource's content is the REST API's answer for it, as JSON with its sources: the plan
(``/api/plans/{id}``), the parties of a subgoal (``/api/plans/{id}/subgoals/{n}/parties``), the party
(``/api/parties/{key}``), and the abbreviations a list defines. An IRI that names none of these is an
MCP "resource not found" error saying which IRIs are resources.
"""

from __future__ import annotations

import json
import re
from typing import Any

import mcp.types as types
from mcp.shared.exceptions import MCPError
from nkc_kg.service.graph.plan_data import BadParameter, NotFound
from nkc_kg.service.graph.provenance import entity_iris, iris_in, with_sources
from nkc_kg.service.mcp.backend import MAX_ARGUMENT_LENGTH, Backend, JsonDict, absolute
from nkc_kg.service.web.rendering import label

RESOURCE_NOT_FOUND = -32002  # the MCP specification's code for an unknown resource
JSON = "application/json"
PLAN = re.compile(r"plan/([^/]+)")
SUBGOAL = re.compile(r"plan/([^/]+)/subgoal/(\d{1,6})")
PARTY = re.compile(r"party/([^/]+)")
ABBREVIATIONS = re.compile(r"abbreviations/([^/]+)")


def templates(backend: Backend) -> list[types.ResourceTemplate]:
    base = backend.iris.base
    return [
        types.ResourceTemplate(
            uri_template=f"{base}plan/{{plan}}",
            name="plan",
            title="Action plan / Actieplan",
            description="An action plan: goal, problem, causes, subgoals and activities (as /api/plans/{plan})",
            mime_type=JSON,
        ),
        types.ResourceTemplate(
            uri_template=f"{base}plan/{{plan}}/subgoal/{{number}}",
            name="subgoal",
            title="Subgoal and its parties / Subdoel en partijen",
            description="Who is involved in a subgoal, per party its roles and activities "
            "(as /api/plans/{plan}/subgoals/{number}/parties)",
            mime_type=JSON,
        ),
        types.ResourceTemplate(
            uri_template=f"{base}party/{{party}}",
            name="party",
            title="Party / Partij",
            description="A party: names, parent and sub-organisations, roles in every plan (as /api/parties/{party})",
            mime_type=JSON,
        ),
        types.ResourceTemplate(
            uri_template=f"{base}abbreviations/{{list}}",
            name="abbreviation-list",
            title="Abbreviation list / Afkortingenlijst",
            description="The abbreviations a document defines (or the curators added), with their expansions",
            mime_type=JSON,
        ),
    ]


def listing(backend: Backend) -> list[types.Resource]:
    """Every plan, subgoal, party and abbreviation list."""
    data, questions = backend.data, backend.questions
    resources = []
    for plan in data.plans()["plans"]:
        title = f"{plan['title']} / {plan.get('titleEn') or plan['title']}"
        resources.append(_resource(plan["iri"], plan["id"], title, "plan"))
        for number, subgoal in sorted(questions.subgoals(plan["id"]).items()):
            iri = str(backend.iris.in_plan(plan["id"], "subgoal", number))
            title = f"{plan['title']}, subdoel {number}: {subgoal}"
            resources.append(_resource(iri, f"{plan['id']}/subgoal/{number}", title, "subgoal"))
    for party in data.parties()["parties"]:
        name = party.get("abbreviation") or party["label"]
        resources.append(_resource(party["iri"], name, party["label"], "party"))
    for iri, scheme in _lists(backend).items():
        resources.append(_resource(iri, iri.rsplit("/", 1)[-1], label(scheme, "nl"), "abbreviation list"))
    return resources


def _resource(iri: str, name: str, title: str, kind: str) -> types.Resource:
    return types.Resource(uri=iri, name=name, title=title, description=kind, mime_type=JSON)


def _lists(backend: Backend) -> dict[str, JsonDict]:
    """The abbreviation lists (IRI -> the list as the senses name it)."""
    found: dict[str, JsonDict] = {}
    for entry in backend.data.abbreviations()["abbreviations"]:
        for sense in entry.get("senses") or []:
            scheme = sense.get("scheme")
            if scheme:
                found.setdefault(scheme["iri"], scheme)
    return found


def read(backend: Backend, uri: str, site: str | None) -> types.ReadResourceResult:
    content = absolute(_content(backend, uri), site)
    text = json.dumps(content, ensure_ascii=False)
    return types.ReadResourceResult(contents=[types.TextResourceContents(uri=uri, mime_type=JSON, text=text)])


def _content(backend: Backend, uri: str) -> JsonDict:
    base = backend.iris.base
    path = uri[len(base) :] if uri.startswith(base) and len(uri) <= len(base) + MAX_ARGUMENT_LENGTH else None
    data = backend.data
    try:
        if path is not None and (match := SUBGOAL.fullmatch(path)):
            return _cited(backend, "subgoal-parties", data.subgoal_parties(match[1], int(match[2])))
        if path is not None and (match := PLAN.fullmatch(path)):
            return _cited(backend, "plan", data.plan(match[1]))
        if path is not None and (match := PARTY.fullmatch(path)):
            return _cited(backend, "party", data.party(match[1]))
        if path is not None and ABBREVIATIONS.fullmatch(path):
            return _abbreviation_list(backend, uri)
    except NotFound as exc:
        raise MCPError(RESOURCE_NOT_FOUND, exc.what, {"uri": uri[:300], "detail": exc.detail}) from None
    except BadParameter as exc:
        raise MCPError(
            RESOURCE_NOT_FOUND, f"bad parameter {exc.name!r}", {"uri": uri[:300], "detail": exc.detail}
        ) from None
    accepted = [t.uri_template for t in templates(backend)]
    raise MCPError(RESOURCE_NOT_FOUND, f"unknown resource {uri[:100]!r}", {"uri": uri[:300], "known": accepted})


def _cited(backend: Backend, kind: str, answer: JsonDict) -> JsonDict:
    return with_sources(backend.provenance, kind, answer)


def _abbreviation_list(backend: Backend, uri: str) -> JsonDict:
    lists = _lists(backend)
    scheme = lists.get(uri)
    if scheme is None:
        raise NotFound(f"unknown abbreviation list {uri[:100]!r}", {"known": sorted(lists)})
    senses: list[Any] = [
        {key: value for key, value in sense.items() if key != "scheme"}
        for entry in backend.data.abbreviations()["abbreviations"]
        for sense in entry.get("senses") or []
        if (sense.get("scheme") or {}).get("iri") == uri
    ]
    cited = entity_iris(senses)
    return {**scheme, "abbreviations": senses, **backend.provenance.cite(cited, iris_in(senses))}
