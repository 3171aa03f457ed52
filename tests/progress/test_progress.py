"""Progress of a plan (issue 17) on the real data: the 2024 report of the rare-cancer plan 2025, and a
2025 report written the way an editor writes one (export the workbook, fill in Voortgang, validate,
import), then queried, printed and written to Word by the real commands."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from nkc_kg.loaders.curated import records as r
from nkc_kg.loaders.curated.reader import read_curated
from nkc_kg.loaders.curated.timeframes import parse_timeframe
from nkc_kg.loaders.dataset import build_dataset
from nkc_kg.loaders.iris import PROV, Iris
from nkc_kg.loaders.paths import DATA_DIR, curated_data_paths
from nkc_kg.service.progress.state import STATES, load_progress
from nkc_kg.service.store.embedded import EmbeddedStore
from openpyxl import load_workbook
from rdflib import Dataset, Literal, URIRef

PLAN_2025 = "zeldzame-kankers-2025"
AT = dt.date(2025, 12, 31)
# what the editor reports in the test's 2025 report: (activity, step) -> (status, date, text)
REPORTED = {
    (2, 1): ("afgerond", "2025-06-15", "Team samengesteld."),
    (6, 1): ("vervallen", "2025-05-01", "Opgegaan in activiteit 5."),
    (3, 1): ("loopt", "2025-09-30", "Voorwerk gestart."),
    (1, 1): ("loopt", "2025-10-01", None),
}


def nkc_kg(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nkc_kg.service.cli", *args], capture_output=True, text=True, cwd=cwd, timeout=300
    )


def plan_records(plan: str) -> list[r.Activity]:
    read = read_curated(curated_data_paths())
    return [
        act
        for f in read.files
        if isinstance(f.record, r.PlanFile)
        and (f.record.plan if isinstance(f.record.plan, str) else f.record.plan.id) == plan
        for act in f.record.activities
    ]


# ------------------------------------------------------------------------------ the real 2024 report


def test_the_2024_report_is_its_own_graph_and_loses_no_fact(built, iris: Iris) -> None:  # type: ignore[no-untyped-def]
    dataset: Dataset = built.dataset
    report_graph = dataset.graph(iris.progress_graph("zeldzame-kankers-2024"))
    observations = set(report_graph.subjects(iris.nkc.observes, None))
    assert len(observations) == 13
    slides = {5: {1, 2, 3, 4}, 6: {5, 6, 7, 8}, 7: {9, 10, 11, 12, 13}}
    for n in range(1, 14):
        activity = iris.activity("zeldzame-kankers-2024", n)
        # the 2024 texts stay on the activities, in the document's graph
        done = dataset.graph(iris.graph("actieplan-zeldzame-kankers-2025")).value(activity, iris.nkc.achievement)
        assert done is not None
        obs = next(o for o in observations if report_graph.value(o, iris.nkc.observes) == activity)
        assert report_graph.value(obs, iris.nkc.achievement) == done
        assert report_graph.value(obs, iris.nkc.statusByCurators) == Literal(True)
        slide = next(s for s, acts in slides.items() if n in acts)
        assert (
            obs,
            PROV.wasDerivedFrom,
            iris.location("actieplan-zeldzame-kankers-2025", "slide", slide),
        ) in report_graph
        assert (obs, PROV.hadPrimarySource, iris.document("actieplan-zeldzame-kankers-2025")) in report_graph


def test_the_2024_plan_stands_at_13_activities_under_way(store: EmbeddedStore, iris: Iris) -> None:
    state = load_progress(store, iris, "zeldzame-kankers-2024").as_of(dt.date(2024, 12, 31), iris)
    assert state["steps"] == 13 and state["totals"]["loopt"] == 13 and state["overdue"] == []
    first = state["items"][0]
    assert first["status"] == "loopt" and first["done"].startswith("IKNL heeft in samenwerking")
    # the words of the status concept in the graph (its skos:prefLabel), for pages, reports and the command
    assert first["statusLabel"] == {"nl": "loopt", "en": "in progress"}
    assert [c["number"] for c in first["continuedBy"]] == [3]
    # before the report's date nothing was reported
    assert (
        load_progress(store, iris, "zeldzame-kankers-2024").as_of(dt.date(2024, 6, 30), iris)["totals"]["niet-gemeld"]
        == 13
    )


# ------------------------------------------------------------------------------ a 2025 report via the workbook


@pytest.fixture(scope="module")
def editor(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An editor's folder: the workbook exported, Voortgang filled in, imported; data/ with the new report."""
    here = tmp_path_factory.mktemp("progress")
    done = nkc_kg("export-xlsx", PLAN_2025, "-o", "plan.xlsx", cwd=here)
    assert done.returncode == 0, done.stderr
    book = load_workbook(here / "plan.xlsx")
    sheet = book["Voortgang"]
    columns = {cell.value: cell.column for cell in sheet[1]}
    for row in sheet.iter_rows(min_row=2):
        where = (row[columns["Activiteit"] - 1].value, row[columns["Stap"] - 1].value)
        if where in REPORTED:
            status, day, text = REPORTED[where]
            sheet.cell(row[0].row, columns["Status"]).value = status
            sheet.cell(row[0].row, columns["Datum"]).value = day
            sheet.cell(row[0].row, columns["Toelichting"]).value = text
            sheet.cell(row[0].row, columns["Bron"]).value = "https://example.org/verslag-2025"
    book.save(here / "filled.xlsx")
    return here


