"""The expectations format (queries/expected/*.yaml): wrong answers fail with missing and extra rows,
malformed files are refused with file:line. Checked against the real data."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest
from nkc_kg.loaders.iris import Iris
from nkc_kg.service.graph.catalog import NamedQuery
from nkc_kg.service.graph.runner import EntityIndex, run_named
from nkc_kg.service.named_queries.expectations import ExpectationError, Rows, check_case, load_expectations
from nkc_kg.service.store.embedded import EmbeddedStore


@pytest.fixture(scope="module")
def ask(catalog: dict[str, NamedQuery], store: EmbeddedStore, index: EntityIndex, iris: Iris):  # type: ignore[no-untyped-def]
    def run(name: str, params: Mapping[str, str]) -> Rows:
        return [
            {k: str(v) for k, v in row.items()} for row in run_named(catalog[name], params, store, index, iris).rows
        ]

    return run


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def failures(tmp_path: Path, catalog: dict[str, NamedQuery], ask, name: str, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    write(tmp_path / "expected", name, text)
    (case,) = load_expectations(tmp_path / "expected", catalog, Iris())
    return list(check_case(case, ask).failures)


def test_a_wrong_expectation_names_file_line_and_the_missing_and_extra_rows(tmp_path, catalog, ask) -> None:  # type: ignore[no-untyped-def]
    found = failures(
        tmp_path,
        catalog,
        ask,
        "plan-activities",
        """cases:
  - id: T-1
    params: {plan: zeldzame-kankers-2025}
    checks:
      - source: slide 8
        column: activity
        equals: ["1", "2", "99"]
""",
    )
    assert len(found) == 1
    assert "plan-activities.yaml:5:" in found[0] and "T-1 plan-activities(plan=zeldzame-kankers-2025)" in found[0]
    assert "(slide 8)" in found[0]
    assert "missing: ['99'] (1)" in found[0] and "'15'" in found[0].split("extra:")[1]


@pytest.mark.parametrize(
    ("check", "message"),
    [
        ('columns: [activity, subgoals]\n        includes: [["12", "4"]]', "missing: [('12', '4')]"),
        ('column: activity\n        excludes: ["12"]', "present but must not be: ['12']"),
        ("column: subgoals\n        within: [all]", "outside ['all']"),
        ("count: 3", "expected 3 row(s), found 15"),
        ('where: {activity: "99"}\n        every: {subgoals: all}', "no row is selected"),
        ('where: {activity: ["1", "3"]}\n        every: {subgoals: all}', "these rows differ"),
        ('first: {activity: "2"}', "expected {'activity': '2'}"),
        ('column: activity\n        sequence: ["2", "1"]', "in this order"),
        ("same_rows_as: {params: {plan: late-gevolgen-2025}}", "vs plan-activities(plan=late-gevolgen-2025)"),
    ],
)
def test_each_assertion_fails_when_the_answer_differs(tmp_path, catalog, ask, check: str, message: str) -> None:  # type: ignore[no-untyped-def]
    text = f"cases:\n  - id: T-2\n    params: {{plan: zeldzame-kankers-2025}}\n    checks:\n      - {check}\n"
    found = failures(tmp_path, catalog, ask, "plan-activities", text)
    assert len(found) == 1 and message in found[0], found


def test_iri_values_are_written_relative_to_the_base(tmp_path, catalog, ask) -> None:  # type: ignore[no-untyped-def]
    text = """cases:
  - id: T-3
    params: {party: NVMO}
    checks:
      - column: unit
        includes: [<party/cieoom>]
"""
    assert failures(tmp_path, catalog, ask, "sub-organisations", text) == []


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("no-such-query", "cases: []\n", "no-such-query.yaml:1: no named query 'no-such-query'"),
        ("plan-activities", "cases:\n  - id: X\n    params: {plan: p}\n    checks: []\n", ":2: case X: 'checks'"),
        (
            "plan-activities",
            "cases:\n  - id: X\n    params: {plan: p, year: 1}\n    checks:\n      - count: 1\n",
            ":3: plan-activities takes the parameters ['plan']",
        ),
        (
            "plan-activities",
            "cases:\n  - id: X\n    params: {plan: p}\n    checks:\n      - count: 1\n        first: {a: b}\n",
            ":5: a check asserts exactly one of",
        ),
        (
            "plan-activities",
            "cases:\n  - id: X\n    params: {plan: p}\n    checks:\n      - equals: [a]\n",
            "needs 'column' or 'columns'",
        ),
        (
            "plan-activities",
            "cases:\n  - id: X\n    params: {plan: p}\n    checks:\n      - columns: [a, b]\n        includes: [[x]]\n",
            ":6: expected 2 value(s) for ['a', 'b']",
        ),
        (
            "plan-activities",
            "cases:\n  - id: X\n    params: {plan: p}\n    checks:\n      - count: 1\n        colour: red\n",
            "unknown field(s) ['colour']",
        ),
        ("plan-activities", "cases:\n  - id: X\n    id: Y\n", ":3: cases[0]: duplicate key 'id'"),
    ],
)
def test_malformed_files_are_refused_with_file_and_line(tmp_path, catalog, name: str, text: str, message: str) -> None:  # type: ignore[no-untyped-def]
    write(tmp_path / "expected", name, text)
    with pytest.raises(ExpectationError) as err:
        load_expectations(tmp_path / "expected", catalog, Iris())
    assert message in str(err.value)


def test_case_ids_are_unique_across_files(tmp_path, catalog) -> None:  # type: ignore[no-untyped-def]
    case = "cases:\n  - id: CQ-1\n    params: {{plan: p}}\n    checks:\n      - count: 1\n"
    write(tmp_path / "expected", "plan-activities", case.format())
    write(tmp_path / "expected", "activity-continuation", case.format())
    with pytest.raises(ExpectationError, match="id 'CQ-1' is already used at"):
        load_expectations(tmp_path / "expected", catalog, Iris())
