"""Lines of a slide box into items: numbered ("1. …"), bulleted ("- …", "• …") or plain.

A slide wraps its text at the width of the box, and the export adds blank lines between some
wrapped lines, so an item runs on until the next item starts; its lines are joined with one
space, except after a hyphen that ends a line inside a word ("ECZA-" + "klankbordgroep"). A
hyphen the export left a space after ("SWP- " + "beoordeling") was followed by a space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nkc_kg.loaders.draft.pages import Line

NUMBERED = re.compile(r"^(?P<n>\d{1,2})\s*[.:]\s+(?P<text>\S.*)$")
BULLETED = re.compile(r"^[-•▪*]\s+(?P<text>\S.*)$")


@dataclass
class Item:
    lines: list[Line] = field(default_factory=list)
    number: int | None = None  # "1." items
    bullet: bool = False

    @property
    def line(self) -> int:
        return self.lines[0].number if self.lines else 0

    @property
    def text(self) -> str:
        first, *rest = [ln.text.lstrip() for ln in self.lines if ln.stripped]
        m = NUMBERED.match(first) if self.number is not None else BULLETED.match(first) if self.bullet else None
        return join_lines([m["text"] if m else first, *rest])


def join_lines(parts: list[str]) -> str:
    """Join wrapped lines as written: a trailing space tells "SWP- beoordeling" from "ECZA-klankbordgroep"."""
    out = ""
    for part in parts:
        piece = part.lstrip()
        if not piece.strip():
            continue
        if out and not re.search(r"\w-$", out):
            out = out.rstrip() + " "
        out += piece
    return re.sub(r"\s+", " ", out).strip()


def split_items(lines: list[Line], numbered: bool = True) -> list[Item]:
    """Items in the order written; text before the first item start is an item of its own."""
    items: list[Item] = []
    for line in lines:
        text = line.stripped
        if not text:
            continue
        m = NUMBERED.match(text) if numbered else None
        if m:
            items.append(Item([line], number=int(m["n"])))
        elif BULLETED.match(text):
            items.append(Item([line], bullet=True))
        elif items:
            items[-1].lines.append(line)
        else:
            items.append(Item([line]))
    return items
