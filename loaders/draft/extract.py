"""Draft the curated data of one plan from its text: the orchestration of the parts."""

from __future__ import annotations

from dataclasses import dataclass, field

from nkc_kg.loaders.curated import records as r
from nkc_kg.loaders.draft.abbreviations import draft_abbreviations, is_abbreviation_list
from nkc_kg.loaders.draft.cards import CardDrafter, DraftedCard, is_card
from nkc_kg.loaders.draft.list_items import ListItem, is_activity_list, list_items
from nkc_kg.loaders.draft.pages import Deck, read_deck
from nkc_kg.loaders.draft.parties import NameIndex
from nkc_kg.loaders.draft.report import Finding, finding
from nkc_kg.loaders.draft.team import TeamDrafter, is_team


@dataclass
class Draft:
    document: str
    plan: str
    deck: Deck
    cards: list[DraftedCard] = field(default_factory=list)
    teams: list[r.Team] = field(default_factory=list)
    abbreviations: list[r.Abbreviation] = field(default_factory=list)
    parties: list[r.Party] = field(default_factory=list)  # people of the team the data does not know yet
    findings: list[Finding] = field(default_factory=list)

    @property
    def activities(self) -> list[r.Activity]:
        return [c.activity for c in self.cards]

    def not_placed(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "not-placed"]

    def to_check(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "check"]


def draft_plan(
    text: str, document: str, plan: str, index: NameIndex, first_slide: int | None = None, known_document: bool = True
) -> Draft:
    deck = read_deck(text, first_slide)
    draft = Draft(document, plan, deck)
    note = draft.findings.append
    if deck.printed:
        text_page, number = deck.printed
        note(finding("slides-printed", 0, None, "", "", "check", offset=deck.offset, page=text_page, number=number))
    else:
        note(finding(f"slides-{deck.offset_from}", 0, None, "", severity="check", offset=deck.offset))
    for text_page, number in deck.offset_conflicts:
        note(finding("slides-conflict", 0, None, "", page=text_page, number=number, expected=text_page + deck.offset))
    note(finding("plan-header", 0, None, "", severity="check"))
    if not known_document:
        note(finding("unknown-document", 0, None, "", severity="check", document=document))

    list_page = next((p for p in deck.pages if is_activity_list(p)), None)
    items: list[ListItem] | None = list_items(list_page) if list_page else None
    if list_page is None and any(is_card(p) for p in deck.pages):
        note(finding("no-list", 0, None, "", severity="check"))
    seen: dict[int, int] = {}
    for page in deck.pages:
        if not page.texts() or page is list_page:
            continue
        if is_card(page):
            drafter = CardDrafter(page, index, items, list_page.slide if list_page else None)
            card = drafter.draft()
            draft.findings += drafter.findings
            if card is None:
                continue
            if card.number in seen:
                note(finding("card-number-twice", card.line, page.slide, "", n=card.number, other=seen[card.number]))
                continue
            seen[card.number] = page.slide
            draft.cards.append(card)
        elif is_team(page):
            team_drafter = TeamDrafter(page, index, plan)
            team = team_drafter.draft()
            draft.findings += team_drafter.findings
            draft.parties += team_drafter.new_people
            if team:
                draft.teams.append(team)
        elif is_abbreviation_list(page):
            abbreviations, found = draft_abbreviations(page, index)
            draft.abbreviations += abbreviations
            draft.findings += found
        else:
            first = page.texts()[0]
            kind = first if len(first) <= 40 else first[:40] + "…"
            note(finding("slide-not-drafted", page.first_line, page.slide, "", severity="check", kind=kind))
    _repeated_cards(draft)
    draft.cards.sort(key=lambda c: c.number)
    return draft


def _repeated_cards(draft: Draft) -> None:
    """A card whose steps are those of an earlier card (the plans have one): worth a look.

    When one of the two is not on the list of activities, it is the copy: what it repeats (its steps,
    results, other initiatives and initiator) is drafted once, under the card on the list, so that no
    step counts twice; the copy keeps what only it says and is drafted as still being worked out."""
    first: dict[tuple[tuple[str, str | None], ...], DraftedCard] = {}
    for card in draft.cards:
        steps = tuple((s.text, s.timeframe) for s in card.activity.steps)
        if steps in first:
            other = first[steps]
            where = f"activiteit {card.number}"
            repeat = finding(
                "card-repeats", card.line, card.slide, where, severity="check", n=other.number, other_slide=other.slide
            )
            draft.findings.append(repeat)
            listed = [c for c in (other, card) if c.activity.list_source is not None]
            if len(listed) == 1:
                copy = card if listed[0] is other else other
                _leave_out_repeated(draft, copy, listed[0])
        elif steps:
            first[steps] = card


def _leave_out_repeated(draft: Draft, copy: DraftedCard, original: DraftedCard) -> None:
    update = {"status": "in-development", "steps": [], "results": [], "initiatives": [], "parties": []}
    copy.activity = copy.activity.model_copy(update=update)
    where = f"activiteit {copy.number}"
    draft.findings.append(
        finding(
            "repeat-left-out",
            copy.line,
            copy.slide,
            where,
            severity="check",
            n=original.number,
            other_slide=original.slide,
        )
    )


def is_known_document(records: list[r.PlanFile | r.DocumentFile | r.ReferenceFile], document: str) -> bool:
    return any(isinstance(rec, r.ReferenceFile) and any(d.id == document for d in rec.documents) for rec in records)


def document_of_seed(records: list[r.PlanFile | r.DocumentFile | r.ReferenceFile], name: str) -> str | None:
    """The id of the source document whose text file is ``name`` (data/sources.yaml)."""
    for rec in records:
        if isinstance(rec, r.ReferenceFile):
            for doc in rec.documents:
                if doc.seed == name:
                    return doc.id
    return None


def plans_of_document(records: list[r.PlanFile | r.DocumentFile | r.ReferenceFile], document: str) -> list[str]:
    """The plans the document states itself (not those it only reports on)."""
    return [
        rec.plan.id
        for rec in records
        if isinstance(rec, r.PlanFile)
        and rec.document == document
        and isinstance(rec.plan, r.PlanHeader)
        and rec.plan.described_by is None
    ]
