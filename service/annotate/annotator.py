"""Abbreviations and party names in a text: the matcher behind POST /api/annotate, /annoteren and the
completeness view.

The matcher is built once per served graph from two queries (``queries/api/annotation-*.rq``) through
the Store interface, so it is the same on both stores; annotating a text is then plain Python.

Rules:
- An abbreviation (the key of an nkc:Abbreviation, a party's nkc:abbreviation, or a one-word party
  name written like one: two or more capitals, or no lower-case letter) matches case-sensitively, as
  written: 'ZIN' is not 'zin', 'CieOOm' is not 'CieOOM'.
- Other party names match case- and accent-insensitively; a space in a name stands for any run of
  spaces, line breaks or hyphens. Words inside a name that are written like abbreviations ('UMC' in
  'Amsterdam UMC') still match as written.
- A match is a whole word: it neither starts nor ends inside a word. So 'IKNL-rapport', "NFK's",
  'KPO’s' and '(IKNL)' match, 'ZINL' does not match 'ZIN'; an abbreviation ending in a capital may
  take a plural s ('PROMs': the span is 'PROM').
- The longest match wins and spans never overlap ('Amsterdam UMC' rather than 'UMC').

Offsets (``start``, ``end``) index the text as given, in Unicode code points (Python string indices;
in JavaScript ``Array.from(text)`` indices, not UTF-16 code units).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from nkc_kg.loaders.iris import Iris
from nkc_kg.loaders.paths import QUERIES_DIR
from nkc_kg.service.graph.queries import read_query
from nkc_kg.service.graph.rows import text
from nkc_kg.service.graph.urls import service_path
from nkc_kg.service.store.embedded import Row, Store

WORD = re.compile(r"\w+")
# what may stand for a space inside a party name
NAME_GAP = r"[\s\-\u2010-\u2015]+"
KIND_ABBREVIATION, KIND_PARTY = "abbreviation", "party"


def _accent_table() -> dict[int, str]:
    """Accented Latin letters -> their base letter, one character for one (offsets stay valid)."""
    table: dict[int, str] = {}
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        decomposed = unicodedata.normalize("NFD", chr(code))
        if len(decomposed) > 1 and all(unicodedata.combining(c) for c in decomposed[1:]):
            table[code] = decomposed[0]
    return table


ACCENTS = _accent_table()


def strip_accents(text: str) -> str:
    """'Patiëntenplatform' -> 'Patientenplatform', keeping every character's position."""
    return text.translate(ACCENTS)


def written_like_abbreviation(word: str) -> bool:
    """'ZN', 'CieOOM', 'PvHH', 'V&VN', 'ZonMW': two capitals or more (or no lower-case letter at all), and no
    run of three lower-case letters, which makes it a name ('ErasmusMC', 'RadboudUMC')."""
    letters = [c for c in word if c.isalpha()]
    capitals = sum(1 for c in letters if c.isupper())
    run = longest = 0
    for c in word:
        run = run + 1 if c.islower() else 0
        longest = max(longest, run)
    return len(letters) >= 2 and capitals >= 2 and longest < 3


@dataclass(frozen=True)
class Ref:
    """An entity as the annotations show it."""

    iri: str
    label: str | None


@dataclass(frozen=True)
class Candidate:
    """One thing a matched text may stand for: an abbreviation's sense (one document's or the
    curators' definition) or a party."""

    kind: str  # KIND_ABBREVIATION (an nkc:Abbreviation) or KIND_PARTY
    iri: str
    label: str
    expansion: str | None = None
    expansion_en: str | None = None
    defined_by_source: bool = False
    status: str | None = None
    document: Ref | None = None
    location: Ref | None = None
    denotes: Ref | None = None

    @property
    def entity(self) -> str | None:
        """What it names: the party itself, or what the abbreviation denotes."""
        return self.iri if self.kind == KIND_PARTY else (self.denotes.iri if self.denotes else None)

    def sort_key(self) -> tuple[int, int, str, str]:
        # a source's definition first (as GET /api/abbreviations does), then the curators', then parties
        return (
            self.kind == KIND_PARTY,
            not self.defined_by_source,
            self.document.iri if self.document else "~",
            self.iri,
        )


