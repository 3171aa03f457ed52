"""How one value of the curated format is written in one cell of a plan workbook, and read back.

Each codec pair is exact: ``decode(encode(value)) == value`` for every value the curated data has, so a
workbook exported and imported unchanged gives back the same records. Reading is strict and every
problem is a :class:`CellError` in Dutch and English, with a suggestion where one is obvious.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from nkc_kg.loaders.curated.records import PartyRef, PartyRole, SourceRef
from nkc_kg.loaders.names import fold

CellValue = str | int | float | None


class CellError(Exception):
    """A cell that cannot be read, said in Dutch and English."""

    def __init__(self, message_nl: str, message_en: str, suggestion: str | None = None) -> None:
        super().__init__(message_en)
        self.message_nl, self.message_en, self.suggestion = message_nl, message_en, suggestion


# ---------------------------------------------------------------------------- vocabularies
# The workbook shows Dutch words; the curated files keep their codes. Reading accepts either.

ROLES = {
    "lead": "trekker",
    "involved": "betrokken",
    "initiator": "initiatiefnemer",
    "project-owner": "projecteigenaar",
    "support": "ondersteunend",
    "funder": "financier",
    "partner": "partner",
}
ISSUE_KINDS = {
    "duplicate-content": "dubbele inhoud",
    "numbering": "nummering",
    "text-differs": "tekst wijkt af",
    "missing-in-source": "ontbreekt in bron",
    "wrong-reference": "verkeerde verwijzing",
    "spelling": "spelling",
    "incomplete": "onvolledig",
    "other": "overig",
}
PARTY_TYPES = {
    "organisation": "organisatie",
    "hospital": "ziekenhuis",
    "working-group": "werkgroep",
    "committee": "commissie",
    "network": "netwerk",
    "collaboration": "samenwerkingsverband",
    "government": "overheid",
    "group": "groep",
    "team": "team",
    "person": "persoon",
    "role-holder": "functie",
    "programme": "programma",
}
RECORD_STATUS = {"source": "uit bron", "curated": "door curatoren"}
ACTIVITY_STATUS = {"planned": "gepland", "in-development": "in ontwikkeling"}
CANVAS_COLUMNS = {"subcauses": "sub-oorzaak", "activities": "activiteit", "outputs": "output", "outcomes": "outcome"}
STATEMENTS = {
    "mission": "missie",
    "goal": "doel",
    "problem": "probleem",
    "problem_summary": "probleemomschrijving",
}
YES, NO = "ja", "nee"
ALL_SUBGOALS = "alle"


def words(vocabulary: Mapping[str, str]) -> list[str]:
    """The Dutch words of a vocabulary, in order: the drop-down list."""
    return list(vocabulary.values())


# ---------------------------------------------------------------------------- plain cells


def text(value: CellValue) -> str | None:
    """A cell as text: numbers typed into a text column (a year as a timeframe) become their digits."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise CellError("verwacht tekst, geen waar/onwaar", "expected text, not a true/false value")
    if isinstance(value, (datetime, date)):
        raise CellError(
            "het rekenblad heeft hier een datum van gemaakt; typ de tekst met een ' ervoor",
            "the spreadsheet turned this into a date; type the text with a leading '",
        )
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    value = value.replace("\r\n", "\n")
    return value if value.strip() else None


def name(value: CellValue) -> str | None:
    """An id or other word: surrounding spaces do not count."""
    raw = text(value)
    return raw.strip() if raw is not None else None


def integer(value: CellValue) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise CellError("verwacht een geheel getal", "expected a whole number")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, str) and re.fullmatch(r"\s*\d+\s*", value):
        return int(value)
    raise CellError(f"verwacht een geheel getal, niet {value!r}", f"expected a whole number, not {value!r}")


def number(value: CellValue) -> int | float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    raw = name(value)
    if raw is None:
        return None
    try:
        return float(raw.replace(",", ".")) if re.search(r"[.,]", raw) else int(raw)
    except ValueError:
        raise CellError(f"verwacht een getal, niet {raw!r}", f"expected a number, not {raw!r}") from None


def integers(value: CellValue) -> list[int] | None:
    """``"1, 3"`` -> [1, 3]; an empty cell is None (not given), ``-`` the empty list."""
    raw = name(value)
    if raw is None:
        return None
    if raw == "-":
        return []
    parts = [p.strip() for p in re.split(r"[,;]", raw)]
    if not all(re.fullmatch(r"\d+", p) for p in parts):
        raise CellError(
            f"verwacht nummers gescheiden door komma's (zoals 1, 3), niet {raw!r}",
            f"expected numbers separated by commas (like 1, 3), not {raw!r}",
        )
    return [int(p) for p in parts]


