"""Small helpers of the timeline and matrix pages: quarters around today, a colour and a short name per plan."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from nkc_kg.service.plans.pictures import PLAN_COLOURS

FILLER = {"actieplan", "action", "plan", "van", "de", "het", "en", "of", "the", "and"}


def quarter_start(day: date) -> date:
    return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, on the first of its month (enough for quarter arithmetic)."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def plan_colours(plan_ids: Sequence[str]) -> dict[str, str]:
    """One colour per plan, the same for a plan wherever it is shown (in listing order)."""
    return {plan_id: PLAN_COLOURS[i % len(PLAN_COLOURS)] for i, plan_id in enumerate(plan_ids)}


def plan_short_name(plan: Mapping[str, Any], lang: str) -> str:
    """ "ZK 2025" for the Rare Cancers plan of 2025: the initials of its theme words and its year."""
    title = str((plan.get("titleEn") if lang == "en" else None) or plan.get("title") or plan.get("label") or "")
    words = [w for w in re.findall(r"[A-Za-zÀ-ÿ]+", title) if w.casefold() not in FILLER]
    initials = "".join(w[0].upper() for w in words) or str(plan.get("id", ""))[:3].upper()
    return f"{initials} {plan.get('year') or ''}".strip()


def short_title(title: str, limit: int = 26) -> str:
    """The first words of a subgoal's title, whole words only, at most ``limit`` characters."""
    out = ""
    for word in title.split():
        if len(out) + len(word) + 1 > limit and out:
            break
        out = f"{out} {word}".strip()
    return out
