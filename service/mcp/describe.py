"""The ``describe`` tool: one entity, by IRI, path or name, as its page for people says it.

Plans, subgoals, activities and parties have pages of their own (plans/pages.py over
:class:`PlanData`); this module writes the same sections as text in the language asked, from the same
PlanData answers, with the same words (i18n/messages.py) and the sources the page shows. Every other
entity gets what its generic page shows: its statements and what refers to it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from nkc_kg.service.graph.plan_data.search import TYPE_ORDER
from nkc_kg.service.graph.provenance import entity_iris, with_sources
from nkc_kg.service.graph.urls import service_path
from nkc_kg.service.i18n.messages import message, role_label
from nkc_kg.service.linked_data.describe import DESCRIBE, SAFE_PATH
from nkc_kg.service.linked_data.views import entity_view
from nkc_kg.service.mcp.backend import Backend, JsonDict, ToolError
from nkc_kg.service.plans.pictures import ROLE_ORDER
from nkc_kg.service.web.rendering import label, text_in
from rdflib import URIRef

# The entity paths that have a page of their own (loaders/iris.py names them so)
PLAN = re.compile(r"plan/([^/]+)")
SUBGOAL = re.compile(r"plan/([^/]+)/subgoal/(\d{1,6})")
ACTIVITY = re.compile(r"plan/([^/]+)/activity/(\d{1,6})")
PARTY = re.compile(r"party/([^/]+)")
SUGGESTIONS = 8


@dataclass(frozen=True)
class Described:
    kind: str
    title: str
    lines: list[str]
    entity: JsonDict
    cited: JsonDict  # {sources, curated}


def describe(backend: Backend, given: str, lang: str) -> JsonDict:
    """What the page of ``given`` (an IRI, a path on the service, or a name) says; ToolError if it names nothing."""
    iri = entity_iri(backend, given.strip())
    path = iri[len(backend.iris.base) :]
    described = _page(backend, path, lang) or _generic(backend, iri, lang)
    lines = [described.title, "", *described.lines]
    sources = described.cited
    if sources.get("sources"):
        lines += ["", f"{message('sources.title', lang)}:"]
        lines += [f"- {s['citation'][lang]}" for s in sources["sources"]]
    if sources.get("curated"):
        lines += ["", f"{message('sources.curated', lang)}:"]
        lines += [f"- {fact['label']}: {fact['explanation'][lang]}" for fact in sources["curated"]]
    return {
        "iri": iri,
        "url": service_path(iri, backend.iris),
        "kind": described.kind,
        "title": described.title,
        "text": "\n".join(lines),
        "entity": {k: v for k, v in described.entity.items() if k not in ("sources", "curated")},  # given once
        "sources": sources.get("sources", []),
        "curated": sources.get("curated", []),
    }


def entity_iri(backend: Backend, given: str) -> str:
    base = backend.iris.base
    if given.startswith(base):
        path = given[len(base) :]
    elif given.startswith("/"):
        path = given[1:]
    elif re.match(r"https?://", given):
        raise ToolError("unknown IRI", f"{given[:200]} is not an IRI of this graph (they begin with {base})")
    else:
        return _named(backend, given)
    if not SAFE_PATH.fullmatch(path) or ".." in path.split("/"):
        raise ToolError("malformed IRI path", path[:200])
    return base + path


def _named(backend: Backend, name: str) -> str:
    """The one entity a name or abbreviation names, as the site search finds it."""
    results = backend.data.search(name)["results"]
    exact = [r for r in results if r["exact"]]
    # 'IKNL' is the party's abbreviation and an entry of two abbreviation lists: the party is meant,
    # as the search ranks it (plans, then parties, then their parts, then abbreviations)
    best = min((TYPE_ORDER.get(r["type"], 9) for r in exact), default=None)
    exact = [r for r in exact if TYPE_ORDER.get(r["type"], 9) == best]
    if len(exact) == 1 or (not exact and len(results) == 1):
        return str((exact or results)[0]["iri"])
    shown = repr(name[:50])
    if not results:
        raise ToolError(f"unknown entity {shown}", {"suggestions": [], "hint": "try the search tool"})
    names = [f"{r['label']} <{r['iri']}>" for r in (exact or results)[:SUGGESTIONS]]
    raise ToolError(f"{shown} names more than one entity", {"suggestions": names})


def _page(backend: Backend, path: str, lang: str) -> Described | None:
    pages: list[tuple[re.Pattern[str], Callable[..., Described]]] = [
        (PLAN, _plan),
        (SUBGOAL, _subgoal),
        (ACTIVITY, _activity),
        (PARTY, _party),
    ]
    for pattern, render in pages:
        match = pattern.fullmatch(path)
        if match:
            return render(backend, lang, *match.groups())
    return None


def _cited(backend: Backend, kind: str, answer: JsonDict) -> JsonDict:
    return with_sources(backend.provenance, kind, answer)


def _sources(answer: Mapping[str, Any]) -> JsonDict:
    return {"sources": answer.get("sources", []), "curated": answer.get("curated", [])}


def _plan(backend: Backend, lang: str, plan_id: str) -> Described:
    plan = _cited(backend, "plan", backend.data.plan(plan_id))
    lines = []
    goal = plan.get("goal")
    if goal:
        lines += [f"{message('plan.goal', lang)}: {label(goal, lang) if isinstance(goal, Mapping) else goal}", ""]
    lines.append(f"{message('plan.subgoals', lang)}:")
    lines += [f"{sg['number']}. {sg.get('title') or label(sg, lang)}" for sg in plan.get("subgoals") or []]
    lines += ["", f"{message('plan.activities', lang)}:"]
    for act in plan.get("activities") or []:
        lines.append(f"{act['number']}. {act.get('title') or label(act, lang)} ({_serves(act, lang)})")
    return Described("plan", label(plan, lang), lines, plan, _sources(plan))


def _serves(activity: Mapping[str, Any], lang: str) -> str:
    subgoals = activity.get("subgoals")
    served = message("activity.allsubgoals", lang) if subgoals == "all" else ", ".join(map(str, subgoals or []))
    return f"{message('activity.subgoals', lang).lower()}: {served or '-'}"


def _subgoal(backend: Backend, lang: str, plan_id: str, number: str) -> Described:
    found = _cited(backend, "subgoal-parties", backend.data.subgoal_parties(plan_id, int(number)))
    subgoal, plan = found["subgoal"], found["plan"]
    title = f"{message('subgoal', lang)} {subgoal['number']}: {subgoal.get('title') or label(subgoal, lang)}"
    lines = [f"{label(plan, lang)}", "", f"{message('subgoal.who', lang)}"]
    groups: dict[str, list[Mapping[str, Any]]] = {}
    for party in found["parties"]:
        for role in party.get("roles") or ["involved"]:
            groups.setdefault(role, []).append(party)
    if not groups:
        lines.append(message("subgoal.none", lang))
    for role in _ordered_roles(groups):
        lines.append(f"{role_label(role, lang)} ({len(groups[role])}):")
        for party in sorted(groups[role], key=lambda p: (bool(p.get("crossCutting")), label(p, lang).casefold())):
            cross = f" [{message('subgoal.crosscutting', lang)}]" if party.get("crossCutting") else ""
            acts = ", ".join(str(a) for a in party.get("activities") or [])
            lines.append(f"- {_party_name(party, lang)}{cross} — {message('activity', lang).lower()} {acts}")
    activities = set(found.get("activities") or [])
    if activities:
        lines += ["", f"{message('subgoal.activities', lang)}:"]
        for act in backend.data.plan(plan_id)["activities"]:
            if act["number"] in activities:
                lines.append(f"{act['number']}. {act.get('title') or label(act, lang)}")
    return Described("subgoal", title, lines, found, _sources(found))


def _ordered_roles(roles: Iterable[str]) -> list[str]:
    """Lead first, as the pages order them."""
    given = set(roles)
    known = [r for r in ROLE_ORDER if r in given]
    return known + sorted(given - set(known))


def _roles(roles: Iterable[str], lang: str) -> str:
    return ", ".join(role_label(r, lang) for r in _ordered_roles(roles))


def _party_name(party: Mapping[str, Any], lang: str) -> str:
    name = label(party, lang)
    abbreviation = party.get("abbreviation")
    return f"{name} ({abbreviation})" if abbreviation and abbreviation != name else name


def _activity(backend: Backend, lang: str, plan_id: str, number: str) -> Described:
    activity = _cited(backend, "activity", backend.data.activity(plan_id, int(number)))
    title = f"{message('activity', lang)} {activity['number']}. {activity.get('title') or label(activity, lang)}"
    lines = [label(activity["plan"], lang), _serves(activity, lang), "", f"{message('activity.steps', lang)}:"]
    for step in activity.get("steps") or []:
        facts = []
        if step.get("timeframe"):
            facts.append(f"{message('activity.when', lang)}: {step['timeframe']['label']}")
        if step.get("lead"):
            leads = ", ".join(label(p, lang) for p in step["lead"])
            facts.append(f"{message('activity.lead', lang)} {leads}")
        detail = f" ({'; '.join(facts)})" if facts else ""
        lines.append(f"{step['number']}. {text_in(step, 'text', lang) or label(step, lang)}{detail}")
    if activity.get("involved"):
        lines += ["", f"{message('activity.involved', lang)}:"]
        for party in activity["involved"]:
            roles = _roles(party.get("roles") or [], lang)
            lines.append(f"- {label(party, lang)}" + (f" ({roles})" if roles else ""))
    if activity.get("intendedResults"):
        lines += ["", f"{message('activity.results', lang)}:"]
        lines += [f"{r['number']}. {text_in(r, 'text', lang)}" for r in activity["intendedResults"]]
    return Described("activity", title, lines, activity, _sources(activity))


def _party(backend: Backend, lang: str, key: str) -> Described:
    party = _cited(backend, "party", backend.data.party(key))
    lines = []
    if party.get("abbreviation"):
        lines.append(f"{message('party.abbreviation', lang)}: {party['abbreviation']}")
    parents = party.get("parents") or ([party["parent"]] if party.get("parent") else [])
    if parents:
        lines.append(f"{message('party.parent', lang)}: {', '.join(label(p, lang) for p in parents)}")
    children = party.get("subOrganisations") or []
    if children:
        lines += ["", f"{message('party.children', lang)}:"]
        lines += [f"- {_party_name(c, lang)}" for c in sorted(children, key=lambda c: label(c, lang).casefold())]
    titles = {p["id"]: label(p, lang) for p in backend.data.plans()["plans"]}
    sections: dict[str, dict[str, list[str]]] = {"leads": {}, "involved": {}}
    for item in party.get("involvement") or []:
        roles = _roles(item.get("roles") or [], lang)
        steps = item.get("steps") or []
        shown = ", ".join(str(s["number"] if isinstance(s, Mapping) else s) for s in steps)
        where = f"; {message('party.steps', lang)} {shown}" if steps else ""
        section = "leads" if "lead" in (item.get("roles") or []) else "involved"
        line = f"  {item['activity']}. {item.get('title') or label(item, lang)} ({roles}{where})"
        sections[section].setdefault(str(item["plan"]), []).append(line)
    for section, plans in sections.items():
        lines += ["", f"{message('party.' + section, lang)}:"]
        if not plans:
            lines.append(message("party.none", lang))
        for plan_id, items in plans.items():
            lines += [f"- {titles.get(plan_id, plan_id)}", *items]
    return Described("party", label(party, lang), lines, party, _sources(party))


def _generic(backend: Backend, iri: str, lang: str) -> Described:
    graph = backend.questions.store.construct(backend.iris.rebase(DESCRIBE), {"iri": URIRef(iri)})
    if not any(graph.triples((URIRef(iri), None, None))):
        raise ToolError("unknown IRI", iri)
    for prefix, namespace in (("nkc", backend.iris.nkc), ("base", backend.iris.base)):
        graph.bind(prefix, namespace)
    view = entity_view(URIRef(iri), graph, backend.iris, lang)
    rows = [{"property": p, **value} for p, value in view["rows"]]  # type: ignore[attr-defined]
    incoming = [{**value, "property": p} for value, p in view["incoming"]]  # type: ignore[attr-defined]
    lines = [f"{message('entity.statements', lang)}:"]
    lines += [f"- {r['property']}: {r['text']}" + (f" @{r['lang']}" if r.get("lang") else "") for r in rows]
    if incoming:
        lines += ["", f"{message('entity.referenced', lang)}:"]
        lines += [f"- {r['text']} ({r['property']})" for r in incoming]
    cited = backend.provenance.cite(entity_iris(iri), [iri])
    return Described("entity", str(view["title"]), lines, {"iri": iri, "rows": rows, "incoming": incoming}, cited)
