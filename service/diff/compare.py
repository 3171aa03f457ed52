"""What changed between two versions of a plan: activities added, removed, continued or renumbered,
and per activity its title, subgoals, parties, initiatives, steps (text, timeframe, parties) and
intended results.

Which activity is which in the two versions is :mod:`.pairing`'s. Everything here is pure: it
compares two :class:`PlanVersion` values.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from nkc_kg.loaders.names import fold
from nkc_kg.service.diff.pairing import Pair, pair_activities, pair_by_likeness, text_similarity
from nkc_kg.service.diff.versions import Activity, Link, Party, PlanVersion, Result, Step, Timeframe
from nkc_kg.service.plans.ordering import ordered_roles

JsonDict = dict[str, Any]

# Aspects a past activity (known only from a report of what was done) does not have.
PAST_UNKNOWN = ("cardTitle", "results", "steps", "subgoals")

RELATION_SAME = "same-plan"
RELATION_NEXT = "next-edition"
RELATION_PREVIOUS = "previous-edition"
RELATION_OTHER = "other"


def changed(a: Any, b: Any) -> JsonDict | None:
    return None if a == b else {"from": a, "to": b}


class DiffWriter:
    """Writes the diff of two versions as the documented JSON (see docs/rest-api.md, 'Plan versions')."""

    def __init__(self, old: PlanVersion, new: PlanVersion) -> None:
        self.old, self.new = old, new

    def entity(self, side: PlanVersion, iri: str, label: str, **extra: Any) -> JsonDict:
        return {"iri": iri, "url": side.url_of(iri), "label": label, **extra}

    def side(self, version: PlanVersion) -> JsonDict:
        header = version.header
        return self.entity(
            version,
            header["iri"],
            header.get("label") or version.id,
            id=version.id,
            title=header.get("title"),
            titleEn=header.get("titleEn"),
            year=header.get("year"),
            revisionOf=version.revision_of,
            api=None if version.draft else f"/api/plans/{version.id}",
            draft=version.draft,
            files=version.files,
        )

    def activity(self, side: PlanVersion, a: Activity) -> JsonDict:
        return self.entity(
            side,
            a.iri,
            a.label,
            plan=side.id,
            number=a.number,
            type=a.kind,
            title=a.title,
            cardTitle=a.card_title,
            api=None if side.draft else f"/api/plans/{side.id}/activities/{a.number}",
            issues=[{"kind": i.kind, "note": i.note, "noteEn": i.note_en} for i in a.issues],
        )

    def party(self, side: PlanVersion, iri: str, roles: Iterable[str]) -> JsonDict:
        party = side.parties.get(iri) or Party(iri, iri, None)
        return self.entity(
            side, iri, party.label, abbreviation=party.abbreviation, api=side.party_api(iri), roles=ordered_roles(roles)
        )

    def step(self, side: PlanVersion, s: Step) -> JsonDict:
        return self.entity(
            side,
            s.iri,
            s.label,
            number=s.number,
            text=s.text,
            leadText=s.lead_text,
            timeframe=timeframe(s.timeframe),
        )

    def result(self, side: PlanVersion, r: Result) -> JsonDict:
        return self.entity(side, r.iri, r.text, number=r.number, text=r.text, steps=sorted(r.steps))

    def link(self, side: PlanVersion, link: Link) -> JsonDict:
        return self.entity(
            side, link.iri, link.label or link.iri, plan=link.plan, number=link.number, direction=link.direction
        )

    # -- per activity ---------------------------------------------------------------------------

    def roles(self, old: dict[str, set[str]], new: dict[str, set[str]]) -> JsonDict:
        return {
            "joined": sorted(
                (self.party(self.new, p, new[p]) for p in new if p not in old), key=lambda e: fold(e["label"])
            ),
            "left": sorted(
                (self.party(self.old, p, old[p]) for p in old if p not in new), key=lambda e: fold(e["label"])
            ),
            "rolesChanged": sorted(
                (
                    {
                        **self.party(self.new, p, new[p]),
                        "from": ordered_roles(old[p]),
                        "to": ordered_roles(new[p]),
                    }
                    for p in new
                    if p in old and old[p] != new[p]
                ),
                key=lambda e: fold(e["label"]),
            ),
        }

    def steps(self, a: Activity, b: Activity, pairs: list[Pair]) -> JsonDict:
        paired_old = {p.old.iri for p in pairs}
        paired_new = {p.new.iri for p in pairs}
        changes = []
        for pair in sorted(pairs, key=lambda p: p.new.number):
            x, y = pair.old, pair.new
            parties = self.roles(x.roles, y.roles)
            entry = {
                "from": self.step(self.old, x),
                "to": self.step(self.new, y),
                "renumbered": x.number != y.number,
                "similarity": pair.similarity,
                "text": changed(x.text, y.text),
                "leadText": changed(x.lead_text, y.lead_text),
                "timeframe": timeframe_change(x.timeframe, y.timeframe),
                "parties": parties,
            }
            if (
                entry["renumbered"]
                or any(entry[k] is not None for k in ("text", "leadText", "timeframe"))
                or any(parties.values())
            ):
                changes.append(entry)
        return {
            "added": [self.step(self.new, s) for s in b.steps if s.iri not in paired_new],
            "removed": [self.step(self.old, s) for s in a.steps if s.iri not in paired_old],
            "changed": changes,
        }

    def results(self, a: Activity, b: Activity, step_pairs: list[Pair]) -> JsonDict:
        """Results paired by text; a result's steps count as changed when they are not the partners of
        its old steps (a step inserted before them renumbers the steps, not what the result is of)."""
        pairs = pair_by_likeness(a.results, b.results, lambda r: r.number, lambda x, y: text_similarity(x.text, y.text))
        step_partner = {p.old.number: p.new.number for p in step_pairs}
        paired_old = {p.old.iri for p in pairs}
        paired_new = {p.new.iri for p in pairs}
        changes = []
        for pair in sorted(pairs, key=lambda p: p.new.number or 0):
            x, y = pair.old, pair.new
            entry = {
                "from": self.result(self.old, x),
                "to": self.result(self.new, y),
                "renumbered": x.number != y.number,
                "text": changed(x.text, y.text),
                "steps": None
                if sorted(step_partner.get(n, -1) for n in x.steps) == sorted(y.steps)
                else {"from": sorted(x.steps), "to": sorted(y.steps)},
            }
            if entry["renumbered"] or entry["text"] is not None or entry["steps"] is not None:
                changes.append(entry)
        return {
            "added": [self.result(self.new, r) for r in b.results if r.iri not in paired_new],
            "removed": [self.result(self.old, r) for r in a.results if r.iri not in paired_old],
            "changed": changes,
        }

    def continuation(self, a: Activity, b: Activity) -> JsonDict | None:
        """Links to plans other than the two compared: a draft that renumbers activities leaves them stale."""
        compared = {self.old.id, self.new.id}
        before = {i: link for i, link in a.links.items() if link.plan not in compared}
        after = {i: link for i, link in b.links.items() if link.plan not in compared}
        if set(before) == set(after):
            return None
        return {
            "from": [self.link(self.old, link) for link in before.values()],
            "to": [self.link(self.new, link) for link in after.values()],
        }

    def pair(self, pair: Pair) -> JsonDict:
        a, b = pair.old, pair.new
        unknown = sorted({*(PAST_UNKNOWN if a.kind == "past" else ()), *(PAST_UNKNOWN if b.kind == "past" else ())})
        step_pairs = pair_by_likeness(
            a.steps, b.steps, lambda s: s.number, lambda x, y: text_similarity(x.text, y.text)
        )
        initiatives = {
            "joined": [
                self.entity(self.new, i, label) for i, label in sorted(b.initiatives.items()) if i not in a.initiatives
            ],
            "left": [
                self.entity(self.old, i, label) for i, label in sorted(a.initiatives.items()) if i not in b.initiatives
            ],
        }
        changes: JsonDict = {
            "title": changed(a.title, b.title),
            "cardTitle": None if "cardTitle" in unknown else changed(a.card_title, b.card_title),
            "subgoals": None if "subgoals" in unknown else changed(subgoals(a), subgoals(b)),
            "parties": self.roles(a.all_roles(), b.all_roles()),
            "initiatives": initiatives,
            "steps": None if "steps" in unknown else self.steps(a, b, step_pairs),
            "results": None if "results" in unknown else self.results(a, b, step_pairs),
            "continuation": self.continuation(a, b),
        }
        return {
            "status": "changed" if has_changes(changes) else "unchanged",
            "from": self.activity(self.old, a),
            "to": self.activity(self.new, b),
            "match": pair.match,
            "similarity": pair.similarity,
            "continued": pair.match == "continuation",
            "renumbered": a.number != b.number,
            "changes": changes,
            "notComparable": unknown,
        }

    def lone(self, status: str, side: PlanVersion, a: Activity) -> JsonDict:
        ref = self.activity(side, a)
        return {
            "status": status,
            "from": ref if status == "removed" else None,
            "to": ref if status == "added" else None,
            "match": None,
            "similarity": None,
            "continued": False,
            "renumbered": False,
            "changes": None,
            "notComparable": [],
        }

    # -- the plan -------------------------------------------------------------------------------

    def team(self) -> JsonDict | None:
        a, b = self.old.team, self.new.team
        if a is None or b is None:
            return None
        return {
            "from": self.entity(self.old, a.iri, a.label),
            "to": self.entity(self.new, b.iri, b.label),
            "joined": sorted(
                (
                    self.entity(self.new, p, name, former=former)
                    for p, (name, former) in b.members.items()
                    if p not in a.members
                ),
                key=lambda e: fold(e["label"]),
            ),
            "left": sorted(
                (
                    self.entity(self.old, p, name, former=former)
                    for p, (name, former) in a.members.items()
                    if p not in b.members
                ),
                key=lambda e: fold(e["label"]),
            ),
            "formerChanged": sorted(
                (
                    self.entity(self.new, p, name, **{"from": a.members[p][1], "to": former})
                    for p, (name, former) in b.members.items()
                    if p in a.members and a.members[p][1] != former
                ),
                key=lambda e: fold(e["label"]),
            ),
        }

    def relation(self) -> str:
        if self.old.id == self.new.id:
            return RELATION_SAME
        if self.new.revision_of == self.old.id:
            return RELATION_NEXT
        if self.old.revision_of == self.new.id:
            return RELATION_PREVIOUS
        return RELATION_OTHER

    def notes(self, entries: list[JsonDict]) -> list[JsonDict]:
        notes = []
        for side_name, version in (("from", self.old), ("to", self.new)):
            if (
                version.activities
                and all(a.kind == "past" for a in version.activities)
                and any(e["notComparable"] for e in entries)
            ):
                notes.append(
                    {
                        "code": "past-activities",
                        "side": side_name,
                        "plan": version.id,
                        "text": f"{version.id} is known only through a report of its activities: their steps, "
                        "timeframes, subgoals and intended results are not in the data and are not compared; "
                        "their parties are the ones the report names.",
                    }
                )
        for side_name, version, other in (("from", self.old, self.new), ("to", self.new, self.old)):
            if version.team is None and other.team is not None:
                notes.append(
                    {
                        "code": "no-team",
                        "side": side_name,
                        "plan": version.id,
                        "text": f"{version.id} has no team in the data: the team is not compared.",
                    }
                )
        return notes

    def write(self) -> JsonDict:
        pairs, removed, added = pair_activities(self.old, self.new)
        entries = [self.pair(p) for p in pairs]
        entries += [self.lone("added", self.new, a) for a in added]
        removed_entries = [self.lone("removed", self.old, a) for a in removed]
        ordered = sorted(entries, key=lambda e: (e["to"]["number"], e["from"]["number"] if e["from"] else 0))
        for entry in removed_entries:
            # a removed activity goes after the last kept one that came before it in the old version
            number = entry["from"]["number"]
            at = max(
                (i + 1 for i, e in enumerate(ordered) if e["from"] is not None and e["from"]["number"] < number),
                default=0,
            )
            ordered.insert(at, entry)
        relation = self.relation()
        return {
            "from": self.side(self.old),
            "to": self.side(self.new),
            "relation": relation,
            "summary": summary(ordered),
            "notes": self.notes(ordered),
            "activities": ordered,
            "team": self.team(),
            "statedChanges": [
                self.entity(self.new, c.iri, c.text, number=c.number, text=c.text) for c in self.new.changes
            ]
            if relation == RELATION_NEXT
            else [],
        }


def compare(old: PlanVersion, new: PlanVersion) -> JsonDict:
    return DiffWriter(old, new).write()


# -- helpers ------------------------------------------------------------------------------------


def subgoals(a: Activity) -> list[int] | str:
    return "all" if a.serves_all else sorted(a.subgoals)


def timeframe(tf: Timeframe | None) -> JsonDict | None:
    if tf is None:
        return None
    return {
        "label": tf.label,
        "start": tf.start,
        "end": tf.end,
        "tentative": tf.tentative,
        "approximate": tf.approximate,
        "ongoing": tf.ongoing,
    }


def timeframe_change(a: Timeframe | None, b: Timeframe | None) -> JsonDict | None:
    if a == b:
        return None
    moved = (a.start, a.end) != (b.start, b.end) if a is not None and b is not None else True
    return {"from": timeframe(a), "to": timeframe(b), "moved": moved}


def has_changes(changes: JsonDict) -> bool:
    def any_in(value: Any) -> bool:
        if isinstance(value, dict):
            return any(any_in(v) for v in value.values())
        return bool(value)

    return any(any_in(v) for v in changes.values())


def summary(entries: list[JsonDict]) -> JsonDict:
    pairs = [e for e in entries if e["from"] is not None and e["to"] is not None]
    changes = [e["changes"] for e in pairs]
    steps = [c["steps"] for c in changes if c["steps"] is not None]
    return {
        "added": sum(e["status"] == "added" for e in entries),
        "removed": sum(e["status"] == "removed" for e in entries),
        "paired": len(pairs),
        "continued": sum(e["continued"] for e in pairs),
        "renumbered": sum(e["renumbered"] for e in pairs),
        "changed": sum(e["status"] == "changed" for e in pairs),
        "unchanged": sum(e["status"] == "unchanged" for e in pairs),
        "titlesChanged": sum(c["title"] is not None for c in changes),
        "stepsAdded": sum(len(s["added"]) for s in steps),
        "stepsRemoved": sum(len(s["removed"]) for s in steps),
        "stepsChanged": sum(len(s["changed"]) for s in steps),
        "timeframesMoved": sum(
            1 for s in steps for c in s["changed"] if c["timeframe"] is not None and c["timeframe"]["moved"]
        ),
        "partiesJoined": sum(len(c["parties"]["joined"]) for c in changes),
        "partiesLeft": sum(len(c["parties"]["left"]) for c in changes),
    }
