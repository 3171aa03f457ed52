"""Server-side SVG pictures: the party × subgoal involvement matrix and a Gantt-style timeline of steps.

They take plain data (no graph, no queries) and return SVG markup with a <title> and <desc> for screen
readers, a <title> tooltip on every mark and links to the pages behind the marks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

# Strongest first: a cell with several roles takes the colour of the first one it has.
ROLE_ORDER = ("lead", "project-owner", "initiator", "funder", "partner", "support", "involved")
ROLE_COLOURS = {
    "lead": "#1d4f91",
    "project-owner": "#2e8b57",
    "initiator": "#7a4fa0",
    "funder": "#c0504d",
    "partner": "#e0a030",
    "support": "#8c96a0",
    "involved": "#8fbbe6",
}
OTHER_COLOUR = "#c8ced4"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"


@dataclass(frozen=True)
class Axis:
    """A row or column of the matrix: ``key`` identifies it, ``label`` is shown, ``url`` is linked."""

    key: str
    label: str
    url: str | None = None
    short: str | None = None


@dataclass(frozen=True)
class Bar:
    """One step on the timeline; ``start``/``end`` None when the step has no timeframe."""

    key: str
    label: str
    start: date | None
    end: date | None
    url: str | None = None
    detail: str = ""


def strongest_role(roles: Sequence[str]) -> str | None:
    return min(roles, key=lambda r: ROLE_ORDER.index(r) if r in ROLE_ORDER else len(ROLE_ORDER), default=None)


def role_colour(role: str | None) -> str:
    return ROLE_COLOURS.get(role or "", OTHER_COLOUR)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _link(url: str | None, inner: str, label: str) -> str:
    if not url:
        return inner
    return f'<a href="{escape(url)}" aria-label="{escape(label)}">{inner}</a>'


def matrix_svg(
    rows: Sequence[Axis],
    columns: Sequence[Axis],
    cells: Mapping[tuple[str, str], Sequence[str]],
    *,
    title: str,
    description: str,
    role_name: Callable[[str], str],
    cell_url: Callable[[str, str], str | None] | None = None,
    faded: Mapping[tuple[str, str], str] | None = None,
) -> str:
    """Rows × columns; ``cells[(row.key, column.key)]`` are the roles, coloured by the strongest.

    ``faded`` cells (e.g. involvement through a cross-cutting activity) are drawn lighter, their note in the tooltip.
    """
    label_width, cell_w, cell_h, head_h = 340, 46, 24, 34
    faded = faded or {}
    width = label_width + cell_w * len(columns) + 10
    height = head_h + cell_h * len(rows) + 10
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="matrix" role="group" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="matrix-title matrix-desc" '
        f'font-family="{FONT}" font-size="13">',
        f'<title id="matrix-title">{escape(title)}</title><desc id="matrix-desc">{escape(description)}</desc>',
    ]
    for j, col in enumerate(columns):
        x = label_width + j * cell_w
        head = f'<text x="{x + cell_w / 2}" y="{head_h - 10}" text-anchor="middle" font-weight="600" fill="#1b1f24">'
        head += f"{escape(col.short or col.key)}<title>{escape(col.label)}</title></text>"
        out.append(_link(col.url, head, col.label))
    for i, row in enumerate(rows):
        y = head_h + i * cell_h
        if i % 2 == 0:
            out.append(f'<rect x="0" y="{y}" width="{width - 10}" height="{cell_h}" fill="#f4f6f8"/>')
        text = f'<text x="{label_width - 8}" y="{y + cell_h - 7}" text-anchor="end" fill="#1d4f91">'
        text += f"{escape(_clip(row.label, 44))}<title>{escape(row.label)}</title></text>"
        out.append(_link(row.url, text, row.label))
        for j, col in enumerate(columns):
            roles = cells.get((row.key, col.key))
            if not roles:
                continue
            x = label_width + j * cell_w
            main = strongest_role(roles)
            note = faded.get((row.key, col.key))
            tip = f"{row.label} — {col.label}: {', '.join(role_name(r) for r in roles)}" + (
                f" ({note})" if note else ""
            )
            faded_attrs = (" faded", ' fill-opacity="0.4"') if note else ("", "")
            rect = (
                f'<rect class="cell{faded_attrs[0]}" data-party="{escape(row.label)}" '
                f'data-subgoal="{escape(col.key)}" data-role="{escape(main or "")}" x="{x + 3}" y="{y + 3}" '
                f'width="{cell_w - 6}" height="{cell_h - 6}" rx="3" fill="{role_colour(main)}"'
                f"{faded_attrs[1]}><title>{escape(tip)}</title></rect>"
            )
            out.append(_link(cell_url(row.key, col.key) if cell_url else col.url, rect, tip))
    grid_x = label_width
    out.append(f'<line x1="{grid_x}" y1="{head_h}" x2="{grid_x}" y2="{head_h + cell_h * len(rows)}" stroke="#d8dde3"/>')
    out.append("</svg>")
    return "".join(out)


def parse_day(value: object, *, end: bool = False) -> date | None:
    """An xsd:date, dateTime or gYear as a day (a bare year is its first or, for an end, last day)."""
    if value is None:
        return None
    text = str(value).strip()
    if re.fullmatch(r"\d{4}", text):
        return date(int(text), 12, 31) if end else date(int(text), 1, 1)
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def timeline_svg(
    bars: Sequence[Bar],
    *,
    title: str,
    description: str,
    undated: str,
    label_width: int = 90,
    chart_width: int = 760,
) -> str:
    """A Gantt chart: one row per bar, quarters and years on the axis; undated steps get a hollow marker."""
    dated = [b for b in bars if b.start and b.end]
    first = min((b.start for b in dated if b.start), default=date.today())
    last = max((b.end for b in dated if b.end), default=first)
    lo, hi = date(first.year, 1, 1), date(last.year, 12, 31)
    span = max((hi - lo).days, 1)
    row_h, head_h = 22, 36
    width, height = label_width + chart_width + 20, head_h + row_h * len(bars) + 10

    def x_of(day: date) -> float:
        return round(label_width + chart_width * (day - lo).days / span, 1)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" role="group" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="timeline-title timeline-desc" '
        f'font-family="{FONT}" font-size="12">',
        f'<title id="timeline-title">{escape(title)}</title><desc id="timeline-desc">{escape(description)}</desc>',
    ]
    for year in range(lo.year, hi.year + 1):
        for quarter in range(4):
            day = date(year, 1 + 3 * quarter, 1)
            x = x_of(day)
            colour = "#8a939c" if quarter == 0 else "#e3e7eb"
            out.append(f'<line x1="{x}" y1="{head_h - 6}" x2="{x}" y2="{height - 10}" stroke="{colour}"/>')
            if quarter == 0:
                out.append(f'<text x="{x + 4}" y="{head_h - 20}" font-weight="600" fill="#1b1f24">{year}</text>')
            out.append(f'<text x="{x + 4}" y="{head_h - 8}" fill="#555d66" font-size="10">Q{quarter + 1}</text>')
    for i, bar in enumerate(bars):
        y = head_h + i * row_h
        out.append(
            f'<text x="{label_width - 8}" y="{y + row_h - 7}" text-anchor="end" fill="#1b1f24">{escape(bar.key)}</text>'
        )
        tip = f"{bar.key} {bar.label}" + (f" ({bar.detail})" if bar.detail else "")
        if bar.start and bar.end:
            x0, x1 = x_of(bar.start), x_of(bar.end)
            mark = (
                f'<rect class="step" data-step="{escape(bar.key)}" x="{x0}" y="{y + 4}" width="{max(x1 - x0, 4)}" '
                f'height="{row_h - 8}" rx="3" fill="#1d4f91"><title>{escape(tip)}</title></rect>'
            )
        else:
            mark = (
                f'<g class="step undated" data-step="{escape(bar.key)}">'
                f"<title>{escape(tip)} — {escape(undated)}</title>"
                f'<rect x="{label_width + 2}" y="{y + 4}" width="14" height="{row_h - 8}" rx="3" fill="none" '
                f'stroke="#1d4f91" stroke-dasharray="3 2"/><text x="{label_width + 22}" y="{y + row_h - 7}" '
                f'fill="#555d66" font-style="italic">{escape(undated)}</text></g>'
            )
        out.append(_link(bar.url, mark, tip))
    out.append("</svg>")
    return "".join(out)