def encode_integers(values: Sequence[int] | None) -> str | None:
    if values is None:
        return None
    return ", ".join(str(v) for v in values) if values else "-"


def names(value: CellValue) -> list[str]:
    """``"a, b"`` -> ["a", "b"] (ids, abbreviations)."""
    raw = name(value)
    return [p.strip() for p in raw.split(",") if p.strip()] if raw else []


def lines(value: CellValue) -> list[str]:
    """One item per line (texts that may hold commas)."""
    raw = text(value)
    return [line for line in raw.split("\n") if line.strip()] if raw else []


def boolean(value: CellValue) -> bool | None:
    if isinstance(value, bool):
        return value
    raw = name(value)
    if raw is None:
        return None
    folded = fold(raw)
    if folded in ("ja", "yes", "true", "waar", "1"):
        return True
    if folded in ("nee", "no", "false", "onwaar", "0"):
        return False
    raise CellError(f"verwacht ja of nee, niet {raw!r}", f"expected ja (yes) or nee (no), not {raw!r}")


def choice(value: CellValue, vocabulary: Mapping[str, str]) -> str | None:
    """A word of a vocabulary (Dutch, or the curated code) -> the code."""
    raw = name(value)
    if raw is None:
        return None
    by_key = {fold(code): code for code in vocabulary} | {fold(word): code for code, word in vocabulary.items()}
    if fold(raw) in by_key:
        return by_key[fold(raw)]
    allowed = ", ".join(vocabulary.values())
    close = difflib.get_close_matches(fold(raw), list(by_key), n=1, cutoff=0.6)
    hints = [vocabulary[by_key[close[0]]]] if close else []
    raise CellError(
        f"onbekende waarde {raw!r}{did_you_mean(hints, 'nl')}; kies uit: {allowed}",
        f"unknown value {raw!r}{did_you_mean(hints, 'en')}; choose from: {allowed}",
        hints[0] if hints else None,
    )


def did_you_mean(hints: Sequence[str], lang: str) -> str:
    if not hints:
        return ""
    if lang == "nl":
        return f" — bedoelde u {' of '.join(hints)}?"
    return f" — did you mean {' or '.join(hints)}?"


# ---------------------------------------------------------------------------- where in the source

_SOURCE_PART = re.compile(
    r"(?P<kind>document|dia's|dias|slides|dia|slide|sectie|section|pagina|page)\s+(?P<value>.+)", re.IGNORECASE
)


def encode_source(ref: SourceRef | None) -> str | None:
    """``dia 19`` / ``dia's 8, 10`` / ``sectie 1.5.3`` / ``pagina 4``, after ``document …`` when given,
    with ``citaat …`` (a verbatim anchor) last."""
    if ref is None:
        return None
    parts = []
    if ref.document:
        parts.append(f"document {ref.document}")
    if ref.slide is not None:
        parts.append(f"dia {ref.slide}")
    if ref.slides is not None:
        parts.append("dia's " + ", ".join(str(s) for s in ref.slides))
    if ref.section is not None:
        parts.append(f"sectie {ref.section}")
    if ref.page is not None:
        parts.append(f"pagina {ref.page}")
    if ref.quote is not None:
        parts.append(f"citaat {ref.quote}")
    return "; ".join(parts) if parts else "-"


def source(value: CellValue) -> dict[str, Any] | None:
    """The notation of :func:`encode_source` -> the fields of a SourceRef."""
    raw = text(value)
    if raw is None:
        return None
    raw = raw.strip()
    if raw == "-":
        return {}
    fields: dict[str, Any] = {}
    quote = re.search(r"(?:^|;\s*)(?:citaat|quote)\s(.*)$", raw, re.IGNORECASE | re.DOTALL)
    if quote:
        fields["quote"] = quote.group(1)
        raw = raw[: quote.start()]
    for part in (p.strip() for p in raw.split(";")):
        if not part:
            continue
        match = _SOURCE_PART.fullmatch(part)
        if not match:
            raise CellError(
                f"bron {part!r} niet begrepen; schrijf bijvoorbeeld 'dia 19', \"dia's 8, 10\", 'sectie 1.5.3', "
                "'pagina 4' of 'citaat …'",
                f"source {part!r} not understood; write e.g. 'dia 19' (slide), \"dia's 8, 10\" (slides), "
                "'sectie 1.5.3' (section), 'pagina 4' (page) or 'citaat …' (quote)",
            )
        kind, item = match["kind"].lower(), match["value"].strip()
        if kind == "document":
            fields["document"] = item
        elif kind == "sectie" or kind == "section":
            fields["section"] = item
        elif kind in ("dia", "slide", "pagina", "page"):
            fields["slide" if kind in ("dia", "slide") else "page"] = _whole(item, part)
        else:
            fields["slides"] = [_whole(n.strip(), part) for n in item.split(",")]
    return fields


