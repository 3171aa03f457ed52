"""The first pass: ids and numbers claimed across all files, so references may point across files."""

from __future__ import annotations

from nkc_kg.loaders.build.core import BuilderCore
from nkc_kg.loaders.curated import records as r
from nkc_kg.loaders.curated.reader import CuratedFile
from nkc_kg.loaders.curated.yamlio import PathKey


class Registry(BuilderCore):
    """Claims every id and number before anything is written; a second claim is an error."""

    def register(self, files: list[CuratedFile]) -> None:
        for cf in files:
            self.file = cf.source
            rec = cf.record
            for i, party in enumerate(getattr(rec, "parties", [])):
                self.claim_id(self.parties, "party", party, ("parties", i))
            for i, initiative in enumerate(getattr(rec, "initiatives", [])):
                self.claim_id(self.initiatives, "initiative", initiative, ("initiatives", i))
            for i, team in enumerate(getattr(rec, "teams", [])):
                if team.id in self.parties:
                    self.error(("teams", i, "id"), f"team id {team.id!r} is already a party")
                else:
                    as_party = r.Party(id=team.id, type="team", label=team.label, label_en=team.label_en)
                    self.parties[team.id] = (as_party, cf.source, ("teams", i))
            if isinstance(rec, r.ReferenceFile):
                for doc in rec.documents:
                    self.documents[doc.id] = doc
            if isinstance(rec, r.PlanFile):
                if isinstance(rec.plan, r.PlanHeader):
                    if rec.plan.id in self.plans:
                        self.error(("plan", "id"), f"plan {rec.plan.id!r} has two headers")
                    self.plans[rec.plan.id] = rec.plan
                plan_id = rec.plan if isinstance(rec.plan, str) else rec.plan.id
                self.plan_subgoals.setdefault(plan_id, set()).update(s.number for s in rec.subgoals)
                acts = self.plan_activities.setdefault(plan_id, set())
                acts.update(a.number for a in rec.activities)
                acts.update(a.number for a in rec.past_activities)
                for field_name in ("causes", "subgoals", "canvases", "activities", "past_activities"):
                    for i, item in enumerate(getattr(rec, field_name)):
                        self.claim_number(plan_id, field_name, item.number, (field_name, i, "number"))
                for i, act in enumerate(rec.activities):
                    for j, step in enumerate(act.steps):
                        self.claim_number(
                            f"{plan_id}/{act.number}",
                            "steps",
                            step.number,
                            ("activities", i, "steps", j, "number"),
                        )

    def claim_id(self, registry: dict, kind: str, record: r.Party | r.Initiative, key: PathKey) -> None:  # type: ignore[type-arg]
        """Ids become IRIs: each is defined once, and a second definition names the first."""
        assert self.file is not None
        if record.id in registry:
            _, other, other_key = registry[record.id]
            self.error((*key, "id"), f"{kind} {record.id!r} is already defined at {other.location(other_key)}")
        else:
            registry[record.id] = (record, self.file, key)

    def claim_number(self, scope: str, kind: str, number: int, key: PathKey) -> None:
        """Numbers become IRIs, so a number used twice in one plan would merge two things."""
        assert self.file is not None
        claim = (scope, "activities" if kind == "past_activities" else kind, number)
        if claim in self.numbers:
            self.error(
                key,
                f"{kind.replace('_', ' ')} number {number} is used twice in {scope} (also at {self.numbers[claim]})",
            )
        else:
            self.numbers[claim] = self.file.location(key)
