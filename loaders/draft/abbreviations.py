"""The list of abbreviations: "• CieBOM = Commissie ter Beoordeling van Oncologische Middelen"."""

from __future__ import annotations

import re

from nkc_kg.loaders.curated import records as r
from nkc_kg.loaders.draft.items import split_items
from nkc_kg.loaders.draft.pages import Line, Page
from nkc_kg.loaders.draft.parties import NameIndex
from nkc_kg.loaders.draft.report import Finding, finding
from nkc_kg.loaders.names import fold

ENTRY = re.compile(r"^(?P<abbr>\S.*?)\s+=\s+(?P<expansion>\S.*)$")
NOTE = re.compile(r"^(?P<expansion>.*\S)\s*\((?P<note>[^()]*)\)$")
FRAME = re.compile(r"^(?:0\d\.|[^a-z]*[A-Z][^a-z]*)$")  # section marks and the slide's upper-case title


def is_abbreviation_list(page: Page) -> bool:
    texts = page.texts()
    return bool(texts) and fold(texts[0]) == "afkortingen"


def draft_abbreviations(page: Page, index: NameIndex) -> tuple[list[r.Abbreviation], list[Finding]]:
    lines = [ln for ln in page.lines[1:] if not FRAME.match(ln.stripped) or "=" in ln.stripped]
    out: list[r.Abbreviation] = []
    findings: list[Finding] = []
    seen: dict[str, int] = {}
    for item in split_items(_until_frame(lines), numbered=False):
        m = ENTRY.match(item.text)
        if not m:
            findings.append(finding("abbreviation-not-read", item.line, page.slide, "afkortingen", item.text))
            continue
        abbr, expansion, note = m["abbr"], m["expansion"], None
        paren = NOTE.match(expansion)
        if paren and not expansion.startswith("("):
            expansion, note = paren["expansion"], paren["note"]
        if abbr in seen:
            findings.append(finding("abbreviation-twice", item.line, page.slide, "afkortingen", item.text, abbr=abbr))
            continue
        seen[abbr] = item.line
        denotes = index.party(abbr) or index.initiative(abbr)
        out.append(
            r.Abbreviation(
                abbr=abbr, expansion=expansion, note=note, denotes=denotes, source=r.SourceRef(slide=page.slide)
            )
        )
    return out, findings


def _until_frame(lines: list[Line]) -> list[Line]:
    """The entries; the slide's frame (upper-case title, section mark) after them is no part of the last one."""
    out = list(lines)
    while out and (not out[-1].stripped or FRAME.match(out[-1].stripped)):
        out.pop()
    return out
