"""Small helpers for sentences in Dutch and English: lists, counts, number ranges, dates."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

AND = {"nl": "en", "en": "and"}
MONTHS = {
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
}  # fmt: skip


def pick(lang: str, nl: str, en: str) -> str:
    return nl if lang == "nl" else en


def join_words(words: Iterable[str], lang: str) -> str:
    """'a', 'a en b', 'a, b en c' (no serial comma in either language)."""
    items = list(words)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {AND[lang]} {items[-1]}"


def number_list(numbers: Iterable[int], lang: str) -> str:
    """[5, 6, 7, 8, 12, 34] -> '5–8, 12 en 34': three or more consecutive numbers become a range."""
    ordered = sorted(set(numbers))
    parts: list[str] = []
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        if j - i >= 2:
            parts.append(f"{ordered[i]}–{ordered[j]}")
        else:
            parts.extend(str(n) for n in ordered[i : j + 1])
        i = j + 1
    return join_words(parts, lang)


def count(n: int, singular: str, plural: str) -> str:
    """'1 partij', '24 partijen'."""
    return f"{n} {singular if n == 1 else plural}"


def numbered(numbers: Iterable[int], lang: str, nl: tuple[str, str], en: tuple[str, str]) -> str:
    """'activiteit 12', 'activiteiten 12 en 13', 'activities 1–3': the noun agrees with the count."""
    values = sorted(set(numbers))
    singular, plural = nl if lang == "nl" else en
    return f"{singular if len(values) == 1 else plural} {number_list(values, lang)}"


def long_date(day: date, lang: str) -> str:
    """'1 oktober 2025', '1 October 2025'."""
    return f"{day.day} {MONTHS[lang][day.month - 1]} {day.year}"


def month_year(text: str | None, lang: str) -> str:
    """A document date as a citation gives it: '2025' or '2026, mei' ('n.d.' without a year)."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?.*", text or "")
    if not match:
        return pick(lang, "z.d.", "n.d.")
    if match[2] and 1 <= int(match[2]) <= 12:
        return f"{match[1]}, {MONTHS[lang][int(match[2]) - 1]}"
    return match[1]
