"""Server-side SVG pictures: the party × subgoal involvement matrix and a Gantt-style timeline of steps.

They take plain data (no graph, no queries) and return SVG markup with a <title> and <desc> for screen
readers, a <title> tooltip on every mark and links to the pages behind the marks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
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
    "partner": "#b7791f",
    "support": "#737d87",
    "involved": "#4a86c5",
}
# Every role colour has at least 3:1 contrast with the white and the striped background (WCAG 1.4.11).
# One colour per plan on the timeline, as dark as the role colours.
PLAN_COLOURS = ("#1d4f91", "#a33b20", "#2e6b30", "#6a3d9a", "#8a5a00")
TODAY_COLOUR = "#b42318"
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
    who: str = ""
    colour: str = "#1d4f91"


def quarter_starts(lo: date, hi: date) -> Iterator[tuple[date, int]]:
    """The first day of every quarter from ``lo`` to ``hi`` with its quarter (0-3): a timeline's grid lines."""
    for year in range(lo.year, hi.year + 1):
        for quarter in range(4):
            day = date(year, 1 + 3 * quarter, 1)
            if lo <= day <= hi:
                yield day, quarter


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
    cell_w, cell_h = 46, 24
    label_width = max([120, *(int(6.9 * len(r.label)) + 16 for r in rows)])
    head_h = max([34, *(int(5.2 * len(c.short or c.key)) + 30 for c in columns)])
    faded = faded or {}
    width = label_width + cell_w * len(columns) + 90
    height = head_h + cell_h * len(rows) + 10
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="matrix" role="group" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="matrix-title matrix-desc" '
        f'font-family="{FONT}" font-size="13">',
        f'<title id="matrix-title">{escape(title)}</title><desc id="matrix-desc">{escape(description)}</desc>',
        cross_cutting_patterns(sorted({role_key(strongest_role(cells.get(k, ()))) for k in faded})),
    ]
    for j, col in enumerate(columns):
        x = label_width + j * cell_w + cell_w / 2
        shown = col.short or col.key
        head = (
            f'<text x="{x}" y="{head_h - 8}" transform="rotate(-40 {x} {head_h - 8})" font-weight="600" '
            f'fill="#1b1f24" font-size="11">{escape(shown)}<title>{escape(col.label)}</title></text>'
        )
        out.append(_link(col.url, head, f"{shown} — {col.label}" if shown not in col.label else col.label))
    for i, row in enumerate(rows):
        y = head_h + i * cell_h
        if i % 2 == 0:
            out.append(f'<rect x="0" y="{y}" width="{width - 10}" height="{cell_h}" fill="#f4f6f8"/>')
        text = f'<text x="{label_width - 8}" y="{y + cell_h - 7}" text-anchor="end" fill="#1d4f91">'
        text += f"{escape(row.label)}</text>"
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
            # through an activity serving every subgoal: stripes in the role's colour inside a border of it
            fill = f"url(#{CROSS_CUTTING_ID}{role_key(main)})" if note else role_colour(main)
            rect = (
                f'<rect class="cell{" faded" if note else ""}" data-party="{escape(row.label)}" '
                f'data-subgoal="{escape(col.key)}" data-role="{escape(main or "")}" x="{x + 3}" y="{y + 3}" '
                f'width="{cell_w - 6}" height="{cell_h - 6}" rx="3" fill="{fill}"'
                f' stroke="{role_colour(main)}" stroke-width="{2 if note else 1}"><title>{escape(tip)}</title></rect>'
            )
            out.append(_link(cell_url(row.key, col.key) if cell_url else col.url, rect, tip))
    grid_x = label_width
    out.append(f'<line x1="{grid_x}" y1="{head_h}" x2="{grid_x}" y2="{head_h + cell_h * len(rows)}" stroke="#d8dde3"/>')
    out.append("</svg>")
    return "".join(out)


CROSS_CUTTING_ID = "cross-cutting-"


def role_key(role: str | None) -> str:
    """The role's part of a pattern id ("other" for a role without a colour of its own)."""
    return role if role in ROLE_COLOURS else "other"


def _stripes(pattern_id: str, colour: str) -> str:
    # half the width in the role's colour, half white: the colour stays the role's, the stripes say "cross-cutting"
    return (
        f'<pattern id="{pattern_id}" width="8" height="8" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="8" height="8" fill="#fff"/>'
        f'<rect width="4" height="8" fill="{colour}"/></pattern>'
    )


def cross_cutting_patterns(roles: Sequence[str], prefix: str = CROSS_CUTTING_ID) -> str:
    """One striped pattern per role (``prefix`` + role key), in that role's colour."""
    inner = "".join(_stripes(f"{prefix}{role}", ROLE_COLOURS.get(role, OTHER_COLOUR)) for role in roles)
    return f"<defs>{inner}</defs>" if inner else ""


