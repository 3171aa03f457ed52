"""The answers of the REST API as plain dicts, read from the graph through the Store interface.

Each question is one SPARQL file in ``queries/api/`` whose parameters are bound by the store
as RDF terms. Every entity in an answer is ``{"iri", "url", "label", …}``, where ``url`` is the
root-relative path on this service at which the IRI dereferences. Unknown plans, activities,
parties, … raise :class:`NotFound`; malformed parameters raise :class:`BadParameter`.
"""

from __future__ import annotations

import bisect
import re
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import quote

from nkc_kg.loaders.iris import Iris
from nkc_kg.loaders.paths import QUERIES_DIR
from nkc_kg.service.graph.catalog import ParameterError
from nkc_kg.service.graph.runner import EntityIndex, fold
from nkc_kg.service.linked_data.routes import service_path
from nkc_kg.service.store.embedded import Row, Store
from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

API_QUERIES_DIR = QUERIES_DIR / "api"
SEARCH_MAX_LENGTH = 200
SEARCH_LIMIT = 50
# Classes whose instances are parts of other entities' descriptions, not things people look up.
UNSEARCHED_CLASSES = {"Timeframe", "SourceLocation", "SourceIssue"}
GENERIC_PARTY_CLASSES = {"Party", "Organisation"}
# Among equally good hits, the things people look for come first: plans, parties, then their parts.
TYPE_ORDER = {
    "ActionPlan": 0,
    **dict.fromkeys(
        ("Organisation", "Hospital", "GovernmentBody", "Network", "Collaboration", "WorkingGroup", "Committee"), 1
    ),
    **dict.fromkeys(("Team", "Programme", "PartyGroup", "RoleHolder", "ExpertPanel", "Person"), 1),
    **dict.fromkeys(("Subgoal", "PrioritisedActivity", "Initiative", "RareCancerType", "EuracanDomain"), 2),
    "Abbreviation": 3,
}
ACTIVITY_KIND = {"PrioritisedActivity": "prioritised", "PastActivity": "past"}

JsonDict = dict[str, Any]


class NotFound(LookupError):
    """An unknown plan, subgoal, activity, party or abbreviation (a 404)."""

    def __init__(self, what: str, detail: Any = None) -> None:
        super().__init__(what)
        self.what, self.detail = what, detail


class BadParameter(ValueError):
    """A malformed parameter (a 400)."""

    def __init__(self, name: str, detail: Any = None) -> None:
        super().__init__(name)
        self.name, self.detail = name, detail


def load_api_query(name: str, iris: Iris) -> str:
    text = (API_QUERIES_DIR / f"{name}.rq").read_text(encoding="utf-8")
    return text.replace("https://w3id.org/nkc-kg/", iris.base)


def text(row: Row, key: str) -> str | None:
    value = row.get(key)
    return None if value is None else str(value)


def integer(row: Row, key: str) -> int | None:
    value = row.get(key)
    if value is None:
        return None
    try:
        return int(str(value))
    except ValueError:
        return None


def boolean(row: Row, key: str) -> bool | None:
    value = row.get(key)
    return None if value is None else str(value).lower() in ("true", "1")


def unique(values: Iterable[Any]) -> list[Any]:
    """Distinct values in first-seen order (rows repeat values across optional combinations)."""
    return list(dict.fromkeys(v for v in values if v is not None))


@dataclass
class SearchEntry:
    iri: str
    label: str  # rdfs:label, Dutch if there is one
    fallback_label: str  # skos:prefLabel, for entities without rdfs:label
    type: str
    exact_keys: set[str]  # folded labels and abbreviations: an exact hit ranks first
    label_keys: list[str]  # folded labels
    texts: dict[str, str]  # folded text per field, for matching


