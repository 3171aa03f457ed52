"""Which activity of one version of a plan is which of the other, and likewise their steps and results.

Activities are paired in two passes. First the continuation links of the graph (``nkc:continues`` /
``nkc:continuedBy``) pair the activities of two editions (2024 activity 1 is continued by 2025
activity 3). The rest are paired by how alike they are: the words of their titles, and of their
steps and intended results together, so an activity keeps its partner when it is renumbered or
retitled but its content stays. A number in common, or a link to the same activity of a third plan,
lets a weaker likeness count. Steps and intended results within an activity are paired by their text
the same way.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, TypeVar

from nkc_kg.loaders.names import words as folded_words
from nkc_kg.service.diff.versions import Activity, PlanVersion

T = TypeVar("T")

# How alike two activities, steps or results must be (0..1) to be taken for the same one; a shared
# number or a shared continuation link lowers the bar to SUPPORTED_MATCH.
MATCH = 0.5
SUPPORTED_MATCH = 0.3


def words(text: str | None) -> list[str]:
    return folded_words(text or "")


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