def cross_cutting_swatch(role: str) -> str:
    """The legend's sample of a cell of ``role`` reached through an activity for all subgoals: the same
    stripes and border as that cell in the matrix."""
    key, colour = role_key(role), role_colour(role)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="swatch-svg" data-role="{escape(key)}" width="30" '
        f'height="16" aria-hidden="true">{cross_cutting_patterns([key], "legend-cross-cutting-")}'
        f'<rect x="1" y="1" width="28" height="14" rx="3" fill="url(#legend-cross-cutting-{key})" '
        f'stroke="{colour}" stroke-width="2"/></svg>'
    )


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
    today: date | None = None,
    today_label: str = "",
    window: tuple[date, date] | None = None,
) -> str:
    """A Gantt chart: one row per bar, quarters and years on the axis; undated steps get a hollow marker.

    Each bar carries its step's text and who leads it, in its plan's colour; ``today`` draws a line.
    """
    lo, hi = _period(bars, today, window)
    span = max((hi - lo).days, 1)
    row_h, head_h = 34, 36
    width, height = label_width + chart_width + 20, head_h + row_h * len(bars) + 10

    def x_of(day: date) -> float:
        return round(label_width + chart_width * (day - lo).days / span, 1)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" role="group" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="timeline-title timeline-desc" '
        f'font-family="{FONT}" font-size="12">',
        f'<title id="timeline-title">{escape(title)}</title><desc id="timeline-desc">{escape(description)}</desc>',
    ]
    for day, quarter in quarter_starts(lo, hi):
        x = x_of(day)
        colour = "#8a939c" if quarter == 0 else "#e3e7eb"
        out.append(f'<line x1="{x}" y1="{head_h - 6}" x2="{x}" y2="{height - 10}" stroke="{colour}"/>')
        if quarter == 0 or day == lo:
            out.append(f'<text x="{x + 4}" y="{head_h - 20}" font-weight="600" fill="#1b1f24">{day.year}</text>')
        out.append(f'<text x="{x + 4}" y="{head_h - 8}" fill="#555d66" font-size="10">Q{quarter + 1}</text>')
    for i, bar in enumerate(bars):
        y = head_h + i * row_h
        out.append(
            f'<text x="{label_width - 8}" y="{y + row_h - 13}" text-anchor="end" fill="#1b1f24">'
            f"{escape(bar.key)}</text>"
        )
        tip = (
            f"{bar.key} {bar.label}" + (f" ({bar.detail})" if bar.detail else "") + (f" — {bar.who}" if bar.who else "")
        )
        if bar.start and bar.end:
            x0 = max(x_of(max(bar.start, lo)), label_width)
            x1 = min(x_of(min(bar.end, hi)), label_width + chart_width)
            caption = _clip(_clip(bar.label, 80) + (f" — {bar.who}" if bar.who else ""), 125)
            mark = (
                f'<rect class="step" data-step="{escape(bar.key)}" x="{x0}" y="{y + 16}" width="{max(x1 - x0, 4)}" '
                f'height="{row_h - 20}" rx="3" fill="{bar.colour}"><title>{escape(tip)}</title></rect>'
                f'<text class="caption" x="{min(x0, label_width + chart_width - 300)}" y="{y + 12}" fill="#1b1f24" '
                f'font-size="11">{escape(caption)}</text>'
            )
        else:
            mark = (
                f'<g class="step undated" data-step="{escape(bar.key)}">'
                f"<title>{escape(tip)} — {escape(undated)}</title>"
                f'<rect x="{label_width + 2}" y="{y + 16}" width="14" height="{row_h - 20}" rx="3" fill="none" '
                f'stroke="{bar.colour}" stroke-dasharray="3 2"/><text x="{label_width + 22}" y="{y + row_h - 7}" '
                f'fill="#555d66" font-style="italic">{escape(undated)}</text>'
                f'<text x="{label_width + 2}" y="{y + 12}" fill="#1b1f24" font-size="11">'
                f"{escape(_clip(bar.label, 90))}{escape(f' — {bar.who}' if bar.who else '')}</text></g>"
            )
        out.append(_link(bar.url, mark, tip))
    if today and lo <= today <= hi:
        x = x_of(today)
        out.append(
            f'<g class="today"><line x1="{x}" y1="{head_h - 30}" x2="{x}" y2="{height - 6}" stroke="{TODAY_COLOUR}" '
            f'stroke-width="2" stroke-dasharray="5 3"/><text x="{x + 4}" y="{head_h - 28}" fill="{TODAY_COLOUR}" '
            f'font-size="11" font-weight="600">{escape(today_label)}</text></g>'
        )
    out.append("</svg>")
    return "".join(out)


