"""The expected answers of the competency questions, as data: ``queries/expected/<query>.yaml``.

Both the competency tests and ``nkc-kg publish`` read these files and check them with the same code,
so a release is only published when every question still gives the answer its source document gives.

A file holds ``cases``; a case runs its query with ``params`` and checks the rows (each row a mapping
of column to text, unbound columns ""). A check may first select rows (``where``/``where_not``:
column -> value or list of values) and project them (``column``: one column, ``columns``: a tuple),
then asserts exactly one of:

  equals / includes / excludes / within   the set of projected values is / contains / avoids / is inside
  sequence                                 the projected values, in order and with repeats
  count                                    the number of selected rows
  every                                    every selected row (at least one) has these values
  first                                    the first selected row has these values
  same_rows_as                             {query?, params}: another run gives the same rows (the same
                                           projected set with column/columns, else the same list)

``<plan/x>`` in a value is the IRI ``plan/x`` under the data's base IRI. Problems in a file are
reported with its file:line; a failed check names what is missing and what is extra.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nkc_kg.loaders.curated.yamlio import CurationError, Location, SourceFile, display_path, read_yaml
from nkc_kg.loaders.iris import Iris
from nkc_kg.service.graph.catalog import NamedQuery

Rows = list[dict[str, str]]
Runner = Callable[[str, Mapping[str, str]], Rows]

ASSERTIONS = ("equals", "includes", "excludes", "within", "sequence", "count", "every", "first", "same_rows_as")
CHECK_KEYS = {"source", "where", "where_not", "column", "columns", *ASSERTIONS}
CASE_KEYS = {"id", "question", "params", "checks"}
SHOWN = 20  # rows printed of a long answer


class ExpectationError(Exception):
    """An expectations file is malformed; the message lists every problem with file:line."""


@dataclass(frozen=True)
class Check:
    assertion: str
    expected: Any
    location: Location
    source: str = ""
    where: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    where_not: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    columns: tuple[str, ...] | None = None  # None: whole rows
    single: bool = False  # `column:` (values are plain text, not 1-tuples)


@dataclass(frozen=True)
class Case:
    id: str
    query: str
    params: Mapping[str, str]
    checks: tuple[Check, ...]
    location: Location
    question: str = ""

    def title(self) -> str:
        args = ", ".join(f"{k}={v}" for k, v in self.params.items())
        return f"{self.id} {self.query}({args})"


@dataclass(frozen=True)
class CaseResult:
    case: Case
    failures: tuple[str, ...]

    @property
    def passed(self) -> bool:
        return not self.failures


def expected_dir(queries_dir: Path) -> Path:
    return queries_dir / "expected"


def load_expectations(directory: Path, catalog: Mapping[str, NamedQuery], iris: Iris) -> list[Case]:
    """Every case of every ``*.yaml`` in ``directory``, checked against the catalog (ids unique)."""
    problems: list[str] = []
    cases: list[Case] = []
    for path in sorted(directory.glob("*.yaml")):
        try:
            source = read_yaml(path)
        except CurationError as exc:
            problems.append(str(exc))
            continue
        reader = _Reader(source, catalog, iris)
        cases += reader.cases()
        problems += reader.problems
    seen: dict[str, Location] = {}
    for case in cases:
        if case.id in seen:
            problems.append(f"{case.location}: id {case.id!r} is already used at {seen[case.id]}")
        seen.setdefault(case.id, case.location)
    if not cases and not problems:
        problems.append(f"{display_path(directory)}: no expectations (*.yaml)")
    if problems:
        raise ExpectationError("\n".join(problems))
    return cases


class _Reader:
    def __init__(self, source: SourceFile, catalog: Mapping[str, NamedQuery], iris: Iris) -> None:
        self.source, self.catalog, self.iris = source, catalog, iris
        self.query = source.path.stem
        self.problems: list[str] = []

    def problem(self, key: tuple[str | int, ...], message: str) -> None:
        self.problems.append(f"{self.source.location(key)}: {message}")

    def cases(self) -> list[Case]:
        data = self.source.data
        if self.query not in self.catalog:
            self.problem((), f"no named query {self.query!r} (the file is named after the .rq it checks)")
            return []
        if not isinstance(data, dict) or set(data) != {"cases"} or not isinstance(data["cases"], list):
            self.problem((), "expected a mapping with one key, 'cases' (a list)")
            return []
        out = []
        for i, raw in enumerate(data["cases"]):
            case = self.case(raw, ("cases", i))
            if case is not None:
                out.append(case)
        return out

    def case(self, raw: Any, key: tuple[str | int, ...]) -> Case | None:
        if not isinstance(raw, dict):
            self.problem(key, "a case is a mapping (id, question, params, checks)")
            return None
        unknown = sorted(set(raw) - CASE_KEYS)
        if unknown:
            self.problem(key, f"unknown field(s) {unknown} (allowed: {sorted(CASE_KEYS)})")
        if not isinstance(raw.get("id"), str) or not raw["id"]:
            self.problem(key, "a case needs an 'id' (e.g. CQ-05)")
            return None
        params = self.params(raw.get("params") or {}, (*key, "params"), self.query)
        checks_raw = raw.get("checks")
        if not isinstance(checks_raw, list) or not checks_raw:
            self.problem(key, f"case {raw['id']}: 'checks' must be a non-empty list")
            return None
        checks = [self.check(c, (*key, "checks", j)) for j, c in enumerate(checks_raw)]
        if params is None or any(c is None for c in checks):
            return None
        return Case(
            id=raw["id"],
            query=self.query,
            params=params,
            checks=tuple(c for c in checks if c is not None),
            location=self.source.location(key),
            question=str(raw.get("question") or ""),
        )

    def params(self, raw: Any, key: tuple[str | int, ...], query: str) -> dict[str, str] | None:
        if not isinstance(raw, dict):
            self.problem(key, "'params' is a mapping of parameter name to value")
            return None
        declared = {p.name for p in self.catalog[query].parameters}
        if set(raw) != declared:
            self.problem(key, f"{query} takes the parameters {sorted(declared)}, not {sorted(raw)}")
            return None
        return {name: self.text(value) for name, value in raw.items()}

    def check(self, raw: Any, key: tuple[str | int, ...]) -> Check | None:
        if not isinstance(raw, dict):
            self.problem(key, "a check is a mapping")
            return None
        unknown = sorted(set(raw) - CHECK_KEYS)
        if unknown:
            self.problem(key, f"unknown field(s) {unknown} (allowed: {sorted(CHECK_KEYS)})")
            return None
        asserted = [a for a in ASSERTIONS if a in raw]
        if len(asserted) != 1:
            self.problem(key, f"a check asserts exactly one of {', '.join(ASSERTIONS)} (found {asserted or 'none'})")
            return None
        if "column" in raw and "columns" in raw:
            self.problem(key, "give 'column' or 'columns', not both")
            return None
        assertion = asserted[0]
        single = "column" in raw
        columns: tuple[str, ...] | None = None
        if single:
            columns = (str(raw["column"]),)
        elif "columns" in raw:
            if not isinstance(raw["columns"], list) or not raw["columns"]:
                self.problem((*key, "columns"), "'columns' is a non-empty list of column names")
                return None
            columns = tuple(str(c) for c in raw["columns"])
        expected = self.expected(assertion, raw[assertion], (*key, assertion), columns, single)
        if expected is None:
            return None
        where = self.selection(raw.get("where"), (*key, "where"))
        where_not = self.selection(raw.get("where_not"), (*key, "where_not"))
        if where is None or where_not is None:
            return None
        return Check(
            assertion=assertion,
            expected=expected,
            location=self.source.location(key),
            source=str(raw.get("source") or ""),
            where=where,
            where_not=where_not,
            columns=columns,
            single=single,
        )

    def expected(
        self, assertion: str, raw: Any, key: tuple[str | int, ...], columns: tuple[str, ...] | None, single: bool
    ) -> Any:
        if assertion == "count":
            if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
                self.problem(key, "'count' is a whole number")
                return None
            return raw
        if assertion in ("every", "first"):
            if not isinstance(raw, dict) or not raw:
                self.problem(key, f"'{assertion}' is a mapping of column to value")
                return None
            return {str(k): self.text(v) for k, v in raw.items()}
        if assertion == "same_rows_as":
            if not isinstance(raw, dict) or not set(raw) <= {"query", "params"} or "params" not in raw:
                self.problem(key, "'same_rows_as' has 'params' and optionally 'query'")
                return None
            other = str(raw.get("query") or self.query)
            if other not in self.catalog:
                self.problem(key, f"no named query {other!r}")
                return None
            params = self.params(raw["params"], (*key, "params"), other)
            return None if params is None else {"query": other, "params": params}
        if columns is None:
            self.problem(key, f"'{assertion}' needs 'column' or 'columns' to say what it compares")
            return None
        if not isinstance(raw, list):
            self.problem(key, f"'{assertion}' is a list")
            return None
        values: list[tuple[str, ...]] = []
        for j, item in enumerate(raw):
            row = [item] if single else item
            if not isinstance(row, list) or len(row) != len(columns):
                self.problem((*key, j), f"expected {len(columns)} value(s) for {list(columns)}, found {item!r}")
                return None
            values.append(tuple(self.text(v) for v in row))
        return values

    def selection(self, raw: Any, key: tuple[str | int, ...]) -> dict[str, tuple[str, ...]] | None:
        if raw is None:
            return {}
        if not isinstance(raw, dict):
            self.problem(key, "a selection maps a column to a value or a list of values")
            return None
        return {
            str(col): tuple(self.text(v) for v in (value if isinstance(value, list) else [value]))
            for col, value in raw.items()
        }

    def text(self, value: Any) -> str:
        """Values as the rows show them: booleans as true/false, ``<path>`` as an IRI under the base."""
        if isinstance(value, bool):
            return "true" if value else "false"
        text = "" if value is None else str(value)
        if text.startswith("<") and text.endswith(">") and "://" not in text:
            return self.iris.base + text[1:-1]
        return text


def check_case(case: Case, run: Runner) -> CaseResult:
    """Run the case's query and every check; the failures say where the check is written and why."""
    rows = run(case.query, case.params)
    failures = []
    for check in case.checks:
        problem = _check(check, rows, run)
        if problem:
            origin = f" ({check.source})" if check.source else ""
            failures.append(f"{check.location}: {case.title()}: {check.assertion}{origin}: {problem}")
    return CaseResult(case, tuple(failures))


