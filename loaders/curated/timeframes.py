"""Read the timeframes the plans write ("Q4 2025 – Q1 2026", "mogelijk Q3 t/m Q4 2025").

OWL-Time has no quarter unit, so a quarter becomes the interval of its first
and last day; the verbatim text stays the label. Qualifiers the source adds
("mogelijk", "doorlopend", "eind") are kept as flags instead of being dropped.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("januari", "jan"),
            ("februari", "feb"),
            ("maart", "mrt"),
            ("april", "apr"),
            ("mei",),
            ("juni", "jun"),
            ("juli", "jul"),
            ("augustus", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "okt"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

# "Q1 & Q2 2025" and "Q1 en Q2 2025" name adjacent periods: read them as one range.
RANGE_SEPARATOR = re.compile(r"\s*(?:t/m|tot en met|tot|–|—|&|\ben\b|-(?!\d{2}\b))\s*")
PERIOD = re.compile(
    r"^(?:(?P<q>q[1-4])|(?P<h>h[12])|(?P<half>eerste helft|tweede helft)|(?P<part>begin|medio|eind|half)"
    r"|(?P<month>[a-z]+))?\s*(?P<year>\d{4})?$"
)
TENTATIVE = ("mogelijk", "naar verwachting", "verwacht", "streven")
ONGOING = ("doorlopend", "continu", "lopend")


class TimeframeError(ValueError):
    pass


@dataclass(frozen=True)
class Timeframe:
    label: str
    start: date | None
    end: date | None
    tentative: bool = False
    ongoing: bool = False
    approximate: bool = False


def _span(token: str, year: int | None) -> tuple[date, date, bool]:
    """One endpoint: returns its first day, last day and whether it is approximate."""
    m = PERIOD.match(token)
    if not m or not any(m.groupdict().values()):
        raise TimeframeError(f"cannot read {token!r} as a period")
    y = int(m["year"]) if m["year"] else year
    if y is None:
        raise TimeframeError(f"{token!r} has no year")
    if m["q"]:
        q = int(m["q"][1])
        return date(y, 3 * q - 2, 1), _last_day(y, 3 * q), False
    if m["h"] or m["half"]:
        first = (m["h"] == "h1") if m["h"] else m["half"] == "eerste helft"
        return (date(y, 1, 1), date(y, 6, 30), False) if first else (date(y, 7, 1), date(y, 12, 31), False)
    if m["part"]:
        part = m["part"]
        if part == "begin":
            return date(y, 1, 1), date(y, 3, 31), True
        if part == "eind":
            return date(y, 10, 1), date(y, 12, 31), True
        return date(y, 4, 1), date(y, 9, 30), True  # medio / half
    if m["month"]:
        month = MONTHS.get(m["month"])
        if month is None:
            raise TimeframeError(f"unknown month or period {m['month']!r}")
        return date(y, month, 1), _last_day(y, month), False
    return date(y, 1, 1), date(y, 12, 31), False


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_timeframe(text: str) -> Timeframe:
    """Parse a verbatim timeframe; raises TimeframeError naming what it could not read."""
    label = text.strip()
    work = label.lower().strip("() .")
    tentative = ongoing = False
    for word in TENTATIVE:
        if work.startswith(word):
            tentative = True
            work = work[len(word) :].strip(" :,")
    for word in ONGOING:
        if work.startswith(word):
            ongoing = True
            work = work[len(word) :].strip(" :,()")
            work = re.sub(r"^(vanaf|in)\s+", "", work)
    if ongoing and not work:
        return Timeframe(label, None, None, tentative, ongoing)
    work = re.sub(r"^(vanaf|in|per|uiterlijk)\s+", "", work)
    work = re.sub(r"\bq([1-4])\s*-\s*([1-4])\b", r"q\1 - q\2", work)  # "Q3-4 2025" = Q3 to Q4
    tokens = [t for t in RANGE_SEPARATOR.split(work) if t]
    if not 1 <= len(tokens) <= 2:
        raise TimeframeError(f"cannot read {label!r}: expected a period or 'from – to'")
    last_year = re.search(r"(\d{4})\s*$", tokens[-1])
    if not last_year:
        raise TimeframeError(f"cannot read {label!r}: no year at the end")
    year = int(last_year[1])
    start, end1, approx1 = _span(tokens[0], year)
    _, end, approx2 = _span(tokens[-1], year) if len(tokens) == 2 else (start, end1, approx1)
    if end < start:
        raise TimeframeError(f"{label!r} ends before it starts")
    return Timeframe(label, start, end, tentative, ongoing, approx1 or approx2)
