"""Quarters as people type them ('Q4 2025', '2025-Q4', '4e kwartaal 2025', 'fourth quarter 2025').

One parser for every API that takes a quarter: the named queries (``/api/queries``) bind its first
and last day, the questions (``/api/questions``) offer and resolve it.
"""

from __future__ import annotations

import re
from datetime import date

from nkc_kg.loaders.names import fold

ORDINALS = {
    "eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "first": 1, "second": 2, "third": 3, "fourth": 4,
}  # fmt: skip
QUARTER_FORMS = (
    re.compile(r"q\s*([1-4])\s*(\d{4})"),  # Q4 2025, q4-2025
    re.compile(r"(\d{4})\s*q\s*([1-4])"),  # 2025-Q4
    re.compile(r"([1-4])\s*(?:e|de|ste|st|nd|rd|th)?\s*(?:kwartaal|quarter)\s*(?:van\s+|of\s+)?(\d{4})"),  # 4e kwartaal
    re.compile(r"(?:kwartaal|quarter)\s*([1-4])\s*(?:van\s+|of\s+)?(\d{4})"),  # kwartaal 4 2025
    re.compile(
        r"(eerste|tweede|derde|vierde|first|second|third|fourth)\s+(?:kwartaal|quarter)\s+(?:van\s+|of\s+)?(\d{4})"
    ),
)
EXPECTED_QUARTER = "expected a quarter like 'Q4 2025' or '4e kwartaal 2025'"


def quarter_of(text: str) -> tuple[int, int] | None:
    """(quarter, year) from 'Q4 2025', '2025-Q4', '4e kwartaal 2025', 'vierde kwartaal 2025', 'fourth quarter 2025'."""
    plain = fold(text).replace("'", "")
    for form in QUARTER_FORMS:
        match = form.fullmatch(plain)
        if match:
            first, second = match[1], match[2]
            if first.isdigit() and len(first) == 4:
                return int(second), int(first)
            return (ORDINALS[first] if first in ORDINALS else int(first)), int(second)
    return None


def quarter_label(quarter: int, year: int) -> str:
    return f"Q{quarter} {year}"


def quarter_bounds(text: str) -> tuple[date, date]:
    """The first and last day of the quarter ``text`` names; ValueError when it names none."""
    found = quarter_of(text)
    if found is None:
        raise ValueError(EXPECTED_QUARTER)
    quarter, year = found
    first = date(year, 3 * quarter - 2, 1)
    last_month = 3 * quarter
    next_first = date(year + (last_month == 12), last_month % 12 + 1, 1)
    return first, date.fromordinal(next_first.toordinal() - 1)
