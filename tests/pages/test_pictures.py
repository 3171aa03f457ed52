"""The SVG pictures from plain data: well-formed, described for screen readers, one mark per datum."""

from __future__ import annotations

from datetime import date
from xml.etree import ElementTree

from nkc_kg.service.plans.pictures import ROLE_COLOURS, Axis, Bar, matrix_svg, parse_day, strongest_role, timeline_svg

SVG = "{http://www.w3.org/2000/svg}"


def test_matrix_colours_a_cell_by_its_strongest_role() -> None:
    rows = [Axis("a", "Partij A", "/party/a"), Axis("b", "Partij <B> & co", None)]
    columns = [Axis("1", "1. Eerste", "/plan/p/subgoal/1"), Axis("2", "2. Tweede", None)]
    cells = {("a", "1"): ["involved", "lead"], ("b", "2"): ["partner"]}
    svg = matrix_svg(rows, columns, cells, title="Matrix", description="Rijen en kolommen", role_name=str.upper)
    root = ElementTree.fromstring(svg)
    assert root.find(f"{SVG}title").text == "Matrix" and root.find(f"{SVG}desc").text == "Rijen en kolommen"
    marks = root.findall(f".//{SVG}rect[@class='cell']")
    assert len(marks) == 2
    first = next(m for m in marks if m.get("data-party") == "Partij A")
    assert first.get("fill") == ROLE_COLOURS["lead"] and first.get("data-subgoal") == "1"
    assert "LEAD" in first.find(f"{SVG}title").text
    second = next(m for m in marks if m.get("data-subgoal") == "2")
    assert second.get("data-party") == "Partij <B> & co"


def test_timeline_draws_one_mark_per_step_including_undated() -> None:
    bars = [
        Bar("1", "Eerste", date(2025, 1, 1), date(2025, 6, 30), "/s/1", "Q1 & Q2 2025"),
        Bar("2", "Tweede", date(2026, 1, 1), date(2026, 12, 31)),
        Bar("3", "Zonder termijn", None, None),
    ]
    svg = timeline_svg(bars, title="Tijdlijn", description="Balken", undated="geen termijn")
    root = ElementTree.fromstring(svg)
    steps = [e for e in root.iter() if "step" in (e.get("class") or "").split()]
    assert len(steps) == 3
    years = {t.text for t in root.iter(f"{SVG}text")}
    assert {"2025", "2026"} <= years
    first, second = steps[0], steps[1]
    assert float(first.get("x")) < float(second.get("x"))


def test_days_from_years_and_dates() -> None:
    assert parse_day("2025") == date(2025, 1, 1) and parse_day("2025", end=True) == date(2025, 12, 31)
    assert parse_day("2025-06-30") == date(2025, 6, 30) and parse_day("2025-06-30T00:00:00") == date(2025, 6, 30)
    assert parse_day(None) is None and parse_day("later") is None
    assert strongest_role(["involved", "partner"]) == "partner" and strongest_role([]) is None
