"""Split a plan exported as text into its slides.

The text export marks the first line of a new page with one leading space. A page that ends
with its printed page number (a line with only the number, then blank lines) has no such
mark: the next page starts at the next line with text. The first pages of a deck (the cover)
often have no text, so page N of the text is not slide N: the printed page numbers say how
far apart they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

PAGE_MARK = re.compile(r"^ (?! )")  # exactly one leading space: a new page
PRINTED_NUMBER = re.compile(r"^\d{1,3}$")


@dataclass(frozen=True)
class Line:
    number: int  # line in the text file, from 1
    text: str  # without the page mark and the line end

    @property
    def stripped(self) -> str:
        return self.text.strip()


@dataclass
class Page:
    index: int  # page of the text, from 1
    lines: list[Line] = field(default_factory=list)
    printed_number: int | None = None
    slide: int = 0  # set once the offset is known

    @property
    def first_line(self) -> int:
        return self.lines[0].number if self.lines else 0

    def texts(self) -> list[str]:
        return [line.stripped for line in self.lines if line.stripped]


@dataclass
class Deck:
    pages: list[Page]
    offset: int  # slide = page index + offset
    offset_from: Literal["printed", "given", "assumed"]  # how the offset was found
    printed: tuple[int, int] | None = None  # (text page, its printed number) that gave the offset
    offset_conflicts: list[tuple[int, int]] = field(default_factory=list)  # (text page, printed number)

    def offset_note(self) -> str:
        """How slides were numbered, for a comment in the draft."""
        if self.printed:
            page, number = self.printed
            return f"slide = text page + {self.offset} (text page {page} is printed as page {number})"
        if self.offset_from == "given":
            return f"slide = text page + {self.offset} (--first-slide)"
        return "slide = text page (no printed page numbers)"


def split_pages(text: str) -> list[Page]:
    raw = text.split("\n")
    pages: list[Page] = []
    current: Page | None = None
    pending_break = False
    for i, content in enumerate(raw, start=1):
        content = content.rstrip("\r")
        starts = current is None or bool(PAGE_MARK.match(content)) or (pending_break and content.strip() != "")
        if starts:
            current = Page(index=len(pages) + 1)
            pages.append(current)
            pending_break = False
            content = content[1:] if content.startswith(" ") and not content.startswith("  ") else content
        assert current is not None
        stripped = content.strip()
        if PRINTED_NUMBER.match(stripped) and _only_blank_follows(raw, i):
            current.printed_number = int(stripped)
            pending_break = True
            continue
        current.lines.append(Line(i, content))
    return pages


def _only_blank_follows(raw: list[str], i: int) -> bool:
    """A printed page number stands alone: the line after it (index i, 0-based) is blank."""
    return i < len(raw) and raw[i].strip() == ""


def read_deck(text: str, first_slide: int | None = None) -> Deck:
    """The pages with their slide numbers.

    ``first_slide`` states the slide of the first page; otherwise the printed page numbers give
    it, and without any the first page is taken to be slide 1 (and the report says so).
    """
    pages = split_pages(text)
    printed = [(p.index, p.printed_number) for p in pages if p.printed_number is not None]
    if first_slide is not None:
        deck = Deck(pages, first_slide - 1, "given")
    elif printed:
        first_page, number = printed[0]
        deck = Deck(pages, number - first_page, "printed", printed[0])
    else:
        deck = Deck(pages, 0, "assumed")
    deck.offset_conflicts = [(p, n) for p, n in printed if n != p + deck.offset]
    for page in pages:
        page.slide = page.index + deck.offset
    return deck
