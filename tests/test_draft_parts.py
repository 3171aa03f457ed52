"""The parts of `nkc-kg draft` on small made-up plan texts: what they read and what they report."""

from __future__ import annotations

from pathlib import Path

import pytest
from nkc_kg.loaders.curated import records as r
from nkc_kg.loaders.curated.reader import read_curated, read_curated_file
from nkc_kg.loaders.draft.extract import Draft, draft_plan
from nkc_kg.loaders.draft.items import join_lines
from nkc_kg.loaders.draft.pages import read_deck
from nkc_kg.loaders.draft.parties import NameIndex, resolve_names
from nkc_kg.loaders.paths import DATA_DIR, curated_data_paths
from nkc_kg.service.cli import main

# A made-up plan in the layout of the exported decks: a page starts with one space; "9" alone,
# then a blank line, is the printed number of the page it ends.
PLAN = """ Activiteiten 2026
Activiteiten
Wat we gaan doen in 2026
1. Testen van de drafter met een

kaart
2. Een activiteit zonder kaart
9


SMART
Wie doet het?
1. IKNL
2. Stichting Nergens & NFK
3. KWF
Wie moeten we betrekken?
- DRCP werkgroepen organisatie van zorg en wetenschap
- VIG (ntb)
Wat gaan we doen?
1. Eerste stap met een ECZA-
klankbordgroep – (Q1
2026).
2. Tweede stap – (Q5 2026).
3. Derde stap zonder tijd
Welke andere initiatieven lopen er op dit onderwerp?
- DRUP
Wat is het beoogde resultaat?
1. Een resultaat.
Activiteit 1. Testen van de drafter met een kaart
05. Draagt bij aan subdoel 2: iets
 SMART
Wie doet het?
- NFK (initiatiefnemer)
Wie moeten we betrekken?
• KWF
Wat gaan we doen?
- Q1-Q2 2026: Een stap
- met een deelpunt
- Q3 2026 | Nog een stap
Welke andere initiatieven lopen er op dit onderwerp?
Wat is het beoogde resultaat?
- Iets bereikt
Activiteit 3 Een kaart die niet op de lijst staat
05.
Draagt bij aan doel 1
 Wie werken er mee?
• Anke Hövels    KWF*
• Jan Modelpersoon    Onbekende Organisatie
VERSNELLINGS-
TEAM
06.
 Afkortingen
• XYZ = Xylofoon Yoga Zaken (een noot)
• zomaar een regel
GEBRUIKTE
AFKORTINGEN
"""


@pytest.fixture(scope="module")
def index() -> NameIndex:
    result = read_curated(curated_data_paths())
    assert not result.errors
    return NameIndex.from_records([cf.record for cf in result.files])


@pytest.fixture(scope="module")
def draft(index: NameIndex) -> Draft:
    return draft_plan(PLAN, "actieplan-test-2026", "test-2026", index, known_document=False)


def codes(draft: Draft, slide: int | None = None) -> list[str]:
    return [f.code for f in draft.findings if slide is None or f.slide == slide]


def test_pages_and_slide_numbers_from_the_printed_page_number() -> None:
    deck = read_deck(PLAN)
    assert [p.slide for p in deck.pages] == [9, 10, 11, 12, 13]
    assert deck.offset == 8 and deck.printed == (1, 9) and deck.offset_conflicts == []
    assert [p.slide for p in read_deck(PLAN, first_slide=3).pages][:2] == [3, 4]
    assert read_deck(" Een pagina\n Nog een\n").offset_from == "assumed"


def test_wrapped_lines_join_as_written() -> None:
    assert join_lines(["per EURACAN-", "domein"]) == "per EURACAN-domein"
    assert join_lines(["traject rond SWP- ", "", "beoordeling en"]) == "traject rond SWP- beoordeling en"
    assert join_lines(["Q1 ", "& Q2 2025"]) == "Q1 & Q2 2025"


def test_names_resolve_with_the_patterns_of_the_plans(index: NameIndex) -> None:
    names = resolve_names("DRCP werkgroepen organisatie van zorg en wetenschap en NFK", index)
    assert names.ids() == ["drcp-wg-organisatie-van-zorg", "drcp-wg-wetenschap", "nfk"]
    names = resolve_names(
        "DRCP, NFK in de lead & public affairs & communicatie specialist NKC ter ondersteuning", index
    )
    assert names.refs() == [
        "drcp",
        "nfk",
        r.PartyRole(party="public-affairs-specialist-nkc", role="support", note="ter ondersteuning"),
        r.PartyRole(party="communicatie-specialist-nkc", role="support", note="ter ondersteuning"),
    ]
    names = resolve_names("IKNL | Iddo de Ruiter (ntb)", index)
    assert names.ids() == ["iknl", "iddo-de-ruiter"] and names.placeholders == ["(ntb)"]
    names = resolve_names("KWF (initiatiefnemer)", index)
    assert names.refs() == [r.PartyRole(party="kwf", role="initiator", note="KWF (initiatiefnemer)")]
    names = resolve_names("Stichting Nergens & Radboud umc", index)
    assert names.ids() == ["radboudumc"]
    assert [u.written for u in names.unresolved] == ["Stichting Nergens"]


