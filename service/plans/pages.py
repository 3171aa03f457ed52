"""Pages for policy staff: plans, subgoals ('wie is betrokken?'), activities, parties, matrix, timeline, search.

Built on :class:`PlanData` only: page code shapes its plain dicts for the templates and pictures and never
queries the graph itself. The plan/subgoal/activity/party IRIs get these pages as their HTML
representation through :meth:`PeoplePages.entity_page`; linked_data/routes.py keeps content negotiation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from datetime import date, timedelta
from typing import Annotated, Any
from urllib.parse import urlencode

import anyio
from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from nkc_kg.loaders.iris import Iris
from nkc_kg.loaders.validation import ontology_graph
from nkc_kg.service.graph.catalog import NamedQuery
from nkc_kg.service.graph.plan_data import BadParameter, NotFound, PlanData, parse_date
from nkc_kg.service.i18n.messages import message, role_label
from nkc_kg.service.linked_data.describe import english_labels, label_of, scheme_name, unnamed_schemes
from nkc_kg.service.linked_data.human import human_view
from nkc_kg.service.linked_data.views import ontology_view
from nkc_kg.service.plans.activity_view import parties_with_steps, unnamed_mentions, versions
from nkc_kg.service.plans.ordering import default_plan, ordered_roles
from nkc_kg.service.plans.party_view import by_plan, plan_years, summary
from nkc_kg.service.plans.periods import add_months, plan_colours, plan_short_name, quarter_start, short_title
from nkc_kg.service.plans.pictures import (
    PLAN_COLOURS,
    Axis,
    Bar,
    cross_cutting_swatch,
    matrix_svg,
    parse_day,
    role_colour,
    role_key,
    strongest_role,
    timeline_narrow_svg,
    timeline_svg,
)
from nkc_kg.service.plans.search_hits import activity_shortcuts, present_hits
from nkc_kg.service.store.embedded import DUMP_FORMATS
from nkc_kg.service.web.deps import ServiceDep
from nkc_kg.service.web.rendering import label, text_in
from nkc_kg.service.web.templating import Pages, page_language
from rdflib import RDFS, Graph, URIRef

PLAN_PATH = re.compile(r"plan/([^/]+)")
SUBGOAL_PATH = re.compile(r"plan/([^/]+)/subgoal/(\d+)")
ACTIVITY_PATH = re.compile(r"plan/([^/]+)/activity/(\d+)")
PARTY_PATH = re.compile(r"party/([^/]+)")


def _has_english(entity: Mapping[str, Any]) -> bool:
    labels = entity.get("labels")
    if isinstance(labels, Mapping) and labels.get("en"):
        return True
    return any(entity.get(key) for key in ("labelEn", "label_en", "titleEn", "textEn"))


class PeoplePages:
    """Renders every page for people from :class:`PlanData`; all methods block (call them in a worker thread)."""

    def __init__(self, data: PlanData, iris: Iris, pages: Pages) -> None:
        self.data, self.iris = data, iris
        self.pages = pages
        self.pages.env.globals["colours"] = role_colour
        # every template's label(entity, lang) gives an English page the graph's English label of the entity
        self.pages.env.globals["label"] = self.label_in
        self._english: dict[str, str] | None = None

    def english_names(self) -> dict[str, str]:
        """The graph's English labels by IRI (one query, on first use)."""
        if self._english is None:
            self._english = english_labels(self.data.store, self.iris)
        return self._english

    def label_in(self, entity: Mapping[str, Any] | None, lang: str) -> str:
        """:func:`label`, but an English page shows the graph's English label of an entity whose dict has none."""
        if lang == "en" and isinstance(entity, Mapping) and entity.get("iri") and not _has_english(entity):
            name = self.english_names().get(str(entity["iri"]))
            if name:
                return name
        return label(entity, lang)

    def english(self, entities: Iterable[Any]) -> None:
        """Give each entity (and the parties inside it) its English label where the graph has one, in place."""
        names = self.english_names()
        for entity in entities:
            if isinstance(entity, dict):
                name = names.get(str(entity.get("iri")))
                if name and not entity.get("labelEn"):
                    entity["labelEn"] = name
                for key in ("lead", "parties", "involved"):
                    if isinstance(entity.get(key), list):
                        self.english(entity[key])

    # -- entity IRIs ----------------------------------------------------------------------------

    def entity_page(self, path: str, request: Request) -> Response | None:
        """The rich page for an entity path, a 404 page when PlanData does not know it, None if not ours."""
        routes: list[tuple[re.Pattern[str], Callable[..., Response]]] = [
            (PLAN_PATH, self.plan_page),
            (SUBGOAL_PATH, self.subgoal_page),
            (ACTIVITY_PATH, self.activity_page),
            (PARTY_PATH, self.party_page),
        ]
        for pattern, render in routes:
            match = pattern.fullmatch(path)
            if match:
                try:
                    return render(request, *match.groups())
                except NotFound as exc:
                    return self.pages.not_found(request, str(exc))
        return None

    def generic_page(self, request: Request, iri: URIRef, graph: Graph) -> Response:
        """Entities without a page of their own: their statements, in the same layout."""
        lang = page_language(request)
        ontology = ontology_graph(self.iris.base)
        names = {
            scheme: name
            for scheme in unnamed_schemes(graph)
            if (name := scheme_name(self.data.store, self.iris, scheme, ontology, lang))
        }
        view = human_view(
            iri,
            graph,
            ontology,
            self.iris,
            lang,
            lambda above: label_of(self.data.store, self.iris, above, lang),
            names,
        )
        return self.pages.render(request, "entity.html", **view)

    def not_found(self, request: Request, detail: str = "") -> Response:
        return self.pages.not_found(request, detail)

    def ontology_page(self, request: Request, graph: Graph) -> Response:
        return self.pages.render(request, "ontology.html", **ontology_view(graph, self.iris))

    def plan_page(self, request: Request, plan_id: str) -> Response:
        plan = self.data.plan(plan_id)
        # activities of an earlier edition serve no subgoal and have no steps: what was done and what it became
        earlier = {
            a["number"]: self.data.activity(plan_id, int(a["number"]))
            for a in plan["activities"]
            if not a.get("subgoals") and a.get("type") == "past"
        }
        activities = [
            {
                **a,
                "achievement": earlier[a["number"]].get("achievement"),
                "versions": versions(earlier[a["number"]], plan_id),
            }
            if a["number"] in earlier
            else a
            for a in plan["activities"]
        ]
        return self.pages.render(request, "plan.html", plan=plan, activities=activities)

    def subgoal_page(self, request: Request, plan_id: str, number: str) -> Response:
        found = self.data.subgoal_parties(plan_id, int(number))
        lang = page_language(request)
        if lang == "en":
            self.english(found["parties"])
        direct = [p for p in found["parties"] if not p.get("crossCutting")]
        crossing = [p for p in found["parties"] if p.get("crossCutting")]
        return self.pages.render(
            request,
            "subgoal.html",
            plan=self._plan_summary(plan_id),
            subgoal=found["subgoal"],
            groups=self._role_groups(direct, lang),
            cross_groups=self._role_groups(crossing, lang),
            has_cross_cutting=bool(crossing),
            activities=[a for a in self.data.plan(plan_id)["activities"] if a["number"] in set(found["activities"])],
        )

    @staticmethod
    def _role_groups(parties: list[Mapping[str, Any]], lang: str) -> list[tuple[str, list[Mapping[str, Any]]]]:
        groups: dict[str, list[Mapping[str, Any]]] = {}
        for party in parties:
            for role in party.get("roles") or ["involved"]:
                groups.setdefault(role, []).append(party)
        return [(role, sorted(groups[role], key=lambda p: label(p, lang).casefold())) for role in ordered_roles(groups)]

    def activity_page(self, request: Request, plan_id: str, number: str) -> Response:
        activity = self.data.activity(plan_id, int(number))
        lang = page_language(request)
        if lang == "en":
            self.english([*activity.get("steps", []), *activity.get("parties", []), *activity.get("involved", [])])
        bars = [
            self._step_bar(step, lang, key=str(step.get("number", i + 1))) for i, step in enumerate(activity["steps"])
        ]
        which = f"{message('activity', lang).lower()} {activity.get('number')}"
        drawing = {
            "title": f"{message('activity.timeline', lang)}: {which}",
            "description": message("timeline.desc", lang),
            "undated": message("timeline.undated", lang),
        }
        picture = timeline_svg(bars, label_width=60, **drawing)
        picture_narrow = timeline_narrow_svg(bars, **drawing)
        plan = self._plan_summary(plan_id)
        return self.pages.render(
            request,
            "activity.html",
            plan=plan,
            activity=activity,
            picture=picture,
            picture_narrow=picture_narrow,
            versions=versions(activity, plan_id),
            parties=parties_with_steps(activity),
            mentions=unnamed_mentions(activity.get("initiatives") or [], activity.get("initiativeMentions") or []),
        )

    def party_page(self, request: Request, key: str) -> Response:
        party = self.data.party(key)
        lang = page_language(request)
        plans = {str(p["id"]): p for p in self._plans()}
        involvement = party.get("involvement") or []
        years = plan_years(involvement, plans)
        asked = request.query_params.get("year", "")
        year = (
            None if asked == "all" else int(asked) if asked.isdigit() and int(asked) in years else (years or [None])[0]
        )
        groups = by_plan(involvement, plans, year, self._step_dates(key))
        parents = party.get("parents") or ([party["parent"]] if party.get("parent") else [])
        children = party.get("subOrganisations") or []
        known_names = {party.get("abbreviation"), party.get("label"), party.get("labelEn")}
        return self.pages.render(
            request,
            "party.html",
            party=party,
            also_called=[name for name in party.get("altLabels") or [] if name not in known_names],
            parents=parents,
            children=sorted(children, key=lambda c: label(c, lang).casefold()),
            years=years,
            year=year,
            groups=groups,
            summary=summary(groups),
        )

    def _step_dates(self, key: str) -> dict[tuple[str, int, int], str]:
        """When each step this party leads is planned, by (plan, activity, step)."""
        steps = self.data.timeline(date(1900, 1, 1), date(2999, 12, 31), None, key)["steps"]
        return {
            (str(s["plan"]), int(s["activity"]), int(s["step"])): str((s.get("timeframe") or {}).get("label") or "")
            for s in steps
            if s.get("activity") is not None and s.get("step") is not None
        }

    # -- views ----------------------------------------------------------------------------------

    def home(self, request: Request, questions: list[Mapping[str, Any]], dumps: Iterable[str]) -> Response:
        return self.pages.render(request, "home.html", plans=self._plans(), questions=questions, dumps=list(dumps))

    def search_page(self, request: Request, query: str) -> Response:
        lang = page_language(request)
        results = self.data.search(query)["results"] if query.strip() else []
        plans = self._plans()
        hits = present_hits(
            results, plans, lang, lambda hit: self.label_in(hit, lang), lambda kind: self._class_label(kind, lang)
        )
        shortcuts = activity_shortcuts(
            query, plans, lambda plan_id: [a["number"] for a in self.data.plan(plan_id)["activities"]]
        )
        return self.pages.render(request, "search.html", query=query, results=hits, shortcuts=shortcuts)

    def _class_label(self, kind: str, lang: str) -> str | None:
        labels = {
            getattr(o, "language", None): str(o)
            for o in ontology_graph(self.iris.base).objects(URIRef(str(self.iris.nkc) + kind), RDFS.label)
        }
        return labels.get(lang) or labels.get("nl")

    def matrix_page(self, request: Request, plan_id: str | None) -> Response:
        lang = page_language(request)
        plans = self._plans()
        if not plans:
            raise NotFound("no plans")
        years = sorted({int(p["year"]) for p in plans if p.get("year")}, reverse=True)
        year_choice = re.fullmatch(r"year-(\d{4})", plan_id or "")
        if year_choice:
            shown = [self.data.plan(str(p["id"])) for p in plans if str(p.get("year")) == year_choice.group(1)]
            shown = [p for p in shown if p["subgoals"]]
            if not shown:
                raise NotFound(f"no plan with subgoals in {year_choice.group(1)}")
        else:
            shown = [self.data.plan(plan_id or default_plan(plans))]
        several = len(shown) > 1
        short = {str(p["id"]): plan_short_name(p, lang) for p in plans}
        rows: dict[str, Axis] = {}
        cells: dict[tuple[str, str], list[str]] = {}
        faded: dict[tuple[str, str], str] = {}
        columns: list[Axis] = []
        for plan in shown:
            for subgoal in plan["subgoals"]:
                title = subgoal.get("title") or label(subgoal, lang)
                key = f"{plan['id']}:{subgoal['number']}" if several else str(subgoal["number"])
                prefix = f"{short.get(plan['id'], plan['id'])} · " if several else ""
                column = Axis(
                    key,
                    f"{prefix}{message('subgoal', lang)} {subgoal['number']}: {title}",
                    subgoal.get("url"),
                    short=f"{prefix}{subgoal['number']}. {short_title(title)}",
                )
                columns.append(column)
                found = self.data.subgoal_parties(plan["id"], int(subgoal["number"]))["parties"]
                if lang == "en":
                    self.english(found)
                for party in found:
                    rows.setdefault(party["iri"], Axis(party["iri"], label(party, lang), party.get("url")))
                    cells[(party["iri"], column.key)] = ordered_roles(party.get("roles") or ["involved"])
                    if party.get("crossCutting"):
                        faded[(party["iri"], column.key)] = message("subgoal.crosscutting", lang)
        ordered_rows = sorted(rows.values(), key=lambda r: r.label.casefold())
        heading = message("matrix.year", lang) + f" {year_choice.group(1)}" if year_choice else label(shown[0], lang)
        picture = matrix_svg(
            ordered_rows,
            columns,
            cells,
            title=f"{message('matrix.title', lang)} — {heading}",
            description=message("matrix.desc", lang),
            role_name=lambda r: role_label(r, lang),
            faded=faded,
        )
        used_roles = ordered_roles({r for roles in cells.values() for r in roles})
        return self.pages.render(
            request,
            "matrix.html",
            plans=[p for p in plans if p.get("year")],
            years=years,
            chosen=plan_id or shown[0]["id"],
            plan=None if several or year_choice else shown[0],
            heading=heading,
            picture=picture,
            rows=ordered_rows,
            columns=columns,
            cells=cells,
            faded=faded,
            roles=used_roles,
            cross_cutting=[
                cross_cutting_swatch(role)
                for role in ordered_roles({role_key(strongest_role(cells[k])) for k in faded})
            ],
        )

    def timeline_page(
        self, request: Request, start: str | None, end: str | None, plan: str | None, party: str | None
    ) -> Response:
        lang = page_language(request)
        plans = self._plans()
        today = date.today()
        # without a window: from half a year before today to a year after it, whole quarters
        first = parse_date("from", start) if start else quarter_start(add_months(today, -6))
        last = parse_date("to", end) if end else add_months(quarter_start(add_months(today, 12)), 3) - timedelta(days=1)
        found = self.data.timeline(first, last, plan or None, party or None)
        steps = found["steps"]
        if lang == "en":
            self.english(steps)
        colours = plan_colours([str(p["id"]) for p in plans])
        short = {str(p["id"]): plan_short_name(p, lang) for p in plans}
        bars = [
            replace(
                self._step_bar(
                    step,
                    lang,
                    key=f"{step['activity']}.{step['step']}"
                    if plan
                    else f"{short.get(step['plan'], step['plan'])} {step['activity']}.{step['step']}",
                    url=f"/plan/{step['plan']}/activity/{step['activity']}#step-{step['step']}",
                ),
                who=", ".join(label(p, lang) for p in step.get("lead") or []),
                colour=colours.get(str(step["plan"]), PLAN_COLOURS[0]),
            )
            for step in steps
        ]
        drawing: dict[str, Any] = {
            "title": message("timeline.title", lang),
            "description": message("timeline.desc", lang),
            "undated": message("timeline.undated", lang),
            "today": today,
            "today_label": message("timeline.today", lang),
            "window": (first, last),
        }
        picture = timeline_svg(bars, label_width=max([60, *(7 * len(b.key) + 16 for b in bars)]), **drawing)
        # a phone gets the same steps drawn to fit its width (CSS shows one of the two)
        picture_narrow = timeline_narrow_svg(bars, **drawing)
        shown = {str(s["plan"]) for s in steps}
        return self.pages.render(
            request,
            "timeline.html",
            plans=plans,
            steps=steps,
            bars=bars,
            picture=picture,
            picture_narrow=picture_narrow,
            start=first.isoformat(),
            end=last.isoformat(),
            plan=plan,
            party=party,
            legend=[(p, colours[str(p["id"])], short[str(p["id"])]) for p in plans if str(p["id"]) in shown],
        )

    # -- helpers --------------------------------------------------------------------------------

    def _plans(self) -> list[Mapping[str, Any]]:
        return list(self.data.plans()["plans"])

    def _plan_summary(self, plan_id: str) -> Mapping[str, Any]:
        """The plan as listed (with its English title), for the pages of its parts."""
        return next(p for p in self._plans() if p["id"] == plan_id)

    @staticmethod
    def _step_key(step: Mapping[str, Any]) -> str:
        activity = step.get("activity")
        number = activity.get("number") if isinstance(activity, Mapping) else activity
        return f"{number}.{step.get('number')}" if number is not None else str(step.get("number", ""))

    @staticmethod
    def _step_bar(step: Mapping[str, Any], lang: str, key: str, url: str | None = None) -> Bar:
        timeframe = step.get("timeframe") or {}
        return Bar(
            key=key,
            label=text_in(step, "text", lang) or label(step, lang),
            start=parse_day(timeframe.get("start")),
            end=parse_day(timeframe.get("end"), end=True),
            url=url or step.get("url"),
            detail=str(timeframe.get("label") or ""),
        )


