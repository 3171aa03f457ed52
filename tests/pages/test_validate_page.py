"""The validation page for plan editors, in a real browser: upload a workbook or a curated file, read the report."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from nkc_kg.loaders.paths import DATA_DIR
from nkc_kg.loaders.workbook.exporter import export_plan
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

VALIDATION_TIME = 180_000  # ms: the SHACL run takes ~15 s alone, more on a busy machine


@pytest.fixture(scope="module")
def bad_workbook(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The late-effects plan with an unknown party typed in a step's leads; the cell it is in."""
    folder = tmp_path_factory.mktemp("page")
    export_plan("late-gevolgen-2025", folder / "plan.xlsx")
    book = load_workbook(folder / "plan.xlsx")
    for row in book["Stappen"].iter_rows(min_row=2):
        if row[0].value == 4 and row[1].value == 1:
            row[4].value = "NVMOO"
            cell = f"Stappen!{row[4].coordinate}"
    book.save(folder / "plan-fout.xlsx")
    return folder / "plan-fout.xlsx", cell


def test_workbook_problem_is_shown_at_its_cell_with_a_suggestion(page: Page, bad_workbook: tuple[Path, str]) -> None:
    path, cell = bad_workbook
    page.goto("/")
    page.get_by_role("link", name="Plan valideren (voor planredacteuren)").click()
    page.wait_for_url(re.compile(r"/valideren$"))
    expect(page.locator("h1")).to_have_text("Plan valideren")
    page.get_by_label("Bestand").set_input_files(path)
    page.get_by_role("button", name="Valideren").click()
    report = page.locator("section.report")
    expect(report.get_by_role("heading", level=2)).to_have_text("Verslag: plan-fout.xlsx", timeout=VALIDATION_TIME)
    expect(report.get_by_role("heading", name=re.compile("De invoer kan niet worden gelezen"))).to_be_visible()
    row = report.locator("tbody tr").filter(has_text=cell)
    expect(row).to_contain_text("onbekende partij 'NVMOO' — bedoelde u NVMO of NVPO?")
    expect(row.locator(".suggestion")).to_have_text("NVMO")
    page.get_by_role("link", name="English").click()
    expect(page.locator("h1")).to_have_text("Validate a plan")


def test_curated_file_report_is_grouped_by_activity_and_severity(page: Page, tmp_path: Path) -> None:
    text = (DATA_DIR / "late-gevolgen-2025.yaml").read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    [gone] = [i for i, line in enumerate(lines) if line == '        timeframe: "Q1 2025"\n'][:1]
    del lines[gone]
    draft = tmp_path / "late-gevolgen-2025.yaml"
    draft.write_text("".join(lines), encoding="utf-8")
    page.goto("/valideren?lang=en")
    page.get_by_label("File").set_input_files(draft)
    page.get_by_role("button", name="Validate").click(timeout=VALIDATION_TIME)  # the form posts and waits
    verdict = page.locator("p.verdict")
    expect(verdict).to_have_text(re.compile("There are errors"), timeout=VALIDATION_TIME)
    # the activity whose step lost its timeframe (since the repeated card 2 is no longer activity 2's, the
    # first "Q1 2025" of the file belongs to another activity): the one group with a violation
    group = (
        page.locator("section.group")
        .filter(has=page.get_by_role("heading", name=re.compile(r"^Activity \d+\b")))
        .filter(has_text="late-gevolgen-2025")
        .filter(has=page.locator("h3 .sev-violation"))
    )
    expect(group.locator("h3 .sev-violation")).to_have_text("1 violation")
    first = group.locator("tbody tr").first  # violations come first in a group
    expect(first.locator(".sev")).to_have_text("violation")
    expect(first.locator("code.where")).to_have_text(re.compile(r"late-gevolgen-2025\.yaml:\d+"))
    expect(first).to_contain_text("The step has no timeframe")
    headings = [h for h in page.locator("section.group h3").all_inner_texts() if "late-gevolgen-2025" in h]
    activities = [int(m[1]) for h in headings if (m := re.match(r"Activity (\d+)", h))]
    assert activities == sorted(activities) and headings[0].startswith("Activity")  # activities first, in order
