"""The list of the year's activities ("Activiteiten 2025 / Wat we gaan doen in 2025").

The list has two columns, activities and the subgoals they serve, and the export interleaves
them: "1. Stimuleren van het goede gesprek 1. Optimale afstemming …" is activity 1 and subgoal 1
on one line. Items are split at every number that starts an item, also inside a line; which
item is which activity is decided against the cards (see ``match_title``).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from nkc_kg.loaders.draft.items import join_lines
from nkc_kg.loaders.draft.pages import Page
from nkc_kg.loaders.names import fold

LIST_HEADING = re.compile(r"^wat we gaan doen in (\d{4})$")
ITEM_START = re.compile(r"(?<=\S)\s+(?=\d{1,2}[.:]\s+[A-Z])")
ITEM = re.compile(r"^(?P<n>\d{1,2})[.:]\s+(?P<text>\S.*)$")
SECTION_MARK = re.compile(r"^0\d\.$")
COLUMN_WORDS = {"aan alle subdoelen", "activiteiten", "subdoel", "waaraan dit bijdraagt"}


@dataclass(frozen=True)
class ListItem:
    number: int
    text: str
    line: int


def is_activity_list(page: Page) -> bool:
    return any(LIST_HEADING.match(fold(t)) for t in page.texts())


def _ends_item(text: str) -> bool:
    """Lines of the slide's frame and column headings, which end the item before them."""
    folded = fold(text)
    return (
        bool(SECTION_MARK.match(text))
        or folded in COLUMN_WORDS
        or bool(LIST_HEADING.match(folded))
        or (text.upper() == text and any(c.isalpha() for c in text))
    )


def list_items(page: Page) -> list[ListItem]:
    items: list[tuple[int, int, list[str]]] = []  # number, line, texts
    open_item = False
    for line in page.lines:
        for chunk in ITEM_START.split(line.stripped):
            if not chunk:
                continue
            m = ITEM.match(chunk)
            if m:
                items.append((int(m["n"]), line.number, [m["text"]]))
                open_item = True
            elif _ends_item(chunk):
                open_item = False
            elif open_item:
                items[-1][2].append(chunk)
    return [ListItem(n, join_lines(texts), ln) for n, ln, texts in items]


def match_title(items: list[ListItem], number: int, card_title: str) -> ListItem | None:
    """The list item of activity ``number``: numbered so, and worded like the card (not a subgoal)."""
    card = fold(card_title)
    best: tuple[float, ListItem] | None = None
    for item in items:
        if item.number != number:
            continue
        text = fold(item.text)
        same_start = text.split()[:3] == card.split()[:3]
        ratio = difflib.SequenceMatcher(None, text, card).ratio()
        if same_start or ratio >= 0.8:
            score = ratio + (1 if same_start else 0)
            if best is None or score > best[0]:
                best = (score, item)
    return best[1] if best else None