class PlanData:
    """The contract dicts of the REST API (see docs-rest.md), computed from the graph."""

    def __init__(self, store: Store, iris: Iris, index: EntityIndex) -> None:
        self.store, self.iris, self.index = store, iris, index
        self._queries: dict[str, str] = {}
        self._lock = threading.Lock()
        self._abbreviation_keys: dict[str, list[Node]] | None = None
        self._plan_titles: dict[str, str] | None = None
        self._search: tuple[list[SearchEntry], list[str], list[set[int]]] | None = None

    # -- plumbing -------------------------------------------------------------------------------

    def _select(self, name: str, **bindings: Node) -> list[Row]:
        sparql = self._queries.get(name)
        if sparql is None:
            sparql = self._queries[name] = load_api_query(name, self.iris)
        return self.store.select(sparql, bindings or None).rows

    def _url(self, iri: str) -> str | None:
        return service_path(iri, self.iris)

    def entity(self, iri: Node | str, label: str | None = None, **extra: Any) -> JsonDict:
        iri = str(iri)
        return {"iri": iri, "url": self._url(iri), "label": label if label is not None else iri, **extra}

    def _plan_iri(self, plan_id: str) -> URIRef:
        iri = self.index.plans.get(plan_id)
        if iri is None:
            raise NotFound(f"unknown plan {plan_id!r}", {"known": sorted(self.index.plans)})
        return iri

    def _plan_ref(self, plan_id: str) -> JsonDict:
        with self._lock:
            if self._plan_titles is None:
                self._plan_titles = {p["id"]: p["label"] for p in self.plans()["plans"]}
        iri = self.index.plans[plan_id]
        return self.entity(iri, self._plan_titles.get(plan_id, plan_id), id=plan_id, api=f"/api/plans/{plan_id}")

    def _party_iri(self, key: str) -> URIRef:
        try:
            return self.index.party("party", key)
        except ParameterError as exc:
            raise NotFound(f"unknown party {key!r}", {"suggestions": exc.suggestions}) from None

    def _party_ref(self, iri: Node, label: str | None, abbreviation: str | None) -> JsonDict:
        return self.entity(
            iri, label or abbreviation, abbreviation=abbreviation, api=self._party_api(iri, label, abbreviation)
        )

    def _party_api(self, iri: Node, label: str | None, abbreviation: str | None) -> str | None:
        """The /api/parties/{key} path of a party: its slug, else its abbreviation or label, if that finds it."""
        prefix = str(self.iris.party(""))
        slug = str(iri)[len(prefix) :] if str(iri).startswith(prefix) else None
        for key in (slug, abbreviation, label):
            if key and self.index.parties.get(fold(key)) == iri:
                return "/api/parties/" + quote(key, safe="")
        return None

    # -- plans ----------------------------------------------------------------------------------

    def _plan_header(self, rows: list[Row]) -> tuple[JsonDict, JsonDict]:
        """The plan as listed, and the parts only the full plan shows (goal, problem, team, …)."""
        first = rows[0]
        plan_id = text(first, "id") or ""

        def one(key: str) -> str | None:
            return next((text(r, key) for r in rows if r.get(key) is not None), None)

        def ref(key: str, label_key: str, **extra: Any) -> JsonDict | None:
            iri = one(key)
            return None if iri is None else self.entity(iri, one(label_key), **extra)

        revision = one("revisionOf")
        revision_id = next((k for k, v in self.index.plans.items() if str(v) == revision), None)
        year = one("year")
        header = self.entity(
            first["plan"],
            one("title") or plan_id,
            id=plan_id,
            title=one("title"),
            titleEn=one("titleEn"),
            year=int(year[:4]) if year and year[:4].isdigit() else None,
            version=one("version"),
            theme=ref("theme", "themeLabel"),
            document=ref("document", "documentLabel"),
            revisionOf=None
            if revision is None
            else self.entity(revision, one("revisionTitle") or revision_id, id=revision_id),
            api=f"/api/plans/{plan_id}",
        )
        parts = {
            "goal": ref("goal", "goalText", text=one("goalText"), textEn=one("goalTextEn")),
            "problem": ref("problem", "problemText", text=one("problemText"), textEn=one("problemTextEn")),
            "problemDescription": ref(
                "problemDescription", "problemDescriptionText", text=one("problemDescriptionText")
            ),
            "team": ref("team", "teamLabel"),
            "mission": ref("mission", "missionLabel"),
        }
        return header, parts

    def plans(self) -> JsonDict:
        by_plan: dict[str, list[Row]] = defaultdict(list)
        for row in self._select("plan"):
            by_plan[str(row["plan"])].append(row)
        return {"plans": [self._plan_header(rows)[0] for rows in by_plan.values()]}

    def plan(self, plan_id: str) -> JsonDict:
        plan = self._plan_iri(plan_id)
        rows = self._select("plan", plan=plan)
        header, parts = self._plan_header(rows)
        causes: dict[str, JsonDict] = {}
        for row in self._select("plan-causes", plan=plan):
            cause = causes.setdefault(
                str(row["cause"]),
                self.entity(
                    row["cause"],
                    text(row, "label"),
                    number=integer(row, "number"),
                    text=text(row, "text"),
                    subCauses=[],
                ),
            )
            if row.get("subCause") is not None and all(s["iri"] != str(row["subCause"]) for s in cause["subCauses"]):
                cause["subCauses"].append(
                    self.entity(
                        row["subCause"],
                        text(row, "subCauseText"),
                        letter=text(row, "letter"),
                        text=text(row, "subCauseText"),
                    )
                )
        subgoals = [
            self.entity(
                row["subgoal"],
                text(row, "label"),
                number=integer(row, "number"),
                title=text(row, "shortTitle") or text(row, "text") or text(row, "label"),
                text=text(row, "text"),
                api=f"/api/plans/{plan_id}/subgoals/{integer(row, 'number')}/parties",
            )
            for row in self._select("plan-subgoals", plan=plan)
        ]
        return {
            **header,
            **parts,
            "causes": list(causes.values()),
            "subgoals": subgoals,
            "activities": self._activities(plan, plan_id),
        }

    def _activities(self, plan: URIRef, plan_id: str) -> list[JsonDict]:
        activities: dict[str, JsonDict] = {}
        for row in self._select("plan-activities", plan=plan):
            number = integer(row, "number")
            activity = activities.setdefault(
                str(row["activity"]),
                self.entity(
                    row["activity"],
                    text(row, "label") or text(row, "title"),
                    number=number,
                    title=text(row, "title"),
                    type=ACTIVITY_KIND.get(str(row["type"]).rsplit("#", 1)[-1], "activity"),
                    status=text(row, "status"),
                    subgoals="all" if boolean(row, "servesAll") else [],
                    api=f"/api/plans/{plan_id}/activities/{number}",
                ),
            )
            subgoal = integer(row, "subgoalNumber")
            if subgoal is not None and isinstance(activity["subgoals"], list) and subgoal not in activity["subgoals"]:
                activity["subgoals"].append(subgoal)
        return sorted(activities.values(), key=lambda a: a["number"] or 0)

    # -- one activity ---------------------------------------------------------------------------

    def activity(self, plan_id: str, n: int) -> JsonDict:
        plan = self._plan_iri(plan_id)
        rows = self._select("activity", plan=plan, number=Literal(n, datatype=XSD.integer))
        if not rows:
            known = [a["number"] for a in self._activities(plan, plan_id)]
            raise NotFound(f"plan {plan_id!r} has no activity {n}", {"known": known})
        first = rows[0]
        iri = first["activity"]
        serves_all = any(boolean(r, "servesAll") for r in rows)
        served = {
            str(r["subgoal"]): self.entity(r["subgoal"], text(r, "subgoalLabel"), number=integer(r, "subgoalNumber"))
            for r in rows
            if r.get("subgoal") is not None
        }
        links: dict[str, dict[str, JsonDict]] = {"continues": {}, "continuedBy": {}}
        for r in rows:
            if r.get("linked") is not None:
                links[str(r["linkDirection"])][str(r["linked"])] = self.entity(
                    r["linked"], text(r, "linkedLabel"), plan=text(r, "linkedPlanId"), number=integer(r, "linkedNumber")
                )
        roles = self._select("activity-roles", activity=iri)
        steps = self._steps(iri, roles)
        return self.entity(
            iri,
            text(first, "label") or text(first, "title"),
            plan=self._plan_ref(plan_id),
            number=n,
            title=text(first, "title"),
            cardTitle=text(first, "cardTitle"),
            type=ACTIVITY_KIND.get(str(first["type"]).rsplit("#", 1)[-1], "activity"),
            status=text(first, "status"),
            achievement=text(first, "achievement"),
            subgoals="all" if serves_all else sorted(s["number"] for s in served.values()),
            servedSubgoals=sorted(served.values(), key=lambda s: s["number"] or 0),
            continues=list(links["continues"].values()),
            continuedBy=list(links["continuedBy"].values()),
            steps=steps,
            parties=self._role_summary(roles),
            involved=[p for p in self._role_summary(roles, step_roles=False) if "involved" in p["roles"]],
            intendedResults=[
                self.entity(
                    r["result"],
                    text(r, "text"),
                    number=integer(r, "number"),
                    text=text(r, "text"),
                    step=integer(r, "stepNumber"),
                )
                for r in self._select("activity-results", activity=iri)
            ],
            **self._initiatives(iri),
        )

    def _steps(self, activity: Node, roles: list[Row]) -> list[JsonDict]:
        by_step: dict[int, list[Row]] = defaultdict(list)
        for row in roles:
            step = integer(row, "stepNumber")
            if step is not None:
                by_step[step].append(row)
        steps = []
        for row in self._select("activity-steps", activity=activity):
            number = integer(row, "number") or 0
            parties = self._role_summary(by_step.get(number, []))
            steps.append(
                self.entity(
                    row["step"],
                    text(row, "label"),
                    number=number,
                    text=text(row, "text"),
                    leadText=text(row, "leadText"),
                    timeframe=self._timeframe(row),
                    lead=[_without(p, "roles", "steps", "roleNotes") for p in parties if "lead" in p["roles"]],
                    parties=[_without(p, "steps") for p in parties],
                )
            )
        return steps

    def _timeframe(self, row: Row) -> JsonDict | None:
        if row.get("timeframe") is None:
            return None
        return self.entity(
            row["timeframe"],
            text(row, "timeframeLabel"),
            start=text(row, "start"),
            end=text(row, "end"),
            tentative=bool(boolean(row, "tentative")),
            approximate=bool(boolean(row, "approximate")),
        )

    def _role_summary(self, rows: Iterable[Row], step_roles: bool = True) -> list[JsonDict]:
        """One entry per party: its roles, the steps it has a role in, and any notes on its roles."""
        parties: dict[str, JsonDict] = {}
        for row in rows:
            step = integer(row, "stepNumber")
            if step is not None and not step_roles:
                continue
            party = parties.setdefault(
                str(row["party"]),
                {
                    **self._party_ref(row["party"], text(row, "label"), text(row, "abbreviation")),
                    "roles": [],
                    "steps": [],
                    "roleNotes": [],
                },
            )
            for key, value in (("roles", text(row, "role")), ("steps", step), ("roleNotes", text(row, "roleNote"))):
                if value is not None and value not in party[key]:
                    party[key].append(value)
        return sorted(parties.values(), key=lambda p: fold(p["label"]))

    def _initiatives(self, activity: Node) -> JsonDict:
        initiatives: dict[str, JsonDict] = {}
        mentions: dict[str, JsonDict] = {}
        for row in self._select("activity-initiatives", activity=activity):
            item = str(row["item"])
            if str(row["kind"]) == "initiative":
                initiative = initiatives.setdefault(
                    item, self.entity(item, text(row, "label"), description=text(row, "text"), steps=[])
                )
                step = integer(row, "stepNumber")
                if step is not None and step not in initiative["steps"]:
                    initiative["steps"].append(step)
            else:
                mention = mentions.setdefault(
                    item, self.entity(item, text(row, "text"), text=text(row, "text"), parties=[])
                )
                if row.get("party") is not None and all(p["iri"] != str(row["party"]) for p in mention["parties"]):
                    mention["parties"].append(self._party_ref(row["party"], text(row, "partyLabel"), None))
        for initiative in initiatives.values():
            initiative["steps"].sort()
        return {
            "initiatives": sorted(initiatives.values(), key=lambda i: fold(i["label"])),
            "initiativeMentions": list(mentions.values()),
        }

    # -- which parties are involved in subgoal n ------------------------------------------------

    def subgoal_parties(self, plan_id: str, n: int) -> JsonDict:
        plan = self._plan_iri(plan_id)
        subgoals = {integer(r, "number"): r for r in self._select("plan-subgoals", plan=plan)}
        if n not in subgoals:
            raise NotFound(
                f"plan {plan_id!r} has no subgoal {n}", {"known": sorted(k for k in subgoals if k is not None)}
            )
        sub = subgoals[n]
        activities: dict[int, bool] = {}
        parties: dict[str, JsonDict] = {}
        for activity, cross, row in self._subgoal_roles(plan, n):
            activities[activity] = activities.get(activity, True) and cross
            if row is None:
                continue
            party = parties.setdefault(
                str(row["party"]),
                {
                    **self._party_ref(row["party"], text(row, "label"), text(row, "abbreviation")),
                    "roles": [],
                    "activities": [],
                    "crossCutting": True,
                    "byActivity": {},
                },
            )
            party["crossCutting"] = party["crossCutting"] and cross
            role, step = text(row, "role"), integer(row, "stepNumber")
            if role not in party["roles"]:
                party["roles"].append(role)
            if activity not in party["activities"]:
                party["activities"].append(activity)
            detail = party["byActivity"].setdefault(
                activity, {"activity": activity, "crossCutting": cross, "roles": [], "steps": []}
            )
            if role not in detail["roles"]:
                detail["roles"].append(role)
            if step is not None and step not in detail["steps"]:
                detail["steps"].append(step)
        for party in parties.values():
            party["activities"].sort()
            party["byActivity"] = [party["byActivity"][a] for a in sorted(party["byActivity"])]
            for detail in party["byActivity"]:
                detail["steps"].sort()
        return {
            "plan": self._plan_ref(plan_id),
            "subgoal": self.entity(
                sub["subgoal"],
                text(sub, "label"),
                number=n,
                title=text(sub, "shortTitle") or text(sub, "text") or text(sub, "label"),
                text=text(sub, "text"),
            ),
            "parties": sorted(parties.values(), key=lambda p: (p["crossCutting"], fold(p["label"]))),
            "activities": sorted(activities),
            "crossCuttingActivities": sorted(a for a, cross in activities.items() if cross),
        }

    def _subgoal_roles(self, plan: URIRef, n: int) -> Iterator[tuple[int, bool, Row | None]]:
        """(activity, crossCutting, role row) for the prioritised activities serving subgoal n or all subgoals.

        The logic of queries/parties-in-subgoal.rq, composed of two selective queries (the plan's
        activities, then each serving activity's roles) so that it stays fast as the graph grows."""
        serving: dict[str, tuple[int, bool]] = {}
        for row in self._select("plan-activities", plan=plan):
            if not str(row["type"]).endswith("#PrioritisedActivity"):
                continue
            number = integer(row, "number") or 0
            if boolean(row, "servesAll"):
                serving[str(row["activity"])] = (number, True)
            elif integer(row, "subgoalNumber") == n:
                serving.setdefault(str(row["activity"]), (number, False))
        for iri, (number, cross) in sorted(serving.items(), key=lambda kv: kv[1][0]):
            rows = self._select("activity-roles", activity=URIRef(iri))
            yield number, cross, None
            for row in rows:
                yield number, cross, row

    # -- parties --------------------------------------------------------------------------------

    def parties(self) -> JsonDict:
        parties: dict[str, JsonDict] = {}
        for row in self._select("parties"):
            party = parties.setdefault(
                str(row["party"]),
                {**self._party_ref(row["party"], text(row, "label"), text(row, "abbreviation")), "type": None},
            )
            kind = str(row["class"]).rsplit("#", 1)[-1]
            if party["type"] is None or party["type"] in GENERIC_PARTY_CLASSES:
                party["type"] = kind
        return {"parties": sorted(parties.values(), key=lambda p: fold(p["label"]))}

    def party(self, key: str) -> JsonDict:
        iri = self._party_iri(key)
        values: dict[str, list[Row]] = defaultdict(list)
        for row in self._select("party", party=iri):
            values[str(row["relation"])].append(row)

        def literals(relation: str, lang: str | None = None) -> list[str]:
            return unique(
                str(r["value"])
                for r in values[relation]
                if lang is None or getattr(r["value"], "language", None) in (lang, None)
            )

        def refs(relation: str) -> list[JsonDict]:
            labels: dict[str, tuple[str | None, str | None]] = {}
            for r in values[relation]:
                label = text(r, "valueLabel")
                current = labels.get(str(r["value"]))
                if current is None or (label and getattr(r.get("valueLabel"), "language", None) == "nl"):
                    labels[str(r["value"])] = (label or (current[0] if current else None), text(r, "valueAbbreviation"))
            return sorted(
                (self._party_ref(v, label, abbr) for v, (label, abbr) in labels.items()), key=lambda p: fold(p["label"])
            )

        labels = {getattr(r["value"], "language", None): str(r["value"]) for r in values["label"]}
        classes = [
            str(r["value"]).rsplit("#", 1)[-1]
            for r in values["class"]
            if str(r["value"]).startswith(str(self.iris.nkc))
        ]
        specific = [c for c in classes if c not in GENERIC_PARTY_CLASSES] or classes
        abbreviation = next(iter(literals("abbreviation")), None)
        parents = refs("parent")
        return {
            **self._party_ref(iri, labels.get("nl") or labels.get(None) or labels.get("en"), abbreviation),
            "labelEn": labels.get("en"),
            "altLabels": literals("altLabel"),
            "type": specific[0] if specific else None,
            "description": next(iter(literals("description", "nl")), None),
            "homepage": next(iter(literals("homepage")), None),
            "former": any(str(r["value"]).lower() == "true" for r in values["former"]),
            "parent": parents[0] if parents else None,
            "parents": parents,
            "subOrganisations": refs("subOrganisation"),
            "memberOf": refs("memberOf"),
            "members": refs("member"),
            "teams": refs("team"),
            "teamMembers": refs("teamMember"),
            "affiliations": refs("affiliation"),
            **self._involvement(iri),
        }

    def _involvement(self, party: URIRef) -> JsonDict:
        activities: dict[str, JsonDict] = {}
        initiatives: dict[str, JsonDict] = {}
        for row in self._select("party-involvement", party=party):
            role = text(row, "role")
            if str(row["kind"]) == "initiative":
                entry = initiatives.setdefault(
                    str(row["owner"]), self.entity(row["owner"], text(row, "ownerLabel"), roles=[])
                )
            else:
                plan_id, number = text(row, "planId"), integer(row, "activityNumber")
                entry = activities.setdefault(
                    str(row["activity"]),
                    {
                        "plan": plan_id,
                        "activity": number,
                        **self.entity(row["activity"], text(row, "activityTitle")),
                        "title": text(row, "activityTitle"),
                        "api": f"/api/plans/{plan_id}/activities/{number}",
                        "roles": [],
                        "activityRoles": [],
                        "steps": [],
                        "leadSteps": [],
                    },
                )
                step = integer(row, "stepNumber")
                if step is None:
                    if role not in entry["activityRoles"]:
                        entry["activityRoles"].append(role)
                else:
                    if step not in entry["steps"]:
                        entry["steps"].append(step)
                    if role == "lead" and step not in entry["leadSteps"]:
                        entry["leadSteps"].append(step)
            if role not in entry["roles"]:
                entry["roles"].append(role)
        for entry in activities.values():
            entry["steps"].sort()
            entry["leadSteps"].sort()
        return {
            "involvement": sorted(activities.values(), key=lambda e: (e["plan"] or "", e["activity"] or 0)),
            "initiatives": sorted(initiatives.values(), key=lambda e: fold(e["label"])),
        }

    # -- abbreviations --------------------------------------------------------------------------

    def _abbreviation_index(self) -> dict[str, list[Node]]:
        with self._lock:
            if self._abbreviation_keys is None:
                keys: dict[str, list[Node]] = defaultdict(list)
                for row in self._select("abbreviation-keys"):
                    keys[fold(str(row["abbreviation"]))].append(row["abbreviation"])
                self._abbreviation_keys = dict(keys)
            return self._abbreviation_keys

    def _senses(self, rows: Iterable[Row]) -> dict[str, list[JsonDict]]:
        """Per abbreviation as written, one entry per concept (a document's or the curators' definition)."""
        concepts: dict[str, dict[str, list[Row]]] = defaultdict(lambda: defaultdict(list))
        written: dict[str, str] = {}
        for row in rows:
            concepts[str(row["concept"])][str(row["relation"])].append(row)
            written[str(row["concept"])] = str(row["abbreviation"])
        senses: dict[str, list[JsonDict]] = defaultdict(list)
        for concept, relations in concepts.items():

            def first(
                relation: str, lang: str | None = None, _relations: Mapping[str, list[Row]] = relations
            ) -> str | None:
                for r in _relations[relation]:
                    if lang is None or getattr(r["value"], "language", None) == lang:
                        return str(r["value"])
                return None

            def docs(relation: str, _relations: Mapping[str, list[Row]] = relations) -> list[JsonDict]:
                labels = {str(r["value"]): text(r, "valueLabel") for r in _relations[relation]}
                return [self.entity(iri, label) for iri, label in sorted(labels.items())]

            denotes = docs("denotes")
            senses[written[concept]].append(
                self.entity(
                    concept,
                    first("label", "nl") or first("label"),
                    abbreviation=written[concept],
                    expansion=first("expansion", "nl") or first("expansion"),
                    expansionEn=first("expansion", "en"),
                    definedBySource=(first("definedBySource") or "").lower() == "true",
                    addedByCurators=(first("addedByCurators") or "").lower() == "true",
                    status=first("status"),
                    definedIn=docs("definedIn"),
                    definedAt=docs("location"),
                    usedIn=docs("usedIn"),
                    scheme=(docs("scheme") or [None])[0],
                    denotes=denotes,
                    note=first("note", "nl") or first("note"),
                    sources=sorted({str(r["value"]) for r in relations["source"]}),
                )
            )
        return senses

    def _abbreviation_summary(self, written: str, senses: list[JsonDict]) -> JsonDict:
        # Source definitions before the curators' own, then by document, so 'expansion' is what a source says.
        senses = sorted(senses, key=lambda s: (not s["definedBySource"], [d["iri"] for d in s["definedIn"]]))
        defined_in: dict[str, JsonDict] = {d["iri"]: d for s in senses for d in s["definedIn"]}
        defined_at: dict[str, JsonDict] = {d["iri"]: d for s in senses for d in s["definedAt"]}
        denotes: dict[str, JsonDict] = {d["iri"]: d for s in senses for d in s["denotes"]}
        return {
            "abbreviation": written,
            "expansion": senses[0]["expansion"],
            "expansions": unique(s["expansion"] for s in senses),
            "definedBySource": any(s["definedBySource"] for s in senses),
            "status": next((s["status"] for s in senses if s["status"]), None),
            "definedIn": list(defined_in.values()),
            "definedAt": list(defined_at.values()),
            "denotes": list(denotes.values()),
            "senses": senses,
            "api": f"/api/abbreviations/{written}",
        }

    def abbreviations(self) -> JsonDict:
        senses = self._senses(self._select("abbreviation"))
        return {
            "abbreviations": [
                self._abbreviation_summary(written, entries)
                for written, entries in sorted(senses.items(), key=lambda kv: fold(kv[0]))
            ]
        }

    def abbreviation(self, abbr: str) -> JsonDict:
        written = self._abbreviation_index().get(fold(abbr))
        if not written:
            raise NotFound(f"unknown abbreviation {abbr!r}")
        senses: dict[str, list[JsonDict]] = defaultdict(list)
        for term in written:
            for key, entries in self._senses(self._select("abbreviation", abbreviation=term)).items():
                senses[key].extend(entries)
        variants = [self._abbreviation_summary(w, entries) for w, entries in senses.items()]
        # Spellings that differ only in case ('CieOOM', 'CieOOm') are one abbreviation: the one
        # a source defines leads, the others are kept as variants.
        variants.sort(key=lambda v: (not v["definedBySource"], v["abbreviation"]))
        lead = variants[0]
        if len(variants) > 1:
            all_senses = [s for v in variants for s in v["senses"]]
            lead = {
                **self._abbreviation_summary(lead["abbreviation"], all_senses),
                "spellings": [v["abbreviation"] for v in variants],
            }
        return lead

    # -- timeline -------------------------------------------------------------------------------

    def timeline(self, start: date, end: date, plan: str | None, party: str | None) -> JsonDict:
        if start > end:
            raise BadParameter("from", f"'from' ({start}) is after 'to' ({end})")
        bindings: dict[str, Node] = {
            "from": Literal(start.isoformat(), datatype=XSD.date),
            "to": Literal(end.isoformat(), datatype=XSD.date),
        }
        if plan is not None:
            bindings["plan"] = self._plan_iri(plan)
        query = "timeline"
        if party is not None:
            bindings["party"] = self._party_iri(party)
            query = "timeline-party"
        steps: dict[str, JsonDict] = {}
        for row in self._select(query, **bindings):
            plan_id, activity, number = text(row, "planId"), integer(row, "activityNumber"), integer(row, "number")
            step = steps.setdefault(
                str(row["step"]),
                {
                    "plan": plan_id,
                    "activity": activity,
                    "step": number,
                    **self.entity(row["step"], f"{plan_id} {activity}.{number}"),
                    "text": text(row, "text"),
                    "timeframe": self._timeframe(row),
                    "lead": [],
                    "api": f"/api/plans/{plan_id}/activities/{activity}",
                },
            )
            if row.get("lead") is not None and all(p["iri"] != str(row["lead"]) for p in step["lead"]):
                step["lead"].append(self._party_ref(row["lead"], text(row, "leadLabel"), text(row, "leadAbbreviation")))
        return {
            "from": start.isoformat(),
            "to": end.isoformat(),
            "plan": plan,
            "party": None if party is None else self._party_ref(bindings["party"], None, None)["iri"],
            "steps": list(steps.values()),
        }

    # -- search ---------------------------------------------------------------------------------

    def _search_index(self) -> tuple[list[SearchEntry], list[str], list[set[int]]]:
        """Entries, the sorted folded tokens, and for each token the entries that contain it."""
        with self._lock:
            if self._search is None:
                entries: dict[str, SearchEntry] = {}
                for row in self._select("search-corpus"):
                    kind = str(row["class"]).rsplit("#", 1)[-1]
                    iri = str(row["entity"])
                    if kind in UNSEARCHED_CLASSES or self._url(iri) is None or iri.startswith(str(self.iris.nkc)):
                        continue
                    entry = entries.setdefault(iri, SearchEntry(iri, "", "", kind, set(), [], {}))
                    if entry.type in GENERIC_PARTY_CLASSES and kind not in GENERIC_PARTY_CLASSES:
                        entry.type = kind
                    field, value = str(row["field"]), str(row["text"])
                    key = fold(value)
                    if field in ("label", "prefLabel", "altLabel", "abbreviation"):
                        entry.exact_keys.add(key)
                        entry.label_keys.append(key)
                    if field == "label" and (not entry.label or getattr(row["text"], "language", None) == "nl"):
                        entry.label = value
                    elif field == "prefLabel" and not entry.fallback_label:
                        entry.fallback_label = value
                    entry.texts[field] = (entry.texts.get(field, "") + " " + key).strip()
                ordered = sorted(entries.values(), key=lambda e: e.iri)
                postings: dict[str, set[int]] = defaultdict(set)
                for i, entry in enumerate(ordered):
                    entry.label = entry.label or entry.fallback_label or entry.iri
                    for value in entry.texts.values():
                        for token in _tokens(value):
                            postings[token].add(i)
                tokens = sorted(postings)
                self._search = (ordered, tokens, [postings[t] for t in tokens])
            return self._search

    def search(self, q: str) -> JsonDict:
        query = fold(q or "")
        if not query:
            raise BadParameter("q", "give a word to search for")
        if len(q) > SEARCH_MAX_LENGTH:
            raise BadParameter("q", f"longer than {SEARCH_MAX_LENGTH} characters")
        entries, tokens, postings = self._search_index()
        wanted = _tokens(query)
        if not wanted:
            raise BadParameter("q", "give a word (letters or digits) to search for")
        hits: set[int] | None = None
        for word in wanted:
            # every word of the query must begin some word of the entry ('patient' finds 'patientenplatform')
            first = bisect.bisect_left(tokens, word)
            found: set[int] = set()
            for i in range(first, len(tokens)):
                if not tokens[i].startswith(word):
                    break
                found |= postings[i]
            hits = found if hits is None else hits & found
            if not hits:
                break
        ranked = sorted(
            (self._rank(entries[i], query, wanted), TYPE_ORDER.get(entries[i].type, 9), entries[i].label, i)
            for i in hits or ()
        )
        results = []
        for rank, _, _, i in ranked[:SEARCH_LIMIT]:
            entry = entries[i]
            match = next(
                (
                    f
                    for f in ("abbreviation", "label", "altLabel", "title", "expansion", "text")
                    if _has_all(entry.texts.get(f, ""), wanted)
                ),
                "text",
            )
            results.append(self.entity(entry.iri, entry.label, type=entry.type, match=match, exact=rank == 0))
        return {"query": q, "total": len(hits or ()), "results": results}

    @staticmethod
    def _rank(entry: SearchEntry, query: str, words: list[str]) -> int:
        if query in entry.exact_keys:
            return 0
        if any(key.startswith(query) for key in entry.label_keys):
            return 1
        if any(_has_all(key, words) for key in entry.label_keys):
            return 2
        return 3

    # -- rare cancers ---------------------------------------------------------------------------

    def cancer_types(self) -> JsonDict:
        types: dict[str, JsonDict] = {}
        for row in self._select("cancer-types"):
            domain = row.get("domain")
            entry = types.setdefault(
                str(row["type"]),
                self.entity(
                    row["type"],
                    text(row, "label") or text(row, "labelEn"),
                    labelEn=text(row, "labelEn"),
                    altLabels=[],
                    domain=None
                    if domain is None
                    else self.entity(domain, text(row, "domainLabel"), notation=text(row, "domainNotation")),
                    domainStatus=text(row, "domainStatus"),
                    orphaCode=integer(row, "orphaCode"),
                    orphanet=text(row, "orphanet"),
                    orphanetStatus=text(row, "orphanetStatus"),
                    icd10=text(row, "icd10"),
                ),
            )
            alt = text(row, "altLabel")
            if alt is not None and alt not in entry["altLabels"]:
                entry["altLabels"].append(alt)
        return {"cancerTypes": sorted(types.values(), key=lambda t: fold(t["label"]))}

    def euracan_domains(self) -> JsonDict:
        domains: dict[str, JsonDict] = {}
        for row in self._select("euracan-domains"):
            entry = domains.setdefault(
                str(row["domain"]),
                self.entity(
                    row["domain"],
                    text(row, "label") or text(row, "labelEn"),
                    notation=text(row, "notation"),
                    name=text(row, "prefLabel"),
                    labelEn=text(row, "labelEn"),
                    status=text(row, "status"),
                    addedByCurators=bool(boolean(row, "addedByCurators")),
                    families=[],
                    cancerTypes=[],
                ),
            )
            family = text(row, "family")
            if family is not None and family not in entry["families"]:
                entry["families"].append(family)
        for cancer in self.cancer_types()["cancerTypes"]:
            if cancer["domain"] is not None and cancer["domain"]["iri"] in domains:
                domains[cancer["domain"]["iri"]]["cancerTypes"].append(self.entity(cancer["iri"], cancer["label"]))
        return {"domains": sorted(domains.values(), key=lambda d: _notation_key(d["notation"]))}


def _without(entry: JsonDict, *keys: str) -> JsonDict:
    return {k: v for k, v in entry.items() if k not in keys}


def _tokens(folded: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", folded)


def _has_all(folded: str, words: list[str]) -> bool:
    tokens = _tokens(folded)
    return all(any(t.startswith(w) for t in tokens) for w in words)


def _notation_key(notation: str | None) -> tuple[int, str]:
    match = re.fullmatch(r"G(\d+)", notation or "")
    return (int(match[1]), "") if match else (10**6, notation or "")


def parse_date(name: str, value: str | None) -> date:
    """An ISO date parameter (YYYY-MM-DD), or BadParameter."""
    if value is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise BadParameter(name, f"expected a date like 2025-10-01, got {value!r}")
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        raise BadParameter(name, f"{value!r} is not a date: {exc}") from None
