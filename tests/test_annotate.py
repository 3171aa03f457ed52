"""The annotator (service/annotate.py) on the real graph and the texts of the source documents.

Expected occurrences are computed here with a plain regex over the seeds, independently of the
annotator's own matching, and compared.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from nkc_kg.loaders.iris import Iris
from nkc_kg.loaders.paths import DATA_DIR
from nkc_kg.service.annotate.annotator import KIND_ABBREVIATION, KIND_PARTY, Annotator, Match
from nkc_kg.service.store.embedded import EmbeddedStore
from rdflib import Literal, URIRef


@pytest.fixture(scope="module")
def annotator(store: EmbeddedStore, iris: Iris) -> Annotator:
    return Annotator.build(store, iris)


def listed_abbreviations() -> set[str]:
    """Every abbreviation a source document defines in its own list (data/*.yaml except the curators' sheet)."""
    keys: set[str] = set()
    for path in DATA_DIR.glob("*.yaml"):
        if path.name == "reference.yaml":
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        keys |= {str(entry["abbr"]) for entry in data.get("abbreviations") or []}
    return keys


def as_word(key: str, plural: bool = False) -> re.Pattern[str]:
    """The key as a whole word: not preceded or followed by a letter or digit (a space may be any whitespace)."""
    body = r"\s+".join(re.escape(part) for part in key.split())
    return re.compile(r"(?<!\w)" + body + (r"(?=s?(?!\w))" if plural else r"(?!\w)"))


def spans(matches: list[Match]) -> list[tuple[int, int, str]]:
    return [(m.start, m.end, m.text) for m in matches]


def test_the_plans_list_their_abbreviations() -> None:
    keys = listed_abbreviations()
    assert {"CieOOM", "ZIN", "IKNL", "(O)DAP", "KWF Kankerbestrijding", "NZa"} <= keys
    assert len(keys) == 43


def test_every_listed_abbreviation_is_found_wherever_it_occurs_as_a_word(annotator: Annotator, seeds: Path) -> None:
    keys = listed_abbreviations()
    found_exactly = found_inside_longer = 0
    for seed in sorted(seeds.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        matches = annotator.annotate(text)
        at = {(m.start, m.end): m for m in matches}
        for key in sorted(keys):
            for occurrence in as_word(key).finditer(text):
                start, end = occurrence.span()
                match = at.get((start, end))
                if match is not None:
                    assert match.kind == KIND_ABBREVIATION, (seed.name, key, start)
                    assert any(c.kind == KIND_ABBREVIATION for c in match.candidates), (seed.name, key)
                    found_exactly += 1
                    continue
                # the longest match wins: 'Amsterdam UMC' rather than 'UMC', 'DRCP werkgroep wetenschap' rather than 'DRCP'
                longer = [m for m in matches if m.start <= start and end <= m.end and m.end - m.start > end - start]
                assert longer, f"{seed.name}: {key!r} at {start} not found: {text[max(0, start - 30) : end + 30]!r}"
                found_inside_longer += 1
        # and no listed abbreviation is annotated where it is not a word (an 's' after a capital makes a plural)
        for match in matches:
            if match.text in keys:
                assert any(o.start() == match.start for o in as_word(match.text, plural=True).finditer(text)), match
    assert found_exactly > 350
    assert found_inside_longer < found_exactly / 4


def test_offsets_are_code_points_into_the_text_as_given(annotator: Annotator, seeds: Path) -> None:
    text = (seeds / "000_06674551e0d8bb76.txt").read_text(encoding="utf-8")
    matches = annotator.annotate(text)
    assert matches
    for match in matches:
        assert text[match.start : match.end] == match.text
    previous_end = 0
    for match in matches:
        assert match.start >= previous_end, "spans never overlap"
        previous_end = match.end
    astral = "😀 é\u0301 IKNL"  # an emoji (two UTF-16 units, one code point) and a combining accent
    assert spans(annotator.annotate(astral)) == [(5, 9, "IKNL")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Het IKNL-rapport verschijnt.", [("IKNL", KIND_ABBREVIATION)]),
        ("Volgens NFK's leden en KPO’s", [("NFK", KIND_ABBREVIATION), ("KPO’s", KIND_ABBREVIATION)]),
        ("Zorginstituut (ZIN) en ZINL", [("ZIN", KIND_ABBREVIATION), ("ZINL", KIND_ABBREVIATION)]),
        ("PROMs en PREM", [("PROM", KIND_ABBREVIATION), ("PREM", KIND_ABBREVIATION)]),
        ("via (O)DAP of DAP", [("(O)DAP", KIND_ABBREVIATION), ("DAP", KIND_ABBREVIATION)]),
        ("AYA-zorg en AYA", [("AYA-zorg", KIND_ABBREVIATION), ("AYA", KIND_ABBREVIATION)]),
        ("Amsterdam UMC en het UMC", [("Amsterdam UMC", KIND_PARTY), ("UMC", KIND_ABBREVIATION)]),
        ("het patientenplatform ZELDZAME kankers", [("patientenplatform ZELDZAME kankers", KIND_PARTY)]),
        ("Dutch Rare\nCancer-Platform", [("Dutch Rare\nCancer-Platform", KIND_PARTY)]),
        ("ZonMW, ZonMw, CieOOm, Nza", [(w, KIND_ABBREVIATION) for w in ("ZonMW", "ZonMw", "CieOOm", "Nza")]),
        ("KWF Kankerbestrijding en KWF", [("KWF Kankerbestrijding", KIND_ABBREVIATION), ("KWF", KIND_ABBREVIATION)]),
    ],
)
def test_matching_rules(annotator: Annotator, text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.text, m.kind) for m in annotator.annotate(text)] == expected


def test_zorginstituut_is_a_party_by_name_not_a_guess(annotator: Annotator) -> None:
    # 'Zorginstituut' alone is not a name in the graph: no match; the full name is
    assert [m.text for m in annotator.annotate("Zorginstituut Nederland")] == ["Zorginstituut Nederland"]


def test_no_false_positives_among_dutch_words(annotator: Annotator) -> None:
    words = (
        "zin Zin ros Ros pa Pa ma pi cup Cup ema eu nl ai sb rn who Who nee "
        "zinnen paspoort emancipatie europa umcs nvzorg iknlx xiknl ZINNEN zinL "
        "Wat willen we veranderen? WAT WE GEDAAN HEBBEN IN 2024 ZELDZAME KANKERS EN NL-ZORG"
    )
    found = annotator.annotate(words)
    assert [(m.text, m.kind) for m in found] == [("NL", KIND_ABBREVIATION)]


def test_a_key_with_senses_that_differ_is_ambiguous_with_every_candidate(annotator: Annotator) -> None:
    [zin] = annotator.annotate("ZIN")
    assert zin.ambiguous and zin.same_entity
    as_json = annotator.match_json(zin)
    assert as_json["ambiguous"] is True
    senses = {(c["expansion"], c["definedBy"]["source"], c["definedBy"]["status"]) for c in as_json["candidates"]}
    # the plan's list spells it 'Zorg Instituut Nederland', the curators 'Zorginstituut Nederland'
    assert senses == {("Zorg Instituut Nederland", True, None), ("Zorginstituut Nederland", False, "verified")}
    assert as_json["expansion"] == "Zorg Instituut Nederland", "a source's definition comes first"
    assert as_json["definedBy"]["at"]["label"].endswith("dia 34")
    assert {c["denotes"]["iri"] for c in as_json["candidates"]} == {as_json["denotes"]["iri"]}
    assert as_json["denotes"]["url"] == "/party/zin"


def test_senses_that_agree_are_not_ambiguous(annotator: Annotator) -> None:
    [iknl] = annotator.annotate("IKNL")
    assert len(iknl.candidates) == 2 and not iknl.ambiguous and iknl.same_entity
    [zn] = annotator.annotate("ZN")
    as_json = annotator.match_json(zn)
    assert as_json["expansion"] == "Zorgverzekeraars Nederland"
    assert as_json["definedBy"] | {"at": None} == {
        "source": False,
        "document": None,
        "at": None,
        "curated": True,
        "status": "verified",
    }


def test_a_key_naming_two_different_things_is_ambiguous(iris: Iris) -> None:
    """No key of the shipped data names two different entities, so this one is made up."""

    def sense(n: int, expansion: str, party: str) -> dict[str, object]:
        return {
            "concept": URIRef(f"{iris.base}abbreviations/x/pa-{n}"),
            "abbreviation": Literal("PA"),
            "expansion": Literal(expansion, lang="nl"),
            "definedBySource": Literal(True),
            "document": URIRef(f"{iris.base}doc/d{n}"),
            "denotes": URIRef(f"{iris.base}party/{party}"),
        }

    annotator = Annotator.from_rows(
        [sense(1, "Pathologie", "pathologie"), sense(2, "Patiëntenadvies", "patientenadvies")],  # type: ignore[list-item]
        [],
        iris,
    )
    [pa] = annotator.annotate("De PA-afdeling.")
    assert pa.ambiguous and not pa.same_entity
    assert [c.expansion for c in pa.candidates] == ["Pathologie", "Patiëntenadvies"]


def test_the_markup_of_a_text_is_just_text(annotator: Annotator) -> None:
    text = '<a href="javascript:alert(1)">IKNL</a> & <script>ZN</script>'
    assert [m.text for m in annotator.annotate(text)] == ["IKNL", "ZN"]