def _period(bars: Sequence[Bar], today: date | None, window: tuple[date, date] | None) -> tuple[date, date]:
    """The days a timeline shows: the chosen window from the start of its first quarter, else whole years."""
    if window:
        return date(window[0].year, (window[0].month - 1) // 3 * 3 + 1, 1), max(window[1], window[0])
    dated = [b for b in bars if b.start and b.end]
    first = min((b.start for b in dated if b.start), default=today or date.today())
    last = max((b.end for b in dated if b.end), default=first)
    return date(first.year, 1, 1), date(last.year, 12, 31)


def _narrow_step(bar: Bar, y: int, x_of: Callable[[date], float], pad: int, undated: str) -> str:
    """One step of the phone's timeline: a line of text (number, text, lead) above its bar."""
    tip = f"{bar.key} {bar.label}" + (f" ({bar.detail})" if bar.detail else "") + (f" — {bar.who}" if bar.who else "")
    line = _clip(f"{bar.key} {bar.label}" + (f" — {bar.who}" if bar.who else ""), 50)
    text = f'<text x="{pad}" y="{y + 13}" fill="#1b1f24" font-size="11.5">{escape(line)}</text>'
    if bar.start and bar.end:
        x0, x1 = x_of(bar.start), x_of(bar.end)
        mark = f'<rect x="{x0}" y="{y + 19}" width="{max(x1 - x0, 4)}" height="12" rx="3" fill="{bar.colour}"/>'
        inner = f'<g class="step" data-step="{escape(bar.key)}"><title>{escape(tip)}</title>{text}{mark}</g>'
    else:
        mark = (
            f'<rect x="{pad}" y="{y + 19}" width="14" height="12" rx="3" fill="none" stroke="{bar.colour}" '
            f'stroke-dasharray="3 2"/><text x="{pad + 20}" y="{y + 30}" fill="#555d66" font-style="italic" '
            f'font-size="11">{escape(undated)}</text>'
        )
        inner = (
            f'<g class="step undated" data-step="{escape(bar.key)}"><title>{escape(tip)} — {escape(undated)}</title>'
            f"{text}{mark}</g>"
        )
    return _link(bar.url, inner, tip)


def timeline_narrow_svg(
    bars: Sequence[Bar],
    *,
    title: str,
    description: str,
    undated: str,
    today: date | None = None,
    today_label: str = "",
    window: tuple[date, date] | None = None,
    width: int = 340,
) -> str:
    """The timeline for a phone: as wide as the screen (the SVG scales to its box), each step a line of text
    (its number, text and lead) above its bar, so nothing needs sideways scrolling. Quarters are named only
    when there is room for them; years always are."""
    lo, hi = _period(bars, today, window)
    span = max((hi - lo).days, 1)
    pad, row_h, head_h = 4, 40, 34
    chart = width - 2 * pad
    height = head_h + row_h * len(bars) + 20  # the last line names the "today" line

    def x_of(day: date) -> float:
        return round(pad + chart * (min(max(day, lo), hi) - lo).days / span, 1)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline-phone" role="group" width="100%" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="timeline-phone-title timeline-phone-desc" '
        f'font-family="{FONT}" font-size="12">',
        f'<title id="timeline-phone-title">{escape(title)}</title>'
        f'<desc id="timeline-phone-desc">{escape(description)}</desc>',
    ]
    for day, quarter in quarter_starts(lo, hi):
        x = x_of(day)
        out.append(
            f'<line x1="{x}" y1="{head_h - 6}" x2="{x}" y2="{height - 4}" '
            f'stroke="{"#8a939c" if quarter == 0 else "#e3e7eb"}"/>'
        )
        if (quarter == 0 or day == lo) and x < width - 30:
            out.append(f'<text x="{x + 3}" y="{head_h - 20}" font-weight="600" fill="#1b1f24">{day.year}</text>')
        if chart * 91 / span >= 24:  # room to name the quarter
            out.append(f'<text x="{x + 3}" y="{head_h - 8}" fill="#555d66" font-size="10">Q{quarter + 1}</text>')
    out.extend(_narrow_step(bar, head_h + i * row_h, x_of, pad, undated) for i, bar in enumerate(bars))
    if today and lo <= today <= hi:
        x = x_of(today)
        end = x > width / 2  # the word on the side with room
        out.append(
            f'<g class="today"><line x1="{x}" y1="{head_h - 6}" x2="{x}" y2="{height - 4}" stroke="{TODAY_COLOUR}" '
            f'stroke-width="2" stroke-dasharray="5 3"/><text x="{x - 3 if end else x + 3}" y="{height - 6}" '
            f'text-anchor="{"end" if end else "start"}" fill="{TODAY_COLOUR}" font-size="10" font-weight="600">'
            f"{escape(today_label)}</text></g>"
        )
    out.append("</svg>")
    return "".join(out)
