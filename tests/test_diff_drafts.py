"""A plan editor's draft against the shipped plan: the diff reports exactly what the editor changed.

The draft is the shipped activities file of the 2025 rare-cancer plan, copied to a temporary folder
and edited; it replaces the shipped file of the same name (as with `nkc-kg validate`).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from nkc_kg.loaders.iris import Iris
from nkc_kg.loaders.paths import DATA_DIR
from nkc_kg.service.diff.cli import DraftError, draft_reader
from nkc_kg.service.diff.compare import compare
from nkc_kg.service.diff.versions import VersionReader
from nkc_kg.service.graph.plan_data import PlanData
from nkc_kg.service.graph.runner import EntityIndex
from nkc_kg.service.store.embedded import EmbeddedStore

PLAN = "zeldzame-kankers-2025"
ACTIVITIES = "zeldzame-kankers-2025-activiteiten.yaml"
Edit = Callable[[dict[int, dict[str, Any]]], None]


def write_draft(folder: Path, edit: Edit, drop: tuple[int, ...] = ()) -> Path:
    """The shipped activities file, edited, in ``folder`` under its shipped name."""
    document = yaml.safe_load((DATA_DIR / ACTIVITIES).read_text(encoding="utf-8"))
    edit({a["number"]: a for a in document["activities"]})
    document["activities"] = [a for a in document["activities"] if a["number"] not in drop]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / ACTIVITIES
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    return path


def edit_four_things(activities: dict[int, dict[str, Any]]) -> None:
    activities[2]["steps"][1]["timeframe"] = "Q4 2025"  # was Q3 2025
    step = activities[12]["steps"][2]
    assert "umc-utrecht" in step["lead"]
    step["lead"] = [p for p in step["lead"] if p != "umc-utrecht"]
    activities[9]["title"] = "Opstellen van een advies voor expertisecentra binnen elk EURACAN-domein"


@pytest.fixture(scope="module")
def shipped(store: EmbeddedStore, iris: Iris, index: EntityIndex) -> VersionReader:
    return VersionReader(PlanData(store, iris, index))


@pytest.fixture(scope="module")
def draft_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # activity 1 is deleted: no canvas and no 2024 activity refers to it, so the draft still builds
    return write_draft(tmp_path_factory.mktemp("draft"), edit_four_things, drop=(1,))


@pytest.fixture(scope="module")
def diff(shipped: VersionReader, draft_path: Path, iris: Iris) -> dict[str, Any]:
    draft = draft_reader([str(draft_path.parent)], iris)
    return compare(shipped.read(PLAN), draft.read(PLAN))


def by_number(diff: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {(e["to"] or e["from"])["number"]: e for e in diff["activities"]}


def test_the_draft_side_is_marked_as_such(diff: dict[str, Any], draft_path: Path) -> None:
    assert diff["relation"] == "same-plan"
    assert diff["from"]["draft"] is False and diff["from"]["url"] == f"/plan/{PLAN}"
    assert diff["to"]["draft"] is True and diff["to"]["files"] == [str(draft_path)]
    assert diff["to"]["url"] is None and diff["to"]["api"] is None  # a draft is not served


def test_exactly_the_four_edits_are_reported(diff: dict[str, Any]) -> None:
    entries = by_number(diff)
    assert [n for n, e in entries.items() if e["status"] == "removed"] == [1]
    assert [n for n, e in entries.items() if e["status"] == "added"] == []
    assert sorted(n for n, e in entries.items() if e["status"] == "changed") == [2, 9, 12]
    assert all(e["match"] == "number" and not e["renumbered"] for e in entries.values() if e["from"] and e["to"])
    assert diff["summary"] == {
        "added": 0,
        "removed": 1,
        "paired": 14,
        "continued": 0,
        "renumbered": 0,
        "changed": 3,
        "unchanged": 11,
        "titlesChanged": 1,
        "stepsAdded": 0,
        "stepsRemoved": 0,
        "stepsChanged": 2,
        "timeframesMoved": 1,
        "partiesJoined": 0,
        "partiesLeft": 0,
    }
    team = diff["team"]
    assert team is not None and (team["joined"], team["left"], team["formerChanged"]) == ([], [], [])


def changes_other_than(entry: dict[str, Any], *keys: str) -> list[str]:
    def empty(value: Any) -> bool:
        return not value or (isinstance(value, dict) and all(empty(v) for v in value.values()))

    return [k for k, v in entry["changes"].items() if k not in keys and not empty(v)]


def test_the_moved_timeframe(diff: dict[str, Any]) -> None:
    entry = by_number(diff)[2]
    assert changes_other_than(entry, "steps") == []
    steps = entry["changes"]["steps"]
    assert steps["added"] == steps["removed"] == []
    [change] = steps["changed"]
    assert change["to"]["number"] == 2 and not change["renumbered"]
    assert (change["text"], change["leadText"]) == (None, None)
    timeframe = change["timeframe"]
    assert timeframe["moved"] is True
    assert (timeframe["from"]["label"], timeframe["from"]["start"], timeframe["from"]["end"]) == (
        "Q3 2025",
        "2025-07-01",
        "2025-09-30",
    )
    assert (timeframe["to"]["label"], timeframe["to"]["start"], timeframe["to"]["end"]) == (
        "Q4 2025",
        "2025-10-01",
        "2025-12-31",
    )


def test_the_renamed_title(diff: dict[str, Any]) -> None:
    entry = by_number(diff)[9]
    assert changes_other_than(entry, "title") == []
    assert entry["changes"]["title"] == {
        "from": "Opstellen van een advies voor expertisecentra binnen een EURACAN-domein",
        "to": "Opstellen van een advies voor expertisecentra binnen elk EURACAN-domein",
    }
    assert entry["similarity"] >= 0.5


def test_the_removed_lead_party(diff: dict[str, Any]) -> None:
    entry = by_number(diff)[12]
    assert changes_other_than(entry, "parties", "steps") == []
    [change] = entry["changes"]["steps"]["changed"]
    assert change["to"]["number"] == 3
    assert [(p["label"], p["roles"]) for p in change["parties"]["left"]] == [("UMC Utrecht", ["lead"])]
    assert change["parties"]["joined"] == change["parties"]["rolesChanged"] == []
    # over the whole activity UMC Utrecht stays involved (step 3 and the card), but no longer leads
    parties = entry["changes"]["parties"]
    assert parties["joined"] == parties["left"] == []
    assert [(p["label"], p["from"], p["to"]) for p in parties["rolesChanged"]] == [
        ("UMC Utrecht", ["lead", "involved"], ["involved"])
    ]


def test_the_deleted_activity(diff: dict[str, Any]) -> None:
    entry = by_number(diff)[1]
    assert entry["to"] is None and entry["changes"] is None
    assert entry["from"]["title"].startswith("Scherp krijgen hoe zeldzame vormen van kanker")
    assert entry["from"]["url"] == f"/plan/{PLAN}/activity/1"
    assert diff["activities"][0] is entry  # in its place: first


def renumber_and_rework(activities: dict[int, dict[str, Any]]) -> None:
    activities[14]["number"], activities[15]["number"] = 15, 14
    card = activities[3]
    for step in card["steps"]:
        step["number"] += 1
    new_step = {"number": 1, "text": "Literatuuronderzoek naar diagnostische vertraging", "timeframe": "Q1 2025"}
    card["steps"].insert(0, {**new_step, "lead": ["iknl"]})
    for result in card["results"]:  # as an editor should: the results stay with their steps
        result["steps"] = [result["number"] + 1]
    activities[5]["subgoals"] = [2, 3]
    activities[6]["results"][1]["text"] += " Ook in 2026."
    del activities[6]["results"][3]
    activities[7]["steps"][0]["text"] += " en de ECZA-klankbordgroep"


def test_renumbering_subgoals_results_and_step_texts(shipped: VersionReader, tmp_path: Path, iris: Iris) -> None:
    path = write_draft(tmp_path / "renumbered", renumber_and_rework)
    diff = compare(shipped.read(PLAN), draft_reader([str(path)], iris).read(PLAN))
    entries = {e["from"]["number"]: e for e in diff["activities"] if e["from"]}
    assert [e["status"] for e in diff["activities"]].count("added") == 0
    assert (entries[14]["to"]["number"], entries[15]["to"]["number"]) == (15, 14)
    for n in (14, 15):
        entry = entries[n]
        assert entry["match"] == "content" and entry["renumbered"] and entry["similarity"] == 1.0
        # the 2024 file still links 2024 activity 12 to 2025 activity 14, now the other card: the
        # diff shows the stale link instead of hiding it
        assert changes_other_than(entry, "continuation") == []
        links = entry["changes"]["continuation"]
        assert [(link["plan"], link["number"]) for link in links["from"]] == [("zeldzame-kankers-2024", n - 2)]
        assert [(link["plan"], link["number"]) for link in links["to"]] == [("zeldzame-kankers-2024", 27 - n)]
    steps = entries[3]["changes"]["steps"]
    assert [s["number"] for s in steps["added"]] == [1] and steps["removed"] == []
    assert [(s["from"]["number"], s["to"]["number"], s["renumbered"]) for s in steps["changed"]] == [
        (1, 2, True),
        (2, 3, True),
        (3, 4, True),
    ]
    assert entries[3]["changes"]["results"] == {"added": [], "removed": [], "changed": []}
    assert diff["summary"]["renumbered"] == 2
    assert sorted(e["from"]["number"] for e in diff["activities"] if e["status"] == "changed") == [3, 5, 6, 7, 14, 15]
    # subgoals served
    assert changes_other_than(entries[5], "subgoals") == []
    assert entries[5]["changes"]["subgoals"] == {"from": [2], "to": [2, 3]}
    # intended results: one reworded, one deleted
    results = entries[6]["changes"]["results"]
    assert changes_other_than(entries[6], "results") == []
    assert [r["number"] for r in results["removed"]] == [4] and results["added"] == []
    [reworded] = results["changed"]
    assert reworded["to"]["number"] == 2 and reworded["text"]["to"].endswith(" Ook in 2026.")
    assert reworded["steps"] is None and not reworded["renumbered"]
    # a step's text
    [step] = entries[7]["changes"]["steps"]["changed"]
    assert changes_other_than(entries[7], "steps") == []
    assert step["to"]["number"] == 1 and step["text"]["to"].endswith(" en de ECZA-klankbordgroep")
    assert step["timeframe"] is None and step["leadText"] is None


def test_a_draft_that_does_not_build_is_reported_with_file_and_line(tmp_path: Path, iris: Iris) -> None:
    def unknown_party(activities: dict[int, dict[str, Any]]) -> None:
        activities[5]["steps"][0]["lead"] = ["nvmoo"]

    path = write_draft(tmp_path / "broken", unknown_party)
    with pytest.raises(DraftError) as failure:
        draft_reader([str(path)], iris)
    assert f"{path}:" in str(failure.value) and "unknown party 'nvmoo'" in str(failure.value)
    with pytest.raises(DraftError, match="no such file or folder"):
        draft_reader([str(tmp_path / "missing")], iris)


def nkc_kg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nkc_kg.service.cli", *args], capture_output=True, text=True, timeout=300
    )


def test_the_command_line_report(draft_path: Path) -> None:
    done = nkc_kg("diff", PLAN, "--to-data", str(draft_path.parent))
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Samenvatting: 0 nieuw, 1 vervallen, 14 gekoppeld" in out
    assert "  - 1. Scherp krijgen hoe zeldzame vormen van kanker" in out
    assert "tijdvak: Q3 2025 (2025-07-01 – 2025-09-30) → Q4 2025 (2025-10-01 – 2025-12-31)" in out
    assert "partijen eraf: UMC Utrecht (trekker)" in out
    assert "→ Opstellen van een advies voor expertisecentra binnen elk EURACAN-domein" in out
    english = nkc_kg("diff", PLAN, PLAN, "--to-data", str(draft_path), "--lang", "en")
    assert "Summary: 0 added, 1 removed, 14 paired" in english.stdout
    assert "timeframe: Q3 2025 (2025-07-01 – 2025-09-30) → Q4 2025" in english.stdout
    unknown = nkc_kg("diff", "zeldzame-kankers-2026", PLAN)
    assert unknown.returncode == 2
    assert "unknown plan 'zeldzame-kankers-2026' (did you mean: zeldzame-kankers-2025" in unknown.stderr
    broken = nkc_kg("diff", PLAN, "--to-data", str(draft_path.parent / "nothing.yaml"))
    assert broken.returncode == 1 and "no such file or folder" in broken.stderr
