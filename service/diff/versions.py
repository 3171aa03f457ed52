"""One version of a plan as the diff compares it, read from the graph through the Store interface.

A version is a plan id in some store: the served graph, or a graph built from a plan editor's draft
files (see :mod:`.cli`). Each part is one query of ``queries/diff/`` with the plan bound as an
IRI; the rows are folded into plain dataclasses that :mod:`.compare` compares.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from nkc_kg.loaders.paths import QUERIES_DIR
from nkc_kg.service.graph.plan_data import NotFound, PlanData
from nkc_kg.service.graph.plan_data.base import ACTIVITY_KIND
from nkc_kg.service.graph.queries import QueryFolder
from nkc_kg.service.graph.rows import boolean, integer, text
from nkc_kg.service.graph.urls import service_path
from nkc_kg.service.store.embedded import Row
from rdflib import URIRef

DIFF_QUERIES_DIR = QUERIES_DIR / "diff"


@dataclass(frozen=True)
class Party:
    iri: str
    label: str
    abbreviation: str | None


@dataclass(frozen=True)
class Timeframe:
    label: str | None
    start: str | None
    end: str | None
    tentative: bool = False
    approximate: bool = False
    ongoing: bool = False


@dataclass
class Step:
    iri: str
    number: int
    text: str
    label: str
    lead_text: str | None = None
    timeframe: Timeframe | None = None
    roles: dict[str, set[str]] = field(default_factory=dict)  # party IRI -> roles in this step


@dataclass
class Result:
    iri: str
    number: int | None
    text: str
    steps: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Link:
    """A continuation link to an activity of another plan (``continues`` or ``continuedBy``)."""

    iri: str
    number: int | None
    plan: str | None
    label: str | None
    direction: str


@dataclass(frozen=True)
class Issue:
    kind: str | None
    note: str | None
    note_en: str | None


@dataclass
class Activity:
    iri: str
    number: int
    kind: str  # prioritised | past
    title: str
    label: str
    card_title: str | None = None
    serves_all: bool = False
    subgoals: list[int] = field(default_factory=list)
    roles: dict[str, set[str]] = field(default_factory=dict)  # party IRI -> roles on the activity itself
    steps: list[Step] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)
    initiatives: dict[str, str] = field(default_factory=dict)  # IRI -> label
    links: dict[str, Link] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)

    def all_roles(self) -> dict[str, set[str]]:
        """Every party's roles anywhere in the activity: on the activity or in any of its steps."""
        merged: dict[str, set[str]] = defaultdict(set)
        for source in (self.roles, *(s.roles for s in self.steps)):
            for party, roles in source.items():
                merged[party] |= roles
        return dict(merged)


@dataclass
class Team:
    iri: str
    label: str
    members: dict[str, tuple[str, bool]]  # person IRI -> (name, former)


@dataclass
class Change:
    iri: str
    number: int | None
    text: str


@dataclass
class PlanVersion:
    """A plan as one side of a diff. ``draft`` versions were built from files, not the served graph."""

    id: str
    header: dict[str, Any]  # the plan as PlanData.plans() lists it
    activities: list[Activity]
    parties: dict[str, Party]
    team: Team | None
    changes: list[Change]
    draft: bool = False
    files: list[str] = field(default_factory=list)
    url_of: Callable[[str], str | None] = field(default=lambda iri: None, repr=False)
    party_api: Callable[[str], str | None] = field(default=lambda iri: None, repr=False)

    @property
    def revision_of(self) -> str | None:
        revision = self.header.get("revisionOf")
        return revision.get("id") if isinstance(revision, dict) else None

    @property
    def year(self) -> int | None:
        year = self.header.get("year")
        return year if isinstance(year, int) else None