def _whole(item: str, part: str) -> int:
    if not re.fullmatch(r"\d+", item):
        raise CellError(f"in bron {part!r}: {item!r} is geen nummer", f"in source {part!r}: {item!r} is not a number")
    return int(item)


def encode_sources(refs: Sequence[SourceRef]) -> str | None:
    return "\n".join(encode_source(r) or "-" for r in refs) if refs else None


def sources(value: CellValue) -> list[dict[str, Any]]:
    return [source(line) or {} for line in lines(value)]


# ---------------------------------------------------------------------------- parties with their roles


@dataclass
class PartyItem:
    """One party of a party cell, as typed: the name still to be resolved to an id."""

    name: str
    role: str | None = None
    note: str | None = None
    explicit: bool = False  # written with a role or note in brackets: a {party, role, note} in the file


def encode_parties(refs: Sequence[PartyRef]) -> str | None:
    """``iknl, nfk (ondersteunend: ter ondersteuning)``: ids, each with its role and note when it has them."""
    if not refs:
        return None
    out = []
    for ref in refs:
        if isinstance(ref, str):
            out.append(ref)
        else:
            role = ROLES[ref.role] if ref.role else ""
            note = f": {ref.note}" if ref.note is not None else ""
            out.append(f"{ref.party} ({role}{note})")
    return ", ".join(out)


def parties(value: CellValue) -> list[PartyItem]:
    raw = text(value)
    if raw is None:
        return []
    items, depth, current = [], 0, ""
    for char in raw:
        if char == "," and depth == 0:
            items.append(current)
            current = ""
            continue
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            raise CellError("een ')' te veel", "one ')' too many")
        current += char
    if depth:
        raise CellError("een '(' zonder ')'", "a '(' without ')'")
    items.append(current)
    return [_party_item(item.strip()) for item in items if item.strip()]


def _party_item(item: str) -> PartyItem:
    match = re.fullmatch(r"([^()]+?)\s*\((.*)\)", item, re.DOTALL)
    if not match:
        if "(" in item:
            raise CellError(
                f"{item!r}: schrijf de rol tussen haakjes achter de partij, zoals 'nfk (betrokken: toelichting)'",
                f"{item!r}: write the role in brackets after the party, like 'nfk (betrokken: note)'",
            )
        return PartyItem(item)
    party, inner = match.group(1).strip(), match.group(2)
    role_word, _, note = inner.partition(":")
    role = choice(role_word, ROLES) if role_word.strip() else None
    return PartyItem(party, role, note.strip() if _ else None, explicit=True)


def party_ref(item: PartyItem, party_id: str) -> str | dict[str, Any]:
    """The curated form of a resolved party item: a plain id, or {party, role, note}."""
    if not item.explicit:
        return party_id
    ref: dict[str, Any] = {"party": party_id}
    if item.role:
        ref["role"] = item.role
    if item.note is not None:
        ref["note"] = item.note
    return ref


def party_role(ref: PartyRef) -> PartyRole:
    return PartyRole(party=ref) if isinstance(ref, str) else ref


# ---------------------------------------------------------------------------- names people type


@dataclass
class NameIndex:
    """Ids by what an editor may type for them (id, abbreviation, label), with "did you mean" for the rest."""

    what_nl: str  # "partij"
    what_en: str  # "party"
    ids: set[str] = field(default_factory=set)
    keys: dict[str, str] = field(default_factory=dict)  # folded name -> id
    shown: dict[str, str] = field(default_factory=dict)  # folded name -> the name as written

    def add(self, ident: str, *aliases: str | None) -> None:
        self.ids.add(ident)
        for alias in (*aliases, ident):  # an abbreviation is shown rather than the id it folds to
            if alias:
                self.keys.setdefault(fold(alias), ident)
                self.shown.setdefault(fold(alias), alias)

    def resolve(self, typed: str) -> str:
        if typed in self.ids:
            return typed
        key = fold(typed)
        if key in self.keys:
            return self.keys[key]
        hints = self.suggest(typed)
        raise CellError(
            f"onbekende {self.what_nl} {typed!r}{did_you_mean(hints, 'nl')}",
            f"unknown {self.what_en} {typed!r}{did_you_mean(hints, 'en')}",
            hints[0] if hints else None,
        )

    def suggest(self, typed: str) -> list[str]:
        """The closest known names (at most two, one per id), as written: an abbreviation reads better than an id."""
        found: dict[str, str] = {}
        for key in difflib.get_close_matches(fold(typed), list(self.keys), n=6, cutoff=0.6):
            found.setdefault(self.keys[key], self.shown[key])
        return list(found.values())[:2]
