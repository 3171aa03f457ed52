"""The plan workbook round trip: export -> (edit) -> import gives back the same graph, and an edit exactly its fact.

Every test runs on the real curated data; workbooks are written to a temporary folder with the real exporter
and edited with openpyxl the way a spreadsheet program would save them.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from nkc_kg.loaders.build import BuildResult
from nkc_kg.loaders.curated.yaml_writer import emit
from nkc_kg.loaders.dataset import build_dataset
from nkc_kg.loaders.iris import Iris
from nkc_kg.loaders.paths import DATA_DIR, curated_data_paths
from nkc_kg.loaders.workbook.exporter import export_plan
from nkc_kg.loaders.workbook.importer import ImportRefused, WorkbookImport, read_plan_workbook, write_texts
from nkc_kg.loaders.workbook.sheets import LISTS_SHEET, README_SHEET, SHEETS
from nkc_kg.loaders.workbook.workbook import WorkbookError
from openpyxl import load_workbook
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

PLANS = ["zeldzame-kankers-2025", "zeldzame-kankers-2024", "late-gevolgen-2025"]


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("workbooks")
    for plan in PLANS:
        export_plan(plan, folder / f"{plan}.xlsx")
    return {plan: folder / f"{plan}.xlsx" for plan in PLANS}


def edited(source: Path, target: Path, sheet: str, change: Callable[[list], bool]) -> Path:  # type: ignore[type-arg]
    """Save a copy of ``source`` with the rows of ``sheet`` passed to ``change`` (True when it changed one)."""
    book = load_workbook(source)
    assert any(change(list(row)) for row in book[sheet].iter_rows(min_row=2))
    book.save(target)
    return target


def graphs(dataset: Dataset) -> dict[str, Graph]:
    return {str(g.identifier): g for g in dataset.graphs() if len(g)}


def rebuilt(records: WorkbookImport, folder: Path, fresh: bool) -> BuildResult:
    """The shipped data with the imported files in place: written afresh (``fresh``) or as the import writes them."""
    for path in curated_data_paths():
        shutil.copy(path, folder / path.name)
    for name, record in records.records.items():
        (folder / name).write_text(emit(record) if fresh else records.texts[name], encoding="utf-8")
    return build_dataset(sorted(folder.glob("*.yaml")))


@pytest.mark.parametrize("plan", PLANS)
def test_round_trip_is_isomorphic(plan: str, workbooks: dict[str, Path], built: BuildResult, tmp_path: Path) -> None:
    read = read_plan_workbook(workbooks[plan], f"{plan}.xlsx", curated_data_paths())
    assert not read.errors, "\n".join(e.text() for e in read.errors)
    # unchanged, the import writes the plan's files exactly as they are in data/
    assert read.changed() == []
    assert set(read.texts) == {
        p.name for p in curated_data_paths() if p.name.startswith(plan + ".") or p.name.startswith(plan + "-")
    }
    # written afresh from the workbook's records (no text kept from data/), the graph is the same
    result = rebuilt(read, tmp_path, fresh=True)
    assert not result.errors, "\n".join(map(str, result.errors))
    before, after = graphs(built.dataset), graphs(result.dataset)
    assert set(before) == set(after)
    for name, graph in before.items():
        assert isomorphic(graph, after[name]), name


def test_workbook_layout(workbooks: dict[str, Path]) -> None:
    book = load_workbook(workbooks["zeldzame-kankers-2025"])
    assert book.sheetnames == [README_SHEET, *(s.name for s in SHEETS), LISTS_SHEET]
    steps = book["Stappen"]
    assert [c.value for c in steps[1]] == [
        "Activiteit",
        "Stap",
        "Tekst",
        "Termijn",
        "Trekkers",
        "Trekkers (letterlijk)",
        "Initiatieven",
        "Bron",
    ]
    assert steps.freeze_panes == "A2"
    involved = book["Betrokkenen"]
    lists = {str(v.sqref): v.formula1 for v in involved.data_validations.dataValidation}
    assert "'Partijen'!$A$2:$A$2000" in lists.values()  # party ids
    assert "'Lijsten'!$A$2:$A$8" in lists.values()  # the seven roles
    assert any("'Subdoelen'!" in v.formula1 for v in book["Canvassen"].data_validations.dataValidation)
    assert book[LISTS_SHEET]["A3"].value == "betrokken"
    readme = [c.value for row in book[README_SHEET].iter_rows() for c in row if c.value]
    assert "Termijn" in readme and "Timeframe" in readme
    row = next(r for r in steps.iter_rows(min_row=2) if r[0].value == 12 and r[1].value == 3)
    assert row[4].value == "drcp-wg-geneesmiddelen, radboudumc, umc-utrecht"


def test_editing_a_timeframe_changes_exactly_that_fact(
    workbooks: dict[str, Path], built: BuildResult, tmp_path: Path, iris: Iris
) -> None:
    def change(row: list) -> bool:  # type: ignore[type-arg]
        if row[0].value == 3 and row[1].value == 2:
            assert row[3].value == "Q4 2025"
            row[3].value = "Q1 2026"
            return True
        return False

    workbook = edited(workbooks["zeldzame-kankers-2025"], tmp_path / "edit.xlsx", "Stappen", change)
    read = read_plan_workbook(workbook, "edit.xlsx", curated_data_paths())
    assert not read.errors and read.changed() == ["zeldzame-kankers-2025-activiteiten.yaml"]
    name = "zeldzame-kankers-2025-activiteiten.yaml"
    old, new = (DATA_DIR / name).read_text().splitlines(), read.texts[name].splitlines()
    assert len(old) == len(new)
    assert [(a, b) for a, b in zip(old, new, strict=True) if a != b] == [
        ('        timeframe: "Q4 2025"', '        timeframe: "Q1 2026"')
    ]
    data = tmp_path / "data"
    data.mkdir()
    result = rebuilt(read, data, fresh=False)
    graph = iris.graph("actieplan-zeldzame-kankers-2025")
    _, removed, added = graph_diff(
        to_isomorphic(built.dataset.graph(graph)), to_isomorphic(result.dataset.graph(graph))
    )
    timeframe = URIRef(str(iris.step("zeldzame-kankers-2025", 3, 2)) + "/timeframe")
    assert {t[0] for t in removed} == {t[0] for t in added} == {timeframe}
    assert {str(o) for _, _, o in added} == {
        "Q1 2026",
        str(iris.instant("2026-01-01")),
        str(iris.instant("2026-03-31")),
        "2026",  # nkc:overlapsYear, the calendar year of the new timeframe
    }
    assert {str(o) for _, _, o in removed} == {
        "Q4 2025",
        str(iris.instant("2025-10-01")),
        str(iris.instant("2025-12-31")),
        "2025",
    }


def test_unknown_party_is_an_error_at_its_cell_with_a_suggestion(workbooks: dict[str, Path], tmp_path: Path) -> None:
    def change(row: list) -> bool:  # type: ignore[type-arg]
        if row[0].value == 12 and row[1].value == 2:
            row[4].value = "NVMOO, zin"
            return True
        return False

    workbook = edited(workbooks["zeldzame-kankers-2025"], tmp_path / "bad.xlsx", "Stappen", change)
    read = read_plan_workbook(workbook, "bad.xlsx", curated_data_paths())
    assert read.texts == {}
    [error] = read.errors
    assert error.location is not None and error.location.cell is not None
    assert error.location.cell.startswith("Stappen!E")
    assert (
        error.text("nl").split("\n")[0]
        == f"bad.xlsx: {error.location.cell}: onbekende partij 'NVMOO' — bedoelde u NVMO of NVPO?"
    )
    assert "unknown party 'NVMOO' — did you mean NVMO or NVPO?" in error.text("nl").split("\n")[1]
    assert error.suggestion == "NVMO"


def test_parties_added_or_changed_go_to_parties_yaml_and_abbreviations_are_accepted(
    workbooks: dict[str, Path], tmp_path: Path
) -> None:
    book = load_workbook(workbooks["zeldzame-kankers-2025"])
    parties = book["Partijen"]
    header = [c.value for c in parties[1]]
    row = [None] * len(header)
    row[header.index("Id")], row[header.index("Type")], row[header.index("Naam")] = (
        "nieuw-netwerk",
        "netwerk",
        "Nieuw Netwerk",
    )
    parties.append(row)
    for cells in parties.iter_rows(min_row=2):
        if cells[0].value == "nvmo":
            cells[header.index("Naam (en)")].value = "Dutch Society for Medical Oncology"
    steps = book["Stappen"]
    for cells in steps.iter_rows(min_row=2):
        if cells[0].value == 12 and cells[1].value == 2:
            cells[4].value = "drcp-wg-geneesmiddelen, NVMO, Nieuw Netwerk"  # an abbreviation and a label
    book.save(tmp_path / "parties.xlsx")
    read = read_plan_workbook(tmp_path / "parties.xlsx", "parties.xlsx", curated_data_paths())
    assert not read.errors, [e.text() for e in read.errors]
    assert sorted(read.changed()) == ["parties.yaml", "zeldzame-kankers-2025-activiteiten.yaml"]
    text = read.texts["parties.yaml"]
    assert text.endswith('  - id: nieuw-netwerk\n    type: network\n    label: "Nieuw Netwerk"\n')
    assert 'label_en: "Dutch Society for Medical Oncology"' in text
    old = (DATA_DIR / "parties.yaml").read_text().splitlines()
    assert sum(1 for a, b in zip(old, text.splitlines(), strict=False) if a != b) == 1  # nvmo's label_en, in place
    assert (
        "lead: [drcp-wg-geneesmiddelen, nvmo, nieuw-netwerk]" in read.texts["zeldzame-kankers-2025-activiteiten.yaml"]
    )


def test_layout_problems_name_their_cell(workbooks: dict[str, Path], tmp_path: Path) -> None:
    book = load_workbook(workbooks["late-gevolgen-2025"])
    del book["Keuzes"]
    book["Stappen"]["D1"] = "Wanneer"
    book["Activiteiten"]["B3"] = "=A3"
    book.save(tmp_path / "layout.xlsx")
    read = read_plan_workbook(tmp_path / "layout.xlsx", "layout.xlsx", curated_data_paths())
    found = {(e.location.cell if e.location else None): e.message_nl for e in read.errors}
    assert found["Keuzes!A1"] == "blad 'Keuzes' ontbreekt"
    assert found["Stappen!D1"].startswith("onbekende kolom 'Wanneer'")
    assert found["Activiteiten!B3"] == "formules worden niet gelezen; typ de waarde zelf"
    assert read.texts == {}


def test_not_a_workbook_is_refused(tmp_path: Path) -> None:
    (tmp_path / "x.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(WorkbookError, match=r"not a readable \.xlsx"):
        read_plan_workbook(tmp_path / "x.xlsx", "x.xlsx", curated_data_paths())


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    import zipfile

    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (80 * 1024 * 1024) + b"/>")
    assert bomb.stat().st_size < 200_000  # 80 MB of XML in a small upload
    with pytest.raises(WorkbookError, match="unpacking to"):
        read_plan_workbook(bomb, "bomb.xlsx", curated_data_paths())


def test_write_texts_writes_all_or_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("mine\n")
    with pytest.raises(ImportRefused, match=r"a\.yaml; give --overwrite"):
        write_texts({"b.yaml": "new\n", "a.yaml": "theirs\n"}, tmp_path, overwrite=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml"]
    assert write_texts({"a.yaml": "mine\n"}, tmp_path, overwrite=False) == [tmp_path / "a.yaml"]  # same text
    write_texts({"b.yaml": "new\n", "a.yaml": "theirs\n"}, tmp_path, overwrite=True)
    assert (tmp_path / "a.yaml").read_text() == "theirs\n" and (tmp_path / "b.yaml").read_text() == "new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "b.yaml"]  # no temporary files left
