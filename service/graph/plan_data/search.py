"""Search: every entity people look up, by words of its labels and texts."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass

from nkc_kg.loaders.names import fold, words
from nkc_kg.service.graph.plan_data.base import GENERIC_PARTY_CLASSES, BadParameter, JsonDict, PlanGraph

SEARCH_MAX_LENGTH = 200
SEARCH_LIMIT = 50
# Classes whose instances are parts of other entities' descriptions, not things people look up.
UNSEARCHED_CLASSES = {"Timeframe", "SourceLocation", "SourceIssue"}
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
# Fields of the search corpus that name the entity; an entity's own texts are in every other field
# except CONTEXT_FIELDS, which come from related entities (queries/api/search-context.rq).
LABEL_FIELDS = ("label", "prefLabel", "altLabel", "abbreviation")
CONTEXT_FIELDS = ("initiative", "section")
# A number written with thousands separators ('25.000', '25,000', '25 000') is also the number
# written without them, so '25000' finds it.
GROUPED_NUMBER = re.compile(r"\b\d{1,3}(?:[.,\s]\d{3})+\b")


@dataclass
class SearchEntry:
    iri: str
    label: str  # rdfs:label, Dutch if there is one
    fallback_label: str  # skos:prefLabel, for entities without rdfs:label
    type: str
    exact_keys: set[str]  # folded labels and abbreviations: an exact hit ranks first
    label_keys: list[str]  # folded labels
    texts: dict[str, str]  # folded text per field, for matching


class Search(PlanGraph):
    """Search over the labels, abbreviations and texts of the things people look up."""

    _search: tuple[list[SearchEntry], list[str], list[set[int]]] | None = None

    def _search_index(self) -> tuple[list[SearchEntry], list[str], list[set[int]]]:
        """Entries, the sorted folded tokens, and for each token the entries that contain it."""
        with self._lock:
            if self._search is None:
                entries: dict[str, SearchEntry] = {}
                for row in [*self._select("search-corpus"), *self._select("search-context")]:
                    kind = str(row["class"]).rsplit("#", 1)[-1]
                    iri = str(row["entity"])
                    if kind in UNSEARCHED_CLASSES or self._url(iri) is None or iri.startswith(str(self.iris.nkc)):
                        continue
                    entry = entries.setdefault(iri, SearchEntry(iri, "", "", kind, set(), [], {}))
                    if entry.type in GENERIC_PARTY_CLASSES and kind not in GENERIC_PARTY_CLASSES:
                        entry.type = kind
                    field, value = str(row["field"]), str(row["text"])
                    key = fold(value)
                    if field in LABEL_FIELDS:
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
                    for f in ("abbreviation", "label", "altLabel", "title", "expansion", "text", *CONTEXT_FIELDS)
                    if _has_all(entry.texts.get(f, ""), wanted)
                ),
                "text",
            )
            results.append(self.entity(entry.iri, entry.label, type=entry.type, match=match, exact=rank == 0))
        return {"query": q, "total": len(hits or ()), "results": results}

    @staticmethod
    def _rank(entry: SearchEntry, query: str, words: list[str]) -> int:
        """0 the exact label, 1 a label that begins with the query, 2 a label and 3 an own text with the
        query's words in a row ('1 op de 5'), 4 a label and 5 an own text with all of them somewhere,
        6 found only through a related entity (an initiative an activity carries out, a section)."""
        if query in entry.exact_keys:
            return 0
        if any(key.startswith(query) for key in entry.label_keys):
            return 1
        own_texts = [text for field, text in entry.texts.items() if field not in CONTEXT_FIELDS]
        if any(_has_phrase(key, words) for key in entry.label_keys):
            return 2
        if any(_has_phrase(text, words) for text in own_texts):
            return 3
        if any(_has_all(key, words) for key in entry.label_keys):
            return 4
        if any(_has_all(text, words) for text in own_texts):
            return 5
        return 6


def _tokens(folded: str) -> list[str]:
    """The words of a folded text, then its grouped numbers without separators ('25.000' -> 25000)."""
    joined = [re.sub(r"\D", "", number) for number in GROUPED_NUMBER.findall(folded)]
    return words(folded) + joined


def _has_phrase(folded: str, wanted: list[str]) -> bool:
    """The query's words in a row, each the whole word except the last, which may begin one."""
    tokens = _tokens(folded)
    n = len(wanted)
    for start in range(len(tokens) - n + 1):
        window = tokens[start : start + n]
        if window[:-1] == wanted[:-1] and window[-1].startswith(wanted[-1]):
            return True
    return False


def _has_all(folded: str, words: list[str]) -> bool:
    tokens = _tokens(folded)
    return all(any(t.startswith(w) for t in tokens) for w in words)
