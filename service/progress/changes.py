"""Status changes between two progress reports (``nkc-kg diff FROM TO --progress``): per activity or step,
the status and date in each report, and whether it changed, is new or is no longer reported."""

from __future__ import annotations

from typing import Any

from nkc_kg.loaders.iris import Iris
from nkc_kg.loaders.paths import QUERIES_DIR
from nkc_kg.service.graph.queries import QueryFolder
from nkc_kg.service.progress.state import ProgressError
from nkc_kg.service.store.embedded import Store

Key = tuple[int, int | None]


def read_report(store: Store, iris: Iris, report_id: str) -> dict[Key, dict[str, Any]]:
    """The observations of a report by (activity, step); ProgressError when the graph has no such report."""
    report = iris.progress_report(report_id)
    rows = store.select(QueryFolder(QUERIES_DIR / "progress", iris)["report"], {"report": report}).rows
    if not rows and not store.ask("ASK { ?report ?p ?o }", {"report": report}):
        raise ProgressError(f"unknown progress report {report_id!r}")
    found: dict[Key, dict[str, Any]] = {}
    for row in rows:
        step = row.get("step")
        key = (int(row["activity"]), int(step) if step is not None else None)  # type: ignore[arg-type]
        found[key] = {
            "plan": str(row["plan"]),
            "status": str(row["status"]),
            "date": str(row["date"]),
            "done": str(row["done"]) if row.get("done") is not None else None,
        }
    return found


def status_changes(old: dict[Key, dict[str, Any]], new: dict[Key, dict[str, Any]]) -> list[dict[str, Any]]:
    changes = []
    for key in sorted(set(old) | set(new), key=lambda k: (k[0], k[1] or 0)):
        before, after = old.get(key), new.get(key)
        if before and after and before["status"] == after["status"]:
            continue
        kind = "changed" if before and after else ("new" if after else "dropped")
        changes.append(
            {
                "activity": key[0],
                "step": key[1],
                "kind": kind,
                "from": before["status"] if before else None,
                "fromDate": before["date"] if before else None,
                "to": after["status"] if after else None,
                "toDate": after["date"] if after else None,
            }
        )
    return changes


def format_changes(old_id: str, new_id: str, changes: list[dict[str, Any]], lang: str = "nl") -> str:
    nl = lang == "nl"
    lines = [f"{'Statuswijzigingen' if nl else 'Status changes'} {old_id} → {new_id}: {len(changes)}"]
    for c in changes:
        where = f"{c['activity']}.{c['step']}" if c["step"] else str(c["activity"])
        if c["kind"] == "changed":
            lines.append(f"  ~ {where}: {c['from']} ({c['fromDate']}) → {c['to']} ({c['toDate']})")
        elif c["kind"] == "new":
            lines.append(f"  + {where}: {c['to']} ({c['toDate']})")
        else:
            lines.append(
                f"  - {where}: {c['from']} ({c['fromDate']}) {'niet meer gemeld' if nl else 'no longer reported'}"
            )
    return "\n".join(lines) + "\n"
