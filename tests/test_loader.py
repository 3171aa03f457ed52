"""Curated files are read strictly and every problem is reported with file:line."""

from __future__ import annotations

from pathlib import Path

import pytest
from nkc_kg.loaders.curated.reader import read_curated
from nkc_kg.loaders.curated.timeframes import TimeframeError, parse_timeframe

HEADER = """document: actieplan-zeldzame-kankers-2025
plan:
  id: testplan
  title: {nl: Testplan}
  theme: zeldzame-kankers
  year: 2025
  version: "2025"
  publisher: nkc
  source: {slide: 1}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def messages(path: Path) -> list[str]:
    return [str(e) for e in read_curated([path]).errors]


def test_duplicate_key_is_reported_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "mission: {text: a, source: {slide: 1}}\nmission: {text: b, source: {slide: 1}}\n")
    [msg] = messages(path)
    assert msg.endswith("duplicate key 'mission'")
    assert ":11:" in msg


def test_unknown_field_is_rejected_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "subgoals:\n  - number: 1\n    text: x\n    sourse: {slide: 2}\n")
    msgs = messages(path)
    assert any(":13:" in m and "sourse" in m and "unknown field" in m for m in msgs), msgs
    assert any("source" in m and "required" in m for m in msgs), msgs


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "changes:\n  - text: [unclosed\n")
    [msg] = messages(path)
    assert "not valid YAML" in msg and "plan.yaml:" in msg


def test_all_errors_are_collected_not_just_the_first(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER
        + "subgoals:\n  - number: 0\n    text: x\n    source: {slide: 2}\n"
        + "  - number: x\n    text: y\n    source: {slide: 2}\n",
    )
    assert len(messages(path)) == 2


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2025", "2025-01-01", "2025-12-31"),
        ("Q2 2025", "2025-04-01", "2025-06-30"),
        ("Q1 t/m Q3 2025", "2025-01-01", "2025-09-30"),
        ("Q4 2025 – Q1 2026", "2025-10-01", "2026-03-31"),
        ("Q4 2025 - Q1 2026", "2025-10-01", "2026-03-31"),
        ("mogelijk Q3 t/m Q4 2025", "2025-07-01", "2025-12-31"),
        ("2025-2026", "2025-01-01", "2026-12-31"),
        ("september 2025", "2025-09-01", "2025-09-30"),
        ("Q1 & Q2 2025", "2025-01-01", "2025-06-30"),
        ("Q3-4 2025", "2025-07-01", "2025-12-31"),
    ],
)
def test_timeframes_become_intervals(text: str, start: str, end: str) -> None:
    tf = parse_timeframe(text)
    assert (tf.start.isoformat(), tf.end.isoformat()) == (start, end)  # type: ignore[union-attr]
    assert tf.label == text


def test_timeframe_flags_are_kept() -> None:
    assert parse_timeframe("mogelijk Q3 t/m Q4 2025").tentative
    assert parse_timeframe("doorlopend").ongoing
    assert parse_timeframe("eind 2025").approximate


@pytest.mark.parametrize("text", ["Q5 2025", "Q3", "volgend jaar", "Q4 2026 – Q1 2026"])
def test_malformed_timeframes_are_refused(text: str) -> None:
    with pytest.raises(TimeframeError):
        parse_timeframe(text)


def test_every_concept_scheme_is_named_in_dutch_and_english(built) -> None:  # type: ignore[no-untyped-def]
    """A scheme's page (e.g. /concept/progress-status/scheme) is titled by the scheme's own name."""
    from nkc_kg.loaders.iris import RDF, SKOS

    schemes = {s for s, _, _, _ in built.dataset.quads((None, RDF.type, SKOS.ConceptScheme, None))}
    assert len(schemes) >= 6
    for scheme in schemes:
        names = {o.language for _, _, o, _ in built.dataset.quads((scheme, SKOS.prefLabel, None, None))}
        assert {"nl", "en"} <= names, scheme
