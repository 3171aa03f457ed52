"""Competency questions: each named query answers its question on the real curated data.

The expected answers are data, read from the source documents (slide numbers in the files):
queries/expected/<query>.yaml, checked by service/expectations.py, the same code `nkc-kg publish`
runs before it publishes a release. A failure prints where the check is written, what is missing
and what is extra. Run one with `pytest -k CQ-05`.
"""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from nkc_kg.loaders.iris import Iris
from nkc_kg.loaders.paths import QUERIES_DIR
from nkc_kg.service.graph.catalog import NamedQuery, load_catalog
from nkc_kg.service.graph.runner import EntityIndex, run_named
from nkc_kg.service.named_queries.expectations import Case, Rows, check_case, expected_dir, load_expectations
from nkc_kg.service.store.embedded import EmbeddedStore

CASES = load_expectations(expected_dir(QUERIES_DIR), load_catalog(QUERIES_DIR), Iris())


@pytest.fixture(scope="module")
def ask(catalog: dict[str, NamedQuery], store: EmbeddedStore, index: EntityIndex, iris: Iris):  # type: ignore[no-untyped-def]
    def run(name: str, params: Mapping[str, str]) -> Rows:
        result = run_named(catalog[name], params, store, index, iris)
        return [{k: str(v) for k, v in row.items()} for row in result.rows]

    return run


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_competency_question(case: Case, ask) -> None:  # type: ignore[no-untyped-def]
    result = check_case(case, ask)
    assert result.passed, "\n".join(result.failures)


def test_every_named_query_has_a_competency_test(catalog: Mapping[str, NamedQuery]) -> None:
    """Every query is run by some case: as the one it checks, or as the one its answer is compared with."""
    run = {case.query for case in CASES} | {
        check.expected["query"] for case in CASES for check in case.checks if check.assertion == "same_rows_as"
    }
    assert sorted(set(catalog) - run) == []


def test_unknown_values_get_suggestions(ask) -> None:  # type: ignore[no-untyped-def]
    from nkc_kg.service.graph.catalog import ParameterError

    with pytest.raises(ParameterError) as err:
        ask("party-leads", {"party": "IKNLL", "year": "2025"})
    assert "iknl" in err.value.suggestions
    with pytest.raises(ParameterError):
        ask("steps-in-quarter", {"quarter": "Q5 2025"})
    with pytest.raises(ParameterError):
        ask("parties-in-subgoal", {"plan": "zeldzame-kankers-2025", "subgoal": "5 } ; DROP ALL #"})
