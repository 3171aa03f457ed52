"""Resolve the party names written on a slide to the ids of the curated parties.

A name matches a party's abbreviation, label or alt label, case- and accent-insensitively
(``fold``). Lists ("DRCP, IKNL, KWF & NFK") are split at their separators, and the longest run of
parts that is a known name wins, so a name that contains a separator ("netwerken/
samenwerkingsverbanden") stays whole. Two patterns of the plans are read on top of that:

- a plural head shared by the next parts: "DRCP werkgroepen organisatie van zorg en wetenschap"
  is "DRCP werkgroep organisatie van zorg" and "DRCP werkgroep wetenschap";
- a tail shared with the next part: "public affairs & communicatie specialist NKC" is "public
  affairs specialist NKC" and "communicatie specialist NKC".

Whatever matches no party stays unresolved, with the closest known names as suggestions.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from nkc_kg.loaders.curated import records as r
from nkc_kg.loaders.curated.progress import ProgressFile
from nkc_kg.loaders.curated.reader import CuratedRecord
from nkc_kg.loaders.names import fold

SEPARATOR = re.compile(r"(\s*,\s*|\s+&\s+|\s+en\s+|\s*/\s*|\s*\|\s*|\s+met\s+|\s+of\s+|\s+namens\s+|\s*;\s*)")
PARENTHETICAL = re.compile(r"\s*\(([^()]*)\)")
Role = Literal["lead", "involved", "initiator", "project-owner", "support", "funder", "partner"]
# Words the plans put after a party to give it a role (the roles of records.PartyRole).
ROLE_SUFFIXES: dict[str, Role | None] = {"ter ondersteuning": "support", "in de lead": None}
ROLE_NOTES: dict[str, Role] = {"initiatiefnemer": "initiator"}
# What the plans write where a name is still to be decided.
PLACEHOLDERS = {"ntb", "n.t.b.", "afstemmen", "bestuurslid", "…", "...", "etc.", "etc"}


def name_key(text: str) -> str:
    """The key two spellings of one name share: fold() without quotes and end punctuation."""
    return fold(text).replace("'", "").replace('"', "").strip(" .,;:")


@dataclass(frozen=True)
class NameIndex:
    """Every name of the curated parties and initiatives, by key."""

    parties: dict[str, frozenset[str]]
    initiatives: dict[str, frozenset[str]]
    labels: dict[str, str]  # id -> label, parties and initiatives
    people: frozenset[str]  # ids of parties of type person

    @classmethod
    def from_records(cls, records: Iterable[CuratedRecord]) -> NameIndex:
        parties: dict[str, set[str]] = {}
        initiatives: dict[str, set[str]] = {}
        labels: dict[str, str] = {}
        people: set[str] = set()
        for rec in records:
            if isinstance(rec, ProgressFile):  # a progress report names parties by id only
                continue
            for party in rec.parties:
                labels[party.id] = party.label
                if party.type == "person":
                    people.add(party.id)
                for name in (party.label, party.abbreviation, *party.alt_labels, party.id):
                    if name:
                        parties.setdefault(name_key(name), set()).add(party.id)
            for team in getattr(rec, "teams", []):
                labels[team.id] = team.label
                parties.setdefault(name_key(team.label), set()).add(team.id)
            for ini in rec.initiatives:
                labels.setdefault(ini.id, ini.label)
                for name in (ini.label, ini.abbreviation, ini.id):
                    if name:
                        initiatives.setdefault(name_key(name), set()).add(ini.id)
        return cls(
            {k: frozenset(v) for k, v in parties.items()},
            {k: frozenset(v) for k, v in initiatives.items()},
            labels,
            frozenset(people),
        )

    def party(self, name: str) -> str | None:
        """The id of the one party with this name, or None (unknown or ambiguous)."""
        ids = self.parties.get(name_key(name), frozenset())
        return next(iter(ids)) if len(ids) == 1 else None

    def initiative(self, name: str) -> str | None:
        ids = self.initiatives.get(name_key(name), frozenset())
        return next(iter(ids)) if len(ids) == 1 else None

    def suggestions(self, name: str, n: int = 3) -> list[str]:
        """The closest known parties, as 'label (id)'."""
        keys = difflib.get_close_matches(name_key(name), list(self.parties), n=n * 2, cutoff=0.6)
        out: list[str] = []
        for key in keys:
            for pid in sorted(self.parties[key]):
                entry = f"{self.labels.get(pid, pid)} ({pid})"
                if entry not in out:
                    out.append(entry)
        return out[:n]


@dataclass(frozen=True)
class Resolved:
    party: str
    written: str  # the part of the text it was read from
    role: Role | None = None
    note: str | None = None
    how: str | None = None  # set when a pattern (not a plain name) was needed


@dataclass(frozen=True)
class Unresolved:
    written: str
    why: str
    suggestions: tuple[str, ...] = ()


@dataclass
class NameList:
    """What a list of names resolved to, in the order written."""

    text: str
    resolved: list[Resolved] = field(default_factory=list)
    unresolved: list[Unresolved] = field(default_factory=list)
    placeholders: list[str] = field(default_factory=list)

    def ids(self) -> list[str]:
        out: list[str] = []
        for item in self.resolved:
            if item.party not in out:
                out.append(item.party)
        return out

    def refs(self) -> list[str | r.PartyRole]:
        """As curated party refs: a plain id, or {party, role, note} when the text gives a role."""
        out: list[str | r.PartyRole] = []
        seen: set[str] = set()
        for item in self.resolved:
            if item.party in seen:
                continue
            seen.add(item.party)
            out.append(r.PartyRole(party=item.party, role=item.role, note=item.note) if item.role else item.party)
        return out


@dataclass
class _Part:
    text: str
    role: Role | None = None
    note: str | None = None
    marked: bool = False  # ends with a role phrase: the end of a group of parts


def resolve_names(text: str, index: NameIndex) -> NameList:
    """Resolve a written list of parties ("DRCP werkgroep geneesmiddelen, ZIN, NVMO & NVVP")."""
    result = NameList(text=text)
    whole = index.party(text)
    if whole:
        result.resolved.append(Resolved(whole, text.strip()))
        return result
    pieces = SEPARATOR.split(text.strip())
    parts = [_Part(p.strip()) for p in pieces[0::2]]
    seps = pieces[1::2]
    _mark_roles(parts)
    prefix: str | None = None  # a singular head shared by the next parts
    i = 0
    while i < len(parts):
        part = parts[i]
        if not part.text:
            i += 1
            continue
        # the longest run of parts (joined as written) that is one name
        for j in range(len(parts) - 1, i - 1, -1):
            candidate = "".join(parts[k].text + (seps[k] if k < j else "") for k in range(i, j + 1))
            found = index.party(candidate)
            if found:
                result.resolved.append(Resolved(found, candidate, parts[j].role, parts[j].note))
                i = j + 1
                break
        else:
            prefix = _resolve_part(part, parts[i + 1] if i + 1 < len(parts) else None, prefix, index, result)
            i += 1
    result.unresolved = _merge_runs(result.unresolved, text, index)
    return result


def _merge_runs(misses: list[Unresolved], text: str, index: NameIndex) -> list[Unresolved]:
    """Unresolved parts next to each other in the text are one unknown name, reported once."""
    out: list[Unresolved] = []
    end = 0
    for miss in misses:
        start = text.find(miss.written, end) if miss.written else -1
        if out and start >= 0 and out[-1].why == miss.why and _only_separators(text[end:start]):
            written = text[text.find(out[-1].written) : start + len(miss.written)]
            out[-1] = Unresolved(written, miss.why, tuple(index.suggestions(written)))
        else:
            out.append(miss)
        if start >= 0:
            end = start + len(miss.written)
    return out


def _only_separators(between: str) -> bool:
    return bool(SEPARATOR.fullmatch(between)) or not between.strip()


def _mark_roles(parts: list[_Part]) -> None:
    """Role words at the end of a part apply to it and to the parts before it back to the last role word."""
    start = 0
    for i, part in enumerate(parts):
        note = None
        for paren in PARENTHETICAL.findall(part.text):
            if fold(paren) in ROLE_NOTES:
                part.role, note = ROLE_NOTES[fold(paren)], part.text
                part.text = PARENTHETICAL.sub(lambda m: "" if fold(m[1]) in ROLE_NOTES else m[0], part.text).strip()
                part.note = note
        for suffix, role in ROLE_SUFFIXES.items():
            if fold(part.text).endswith(" " + suffix):
                part.text = part.text[: -len(suffix)].strip()
                part.marked = True
                if role and start < i:
                    for earlier in parts[start:i]:
                        earlier.role, earlier.note = role, suffix
                if role:
                    part.role, part.note = role, suffix
                start = i + 1


def _resolve_part(
    part: _Part, following: _Part | None, prefix: str | None, index: NameIndex, out: NameList
) -> str | None:
    """One part that is no name as written; returns the shared head for the next parts, if any."""
    text = part.text
    if fold(text) in PLACEHOLDERS:
        out.placeholders.append(text)
        return prefix
    bare = PARENTHETICAL.sub("", text).strip() or text
    if bare != text:
        found = index.party(bare)
        if found:  # "Iddo de Ruiter (ntb)": the name, and a remark on it
            out.resolved.append(Resolved(found, bare, part.role, part.note))
            for paren in PARENTHETICAL.findall(text):
                if fold(paren) in PLACEHOLDERS:
                    out.placeholders.append(f"({paren})")
                else:
                    out.unresolved.append(Unresolved(f"({paren})", "remark in brackets, not a name"))
            return prefix
    written, text = text, bare
    if prefix:
        found = index.party(f"{prefix} {text}")
        if found:
            out.resolved.append(Resolved(found, written, part.role, part.note, f"read as '{prefix} {text}'"))
            return prefix
    words = text.split()
    for k in range(len(words) - 1, 0, -1):  # a plural head: "DRCP werkgroepen organisatie van zorg"
        for head in _singular(words[:k]):
            found = index.party(" ".join([head, *words[k:]]))
            if found:
                name = " ".join([head, *words[k:]])
                out.resolved.append(Resolved(found, written, part.role, part.note, f"read as '{name}'"))
                return head
    if following is not None:  # a shared tail: "public affairs & communicatie specialist NKC"
        tail = following.text.split()
        for k in range(1, len(tail)):
            name = " ".join([text, *tail[k:]])
            found = index.party(name)
            if found:
                out.resolved.append(Resolved(found, written, part.role, part.note, f"read as '{name}'"))
                return prefix
    why = "a sentence, not a name" if re.search(r"[.:]\s|:$", text) else "no party has this name"
    out.unresolved.append(Unresolved(written, why, tuple(index.suggestions(text))))
    return prefix


def _singular(head: list[str]) -> list[str]:
    """Singular forms of a head ending in a Dutch plural ('DRCP werkgroepen' -> 'DRCP werkgroep')."""
    last = head[-1]
    forms = []
    if last.endswith("en") and len(last) > 4:
        forms.append(last[:-2])
    if last.endswith("s") and len(last) > 3:
        forms.append(last[:-1])
    return [" ".join([*head[:-1], form]) for form in forms]
