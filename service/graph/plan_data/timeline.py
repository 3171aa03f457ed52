"""Steps by their timeframe."""

from __future__ import annotations

from datetime import date

from nkc_kg.service.graph.plan_data.base import BadParameter, JsonDict, PlanGraph
from nkc_kg.service.graph.rows import integer, text
from rdflib import Literal
from rdflib.namespace import XSD
from rdflib.term import Node


class Timeline(PlanGraph):
    """The steps planned in a period, optionally of one plan or led by one party."""

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