def question_links(catalog: Mapping[str, NamedQuery]) -> list[dict[str, str]]:
    """Every named query as a link to its question page with its example parameters, for the home page."""
    return [
        {
            "name": q.name,
            "summary": q.summary,
            "summary_nl": q.summary_nl or q.summary,
            "url": f"/vragen/{q.name}?" + urlencode({p.name: p.example for p in q.parameters}),
        }
        for q in catalog.values()
    ]


async def get_people(request: Request) -> PeoplePages:
    people: PeoplePages = request.app.state.people  # built by create_app
    return people


PeopleDep = Annotated[PeoplePages, Depends(get_people)]

# Home, search, matrix and timeline; the entity pages come in through linked_data/routes.py.
router = APIRouter(tags=["Pages"])


async def guarded(people: PeoplePages, request: Request, render: Callable[[], Response]) -> Response:
    """``render()`` in a worker thread; unknown entities get the 404 page, malformed parameters the 400 page."""

    def run() -> Response:
        try:
            return render()
        except NotFound as exc:
            return people.pages.not_found(request, str(exc))
        except BadParameter as exc:
            return people.pages.render(request, "error.html", status_code=400, detail=str(exc))

    return await anyio.to_thread.run_sync(run)


@router.get("/", response_class=HTMLResponse, summary="Home page: search, plans, overviews")
async def home(request: Request, people: PeopleDep, service: ServiceDep) -> Response:
    questions = question_links(service.catalog)
    return await guarded(people, request, lambda: people.home(request, questions, DUMP_FORMATS))


@router.get("/search", response_class=HTMLResponse, summary="Search parties, plans, activities, abbreviations")
async def search(request: Request, people: PeopleDep, q: str = "") -> Response:
    return await guarded(people, request, lambda: people.search_page(request, q))


@router.get("/matrix", response_class=HTMLResponse, summary="Party × subgoal involvement matrix (SVG)")
async def matrix(request: Request, people: PeopleDep, plan: str | None = None) -> Response:
    return await guarded(people, request, lambda: people.matrix_page(request, plan))


@router.get("/timeline", response_class=HTMLResponse, summary="Timeline of steps (SVG)")
async def timeline(request: Request, people: PeopleDep, party: str | None = None, plan: str | None = None) -> Response:
    params = request.query_params
    return await guarded(
        people, request, lambda: people.timeline_page(request, params.get("from"), params.get("to"), plan, party)
    )
