"""One activity of a plan, in full."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from nkc_kg.loaders.names import fold
from nkc_kg.service.graph.plan_data.base import ACTIVITY_KIND, JsonDict, NotFound, without
from nkc_kg.service.graph.plan_data.plans import Plans
from nkc_kg.service.graph.rows import boolean, integer, text
from nkc_kg.service.store.embedded import Row
from rdflib import Literal
from rdflib.namespace import XSD
from rdflib.term import Node


class Activities(Plans):
    """One activity of a plan: its steps, the parties' roles, results and initiatives."""

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
                    lead=[without(p, "roles", "steps", "roleNotes") for p in parties if "lead" in p["roles"]],
                    parties=[without(p, "steps") for p in parties],
                )
            )
        return steps

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
