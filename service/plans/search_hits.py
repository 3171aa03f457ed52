"""Search hits as people read them: a translated kind, the plan and year a hit belongs to, one line per thing.

The matching is :class:`~nkc_kg.service.graph.plan_data.search.Search`'s; this module only presents its
answer: hits with the same name and kind (an abbreviation listed in two plans) become one line with links
to each, a step links to its place on the activity page, and "activiteit 12 2025" finds activity 12 of
the plans of 2025 first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from nkc_kg.service.i18n.messages import MESSAGES, message
from nkc_kg.service.linked_data.human import generated_in

PLAN_IN_PATH = re.compile(r"^/(?:plan|abbreviations)/(?:actieplan-)?([^/]+?)(?:/|$)")
STEP_PATH = re.compile(r"^/plan/([^/]+)/activity/(\d+)/step/(\d+)$")
ACTIVITY_QUERY = re.compile(r"^\s*(?:activiteit|activity|act\.?)\s*(\d+)(?:\D+(\d{4}))?\s*$", re.IGNORECASE)


def kind_name(kind: str, lang: str, class_label: Callable[[str], str | None]) -> str:
    """A class name (``CanvasOutput``) as people say it: the interface's word, else the ontology's label."""
    if f"type.{kind}" in MESSAGES:
        return message(f"type.{kind}", lang)
    found = class_label(kind)
    if found:
        return found
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", kind).lower()


def plan_of(url: str, plans: Mapping[str, Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The plan a hit belongs to, read from its page's path (plan parts and a plan's abbreviation list)."""
    match = PLAN_IN_PATH.match(url or "")
    return plans.get(match.group(1)) if match else None


def page_of(url: str) -> str:
    step = STEP_PATH.fullmatch(url or "")
    if step:
        plan, activity, number = step.groups()
        return f"/plan/{plan}/activity/{activity}#step-{number}"
    return url


def present_hits(
    results: Iterable[Mapping[str, Any]],
    plans: Iterable[Mapping[str, Any]],
    lang: str,
    label_in: Callable[[Mapping[str, Any]], str],
    class_label: Callable[[str], str | None],
) -> list[dict[str, Any]]:
    """One line per thing found: its name, kind, plan and year, and its links (several when merged)."""
    by_id = {str(p["id"]): p for p in plans}
    lines: dict[tuple[str, str], dict[str, Any]] = {}
    for hit in results:
        name = generated_in(label_in(hit), lang)
        kind = str(hit.get("type") or "")
        url = page_of(str(hit.get("url") or ""))
        plan = plan_of(url, by_id)
        key = (re.sub(r"\s+", " ", name).casefold(), kind)
        line = lines.get(key)
        place = {"url": url, "plan": plan}
        if line is None:
            lines[key] = {"label": name, "kind": kind_name(kind, lang, class_label), "url": url, "places": [place]}
        elif all(p["url"] != url for p in line["places"]):
            line["places"].append(place)
    out = list(lines.values())
    for line in out:
        dated = [p["plan"] for p in line["places"] if p["plan"]]
        line["plans"] = _unique(dated)
    return out


def activity_shortcuts(
    query: str, plans: Iterable[Mapping[str, Any]], activity_numbers: Callable[[str], Iterable[int]]
):
    """For "activiteit 12 2025": activity 12 of every plan (of 2025) that has one, as (plan, number)."""
    match = ACTIVITY_QUERY.match(query)
    if not match:
        return []
    number, year = int(match.group(1)), match.group(2)
    found = []
    for plan in plans:
        if year and str(plan.get("year")) != year:
            continue
        if number in set(activity_numbers(str(plan["id"]))):
            found.append((plan, number))
    return found


def _unique(plans: list[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    seen: dict[str, Mapping[str, Any]] = {}
    for plan in plans:
        seen.setdefault(str(plan["id"]), plan)
    return list(seen.values())
