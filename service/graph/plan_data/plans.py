"""The plans, their header, activities list and subgoals."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from nkc_kg.loaders.names import fold
from nkc_kg.service.graph.plan_data.base import ACTIVITY_KIND, JsonDict, NotFound, PlanGraph
from nkc_kg.service.graph.rows import boolean, integer, text
from nkc_kg.service.store.embedded import Row
from rdflib import Literal, URIRef


class Plans(PlanGraph):
    """The plans: listed, one in full, and which parties are involved in one of its subgoals."""

    _plan_titles: dict[str, str] | None = None

    def _plan_ref(self, plan_id: str) -> JsonDict:
        with self._lock:
            if self._plan_titles is None:
                self._plan_titles = {p["id"]: p["label"] for p in self.plans()["plans"]}
        iri = self.index.plans[plan_id]
        return self.entity(iri, self._plan_titles.get(plan_id, plan_id), id=plan_id, api=f"/api/plans/{plan_id}")

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
        # bound by its identifier: Virtuoso 7.2 estimates this query far over its cost limit when the
        # plan's IRI is bound, and answers it at once when the identifier is
        rows = self._select("plan", id=Literal(plan_id))
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
