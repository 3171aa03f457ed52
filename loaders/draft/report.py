"""What the drafter could not place (or wants checked), with the place in the text file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# code -> (Dutch, English); {fields} are filled from Finding.args.
MESSAGES: dict[str, tuple[str, str]] = {
    "slide-not-drafted": (
        "dia niet overgenomen ({kind}): geen vaste structuur",
        "slide not drafted ({kind}): no regular structure",
    ),
    "line-not-placed": ("regel niet geplaatst", "line not placed"),
    "no-party": ("geen partij met deze naam", "no party has this name"),
    "sentence": ("een zin, geen naam", "a sentence, not a name"),
    "initiative-not-party": ("een initiatief ({id}), geen partij", "an initiative ({id}), not a party"),
    "bracket-remark": ("opmerking tussen haakjes, geen naam", "remark in brackets, not a name"),
    "placeholder": ("nog in te vullen volgens de bron", "still to be filled in, says the source"),
    "lead-without-step": (
        "de kaart heeft geen stap {n}; dit punt is aan geen stap toegewezen",
        "the card has no step {n}; this item is assigned to no step",
    ),
    "step-without-lead": (
        "'Wie doet het?' heeft geen punt {n}; stap zonder trekker",
        "'Who does it?' has no item {n}; step without lead",
    ),
    "leads-unnumbered": (
        "meerdere ongenummerde punten: niet gezegd welke stap elk trekt",
        "several unnumbered items: which step each leads is not stated",
    ),
    "no-timeframe": ("stap zonder tijdsaanduiding", "step without a timeframe"),
    "bad-timeframe": (
        "tijdsaanduiding niet te lezen ({error}); weggelaten",
        "timeframe not readable ({error}); left out",
    ),
    "no-card-number": ("kaart zonder 'Activiteit N': niet overgenomen", "card without 'Activiteit N': not drafted"),
    "card-number-twice": (
        "activiteit {n} heeft al een kaart (dia {other}): niet overgenomen",
        "activity {n} already has a card (slide {other}): not drafted",
    ),
    "card-repeats": (
        "de stappen zijn dezelfde als die van activiteit {n} (dia {other_slide})",
        "the steps are those of activity {n} (slide {other_slide})",
    ),
    "repeat-left-out": (
        "de kaart herhaalt activiteit {n} (dia {other_slide}) en staat niet in de lijst: haar stappen, resultaten en "
        "initiatieven staan alleen bij activiteit {n}; deze activiteit is in uitwerking",
        "the card repeats activity {n} (slide {other_slide}) and is not on the list: its steps, results and "
        "initiatives are drafted under activity {n} only; this activity is in development",
    ),
    "no-subgoal": ("geen 'Draagt bij aan subdoel …' op de kaart", "no 'Draagt bij aan subdoel …' on the card"),
    "goal-as-subgoal": (
        "de kaart zegt 'doel {n}'; gelezen als subdoel {n}",
        "the card says 'doel {n}' (goal); read as subgoal {n}",
    ),
    "not-in-list": (
        "activiteit {n} staat niet in de lijst van activiteiten (dia {list_slide}); titel van de kaart genomen",
        "activity {n} is not in the list of activities (slide {list_slide}); title taken from the card",
    ),
    "no-list": (
        "geen lijst van activiteiten gevonden; titels van de kaarten genomen",
        "no list of activities found; titles taken from the cards",
    ),
    "title-differs": (
        "de titel op de kaart wijkt af van de lijst (dia {list_slide}); beide overgenomen (title, card_title)",
        "the card title differs from the list (slide {list_slide}); both kept (title, card_title)",
    ),
    "empty-box": ("het vak '{box}' is leeg", "the box '{box}' is empty"),
    "results-unnumbered": (
        "beoogde resultaten zonder nummer: elk hoort bij de activiteit als geheel (steps: [])",
        "intended results without numbers: each belongs to the activity as a whole (steps: [])",
    ),
    "sub-points": (
        "punten zonder tijdsaanduiding vanaf hier: als deelpunten in de tekst van stap {n} gezet",
        "points without a timeframe from here on: kept as sub-points in the text of step {n}",
    ),
    "member-not-read": (
        "teamlid niet te lezen: naam en organisatie niet te scheiden",
        "team member not read: name and organisation cannot be told apart",
    ),
    "new-person": (
        "onbekende persoon: als nieuwe partij '{id}' opgesteld",
        "unknown person: drafted as a new party '{id}'",
    ),
    "person-id-taken": (
        "onbekende persoon, maar id '{id}' is al in gebruik: niet overgenomen",
        "unknown person, but id '{id}' is taken: not drafted",
    ),
    "star-unexplained": (
        "'*' zonder uitleg op de dia: 'former' niet gezet",
        "'*' not explained on the slide: 'former' not set",
    ),
    "contributors": (
        "voetnoot bewaard als tekst (contributors_text); partijen niet afgeleid",
        "footnote kept as text (contributors_text); parties not derived",
    ),
    "team-label": (
        "team-id en naam afgeleid van de kop '{heading}'; controleer",
        "team id and label derived from the heading '{heading}'; check them",
    ),
    "no-team-heading": (
        "geen kop voor het team gevonden; team niet overgenomen",
        "no heading for the team found; team not drafted",
    ),
    "abbreviation-not-read": ("geen 'AFKORTING = uitleg'", "no 'ABBREVIATION = expansion'"),
    "abbreviation-twice": (
        "afkorting '{abbr}' staat er twee keer; de eerste overgenomen",
        "abbreviation '{abbr}' is listed twice; the first is kept",
    ),
    "slides-printed": (
        "dia = tekstpagina + {offset}: tekstpagina {page} draagt paginanummer {number}",
        "slide = text page + {offset}: text page {page} is printed as page {number}",
    ),
    "slides-given": ("dia = tekstpagina + {offset} (--first-slide)", "slide = text page + {offset} (--first-slide)"),
    "slides-assumed": (
        "geen gedrukte paginanummers: tekstpagina 1 als dia 1 genomen; geef anders --first-slide",
        "no printed page numbers: text page 1 taken as slide 1; give --first-slide otherwise",
    ),
    "slides-conflict": (
        "tekstpagina {page} draagt paginanummer {number}, niet {expected}: dianummers twijfelachtig",
        "text page {page} is printed as page {number}, not {expected}: slide numbers doubtful",
    ),
    "plan-header": (
        "plankop (titel, jaar, versie, uitgever) niet opgesteld: de tekst heeft geen voorblad",
        "plan header (title, year, version, publisher) not drafted: the text has no cover",
    ),
    "unknown-document": (
        "document '{document}' staat niet in data/sources.yaml; voeg het toe voordat u valideert",
        "document '{document}' is not in data/sources.yaml; add it before validating",
    ),
}

Severity = Literal["not-placed", "check"]


@dataclass(frozen=True)
class Finding:
    code: str
    line: int  # in the text file; 0 = the whole file
    slide: int | None
    where: str  # e.g. "activiteit 15, Wie doet het?"
    text: str = ""  # the text concerned, verbatim
    severity: Severity = "not-placed"
    suggestions: tuple[str, ...] = ()
    args: tuple[tuple[str, str], ...] = ()

    def message(self, lang: str = "nl") -> str:
        nl, en = MESSAGES[self.code]
        return (nl if lang == "nl" else en).format(**dict(self.args))


def finding(
    code: str,
    line: int,
    slide: int | None,
    where: str,
    text: str = "",
    severity: Severity = "not-placed",
    suggestions: tuple[str, ...] | list[str] = (),
    **args: object,
) -> Finding:
    assert code in MESSAGES, code
    return Finding(
        code, line, slide, where, text, severity, tuple(suggestions), tuple((k, str(v)) for k, v in args.items())
    )


def format_findings(findings: list[Finding], file: str, lang: str = "nl") -> list[str]:
    """One entry per finding, as the validator writes them: file:line, the message, the other language."""
    lines = []
    other = "en" if lang == "nl" else "nl"
    slide_word = "dia" if lang == "nl" else "slide"
    for f in sorted(findings, key=lambda f: (f.line, f.code)):
        where = f"{file}:{f.line}" if f.line else file
        place = ", ".join(p for p in (f"{slide_word} {f.slide}" if f.slide else "", f.where) if p)
        quoted = f" {f.text!r}:" if f.text else ""
        lines.append(f"{where}:{f' {place}:' if place else ''}{quoted} {f.message(lang)}")
        lines.append(f"    ({other}) {f.message(other)}")
        if f.suggestions:
            lines.append(f"    {'bedoeld' if lang == 'nl' else 'did you mean'}: {'; '.join(f.suggestions)}?")
    return lines