def test_voortgang_mistakes_are_named_at_their_cells(editor: Path) -> None:
    book = load_workbook(editor / "filled.xlsx")
    sheet = book["Voortgang"]
    columns = {cell.value: cell.column for cell in sheet[1]}
    last = sheet.max_row
    rows = [
        (1, 2, "bezig", "2025-05-01", "x"),  # unknown status
        (1, 3, "loopt", "2031-01-01", "x"),  # outside the plan's period
        (1, 4, "afgerond", "2025-05-01", None),  # afgerond without a text
        (1, 9, "loopt", "2025-05-01", "x"),  # no such step
    ]
    for i, (act, step, status, day, text) in enumerate(rows, start=1):
        for header, value in zip(
            ("Activiteit", "Stap", "Status", "Datum", "Toelichting"), (act, step, status, day, text), strict=True
        ):
            sheet.cell(last + i, columns[header]).value = value
        sheet.cell(last + i, columns["Bron"]).value = "https://example.org/x"
    book.save(editor / "wrong.xlsx")
    checked = nkc_kg("validate", "wrong.xlsx", cwd=editor)
    assert checked.returncode == 1
    out = checked.stdout + checked.stderr
    assert f"Voortgang!C{last + 1}: FOUT: Onbekende status" in out
    assert f"Voortgang!D{last + 2}: FOUT: De datum 2031-01-01 ligt buiten de looptijd van het plan" in out
    assert f"Voortgang!E{last + 3}: FOUT: Status 'afgerond' zonder toelichting" in out
    assert f"Voortgang!B{last + 4}: FOUT: Deze stap of activiteit bestaat niet" in out


@pytest.fixture(scope="module")
def data_2025(editor: Path) -> Path:
    checked = nkc_kg("validate", "filled.xlsx", cwd=editor)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    imported = nkc_kg("import-xlsx", "filled.xlsx", "-o", "out", cwd=editor)
    assert imported.returncode == 0, imported.stderr
    assert "voortgang-zeldzame-kankers-2025.yaml: gewijzigd" in imported.stdout
    data = editor / "data"
    shutil.copytree(DATA_DIR, data)
    shutil.copy(editor / "out" / "voortgang-zeldzame-kankers-2025.yaml", data)
    return data


@pytest.fixture(scope="module")
def progress_2025(data_2025: Path) -> dict:  # type: ignore[type-arg]
    iris = Iris()
    built = build_dataset(curated_data_paths(data_2025), iris)
    assert not built.errors, built.errors
    store = EmbeddedStore.from_dataset(built.dataset)
    return load_progress(store, iris, PLAN_2025).as_of(AT, iris)


def test_overdue_steps_at_the_end_of_2025(progress_2025: dict) -> None:  # type: ignore[type-arg]
    # read from the cards: every step whose timeframe ends before 31 December 2025 ...
    ended = {
        (act.number, step.number)
        for act in plan_records(PLAN_2025)
        for step in act.steps
        if step.timeframe and (end := parse_timeframe(step.timeframe).end) is not None and end < AT
    }
    # ... that the report does not close (afgerond or vervallen)
    closed = {where for where, (status, _, _) in REPORTED.items() if status in ("afgerond", "vervallen")}
    overdue = {(i["activity"], i["step"]) for i in progress_2025["overdue"]}
    assert overdue == ended - closed
    assert {(2, 2), (3, 1), (4, 1), (10, 1), (12, 1), (13, 1)} == overdue
    three_one = next(i for i in progress_2025["overdue"] if (i["activity"], i["step"]) == (3, 1))
    assert three_one["status"] == "loopt" and three_one["daysLate"] == (AT - dt.date(2025, 9, 30)).days
    assert "Integraal Kankercentrum Nederland" in {lead["label"] for lead in three_one["leads"]}


