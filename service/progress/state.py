"""The progress of a plan as of a date, computed from the graph: free of any web framework.

A plan's progress is counted in its steps (for a plan known only from a later report: its activities).
"As of date X" takes, per step, the latest observation of any report dated on or before X. Each step
then falls in one of four states:

- ``afgerond``: reported afgerond or vervallen (closed either way; the status word is kept);
- ``over-tijd``: not closed, and its timeframe ended before X;
- ``loopt``: reported gepland, loopt or uitgesteld, and not overdue;
- ``niet-gemeld``: no report on it yet, and not overdue.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from nkc_kg.loaders.iris import Iris
from nkc_kg.loaders.paths import QUERIES_DIR
from nkc_kg.service.graph.queries import QueryFolder
from nkc_kg.service.graph.urls import service_path
from nkc_kg.service.store.embedded import Store
from rdflib import URIRef

STATES = ("afgerond", "loopt", "over-tijd", "niet-gemeld")
CLOSED = ("afgerond", "vervallen")
STATE_LABELS = {
    "afgerond": ("afgerond", "completed"),
    "loopt": ("loopt", "in progress"),
    "over-tijd": ("over tijd", "overdue"),
    "niet-gemeld": ("niet gemeld", "not reported"),
}
ALL_SUBGOALS = 0  # the bar of activities that serve every subgoal ("Aan alle subdoelen")


class ProgressError(ValueError):
    """A request the graph cannot answer: an unknown plan."""


@dataclass
class Observation:
    iri: str
    status: str  # the status concept's notation: the Dutch word
    status_en: str  # its English label in the graph (the Dutch word where it has none)
    date: dt.date
    done: str | None
    report: str
    report_title: str | None
    evidence: list[str] = field(default_factory=list)
    curated: bool = False


@dataclass
class Item:
    """A step (or an activity without steps) with what the reports say about it."""

    iri: str
    activity: int
    activity_iri: str
    activity_title: str
    step: int | None
    text: str
    timeframe: str | None = None
    end: dt.date | None = None
    subgoals: set[int] = field(default_factory=set)
    leads: dict[str, str] = field(default_factory=dict)  # iri -> label
    continued_by: dict[str, tuple[int, str]] = field(default_factory=dict)  # iri -> (number, title)
    history: list[Observation] = field(default_factory=list)

    def latest(self, at: dt.date) -> Observation | None:
        found = [o for o in self.history if o.date <= at]
        return max(found, key=lambda o: (o.date, o.report)) if found else None

    def state(self, at: dt.date) -> str:
        latest = self.latest(at)
        if latest is not None and latest.status in CLOSED:
            return "afgerond"
        if self.end is not None and self.end < at:
            return "over-tijd"
        return "loopt" if latest is not None else "niet-gemeld"

    def days_late(self, at: dt.date) -> int | None:
        return (at - self.end).days if self.state(at) == "over-tijd" and self.end is not None else None


@dataclass
class PlanProgress:
    plan: str
    items: list[Item]
    subgoal_titles: dict[int, str]
    reports: dict[str, str]  # report id -> title

    def as_of(self, at: dt.date, iris: Iris) -> dict[str, Any]:
        """The state of every step on ``at``, the bars per subgoal and the overdue list (JSON-ready)."""
        rows = [self.item_json(item, at, iris) for item in self.items]
        totals = {state: sum(1 for r in rows if r["state"] == state) for state in STATES}
        return {
            "plan": self.plan,
            "at": at.isoformat(),
            "steps": len(rows),
            "totals": totals,
            "subgoals": self.bars(at),
            "overdue": sorted(
                (r for r in rows if r["state"] == "over-tijd"),
                key=lambda r: (-r["daysLate"], r["activity"], r["step"] or 0),
            ),
            "items": rows,
            "reports": [{"id": rid, "title": title} for rid, title in sorted(self.reports.items())],
        }

    def bars(self, at: dt.date) -> list[dict[str, Any]]:
        numbers = sorted({n for item in self.items for n in item.subgoals})
        bars = []
        for number in numbers:
            members = [item for item in self.items if number in item.subgoals]
            counts = {state: sum(1 for item in members if item.state(at) == state) for state in STATES}
            title = self.subgoal_titles.get(number) if number != ALL_SUBGOALS else None
            bars.append({"subgoal": number or None, "title": title, "steps": len(members), "counts": counts})
        return bars

    def item_json(self, item: Item, at: dt.date, iris: Iris) -> dict[str, Any]:
        latest = item.latest(at)
        return {
            "iri": item.iri,
            "activity": item.activity,
            "activityIri": item.activity_iri,
            "activityUrl": service_path(item.activity_iri, iris),
            "activityTitle": item.activity_title,
            "step": item.step,
            "text": item.text,
            "timeframe": item.timeframe,
            "end": item.end.isoformat() if item.end else None,
            "state": item.state(at),
            "daysLate": item.days_late(at),
            "status": latest.status if latest else None,
            "statusLabel": {"nl": latest.status, "en": latest.status_en} if latest else None,
            "statusDate": latest.date.isoformat() if latest else None,
            "done": latest.done if latest else None,
            "evidence": latest.evidence if latest else [],
            "statusByCurators": latest.curated if latest else False,
            "report": latest.report if latest else None,
            "observation": latest.iri if latest else None,
            "leads": [
                {"iri": iri, "url": service_path(iri, iris), "label": label}
                for iri, label in sorted(item.leads.items(), key=lambda p: p[1])
            ],
            "continuedBy": [
                {"iri": iri, "url": service_path(iri, iris), "number": n, "title": t}
                for iri, (n, t) in sorted(item.continued_by.items(), key=lambda p: p[1][0])
            ],
        }


def load_progress(store: Store, iris: Iris, plan_id: str) -> PlanProgress:
    """Read a plan's steps and every observation on them; raises ProgressError for an unknown plan."""
    queries = QueryFolder(QUERIES_DIR / "progress", iris)
    plan = iris.plan(plan_id)
    if not store.ask("ASK { ?plan a ?type }", {"plan": plan}):
        known = ", ".join(known_plans(store, iris))
        raise ProgressError(f"unknown plan {plan_id!r} (known: {known})")
    items: dict[str, Item] = {}
    titles: dict[int, str] = {}
    for row in store.select(queries["items"], {"plan": plan}).rows:
        iri = str(row["item"])
        item = items.get(iri)
        if item is None:
            step = row.get("stepNumber")
            end = row.get("end")
            item = items[iri] = Item(
                iri=iri,
                activity=int(row["activityNumber"]),  # type: ignore[arg-type]
                activity_iri=str(row["activity"]),
                activity_title=str(row["activityTitle"]),
                step=int(step) if step is not None else None,  # type: ignore[arg-type]
                text=str(row["text"]),
                timeframe=str(row["timeframe"]) if row.get("timeframe") is not None else None,
                end=dt.date.fromisoformat(str(end)) if end is not None else None,
            )
        if row.get("servesAll") is not None and str(row["servesAll"]).lower() == "true":
            item.subgoals.add(ALL_SUBGOALS)
        if row.get("subgoalNumber") is not None:
            number = int(row["subgoalNumber"])  # type: ignore[arg-type]
            item.subgoals.add(number)
            if row.get("subgoalTitle") is not None:
                titles[number] = str(row["subgoalTitle"])
        if row.get("lead") is not None:
            item.leads[str(row["lead"])] = str(row["leadLabel"])
        if row.get("continuedBy") is not None:
            item.continued_by[str(row["continuedBy"])] = (int(row["continuedByNumber"]), str(row["continuedByTitle"]))  # type: ignore[arg-type]
    reports: dict[str, str] = {}
    seen: dict[str, Observation] = {}
    for row in store.select(queries["observations"], {"plan": plan}).rows:
        item = items.get(str(row["item"]))
        if item is None:
            continue
        key = str(row["observation"])
        obs = seen.get(key)
        if obs is None:
            obs = seen[key] = Observation(
                iri=key,
                status=str(row["status"]),
                status_en=str(row["statusEn"]) if row.get("statusEn") is not None else str(row["status"]),
                date=dt.date.fromisoformat(str(row["date"])),
                done=str(row["done"]) if row.get("done") is not None else None,
                report=str(row["reportId"]),
                report_title=str(row["reportTitle"]) if row.get("reportTitle") is not None else None,
                curated=row.get("curated") is not None and str(row["curated"]).lower() == "true",
            )
            item.history.append(obs)
            reports[obs.report] = obs.report_title or obs.report
        if row.get("evidence") is not None and str(row["evidence"]) not in obs.evidence:
            obs.evidence.append(str(row["evidence"]))
    return PlanProgress(plan_id, list(items.values()), titles, reports)


def known_plans(store: Store, iris: Iris) -> list[str]:
    query = (
        "PREFIX nkc: <https://w3id.org/nkc-kg/def#> PREFIX dcterms: <http://purl.org/dc/terms/> "
        "SELECT ?id WHERE { ?plan a nkc:ActionPlan ; dcterms:identifier ?id }"
    )
    rows = store.select(iris.rebase(query)).rows
    return sorted(str(row["id"]) for row in rows)


def parse_day(value: str) -> dt.date:
    """A date as people type it in a URL or on the command line: YYYY-MM-DD; raises ValueError naming it."""
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"not a date: {value[:40]!r} (write YYYY-MM-DD, e.g. 2025-12-31)") from None


def party_progress(progress: list[PlanProgress], party: URIRef | str, at: dt.date, iris: Iris) -> dict[str, Any]:
    """What a party leads, in every plan: finished (afgerond) and open (everything else)."""
    finished, open_ = [], []
    for plan in progress:
        for item in plan.items:
            if str(party) in item.leads:
                row = {"plan": plan.plan, **plan.item_json(item, at, iris)}
                (finished if row["state"] == "afgerond" else open_).append(row)
    return {"party": str(party), "at": at.isoformat(), "finished": finished, "open": open_}
