"""The question headers of queries/*.rq, typed-value parsing and the citation style, without a server."""

from __future__ import annotations

from pathlib import Path

import pytest
from nkc_kg.loaders.iris import Iris
from nkc_kg.service.graph.catalog import CatalogError, NamedQuery, load_catalog
from nkc_kg.service.graph.plan_data import PlanData
from nkc_kg.service.graph.provenance import Document, Location, Provenance, citation
from nkc_kg.service.graph.runner import EntityIndex
from nkc_kg.service.i18n.wording import join_words, number_list
from nkc_kg.service.questions.answers import ANSWERS
from nkc_kg.service.questions.catalogue import Questions, quarter_of
from nkc_kg.service.store.embedded import EmbeddedStore

GOOD = """#+ summary: Which parties are involved in subgoal N of a plan?
#+ summary_nl: Welke partijen zijn betrokken bij subdoel N van een plan?
#+ question:
#+   nl: Welke partijen zijn betrokken bij subdoel {subgoal} van het {plan}?
#+   en: Which parties are involved in subgoal {subgoal} of the {plan}?
#+ description: test
#+ params:
#+   - name: plan
#+     type: plan
#+     label: {nl: Actieplan, en: Action plan}
#+     example: zeldzame-kankers-2025
#+   - name: subgoal
#+     type: integer
#+     label: {nl: Subdoel, en: Subgoal}
#+     choices: subgoals
#+     example: 5
SELECT ?plan ?subgoal WHERE { ?plan <urn:x> ?subgoal }
"""


def write(tmp_path: Path, text: str, name: str = "bad-question.rq") -> Path:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_every_named_query_is_a_question_with_an_answer(catalog: dict[str, NamedQuery]) -> None:
    assert [name for name, q in catalog.items() if set(q.question) != {"nl", "en"}] == []
    assert set(catalog) <= set(ANSWERS)
    for query in catalog.values():
        assert all(set(p.label) == {"nl", "en"} for p in query.parameters), query.name


def test_a_good_question_header_parses(tmp_path: Path) -> None:
    (query,) = load_catalog(write(tmp_path, GOOD)).values()
    assert query.question["nl"] == "Welke partijen zijn betrokken bij subdoel {subgoal} van het {plan}?"
    assert [(p.name, p.choices, p.label["en"]) for p in query.parameters] == [
        ("plan", "plans", "Action plan"),
        ("subgoal", "subgoals", "Subgoal"),
    ]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("#+   en: Which parties are involved in subgoal {subgoal} of the {plan}?\n", "", "question must be a mapping"),
        ("{subgoal} of the {plan}?", "{number} of the {plan}?", "question.en names ['number']"),
        ("van het {plan}?", "van het {plan?", "question.nl is not a valid template"),
        ("choices: subgoals", "choices: everything", "choices 'everything' is not one of"),
        ("type: plan\n", "type: string\n", "choices 'subgoals' needs a parameter of type plan"),
        ("label: {nl: Subdoel, en: Subgoal}", "label: Subdoel", "params[1].label must be a mapping"),
        ("#+ question:", "#+ questions:", "unknown header field(s) ['questions']"),
    ],
)
def test_a_bad_question_header_stops_start_up_naming_the_file(tmp_path: Path, old: str, new: str, message: str) -> None:
    assert old in GOOD
    with pytest.raises(CatalogError) as err:
        load_catalog(write(tmp_path, GOOD.replace(old, new)))
    assert "bad-question.rq" in str(err.value) and message in str(err.value)


def test_a_question_without_an_answer_function_stops_start_up(
    tmp_path: Path, store: EmbeddedStore, iris: Iris, index: EntityIndex
) -> None:
    catalog = load_catalog(write(tmp_path, GOOD, "who-knows.rq"))
    with pytest.raises(CatalogError, match=r"queries/who-knows\.rq: a question without an answer function"):
        Questions(catalog, store, iris, index, PlanData(store, iris, index), Provenance(store, iris))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Q4 2025", (4, 2025)),
        ("q4-2025", (4, 2025)),
        ("2025-Q4", (4, 2025)),
        ("2025 q1", (1, 2025)),
        ("4e kwartaal 2025", (4, 2025)),
        ("3de kwartaal 2026", (3, 2026)),
        ("vierde kwartaal 2025", (4, 2025)),
        ("kwartaal 2 van 2025", (2, 2025)),
        ("fourth quarter of 2025", (4, 2025)),
        ("Q5 2025", None),
        ("x> } ; DROP ALL #", None),
    ],
)
def test_quarters_as_people_write_them(text: str, expected: tuple[int, int] | None) -> None:
    assert quarter_of(text) == expected


def test_lists_and_ranges_in_both_languages() -> None:
    assert number_list([34, 12, 5, 6, 7, 8], "nl") == "5–8, 12 en 34"
    assert number_list([28, 29], "en") == "28 and 29"
    assert join_words(["a", "b", "c"], "en") == "a, b and c"


def test_citation_style() -> None:
    plan = Document(
        "urn:doc:1",
        {"nl": "Actieplan Zeldzame Kankers 2025", "en": "Rare Cancers Action Plan 2025"},
        "2025",
        "2025",
        (("urn:nkc", "Nederlands Kanker Collectief"),),
    )
    slides = [Location(f"urn:s{n}", "urn:doc:1", "slide", n, None) for n in (34, 12)]
    assert (
        citation(plan, slides, "nl")
        == "Nederlands Kanker Collectief (2025). Actieplan Zeldzame Kankers 2025, dia 12 en 34."
    )
    assert citation(plan, slides, "en") == (
        "Nederlands Kanker Collectief (2025). Actieplan Zeldzame Kankers 2025 [Rare Cancers Action Plan 2025], "
        "slides 12 and 34."
    )
    framework = Document("urn:doc:2", {"nl": "Kader", "en": "Framework"}, "2026-05", "1.0", (("urn:wg", "WG"),))
    sections = [
        Location("urn:a", "urn:doc:2", "section", "2.3", None),
        Location("urn:b", "urn:doc:2", "section", "Inleiding", None),
    ]
    assert citation(framework, sections, "nl") == "WG (2026, mei). Kader, versie 1.0, sectie 2.3 en ‘Inleiding’."
    assert citation(framework, [], "en") == "WG (2026, May). Kader [Framework], version 1.0."
