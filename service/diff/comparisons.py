"""The plans of the served graph compared, each pair once: which ids the service and the page accept, what the
page compares by default, and the sentences of the page (the diffs come from :mod:`.compare`)."""

from __future__ import annotations

import threading
from typing import Any

from nkc_kg.service.diff.compare import compare
from nkc_kg.service.diff.report import no_differences
from nkc_kg.service.diff.versions import VersionReader
from nkc_kg.service.graph.parameters import checked_key
from nkc_kg.service.graph.plan_data import BadParameter, JsonDict, PlanData
from nkc_kg.service.i18n.messages import message

EXAMPLES = {"from": ("old", "zeldzame-kankers-2024"), "to": ("new", "zeldzame-kankers-2025")}


class Comparisons:
    """The diffs of the served plans, computed once each."""

    def __init__(self, data: PlanData) -> None:
        self.data = data
        self.reader = VersionReader(data)
        self._done: dict[tuple[str, str], JsonDict] = {}
        self._lock = threading.Lock()

    def plans(self) -> list[JsonDict]:
        return list(self.data.plans()["plans"])

    def check(self, old: str | None, new: str | None) -> tuple[str, str]:
        """Both ids present, of sane length and known; BadParameter or NotFound otherwise."""
        ids = []
        for name, value in (("from", old), ("to", new)):
            if not value:
                which, example = EXAMPLES[name]
                raise BadParameter(name, f"give the plan id of the {which} version, e.g. {name}={example}")
            value = checked_key(name, value)
            self.reader.check_plan(value, name)
            ids.append(value)
        return ids[0], ids[1]

    def diff(self, old: str, new: str) -> JsonDict:
        key = (old, new)
        with self._lock:
            found = self._done.get(key)
        if found is None:
            found = compare(self.reader.read(old, "from"), self.reader.read(new, "to"))
            with self._lock:
                self._done[key] = found
        return found

    def defaults(self, old: str | None, new: str | None) -> tuple[str | None, str | None]:
        """What the page compares when the form is not filled in: the newest revision and the plan it revises."""
        plans = {p["id"]: p for p in self.plans()}

        def revised(plan_id: str | None) -> str | None:
            revision = (plans.get(plan_id or "") or {}).get("revisionOf") or {}
            return revision.get("id")

        if not old and not new:
            revisions = [p for p in plans.values() if revised(p["id"])]
            if not revisions:
                return None, None
            newest = max(revisions, key=lambda p: (p.get("year") or 0, p["id"]))
            return revised(newest["id"]), newest["id"]
        if not old:
            return revised(new) or new, new
        if not new:
            successor = next((p["id"] for p in plans.values() if revised(p["id"]) == old), None)
            return old, successor or old
        return old, new


def _title(plan: JsonDict, lang: str) -> str:
    return str((plan.get("titleEn") if lang == "en" else None) or plan.get("title") or plan.get("label") or plan["id"])


def page_texts(diff: JsonDict, lang: str) -> JsonDict:
    """The sentences of the page whose words come from messages.py with values filled in."""
    # plans by their title in the page's language, not by their id
    names = {str(side["id"]): _title(side, lang) for side in (diff["from"], diff["to"])}
    old, new = names[str(diff["from"]["id"])], names[str(diff["to"]["id"])]

    def t(key: str, **values: Any) -> str:
        return message(key, lang).format(**values)

    return {
        "relation": t(f"diff.relation.{diff['relation']}", plan=old, **{"from": old, "to": new}),
        "summary": t("diff.summary.activities", **diff["summary"]),
        "details": t("diff.summary.details", **diff["summary"]),
        "notes": [
            t(f"diff.note.{note['code']}", plan=names.get(str(note["plan"]), note["plan"])) for note in diff["notes"]
        ],
        "nothing": no_differences(diff),
    }
