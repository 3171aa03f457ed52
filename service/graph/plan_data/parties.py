"""The parties of the plans."""

from __future__ import annotations

from collections import defaultdict

from nkc_kg.loaders.names import fold
from nkc_kg.service.graph.plan_data.base import GENERIC_PARTY_CLASSES, JsonDict, PlanGraph, unique
from nkc_kg.service.graph.rows import integer, text
from nkc_kg.service.store.embedded import Row
from rdflib import URIRef


class Parties(PlanGraph):
    """The parties: listed, and one with its relations and its involvement in the plans."""

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
