"""An activity as its page shows it: its versions, every party with its steps, each initiative once.

Plain functions over :meth:`PlanData.activity`'s answer; no web framework.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlencode

from nkc_kg.loaders.names import fold

FILLER_WORDS = {"initiatief", "initiative", "project", "programma", "programme", "het", "de", "the"}


def versions(activity: Mapping[str, Any], plan_id: str) -> dict[str, list[dict[str, Any]]]:
    """The activity's predecessors and successors, each with the link to its part of /diff."""

    def linked(other: Mapping[str, Any], old: str, new: str, number_in_new: Any) -> dict[str, Any]:
        query = urlencode({"from": old, "to": new, "activity": number_in_new})
        return {**other, "diff": f"/diff?{query}#activity-{number_in_new}", "year": _year(str(other.get("plan")))}

    return {
        "continues": [
            linked(p, str(p.get("plan")), plan_id, activity.get("number")) for p in activity.get("continues") or []
        ],
        "continuedBy": [
            linked(s, plan_id, str(s.get("plan")), s.get("number")) for s in activity.get("continuedBy") or []
        ],
    }


def parties_with_steps(activity: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """Every party of the activity, also one that only leads a step, with the steps it leads or joins."""
    parties = {str(p["iri"]): {**p, "steps": list(p.get("steps") or [])} for p in activity.get("parties") or []}
    for step in activity.get("steps") or []:
        for lead in step.get("lead") or []:
            party = parties.setdefault(str(lead["iri"]), {**lead, "roles": [], "steps": []})
            if "lead" not in party["roles"]:
                party["roles"] = ["lead", *party["roles"]]
            if step.get("number") not in party["steps"]:
                party["steps"].append(step.get("number"))
    for party in parties.values():
        party["steps"] = sorted(s for s in party["steps"] if s is not None)
    return sorted(
        parties.values(), key=lambda p: ("lead" not in p.get("roles", []), str(p.get("label", "")).casefold())
    )


def unnamed_mentions(
    initiatives: Iterable[Mapping[str, Any]], mentions: Iterable[Mapping[str, Any]]
) -> list[Mapping[str, Any]]:
    """The mentions that name no initiative already listed ("DRUP" is the Drug Rediscovery Protocol)."""
    names: set[str] = set()
    for initiative in initiatives:
        label = str(initiative.get("label") or "")
        slug = str(initiative.get("iri") or "").rstrip("/").rsplit("/", 1)[-1]
        names |= {_key(label), _key(slug.replace("-", " ")), _initials(label)}
    names.discard("")
    return [m for m in mentions if _key(str(m.get("text") or m.get("label") or "")) not in names]


def _key(text: str) -> str:
    text = re.sub(r"\([^)]*\)", "", text)  # "(O)DAP" is DAP, "(Orphan) Drug Access Protocol" too
    return "".join(w for w in fold(text).split() if w not in FILLER_WORDS).replace(" ", "")


def _initials(label: str) -> str:
    words = fold(re.sub(r"\([^)]*\)", "", label)).split()
    return "".join(w[0] for w in words if w not in FILLER_WORDS) if len(words) > 1 else ""


def _year(plan_id: str) -> str:
    match = re.search(r"(\d{4})$", plan_id)
    return match.group(1) if match else plan_id