def test_subgoal_bars_sum_to_the_plans_steps(progress_2025: dict) -> None:  # type: ignore[type-arg]
    activities = plan_records(PLAN_2025)
    assert progress_2025["steps"] == sum(len(a.steps) for a in activities) == 43
    assert sum(progress_2025["totals"].values()) == 43
    assert progress_2025["totals"]["afgerond"] == 2
    for bar in progress_2025["subgoals"]:
        assert sum(bar["counts"][s] for s in STATES) == bar["steps"]
        serving = [a for a in activities if (a.subgoals == "all") == (bar["subgoal"] is None)]
        if bar["subgoal"] is not None:
            serving = [a for a in serving if bar["subgoal"] in a.subgoals]
        assert bar["steps"] == sum(len(a.steps) for a in serving), bar


def test_the_commands_print_the_state_and_write_the_word_report(data_2025: Path, editor: Path) -> None:
    shown = nkc_kg("progress", PLAN_2025, "--at", "2025-12-31", "--data", str(data_2025), cwd=editor)
    assert shown.returncode == 0, shown.stderr
    assert "43 stappen (afgerond 2, loopt 1, over tijd 6, niet gemeld 34)" in shown.stdout
    assert "  3.1 [Q1 t/m Q3 2025, 92 dagen] Starten met voorwerk ACCELERATE onderzoek" in shown.stdout
    bad = nkc_kg("progress", PLAN_2025, "--at", "31-12-2025", "--data", str(data_2025), cwd=editor)
    assert bad.returncode == 2 and "--at: not a date" in bad.stderr and "Traceback" not in bad.stderr
    written = nkc_kg(
        "progress-report", PLAN_2025, "--at", "2025-12-31", "-o", "report.docx", "--data", str(data_2025), cwd=editor
    )
    assert written.returncode == 0, written.stderr
    text = "\n".join(p.text for p in Document(str(editor / "report.docx")).paragraphs)
    for act in plan_records(PLAN_2025):
        assert f"{act.number}. {act.title}" in text
    assert "Wat is er gedaan: Team samengesteld." in text
    assert "Status: vervallen (2025-05-01)" in text
    english = nkc_kg("progress", PLAN_2025, "--at", "2025-12-31", "--lang", "en", "--data", str(data_2025), cwd=editor)
    assert english.returncode == 0, english.stderr
    assert "(cancelled 2025-05-01)" in english.stdout and "(vervallen" not in english.stdout
    assert "Bron: Nederlands Kanker Collectief (2025). Actieplan Zeldzame Kankers 2025" in text


def test_the_2024_report_in_word_follows_activiteiten_2024(tmp_path: Path) -> None:
    written = nkc_kg("progress-report", "zeldzame-kankers-2024", "--at", "2024-12-31", "-o", "r.docx", cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    document = Document(str(tmp_path / "r.docx"))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "Activiteiten 2024"
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 2"]
    read = read_curated(curated_data_paths())
    past = next(f.record for f in read.files if f.source.path.name == "zeldzame-kankers-2024.yaml")
    assert isinstance(past, r.PlanFile)
    assert headings == [f"{a.number}. {a.title}" for a in past.past_activities]
    assert any(p.startswith("Wordt voortgezet als: 7. ") for p in paragraphs)
    assert sum(p.startswith("Bron: ") for p in paragraphs) == 13
    refused = nkc_kg("progress-report", "zeldzame-kankers-2024", "--at", "2024-12-31", "-o", "r.pdf", cwd=tmp_path)
    assert refused.returncode == 2 and ".docx" in refused.stderr


def test_status_concepts_have_dutch_and_english_labels(built, iris: Iris) -> None:  # type: ignore[no-untyped-def]
    from rdflib.namespace import SKOS

    graph = built.dataset.graph(iris.graph("curated"))
    for key, english in (("gepland", "planned"), ("afgerond", "completed"), ("vervallen", "cancelled")):
        concept = URIRef(iris.concept("progress-status", key))
        assert (concept, SKOS.prefLabel, Literal(key, lang="nl")) in graph
        assert (concept, SKOS.prefLabel, Literal(english, lang="en")) in graph