@dataclass
class Entry:
    """One key (an abbreviation or a name) and what it may stand for."""

    key: str
    kind: str  # how it matches: KIND_ABBREVIATION as written, KIND_PARTY forgiving case and accents
    candidates: list[Candidate] = field(default_factory=list)
    pattern: re.Pattern[str] | None = None
    lead: int = 0  # characters before the key's first word character, e.g. 1 for '(O)DAP'


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    text: str
    kind: str
    candidates: tuple[Candidate, ...]

    @property
    def primary(self) -> Candidate:
        return self.candidates[0]

    @property
    def ambiguous(self) -> bool:
        """The candidates disagree: they name different things, or spell out the abbreviation differently."""
        meanings = {c.entity or _norm(c.expansion) for c in self.candidates}
        expansions = {_norm(c.expansion) for c in self.candidates if c.kind == KIND_ABBREVIATION}
        return len(meanings) > 1 or len(expansions) > 1

    @property
    def same_entity(self) -> bool:
        entities = {c.entity for c in self.candidates}
        return len(entities) == 1 and None not in entities


def _norm(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


def _ref(row: Row, iri_key: str, label_key: str) -> Ref | None:
    iri = row.get(iri_key)
    if iri is None:
        return None
    return Ref(str(iri), text(row, label_key))


class Annotator:
    """Finds the abbreviations and party names of the served graph in a text, in-process."""

    def __init__(self, entries: Iterable[Entry], iris: Iris) -> None:
        self.iris = iris
        self.entries = list(entries)
        self._json: dict[str, dict[str, Any]] = {}
        # entries by the first word of their key: as written (abbreviations) or folded (names)
        self._exact: dict[str, list[Entry]] = defaultdict(list)
        self._folded: dict[str, list[Entry]] = defaultdict(list)
        for entry in self.entries:
            _compile(entry)
            first = WORD.search(entry.key)
            if first is None:
                continue
            word = first[0]
            if entry.kind == KIND_ABBREVIATION or written_like_abbreviation(word):
                self._exact[word].append(entry)
            else:
                self._folded[strip_accents(word).lower()].append(entry)

    # -- building -------------------------------------------------------------------------------

    @classmethod
    def build(cls, store: Store, iris: Iris) -> Annotator:
        abbreviations = store.select(read_query(QUERIES_DIR / "api" / "annotation-abbreviations.rq", iris)).rows
        parties = store.select(read_query(QUERIES_DIR / "api" / "annotation-parties.rq", iris)).rows
        return cls.from_rows(abbreviations, parties, iris)

    @classmethod
    def from_rows(cls, abbreviation_rows: Iterable[Row], party_rows: Iterable[Row], iris: Iris) -> Annotator:
        senses: dict[str, Candidate] = {}
        keys: dict[str, str] = {}
        # more rows for more locations or labels: the first in a fixed order describes it (slide 5 before 12),
        # so that both stores, whatever order they answer in, give the same answers
        for row in sorted(abbreviation_rows, key=lambda r: _row_order(r, "concept")):
            iri = str(row["concept"])
            if iri in senses:
                continue
            keys[iri] = str(row["abbreviation"])
            senses[iri] = Candidate(
                kind=KIND_ABBREVIATION,
                iri=iri,
                label=str(row.get("label") or row["abbreviation"]),
                expansion=text(row, "expansion"),
                expansion_en=text(row, "expansionEn"),
                defined_by_source=str(row.get("definedBySource", "")).lower() == "true",
                status=text(row, "status"),
                document=_ref(row, "document", "documentLabel"),
                location=_ref(row, "location", "locationLabel"),
                denotes=_ref(row, "denotes", "denotesLabel"),
            )
        abbreviation_entries: dict[str, Entry] = {}
        for iri, candidate in senses.items():
            key = keys[iri]
            abbreviation_entries.setdefault(key, Entry(key, KIND_ABBREVIATION)).candidates.append(candidate)

        parties: dict[str, Candidate] = {}
        names: dict[str, set[str]] = defaultdict(set)  # party -> its names
        short: dict[str, set[str]] = defaultdict(set)  # party -> its abbreviations
        for row in sorted(party_rows, key=lambda r: _row_order(r, "party")):
            iri = str(row["party"])
            if iri not in parties:
                parties[iri] = Candidate(
                    kind=KIND_PARTY,
                    iri=iri,
                    label=str(row.get("label") or row["name"]),
                    defined_by_source=row.get("document") is not None,
                    document=_ref(row, "document", "documentLabel"),
                    location=_ref(row, "location", "locationLabel"),
                )
            name = " ".join(str(row["name"]).split())
            (short if str(row["relation"]) == "abbreviation" else names)[iri].add(name)

        # parties' abbreviations first, so that a name equal to any abbreviation matches as one
        for iri, candidate in parties.items():
            for name in short[iri]:
                entry = abbreviation_entries.setdefault(name, Entry(name, KIND_ABBREVIATION))
                entry.candidates.append(candidate)
        name_entries: dict[str, Entry] = {}
        for iri, candidate in parties.items():
            variants = {n.casefold() for n in short[iri]}  # 'Nza' is another spelling of 'NZa'
            for name in sorted(names[iri] - short[iri]):
                if name in abbreviation_entries or name.casefold() in variants or _one_word_abbreviation(name):
                    entry = abbreviation_entries.setdefault(name, Entry(name, KIND_ABBREVIATION))
                else:
                    key = _fold_name(name)
                    entry = name_entries.setdefault(key, Entry(name, KIND_PARTY))
                if all(c.iri != iri for c in entry.candidates):
                    entry.candidates.append(candidate)
        # a party known by an abbreviation-like name no source defines ('CieOOm', 'KPO’s') is spelled out
        # by the abbreviations that denote it ('CieOOM', 'KPO')
        denoting: dict[str, list[Candidate]] = defaultdict(list)
        for sense in senses.values():
            if sense.denotes is not None:
                denoting[sense.denotes.iri].append(sense)
        for entry in abbreviation_entries.values():
            if all(c.kind == KIND_PARTY for c in entry.candidates):
                for party in list(entry.candidates):
                    entry.candidates += [s for s in denoting[party.iri] if s not in entry.candidates]
        return cls([*abbreviation_entries.values(), *name_entries.values()], iris)

    # -- annotating -----------------------------------------------------------------------------

    def annotate(self, text: str) -> list[Match]:
        """Every abbreviation and party name in ``text``: longest first, never overlapping, in text order."""
        plain = strip_accents(text)
        lowered = plain.lower()
        if len(lowered) != len(plain):  # a few letters lower-case to two characters ('İ'): fold word by word
            lowered = ""
        exact, folded = self._exact, self._folded
        found: dict[tuple[int, int], list[Entry]] = defaultdict(list)
        for token in WORD.finditer(text):
            start, end = token.span()
            word = token.group()
            candidates = exact.get(word)
            names = folded.get(lowered[start:end] if lowered else plain[start:end].lower())
            plural = word[:-1] if len(word) > 2 and word[-1] == "s" and word[-2].isupper() else None
            if candidates is None and names is None and plural is None:
                continue
            entries = [*(candidates or ()), *(names or ()), *(exact.get(plural, ()) if plural else ())]
            for entry in entries:
                at = start - entry.lead
                if at < 0 or entry.pattern is None:
                    continue
                match = entry.pattern.match(text if entry.kind == KIND_ABBREVIATION else plain, at)
                if match:
                    found[(at, match.end())].append(entry)
        return self._resolve(text, found)

    def _resolve(self, text: str, found: dict[tuple[int, int], list[Entry]]) -> list[Match]:
        taken_starts: list[int] = []
        taken_ends: list[int] = []
        kept: list[Match] = []
        for (start, end), entries in sorted(found.items(), key=lambda item: (item[0][0] - item[0][1], item[0][0])):
            i = bisect.bisect_right(taken_starts, start)
            if (i > 0 and taken_ends[i - 1] > start) or (i < len(taken_starts) and taken_starts[i] < end):
                continue  # overlaps a longer (or earlier, equally long) match
            taken_starts.insert(i, start)
            taken_ends.insert(i, end)
            kept.append(_match(text, start, end, entries))
        return sorted(kept, key=lambda m: m.start)

    # -- answers --------------------------------------------------------------------------------

    def entity(self, ref: Ref | None) -> dict[str, Any] | None:
        if ref is None:
            return None
        return {"iri": ref.iri, "url": service_path(ref.iri, self.iris), "label": ref.label or ref.iri}

    def candidate_json(self, candidate: Candidate) -> dict[str, Any]:
        """The candidate as JSON (computed once per candidate: a long text repeats the same few; do not mutate)."""
        cached = self._json.get(candidate.iri)
        if cached is None:
            cached = self._json[candidate.iri] = self._candidate_json(candidate)
        return cached

    def _candidate_json(self, candidate: Candidate) -> dict[str, Any]:
        return {
            "kind": candidate.kind,
            "iri": candidate.iri,
            "url": service_path(candidate.iri, self.iris),
            "label": candidate.label,
            "expansion": candidate.expansion,
            "expansionEn": candidate.expansion_en,
            "definedBy": self.defined_by(candidate),
            "denotes": self.entity(candidate.denotes),
        }

    def defined_by(self, candidate: Candidate) -> dict[str, Any]:
        """Where the meaning comes from: a document (and slide), or the curators with their status."""
        return {
            "source": candidate.defined_by_source,
            "document": self.entity(candidate.document),
            "at": self.entity(candidate.location),
            "curated": candidate.kind == KIND_ABBREVIATION and not candidate.defined_by_source,
            "status": candidate.status,
        }

    def match_json(self, match: Match) -> dict[str, Any]:
        primary = self.candidate_json(match.primary)
        expansion = primary["expansion"]
        if expansion is None and match.kind == KIND_ABBREVIATION and match.primary.kind == KIND_PARTY:
            expansion = match.primary.label  # a party known by its abbreviation: its name spells it out
        return {
            "start": match.start,
            "end": match.end,
            "text": match.text,
            "kind": match.kind,
            "expansion": expansion,
            "iri": primary["iri"],
            "url": primary["url"],
            "label": primary["label"],
            "definedBy": primary["definedBy"],
            "denotes": primary["denotes"],
            "ambiguous": match.ambiguous,
            "sameEntity": match.same_entity,
            "candidates": [self.candidate_json(c) for c in match.candidates],
        }


def natural_key(text: str) -> list[Any]:
    """'…/slide/9' before '…/slide/10'."""
    return [(0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", text)]


def _row_order(row: Row, subject: str) -> tuple[Any, ...]:
    return (str(row[subject]), *(natural_key(str(row.get(k) or "~")) for k in ("location", "document", "label")))


def _one_word_abbreviation(name: str) -> bool:
    return not re.search(r"\s", name) and written_like_abbreviation(name)


def _fold_name(name: str) -> str:
    return " ".join(re.split(NAME_GAP, strip_accents(name).casefold()))


def _compile(entry: Entry) -> None:
    key = entry.key
    first = WORD.search(key)
    entry.lead = first.start() if first else 0
    if entry.kind == KIND_ABBREVIATION:
        body = r"\s+".join(re.escape(part) for part in key.split())
    else:
        parts = []
        for word in re.split(NAME_GAP, key):
            if written_like_abbreviation(word):
                parts.append(re.escape(word))
            else:
                parts.append("(?i:" + re.escape(strip_accents(word)) + ")")
        body = NAME_GAP.join(parts)
    head = r"(?<!\w)" if key[:1].isalnum() or key[:1] == "_" else ""
    if not (key[-1:].isalnum() or key[-1:] == "_"):
        tail = ""
    elif entry.kind == KIND_ABBREVIATION and key[-1].isupper():
        tail = r"(?=s?(?!\w))"  # 'PROMs': the plural s is not part of the span
    else:
        tail = r"(?!\w)"
    entry.pattern = re.compile(head + body + tail)


def _match(text: str, start: int, end: int, entries: list[Entry]) -> Match:
    kind = KIND_ABBREVIATION if any(e.kind == KIND_ABBREVIATION for e in entries) else KIND_PARTY
    candidates: dict[str, Candidate] = {}
    for entry in entries:
        for candidate in entry.candidates:
            candidates.setdefault(candidate.iri, candidate)
    # a party an abbreviation denotes is that abbreviation's meaning, not a second candidate
    denoted = {c.denotes.iri for c in candidates.values() if c.denotes}
    ordered = sorted(
        (c for c in candidates.values() if not (c.kind == KIND_PARTY and c.iri in denoted)),
        key=Candidate.sort_key,
    )
    return Match(start, end, text[start:end], kind, tuple(ordered))