class VersionReader:
    """Reads plan versions from one store (through the PlanData that wraps it)."""

    def __init__(self, data: PlanData, draft: bool = False, files: list[str] | None = None) -> None:
        self.data, self.draft, self.files = data, draft, files or []
        self._queries = QueryFolder(DIFF_QUERIES_DIR, data.iris)

    def plan_ids(self) -> list[str]:
        return sorted(self.data.index.plans)

    def check_plan(self, plan_id: str, parameter: str) -> None:
        """NotFound (with the closest known ids) unless the store has this plan."""
        if plan_id not in self.data.index.plans:
            known = self.plan_ids()
            raise NotFound(
                f"unknown plan {plan_id!r}",
                {
                    "parameter": parameter,
                    "suggestions": difflib.get_close_matches(plan_id, known, n=3, cutoff=0.5),
                    "known": known,
                },
            )

    def _select(self, name: str, plan: URIRef) -> list[Row]:
        return self.data.store.select(self._queries[name], {"plan": plan}).rows

    def url_of(self, iri: str) -> str | None:
        # a draft's entities are not served: their IRIs dereference to the shipped version, if any
        return None if self.draft else service_path(iri, self.data.iris)

    def party_api(self, iri: str) -> str | None:
        """The party's path in the REST API (by its slug, which the API accepts as a key)."""
        prefix = str(self.data.iris.party(""))
        if self.draft or not iri.startswith(prefix):
            return None
        return "/api/parties/" + quote(iri[len(prefix) :], safe="")

    def read(self, plan_id: str, parameter: str = "plan") -> PlanVersion:
        self.check_plan(plan_id, parameter)
        plan = self.data.index.plans[plan_id]
        header = next(p for p in self.data.plans()["plans"] if p["id"] == plan_id)
        activities = self._activities(plan)
        steps = self._steps(plan, activities)
        parties = self._roles(plan, activities, steps)
        self._results(plan, activities, steps)
        self._initiatives_links_issues(plan, activities)
        for activity in activities.values():
            activity.steps.sort(key=lambda s: s.number)
            activity.results.sort(key=lambda r: (r.number is None, r.number or 0))
            activity.subgoals.sort()
        return PlanVersion(
            id=plan_id,
            header=header,
            activities=sorted(activities.values(), key=lambda a: a.number),
            parties=parties,
            team=self._team(plan),
            changes=[
                Change(str(r["change"]), integer(r, "number"), text(r, "text") or "")
                for r in self._select("changes", plan)
            ],
            draft=self.draft,
            files=list(self.files),
            url_of=self.url_of,
            party_api=self.party_api,
        )

    def _activities(self, plan: URIRef) -> dict[str, Activity]:
        activities: dict[str, Activity] = {}
        for row in self._select("activities", plan):
            iri = str(row["activity"])
            activity = activities.get(iri)
            if activity is None:
                number = integer(row, "number") or 0
                activity = activities[iri] = Activity(
                    iri=iri,
                    number=number,
                    kind=ACTIVITY_KIND.get(str(row["type"]).rsplit("#", 1)[-1], "prioritised"),
                    title=text(row, "title") or "",
                    label=text(row, "label") or text(row, "title") or iri,
                    card_title=text(row, "cardTitle"),
                    serves_all=bool(boolean(row, "servesAll")),
                )
            subgoal = integer(row, "subgoalNumber")
            if subgoal is not None and subgoal not in activity.subgoals:
                activity.subgoals.append(subgoal)
        return activities

    def _steps(self, plan: URIRef, activities: Mapping[str, Activity]) -> dict[str, Step]:
        steps: dict[str, Step] = {}
        for row in self._select("steps", plan):
            activity = activities.get(str(row["activity"]))
            if activity is None or str(row["step"]) in steps:
                continue
            step = steps[str(row["step"])] = Step(
                iri=str(row["step"]),
                number=integer(row, "number") or 0,
                text=text(row, "text") or "",
                label=text(row, "label") or str(row["step"]),
                lead_text=text(row, "leadText"),
                timeframe=_timeframe(row),
            )
            activity.steps.append(step)
        return steps

    def _roles(self, plan: URIRef, activities: Mapping[str, Activity], steps: Mapping[str, Step]) -> dict[str, Party]:
        """Each party's roles on its activities and steps; the parties that have one."""
        parties: dict[str, Party] = {}
        for row in self._select("roles", plan):
            activity = activities.get(str(row["activity"]))
            if activity is None:
                continue
            party = str(row["party"])
            parties.setdefault(party, Party(party, text(row, "label") or party, text(row, "abbreviation")))
            owner = steps.get(str(row["step"])) if row.get("step") is not None else activity
            if owner is not None:
                owner.roles.setdefault(party, set()).add(str(row["role"]))
        return parties

    def _results(self, plan: URIRef, activities: Mapping[str, Activity], steps: Mapping[str, Step]) -> None:
        for row in self._select("results", plan):
            activity = activities.get(str(row["activity"]))
            if activity is None:
                continue
            result = next((r for r in activity.results if r.iri == str(row["result"])), None)
            if result is None:
                result = Result(str(row["result"]), integer(row, "number"), text(row, "text") or "")
                activity.results.append(result)
            step = steps.get(str(row["step"])) if row.get("step") is not None else None
            if step is not None and step.number not in result.steps:
                result.steps.append(step.number)

    def _initiatives_links_issues(self, plan: URIRef, activities: Mapping[str, Activity]) -> None:
        for row in self._select("initiatives", plan):
            activity = activities.get(str(row["activity"]))
            if activity is not None:
                activity.initiatives[str(row["initiative"])] = text(row, "label") or str(row["initiative"])
        for row in self._select("links", plan):
            activity = activities.get(str(row["activity"]))
            if activity is not None:
                linked = str(row["linked"])
                activity.links[linked] = Link(
                    linked,
                    integer(row, "linkedNumber"),
                    text(row, "linkedPlanId"),
                    text(row, "linkedLabel"),
                    str(row["direction"]),
                )
        for row in self._select("issues", plan):
            activity = activities.get(str(row["activity"]))
            if activity is not None:
                activity.issues.append(Issue(text(row, "kind"), text(row, "note"), text(row, "noteEn")))

    def _team(self, plan: URIRef) -> Team | None:
        team: Team | None = None
        for row in self._select("team", plan):
            if team is None:
                team = Team(str(row["team"]), text(row, "teamLabel") or str(row["team"]), {})
            if row.get("person") is not None:
                person = str(row["person"])
                team.members[person] = (text(row, "name") or person, bool(boolean(row, "former")))
        return team


def _timeframe(row: Row) -> Timeframe | None:
    if row.get("timeframeLabel") is None and row.get("start") is None:
        return None
    return Timeframe(
        label=text(row, "timeframeLabel"),
        start=text(row, "start"),
        end=text(row, "end"),
        tentative=bool(boolean(row, "tentative")),
        approximate=bool(boolean(row, "approximate")),
        ongoing=bool(boolean(row, "ongoing")),
    )
