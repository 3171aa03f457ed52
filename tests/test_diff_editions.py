"""The diff of the rare-cancer plan 2024 → 2025 against what the 2025 document says changed.

The 2025 document lists its changes since 2024 ('Aanpassingen ten opzichte van 2024', the first page of
the seed) and reports the 2024 activities with what was done (slides 5-7) before listing the 2025
activities (slide 8). Each test reads the source itself and checks the diff's finding against it.

What the document says that the data cannot show, asserted as such rather than faked:
- 'sub-activiteiten afgerond en nieuwe sub-activiteiten toegevoegd': the 2024 plan is known only
  through the report in the 2025 document, which gives no steps, so steps are not compared;
- 'De namenlijst van betrokkenen op slide 32 is aangevuld': no 2024 team is in the data;
- 'vervalt de merknaam PZK en verdwijnt deze dus uit het actieplan': the report of 2024 names no PZK
  in any activity, so no party 'leaves';
- the updated canvases (slides 10-16) and choices (slide 33) have no 2024 counterpart in the data and
  are outside the diff.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from nkc_kg.loaders.iris import Iris
from nkc_kg.loaders.paths import DATA_DIR
from nkc_kg.service.diff.compare import compare
from nkc_kg.service.diff.versions import VersionReader
from nkc_kg.service.graph.plan_data import PlanData
from nkc_kg.service.graph.runner import EntityIndex
from nkc_kg.service.store.embedded import EmbeddedStore

OLD, NEW = "zeldzame-kankers-2024", "zeldzame-kankers-2025"
DOCUMENT = "actieplan-zeldzame-kankers-2025"


def flat(text: str) -> str:
    """The slide text as one line: the layout's line breaks and runs of spaces are not part of it."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def diff(store: EmbeddedStore, iris: Iris, index: EntityIndex) -> dict[str, Any]:
    reader = VersionReader(PlanData(store, iris, index))
    return compare(reader.read(OLD), reader.read(NEW))


@pytest.fixture(scope="module")
def source(seeds: Path) -> str:
    documents = yaml.safe_load((DATA_DIR / "sources.yaml").read_text(encoding="utf-8"))["documents"]
    seed = next(d["seed"] for d in documents if d["id"] == DOCUMENT)
    return (seeds / seed).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def sections(source: str) -> dict[str, str]:
    """The changes page, the 2024 report (slides 5-7) and the 2025 list (slide 8), each flattened."""
    report = source.index(" Activiteiten 2024")
    listing = source.index(" Activiteiten 2025")
    end = source.index(" Probleem", listing)
    return {
        "changes": flat(source[:report]),
        "2024": flat(source[report:listing]),
        "2025": flat(source[listing:end]),
    }


def pairs(diff: dict[str, Any]) -> dict[int, dict[str, Any]]:
    """Paired activities by their 2024 number."""
    return {e["from"]["number"]: e for e in diff["activities"] if e["from"] and e["to"]}


def test_the_stated_changes_are_the_documents_own(diff: dict[str, Any], sections: dict[str, str]) -> None:
    assert diff["relation"] == "next-edition"
    stated = [c["text"] for c in diff["statedChanges"]]
    assert len(stated) == 8
    for text in stated:
        assert flat(text) in sections["changes"], text


def test_two_new_activities_are_the_cards_on_slides_17_and_18(
    diff: dict[str, Any], sections: dict[str, str], store: EmbeddedStore, iris: Iris
) -> None:
    assert "Twee nieuwe activiteiten zijn uitgewerkt in twee activiteitenkaarten: slide 17 en 18" in sections["changes"]
    added = [e["to"] for e in diff["activities"] if e["status"] == "added"]
    assert [a["number"] for a in added] == [1, 2]
    assert diff["summary"]["added"] == 2
    for activity, slide in zip(added, (17, 18), strict=True):
        # new: listed for 2025 (slide 8), absent from the 2024 report (slides 5-7)
        assert flat(activity["title"]) in sections["2025"]
        assert flat(activity["title"]) not in sections["2024"]
        card = iris.location(DOCUMENT, "slide", slide)
        ask = "ASK { ?activity <http://www.w3.org/ns/prov#wasDerivedFrom> ?card }"
        assert store.ask(ask, {"activity": iris.activity(NEW, activity["number"]), "card": card}), slide


