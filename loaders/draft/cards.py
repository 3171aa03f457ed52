"""Activity cards: "Wie doet het?", "Wie moeten we betrekken?", "Wat gaan we doen?", other
initiatives, intended results, and the "Activiteit N. …" title with "Draagt bij aan subdoel …".

Two layouts occur. Numbered steps end with their timeframe in brackets ("… – (Q1 t/m Q3 2025).")
and "Wie doet het?" item N leads step N. Bulleted steps start with their timeframe ("- Q1 2025:
…", "• Q2-Q4 2025 | …"), bullets without one are sub-points of the step before, and a single
unnumbered "Wie doet het?" line leads every step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from nkc_kg.loaders.curated import records as r
from nkc_kg.loaders.curated.timeframes import TimeframeError, parse_timeframe
from nkc_kg.loaders.draft.items import Item, join_lines, split_items
from nkc_kg.loaders.draft.list_items import ListItem, match_title
from nkc_kg.loaders.draft.pages import Line, Page
from nkc_kg.loaders.draft.parties import NameIndex, NameList, resolve_names
from nkc_kg.loaders.draft.report import Finding, finding
from nkc_kg.loaders.names import fold

BOXES = {
    "wie doet het?": "lead",
    "wie moeten we betrekken?": "involved",
    "wat gaan we doen?": "steps",
    "welke andere initiatieven lopen er op dit onderwerp?": "initiatives",
    "wat is het beoogde resultaat?": "results",
}
BOX_TITLES = {v: k for k, v in BOXES.items()}
FRAME_WORDS = {"smart", "specifiek", "meetbaar", "acceptabel", "realistisch", "tijdsgebonden"}
TITLE_START = re.compile(r"^Activiteit\s+\d+")
TITLE = re.compile(
    r"^Activiteit\s+(?P<n>\d+)\s*[.:]?\s*(?P<title>.*?)\s*(?:(?<!\d)0\d\.)?\s*(?:Draagt bij aan\s*(?P<goal>.*))?$"
)
SUBGOALS = re.compile(r"^(?P<sub>sub)?doel(?:en)?\s*:?\s*(?P<nums>\d+(?:\s*(?:,|en|&)\s*\d+)*)")
TRAILING_TIMEFRAME = re.compile(r"^(?P<text>.*?)\s*(?P<dash>[–—-]\s*)?\((?P<tf>[^()]*)\)\s*\.?$")
LEADING_TIMEFRAME = re.compile(r"^(?P<tf>[^:|]{1,40}?)\s*[:|]\s+(?P<text>\S.*)$")


@dataclass
class Card:
    page: Page
    preamble: list[Line] = field(default_factory=list)
    boxes: dict[str, list[Line]] = field(default_factory=dict)
    headings: dict[str, int] = field(default_factory=dict)  # box -> line of its heading
    title: list[Line] = field(default_factory=list)


@dataclass
class DraftedCard:
    number: int
    slide: int
    line: int
    activity: r.Activity
    findings: list[Finding]


def is_card(page: Page) -> bool:
    texts = {fold(t) for t in page.texts()}
    return "wie doet het?" in texts and "wat gaan we doen?" in texts


def read_card(page: Page) -> Card:
    card = Card(page)
    box: str | None = None
    for line in page.lines:
        key = fold(line.stripped)
        if key in BOXES:
            box = BOXES[key]
            card.boxes.setdefault(box, [])
            card.headings[box] = line.number
        elif TITLE_START.match(line.stripped):
            box = "title"
            card.title.append(line)
        elif box == "title":
            card.title.append(line)
        elif box is not None:
            card.boxes[box].append(line)
        elif line.stripped and key not in FRAME_WORDS:
            card.preamble.append(line)
    return card


class CardDrafter:
    """Drafts one card; collects what it could not place."""

    def __init__(self, page: Page, index: NameIndex, list_items: list[ListItem] | None, list_slide: int | None):
        self.page = page
        self.index = index
        self.list_items = list_items
        self.list_slide = list_slide
        self.findings: list[Finding] = []
        self.where = "kaart"

    def note(self, code: str, line: int, text: str = "", **kw: object) -> None:
        self.findings.append(finding(code, line, self.page.slide, self.where, text, **kw))  # type: ignore[arg-type]

    def draft(self) -> DraftedCard | None:
        card = read_card(self.page)
        heading = join_lines([ln.text for ln in card.title])
        m = TITLE.match(heading)
        if not m:
            self.note("no-card-number", self.page.first_line)
            return None
        number = int(m["n"])
        self.where = f"activiteit {number}"
        title_line = card.title[0].number
        for line in card.preamble:
            self.note("line-not-placed", line.number, line.stripped)
        card_title = m["title"]
        subgoals = self.subgoals(m["goal"], title_line)
        title, card_title_differs, list_source = self.title(number, card_title, title_line)
        steps = self.steps(card)
        self.leads(card, steps)
        involved, involved_text = self.involved(card)
        parties = self.initiators(steps)
        activity = r.Activity(
            number=number,
            title=title,
            card_title=card_title if card_title_differs else None,
            subgoals=subgoals,
            source=r.SourceRef(slide=self.page.slide),
            list_source=r.SourceRef(slide=list_source) if list_source else None,
            involved=involved,
            involved_text=involved_text,
            parties=parties,
            steps=[s.record() for s in steps],
            results=self.results(card),
            initiatives=self.initiatives(card),
        )
        return DraftedCard(number, self.page.slide, title_line, activity, self.findings)

    # ------------------------------------------------------------------ title and subgoals
    def subgoals(self, goal: str | None, line: int) -> list[int] | Literal["all"]:
        if goal is None:
            self.note("no-subgoal", line)
            return []
        if fold(goal).startswith("alle subdoelen"):
            return "all"
        m = SUBGOALS.match(fold(goal))
        if not m:
            self.note("no-subgoal", line, goal)
            return []
        numbers = [int(n) for n in re.findall(r"\d+", m["nums"])]
        if not m["sub"]:
            self.note("goal-as-subgoal", line, goal, severity="check", n=numbers[0])
        return numbers

    def title(self, number: int, card_title: str, line: int) -> tuple[str, bool, int | None]:
        """The title as on the list of activities, whether the card words it differently, the list's slide."""
        if self.list_items is None:
            return card_title, False, None
        item = match_title(self.list_items, number, card_title)
        if item is None:
            self.note("not-in-list", line, card_title, n=number, list_slide=self.list_slide)
            return card_title, False, None
        differs = _squeeze(item.text) != _squeeze(card_title)
        if differs:
            self.note("title-differs", line, card_title, severity="check", list_slide=self.list_slide)
        return item.text, differs, self.list_slide

    # ------------------------------------------------------------------ steps and their leads
    def steps(self, card: Card) -> list[_Step]:
        items = split_items(card.boxes.get("steps", []))
        if not items:
            self.note("empty-box", card.headings.get("steps", self.page.first_line), box="Wat gaan we doen?")
            return []
        if any(item.number is not None for item in items):
            for item in items:
                if item.number is None:
                    self.note("line-not-placed", item.line, item.text)
            return [self.numbered_step(item) for item in items if item.number is not None]
        return self.bulleted_steps(items)

    def numbered_step(self, item: Item) -> _Step:
        assert item.number is not None
        m = TRAILING_TIMEFRAME.match(item.text)
        if m:
            readable = self.timeframe(m["tf"], item.line, quiet=not m["dash"])
            if readable or m["dash"]:
                return _Step(item.number, m["text"], readable, item.line)
        self.note("no-timeframe", item.line, item.text)
        return _Step(item.number, item.text, None, item.line)

    def bulleted_steps(self, items: list[Item]) -> list[_Step]:
        steps: list[_Step] = []
        with_time = [m for m in (LEADING_TIMEFRAME.match(i.text) for i in items) if m and self.readable(m["tf"])]
        for item in items:
            m = LEADING_TIMEFRAME.match(item.text)
            if m and self.readable(m["tf"]):
                steps.append(_Step(len(steps) + 1, m["text"], self.timeframe(m["tf"], item.line), item.line))
            elif with_time and steps:
                if "\n- " not in steps[-1].text:
                    self.note("sub-points", item.line, item.text, severity="check", n=steps[-1].number)
                steps[-1].text += "\n- " + item.text
            else:
                self.note("no-timeframe", item.line, item.text)
                steps.append(_Step(len(steps) + 1, item.text, None, item.line))
        return steps

    def readable(self, text: str) -> bool:
        try:
            parse_timeframe(text)
        except TimeframeError:
            return False
        return True

    def timeframe(self, text: str, line: int, quiet: bool = False) -> str | None:
        label = " ".join(text.split())
        try:
            parse_timeframe(label)
        except TimeframeError as exc:
            if not quiet:
                self.note("bad-timeframe", line, label, error=exc)
            return None
        return label

    def leads(self, card: Card, steps: list[_Step]) -> None:
        items = split_items(card.boxes.get("lead", []))
        heading = card.headings.get("lead", self.page.first_line)
        if not items:
            self.note("empty-box", heading, box="Wie doet het?")
            return
        numbers = {s.number for s in steps}
        if all(item.number is None for item in items):
            if len(items) > 1:
                for item in items:
                    self.note("leads-unnumbered", item.line, item.text)
                return
            names = self.names(items[0].text, items[0].line, "Wie doet het?")
            for step in steps:
                step.lead = names
            return
        by_number: dict[int, Item] = {}
        for item in items:
            if item.number is None or item.number not in numbers:
                self.note("lead-without-step", item.line, item.text, n=item.number)
            else:
                by_number[item.number] = item
        for step in steps:
            lead = by_number.get(step.number)
            if lead is None:
                self.note("step-without-lead", step.line, _short(step.text), n=step.number)
            else:
                step.lead = self.names(lead.text, lead.line, f"Wie doet het? {lead.number}")

    def initiators(self, steps: list[_Step]) -> list[r.PartyRef]:
        """X (initiatiefnemer): X leads the steps and is the initiator of the activity."""
        out: list[r.PartyRef] = []
        seen: set[str] = set()
        for step in steps:
            for item in step.lead.resolved if step.lead else []:
                if item.role == "initiator" and item.party not in seen:
                    seen.add(item.party)
                    out.append(r.PartyRole(party=item.party, role="initiator", note=item.note))
        return out

    # ------------------------------------------------------------------ the other boxes
    def involved(self, card: Card) -> tuple[list[r.PartyRef], list[str]]:
        items = split_items(card.boxes.get("involved", []), numbered=False)
        if not items:
            self.note("empty-box", card.headings.get("involved", self.page.first_line), box="Wie moeten we betrekken?")
        refs: list[r.PartyRef] = []
        for item in items:
            for pid in self.names(item.text, item.line, "Wie moeten we betrekken?").ids():
                if pid not in refs:
                    refs.append(pid)
        return refs, [item.text for item in items]

    def results(self, card: Card) -> list[r.IntendedResult]:
        items = split_items(card.boxes.get("results", []))
        if not items:
            self.note(
                "empty-box", card.headings.get("results", self.page.first_line), box="Wat is het beoogde resultaat?"
            )
            return []
        if all(item.number is not None for item in items):
            return [r.IntendedResult(number=item.number, text=item.text) for item in items if item.number]
        self.note("results-unnumbered", items[0].line, severity="check")
        # no numbers: the results name no step, they are the aim of the activity as a whole
        return [r.IntendedResult(number=i, text=item.text, steps=[]) for i, item in enumerate(items, 1)]

    def initiatives(self, card: Card) -> list[r.InitiativeMention]:
        items = split_items(card.boxes.get("initiatives", []), numbered=False)
        if not items:
            heading = card.headings.get("initiatives", self.page.first_line)
            self.note(
                "empty-box", heading, box="Welke andere initiatieven lopen er op dit onderwerp?", severity="check"
            )
        out = []
        for item in items:
            initiative = self.index.initiative(item.text)
            party = self.index.party(item.text)
            out.append(
                r.InitiativeMention(
                    text=item.text, initiatives=[initiative] if initiative else [], parties=[party] if party else []
                )
            )
        return out

    def names(self, text: str, line: int, box: str) -> NameList:
        names = resolve_names(text, self.index)
        where = f"{self.where}, {box}"
        for placeholder in names.placeholders:
            self.findings.append(finding("placeholder", line, self.page.slide, where, placeholder, severity="check"))
        for miss in names.unresolved:
            initiative = self.index.initiative(miss.written)
            code = (
                "initiative-not-party"
                if initiative
                else "sentence"
                if miss.why.startswith("a sentence")
                else "bracket-remark"
                if miss.why.startswith("remark")
                else "no-party"
            )
            if initiative:  # the name is known, as an initiative: no party to suggest
                self.findings.append(finding(code, line, self.page.slide, where, miss.written, id=initiative))
            else:
                self.findings.append(
                    finding(code, line, self.page.slide, where, miss.written, suggestions=miss.suggestions)
                )
        return names


@dataclass
class _Step:
    number: int
    text: str
    timeframe: str | None
    line: int
    lead: NameList | None = None

    def record(self) -> r.Step:
        lead: list[r.PartyRef] = []
        if self.lead:
            for ref in self.lead.refs():
                # the initiator role is the activity's; as a step's lead the party simply leads
                lead.append(ref.party if isinstance(ref, r.PartyRole) and ref.role == "initiator" else ref)
        return r.Step(
            number=self.number,
            text=self.text,
            timeframe=self.timeframe,
            lead=lead,
            lead_text=self.lead.text if self.lead else None,
        )


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()
