"""The SVG pictures from plain data: well-formed, described for screen readers, one mark per datum."""

from __future__ import annotations

from datetime import date
from xml.etree import ElementTree

from nkc_kg.service.plans.pictures import (
    OTHER_COLOUR,
    ROLE_COLOURS,
    Axis,
    Bar,
    cross_cutting_swatch,
    matrix_svg,
    parse_day,
    strongest_role,
    timeline_narrow_svg,
    timeline_svg,
)

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


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _pattern_colours(root: ElementTree.Element, pattern_id: str) -> set[str]:
    pattern = next(p for p in root.iter(f"{SVG}pattern") if p.get("id") == pattern_id)
    return {r.get("fill") for r in pattern.iter(f"{SVG}rect")}


def test_cross_cutting_cells_keep_their_roles_colour_in_stripes_and_the_legend_matches() -> None:
    rows = [Axis("a", "Partij A", None), Axis("b", "Partij B", None)]
    columns = [Axis("1", "1. Eerste", None), Axis("2", "2. Tweede", None)]
    cells = {("a", "1"): ["lead"], ("a", "2"): ["lead"], ("b", "1"): ["involved"], ("b", "2"): ["partner"]}
    faded = {("a", "2"): "via alle subdoelen", ("b", "1"): "via alle subdoelen"}
    root = ElementTree.fromstring(
        matrix_svg(rows, columns, cells, title="M", description="D", role_name=str, faded=faded)
    )
    marks = {(m.get("data-party"), m.get("data-subgoal")): m for m in root.iter(f"{SVG}rect") if m.get("data-party")}
    assert marks[("Partij A", "1")].get("fill") == ROLE_COLOURS["lead"]  # direct: solid
    for (party, subgoal), role in ((("Partij A", "2"), "lead"), (("Partij B", "1"), "involved")):
        mark = marks[(party, subgoal)]
        assert "faded" in mark.get("class") and mark.get("stroke") == ROLE_COLOURS[role]
        assert mark.get("fill") == f"url(#cross-cutting-{role})"
        assert _pattern_colours(root, f"cross-cutting-{role}") == {"#fff", ROLE_COLOURS[role]}
        legend = ElementTree.fromstring(cross_cutting_swatch(role))
        assert _pattern_colours(legend, f"legend-cross-cutting-{role}") == {"#fff", ROLE_COLOURS[role]}
        assert legend.find(f"{SVG}rect").get("stroke") == ROLE_COLOURS[role]
    # lead and involved stripes are different patterns: the role stays readable in a striped cell
    assert _pattern_colours(root, "cross-cutting-lead") != _pattern_colours(root, "cross-cutting-involved")


def test_role_colours_have_3_to_1_contrast_with_the_white_stripes_and_the_row_background() -> None:
    """WCAG 1.4.11: a role's colour (solid cell, border and stripes of a cross-cutting cell) against white
    (the stripes between and the page) and the matrix's grey alternate rows."""
    for role, colour in ROLE_COLOURS.items():
        assert contrast(colour, "#ffffff") >= 3, role
        assert contrast(colour, "#f4f6f8") >= 3, role
    assert OTHER_COLOUR not in ROLE_COLOURS.values()


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


def test_the_phone_timeline_scales_to_its_box_with_a_line_of_text_per_step() -> None:
    bars = [
        Bar("1.1", "Eerste stap met een lange tekst " * 4, date(2025, 1, 1), date(2025, 6, 30), "/s/1", who="IKNL"),
        Bar("1.2", "Zonder termijn", None, None),
    ]
    svg = timeline_narrow_svg(
        bars,
        title="Tijdlijn",
        description="Balken",
        undated="geen termijn",
        window=(date(2025, 1, 1), date(2026, 12, 31)),
    )
    root = ElementTree.fromstring(svg)
    assert root.get("width") == "100%" and root.get("viewBox").startswith("0 0 340 ")
    steps = [e for e in root.iter() if "step" in (e.get("class") or "").split()]
    assert len(steps) == 2
    first_line = steps[0].find(f"{SVG}text").text
    assert first_line.startswith("1.1 Eerste stap") and len(first_line) <= 50 and first_line.endswith("…")
    bar = steps[0].find(f"{SVG}rect")
    assert 0 < float(bar.get("x")) < 10 and float(bar.get("width")) < 340 / 2  # half a year of two
    assert {"Q1", "Q4"} <= {t.text for t in root.iter(f"{SVG}text")}  # eight quarters: room to name them