def test_every_2024_activity_continues_as_2025_activity_n_plus_2(
    diff: dict[str, Any], sections: dict[str, str]
) -> None:
    found = pairs(diff)
    assert {n: e["to"]["number"] for n, e in found.items()} == {n: n + 2 for n in range(1, 14)}
    assert all(e["match"] == "continuation" and e["continued"] and e["renumbered"] for e in found.values())
    assert (diff["summary"]["removed"], diff["summary"]["continued"], diff["summary"]["renumbered"]) == (0, 13, 13)
    for n, entry in found.items():
        if n == 5:
            continue
        # the same title in the 2024 report and in the 2025 list: the document shows it continues
        title = flat(entry["to"]["title"])
        assert entry["changes"]["title"] is None
        assert title in sections["2024"] and title in sections["2025"], n


def test_the_derived_link_5_to_7_shows_as_a_title_change_with_the_curators_note(
    diff: dict[str, Any], sections: dict[str, str]
) -> None:
    entry = pairs(diff)[5]
    assert entry["to"]["number"] == 7 and entry["continued"]
    change = entry["changes"]["title"]
    # the document itself words them differently: 2024 report slide 6 and 2025 list slide 8
    assert flat(change["from"]) in sections["2024"] and flat(change["from"]) not in sections["2025"]
    assert flat(change["to"]) in sections["2025"] and flat(change["to"]) not in sections["2024"]
    notes = [i["note"] for i in entry["from"]["issues"]]
    assert any("afgeleid door curatoren" in (n or "") for n in notes), notes
    assert diff["summary"]["titlesChanged"] == 1
    assert [n for n, e in pairs(diff).items() if e["changes"]["title"]] == [5]


def test_steps_of_2024_are_not_in_the_data_so_they_are_not_compared(
    diff: dict[str, Any], sections: dict[str, str]
) -> None:
    # The changes page says sub-activities were completed and added (slides 19-31), but the 2024
    # report gives no steps: the diff says it cannot compare them instead of calling every step new.
    assert "er zijn sub-activiteiten afgerond en nieuwe sub-activiteiten toegevoegd" in sections["changes"]
    for entry in pairs(diff).values():
        assert entry["notComparable"] == ["cardTitle", "results", "steps", "subgoals"]
        assert entry["changes"]["steps"] is None and entry["changes"]["subgoals"] is None
    assert diff["summary"]["stepsAdded"] == diff["summary"]["stepsRemoved"] == 0
    assert {"code": "past-activities", "side": "from", "plan": OLD} in [
        {k: n[k] for k in ("code", "side", "plan")} for n in diff["notes"]
    ]


def test_the_extended_team_list_cannot_be_shown(diff: dict[str, Any], sections: dict[str, str]) -> None:
    assert "De namenlijst van betrokkenen op slide 32 is aangevuld" in sections["changes"]
    assert diff["team"] is None  # no 2024 team in the data
    assert any(n["code"] == "no-team" and n["plan"] == OLD for n in diff["notes"])


def test_pzk_leaving_is_not_visible_because_the_2024_report_names_no_pzk(
    diff: dict[str, Any], sections: dict[str, str], source: str
) -> None:
    assert "vervalt de merknaam PZK en verdwijnt deze dus uit het actieplan" in sections["changes"]
    # The document names PZK only on the changes page and in its list of abbreviations: not in the
    # 2024 report, not in any 2025 activity. So there is no PZK to leave in the data either.
    assert flat(source).count("PZK") == 3
    assert "PZK" not in sections["2024"] and "PZK" not in sections["2025"]
    parties = [
        p["iri"]
        for e in diff["activities"]
        if e["changes"]
        for key in ("joined", "left", "rolesChanged")
        for p in e["changes"]["parties"][key]
    ]
    assert not [p for p in parties if p.endswith("/party/pzk")]


def test_parties_named_only_on_the_2025_card_have_joined(diff: dict[str, Any], source: str) -> None:
    # card of activity 3 (slide 19), 'Wie moeten we betrekken?': pathologists of the NVVP; the 2024
    # report of activity 1 does not name them
    entry = pairs(diff)[1]
    joined = {p["label"]: p["roles"] for p in entry["changes"]["parties"]["joined"]}
    assert joined.get("Pathologen binnen de NVVP") == ["involved"]
    assert "Pathologen binnen de NVVP" in flat(source)
