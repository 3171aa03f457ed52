"""How plans and roles are ordered wherever they are listed: pages, diffs, the completeness view."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from nkc_kg.service.plans.pictures import ROLE_ORDER


def ordered_roles(roles: Iterable[str]) -> list[str]:
    """Lead first, as on the pages (ROLE_ORDER); roles it does not know after, alphabetically."""
    known = [r for r in ROLE_ORDER if r in set(roles)]
    return known + sorted(set(roles) - set(known))


def default_plan(plans: list[Mapping[str, Any]]) -> str:
    """The plan shown when none is asked for: the newest (by year, then id)."""
    newest = max(plans, key=lambda p: (str(p.get("year", "")), str(p.get("id", ""))))
    return str(newest["id"])