def _check(check: Check, rows: Rows, run: Runner) -> str | None:
    selected = [r for r in rows if _selected(r, check)]
    scope = f" of {len(selected)} selected row(s)" if check.where or check.where_not else ""
    if check.assertion == "count":
        return None if len(selected) == check.expected else f"expected {check.expected} row(s), found {len(selected)}"
    if check.assertion in ("every", "first"):
        targets = selected if check.assertion == "every" else selected[:1]
        if not targets:
            return "no row is selected"
        wrong = [r for r in targets if any(r.get(k, "") != v for k, v in check.expected.items())]
        if wrong:
            return f"expected {check.expected}; these rows differ: {_show(wrong)}"
        return None
    if check.assertion == "same_rows_as":
        other = [r for r in run(check.expected["query"], check.expected["params"]) if _selected(r, check)]
        label = f"{check.expected['query']}({', '.join(f'{k}={v}' for k, v in check.expected['params'].items())})"
        if check.columns is None:
            if selected == other:
                return None
            if sorted(_whole(selected)) == sorted(_whole(other)):
                return f"the same rows as {label}, in another order"
            return _difference(_whole(selected), _whole(other), f" vs {label}")
        mine, theirs = _project(selected, check), _project(other, check)
        return None if set(mine) == set(theirs) else _difference(mine, theirs, f" vs {label}")
    found = _project(selected, check)
    expected: list[Any] = [v[0] if check.single else v for v in check.expected]
    if check.assertion == "sequence":
        if found == expected:
            return None
        return f"expected{scope} in this order: {_show(expected)}\nfound: {_show(found)}"
    have, want = set(found), set(expected)
    if check.assertion == "equals" and have != want:
        return _difference(found, expected, scope)
    if check.assertion == "includes" and not want <= have:
        return f"missing{scope}: {_show(sorted(want - have))}\nfound: {_show(sorted(have))}"
    if check.assertion == "excludes" and have & want:
        return f"present but must not be{scope}: {_show(sorted(have & want))}"
    if check.assertion == "within" and not have <= want:
        return f"outside {_show(sorted(want))}{scope}: {_show(sorted(have - want))}"
    return None


def _selected(row: Mapping[str, str], check: Check) -> bool:
    return all(row.get(k, "") in values for k, values in check.where.items()) and not any(
        row.get(k, "") in values for k, values in check.where_not.items()
    )


def _project(rows: Rows, check: Check) -> list[Any]:
    assert check.columns is not None
    if check.single:
        return [r.get(check.columns[0], "") for r in rows]
    return [tuple(r.get(c, "") for c in check.columns) for r in rows]


def _whole(rows: Rows) -> list[tuple[tuple[str, str], ...]]:
    return [tuple(sorted(r.items())) for r in rows]


def _difference(found: Iterable[Any], expected: Iterable[Any], scope: str = "") -> str:
    have, want = set(found), set(expected)
    return f"missing{scope}: {_show(sorted(want - have))}\nextra{scope}: {_show(sorted(have - want))}"


def _show(items: list[Any]) -> str:
    shown = ", ".join(repr(i) for i in items[:SHOWN])
    return f"[{shown}{', …' if len(items) > SHOWN else ''}] ({len(items)})"


def run_all(cases: Iterable[Case], run: Runner) -> list[CaseResult]:
    return [check_case(case, run) for case in cases]
