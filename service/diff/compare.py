"""What changed between two versions of a plan: activities added, removed, continued or renumbered,
and per activity its title, subgoals, parties, initiatives, steps (text, timeframe, parties) and
intended results.

Activities are paired in two passes. First the continuation links of the graph (``nkc:continues`` /
``nkc:continuedBy``) pair the activities of two editions (2024 activity 1 is continued by 2025
activity 3). The rest are paired by how alike they are: the words of their titles, and of their
steps and intended results together, so an activity keeps its partner when it is renumbered or
retitled but its content stays. A number in common, or a link to the same activity of a third plan,
lets a weaker likeness count. Steps and intended results within an activity are paired by their text
the same way. Everything here is pure: it compares two :class:`PlanVersion` values.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, TypeVar

from nkc_kg.service.diff.versions import Activity, Link, Party, PlanVersion, Result, Step, Timeframe
from nkc_kg.service.graph.runner import fold
from nkc_kg.service.plans.ordering import ordered_roles

JsonDict = dict[str, Any]
T = TypeVar("T")

# How alike two activities, steps or results must be (0..1) to be taken for the same one; a shared
# number or a shared continuation link lowers the bar to SUPPORTED_MATCH.
MATCH = 0.5
SUPPORTED_MATCH = 0.3
# Aspects a past activity (known only from a report of what was done) does not have.
PAST_UNKNOWN = ("cardTitle", "results", "steps", "subgoals")

RELATION_SAME = "same-plan"
RELATION_NEXT = "next-edition"
RELATION_PREVIOUS = "previous-edition"
RELATION_OTHER = "other"


# -- likeness -----------------------------------------------------------------------------------


def words(text: str | None) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold(text or ""))


def text_similarity(a: str | None, b: str | None) -> float:
    """Share of words in common, in order (difflib's ratio over words): 1.0 for the same text."""
    wa, wb = words(a), words(b)
    if not wa and not wb:
        return 1.0
    return SequenceMatcher(None, wa, wb, autojunk=False).ratio()


class ActivityLikeness:
    """How alike two activities are (0..1): the better of the likeness of their titles and of their
    content (the steps and intended results). Each compares the sets of words, every word weighted by
    how rare it is among the activities of both versions, so that the words most activities use
    ('zeldzame vorm van kanker') count for little and an edited title stays close to the original."""

    def __init__(self, activities: Iterable[Activity]) -> None:
        listed = list(activities)
        # keyed by the object: a draft's activities have the same IRIs as the shipped ones
        self._titles = {id(a): title_words(a) for a in listed}
        self._content = {id(a): content_words(a) for a in listed}
        frequency = Counter(w for a in listed for w in self._titles[id(a)] | self._content[id(a)])
        count = max(len(listed), 1)
        self._weight = {w: math.log((count + 1) / n) for w, n in frequency.items()}

    def _overlap(self, a: set[str], b: set[str]) -> float:
        union = sum(self._weight.get(w, 0.0) for w in a | b)
        return sum(self._weight.get(w, 0.0) for w in a & b) / union if a and b and union else 0.0

    def __call__(self, a: Activity, b: Activity) -> float:
        title = self._overlap(self._titles.get(id(a), set()), self._titles.get(id(b), set()))
        content = self._overlap(self._content.get(id(a), set()), self._content.get(id(b), set()))
        return max(title, content)


def title_words(a: Activity) -> set[str]:
    return set(words(a.title)) | set(words(a.card_title))


def content_words(a: Activity) -> set[str]:
    return {w for s in a.steps for w in words(s.text)} | {w for r in a.results for w in words(r.text)}


@dataclass
class Pair:
    old: Any
    new: Any
    match: str  # continuation | number | content
    similarity: float


def pair_by_likeness(
    old: Sequence[T],
    new: Sequence[T],
    number: Callable[[T], int | None],
    likeness: Callable[[T, T], float],
    support: Callable[[T, T], bool] = lambda a, b: False,
) -> list[Pair]:
    """Greedy pairing, most alike first; ties go to the same number, then to the lower numbers."""
    candidates = []
    for i, a in enumerate(old):
        for j, b in enumerate(new):
            sim = likeness(a, b)
            same_number = number(a) is not None and number(a) == number(b)
            supported = same_number or support(a, b)
            if sim >= MATCH or (supported and sim >= SUPPORTED_MATCH):
                candidates.append((-(sim + 0.1 * supported + 0.05 * same_number), i, j, sim, same_number))
    candidates.sort()
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs = []
    for _, i, j, sim, same_number in candidates:
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append(Pair(old[i], new[j], "number" if same_number else "content", round(sim, 2)))
    return pairs


def pair_activities(old: PlanVersion, new: PlanVersion) -> tuple[list[Pair], list[Activity], list[Activity]]:
    """Pairs, then the old activities without a partner (removed) and the new ones (added)."""
    old_by_iri = {a.iri: a for a in old.activities}
    new_by_iri = {a.iri: a for a in new.activities}
    likeness = ActivityLikeness([*old.activities, *new.activities])
    pairs: list[Pair] = []
    linked: set[tuple[str, str]] = set()
    if old.id != new.id:
        for a in old.activities:
            for iri in a.links:
                if iri in new_by_iri:
                    linked.add((a.iri, iri))
        for b in new.activities:
            for iri in b.links:
                if iri in old_by_iri:
                    linked.add((iri, b.iri))
        for a_iri, b_iri in sorted(linked, key=lambda p: (old_by_iri[p[0]].number, new_by_iri[p[1]].number)):
            a, b = old_by_iri[a_iri], new_by_iri[b_iri]
            pairs.append(Pair(a, b, "continuation", round(likeness(a, b), 2)))
    paired_old = {p.old.iri for p in pairs}
    paired_new = {p.new.iri for p in pairs}
    rest_old = [a for a in old.activities if a.iri not in paired_old]
    rest_new = [b for b in new.activities if b.iri not in paired_new]
    pairs += pair_by_likeness(
        rest_old,
        rest_new,
        lambda a: a.number,
        likeness,
        lambda a, b: bool(set(a.links) & set(b.links)),
    )
    paired_old = {p.old.iri for p in pairs}
    paired_new = {p.new.iri for p in pairs}
    removed = [a for a in old.activities if a.iri not in paired_old]
    added = [b for b in new.activities if b.iri not in paired_new]
    return pairs, removed, added


# -- the answer ---------------------------------------------------------------------------------


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
