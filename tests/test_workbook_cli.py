"""`nkc-kg export-xlsx`, `import-xlsx` and `validate plan.xlsx` as an editor runs them (real processes, real data)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from nkc_kg.loaders.paths import DATA_DIR
from openpyxl import load_workbook


def nkc_kg(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nkc_kg.service.cli", *args], capture_output=True, text=True, cwd=cwd, timeout=300
    )


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    here = tmp_path_factory.mktemp("editor")
    done = nkc_kg("export-xlsx", "late-gevolgen-2025", "-o", "plan.xlsx", cwd=here)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("plan.xlsx: plan late-gevolgen-2025 from late-gevolgen-2025.yaml")
    return here


def test_export_refuses_to_overwrite(folder: Path) -> None:
    again = nkc_kg("export-xlsx", "late-gevolgen-2025", "-o", "plan.xlsx", cwd=folder)
    assert again.returncode == 2 and "exists; give --overwrite" in again.stderr
    unknown = nkc_kg("export-xlsx", "late-gevolgen-2052", "-o", "x.xlsx", cwd=folder)
    assert unknown.returncode == 2 and "unknown plan 'late-gevolgen-2052'; known plans:" in unknown.stderr


def test_errors_are_reported_at_their_cells_and_nothing_is_written(folder: Path) -> None:
    book = load_workbook(folder / "plan.xlsx")
    for row in book["Stappen"].iter_rows(min_row=2):
        if row[0].value == 3 and row[1].value == 1:
            row[4].value = "NVMOO"
            cell = row[4].coordinate
    book.save(folder / "bad.xlsx")
    for command in (["import-xlsx", "bad.xlsx", "-o", "out"], ["validate", "bad.xlsx"]):
        done = nkc_kg(*command, cwd=folder)
        assert done.returncode == 1
        lines = done.stdout.splitlines()
        at = lines.index(f"bad.xlsx: Stappen!{cell}: onbekende partij 'NVMOO' — bedoelde u NVMO of NVPO?")
        assert lines[at + 1] == "    (en) unknown party 'NVMOO' — did you mean NVMO or NVPO?"
    assert not (folder / "out").exists()
    english = nkc_kg("validate", "--lang", "en", "bad.xlsx", cwd=folder)
    assert f"bad.xlsx: Stappen!{cell}: unknown party 'NVMOO' — did you mean NVMO or NVPO?" in english.stdout


def test_import_writes_the_plan_files_and_only_overwrites_when_asked(folder: Path) -> None:
    done = nkc_kg("import-xlsx", "plan.xlsx", cwd=folder)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "plan-yaml/late-gevolgen-2025.yaml: ongewijzigd / unchanged" in done.stdout
    written = folder / "plan-yaml" / "late-gevolgen-2025.yaml"
    assert written.read_text() == (DATA_DIR / "late-gevolgen-2025.yaml").read_text()
    written.write_text("# my own notes\n")
    refused = nkc_kg("import-xlsx", "plan.xlsx", cwd=folder)
    assert refused.returncode == 1 and "give --overwrite" in refused.stderr
    assert written.read_text() == "# my own notes\n"  # --overwrite: see test_plan_workbook.test_write_texts