def test_a_numbered_card(draft: Draft) -> None:
    act = draft.activities[0]
    assert (act.number, act.title, act.card_title, act.subgoals) == (
        1,
        "Testen van de drafter met een kaart",
        None,
        [2],
    )
    assert act.source.slide == 10 and act.list_source == r.SourceRef(slide=9)
    assert [(s.number, s.text, s.timeframe) for s in act.steps] == [
        (1, "Eerste stap met een ECZA-klankbordgroep", "Q1 2026"),
        (2, "Tweede stap", None),
        (3, "Derde stap zonder tijd", None),
    ]
    assert [s.lead for s in act.steps] == [["iknl"], ["nfk"], ["kwf"]]
    assert act.steps[1].lead_text == "Stichting Nergens & NFK"
    assert act.involved == ["drcp-wg-organisatie-van-zorg", "drcp-wg-wetenschap", "vig"]
    assert act.initiatives == [r.InitiativeMention(text="DRUP", initiatives=["drup"])]
    assert sorted(codes(draft, 10)) == ["bad-timeframe", "no-party", "no-timeframe", "placeholder"]
    bad = next(f for f in draft.findings if f.code == "bad-timeframe")
    assert bad.line == PLAN.splitlines().index("2. Tweede stap – (Q5 2026).") + 1


def test_a_bulleted_card(draft: Draft) -> None:
    act = draft.activities[1]
    assert (act.number, act.title, act.subgoals, act.list_source) == (
        3,
        "Een kaart die niet op de lijst staat",
        [1],
        None,
    )
    assert [(s.number, s.text, s.timeframe, s.lead) for s in act.steps] == [
        (1, "Een stap\n- met een deelpunt", "Q1-Q2 2026", ["nfk"]),
        (2, "Nog een stap", "Q3 2026", ["nfk"]),
    ]
    assert act.parties == [r.PartyRole(party="nfk", role="initiator", note="NFK (initiatiefnemer)")]
    # unnumbered: the aim of the whole activity (issue 16)
    assert act.results == [r.IntendedResult(number=1, text="Iets bereikt", steps=[])]
    assert sorted(codes(draft, 11)) == [
        "empty-box",
        "goal-as-subgoal",
        "not-in-list",
        "results-unnumbered",
        "sub-points",
    ]


def test_team_and_abbreviations(draft: Draft) -> None:
    (team,) = draft.teams
    assert team.id == "versnellingsteam-test" and team.label == "Versnellingsteam"
    assert [(m.person, m.affiliations, m.former) for m in team.members] == [
        ("anke-hovels", ["kwf"], False),  # the slide does not say what '*' means
        ("jan-modelpersoon", [], False),
    ]
    assert [p.id for p in draft.parties] == ["jan-modelpersoon"]
    assert {"star-unexplained", "new-person", "no-party"} <= set(codes(draft, 12))
    assert draft.abbreviations == [
        r.Abbreviation(abbr="XYZ", expansion="Xylofoon Yoga Zaken", note="een noot", source=r.SourceRef(slide=13))
    ]
    assert codes(draft, 13) == ["abbreviation-not-read"]
    assert {"unknown-document", "plan-header", "slides-printed"} <= set(codes(draft))


# ---------------------------------------------------------------------- the command


def test_the_command_writes_files_that_read_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], index: NameIndex
) -> None:
    text = tmp_path / "plan.txt"
    text.write_text(PLAN, encoding="utf-8")
    out = tmp_path / "draft"
    assert main(["draft", str(text), "-o", str(out), "--document", "actieplan-test-2026", "--plan", "test-2026"]) == 0
    printed = capsys.readouterr().out
    assert "NIET GEPLAATST / not placed: " in printed and f"{text.name}:" in printed
    files = sorted(out.glob("*.yaml"))
    assert [p.name for p in files] == ["test-2026-activiteiten.yaml", "test-2026.yaml"]
    cards, rest = (read_curated_file(p).record for p in files)
    assert isinstance(cards, r.PlanFile) and isinstance(rest, r.PlanFile)
    known = set(index.labels) | {p.id for p in rest.parties}
    used = {ref if isinstance(ref, str) else ref.party for a in cards.activities for ref in a.involved + a.parties}
    used |= {ref if isinstance(ref, str) else ref.party for a in cards.activities for s in a.steps for ref in s.lead}
    used |= {m.person for t in rest.teams for m in t.members} | {
        p for t in rest.teams for m in t.members for p in m.affiliations
    }
    assert used and used <= known


def test_the_command_refuses_to_overwrite_or_to_write_into_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "plan.txt"
    text.write_text(PLAN, encoding="utf-8")
    ids = ["--document", "actieplan-test-2026", "--plan", "test-2026"]
    assert main(["draft", str(text), "-o", str(DATA_DIR), *ids]) == 2
    assert "refusing to write into" in capsys.readouterr().err
    assert main(["draft", str(text), "-o", str(tmp_path / "d"), *ids]) == 0
    before = (tmp_path / "d" / "test-2026.yaml").read_text()
    assert main(["draft", str(text), "-o", str(tmp_path / "d"), *ids]) == 2
    assert "would overwrite" in capsys.readouterr().err
    assert (tmp_path / "d" / "test-2026.yaml").read_text() == before
    assert main(["draft", str(text), "-o", str(tmp_path / "d"), *ids, "--force"]) == 0


def test_the_command_explains_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["draft", str(tmp_path / "missing.txt")]) == 2
    assert "no such file" in capsys.readouterr().err
    text = tmp_path / "plan.txt"
    text.write_text(PLAN, encoding="utf-8")
    assert main(["draft", str(text), "-o", str(tmp_path / "d")]) == 2
    assert "give --document and --plan" in capsys.readouterr().err
    assert main(["draft", str(text), "-o", str(tmp_path / "d"), "--document", "X Y", "--plan", "p"]) == 2
    assert "ids are lowercase words" in capsys.readouterr().err
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes(b"regel\nPati\xebnt\n")
    assert main(["draft", str(latin1), "--document", "d", "--plan", "p", "-o", str(tmp_path / "e")]) == 2
    assert "latin1.txt:2: not UTF-8 text" in capsys.readouterr().err
