"""One activity's part of a plan comparison: the /diff page narrowed to what changed for that activity."""

from __future__ import annotations

from typing import Any

JsonDict = dict[str, Any]


def side_number(entry: JsonDict) -> int | None:
    """The activity's number in the newer plan, or in the older one for a removed activity."""
    side = entry.get("to") or entry.get("from") or {}
    number = side.get("number")
    return int(number) if number is not None else None


def only_activity(diff: JsonDict, number: int) -> JsonDict | None:
    """``diff`` with only the activity numbered ``number`` in the newer plan; None when it has no such entry."""
    entries = [e for e in diff.get("activities") or [] if e.get("to") and side_number(e) == number]
    if not entries:
        entries = [e for e in diff.get("activities") or [] if not e.get("to") and side_number(e) == number]
    if not entries:
        return None
    return {**diff, "activities": entries, "team": None, "statedChanges": []}


def activity_choices(diff: JsonDict) -> list[tuple[int, str]]:
    """The activities of the comparison by number and title, for the page's "only this activity" choice."""
    seen: dict[int, str] = {}
    for entry in diff.get("activities") or []:
        side = entry.get("to")
        if side and side.get("number") is not None:
            seen.setdefault(int(side["number"]), str(side.get("title") or side.get("label") or ""))
    return sorted(seen.items())
