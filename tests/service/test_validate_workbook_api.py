"""POST /api/validate with a plan workbook: results at their cells, grouped, with suggestions; bad workbooks are 4xx.

Validation does not use the served store, so these tests use one app on the embedded store, and the one
SHACL run (about 15 s) is shared by the module.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from fastapi.testclient import TestClient
from nkc_kg.loaders.workbook.exporter import export_plan
from openpyxl import load_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("api") / "plan.xlsx"
    export_plan("late-gevolgen-2025", path)
    return path.read_bytes()


@pytest.fixture(scope="module")
def api(app_with) -> TestClient:  # type: ignore[no-untyped-def]
    return TestClient(app_with())


@pytest.fixture(scope="module")
def valid_report(api: TestClient, workbook: bytes) -> dict[str, Any]:
    r = api.post("/api/validate", params={"filename": "plan.xlsx"}, content=workbook, headers={"content-type": XLSX})
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def with_unknown_party(workbook: bytes) -> tuple[bytes, str]:
    book = load_workbook(io.BytesIO(workbook))
    for row in book["Betrokkenen"].iter_rows(min_row=2):
        if row[0].value == 3:
            row[2].value = "NVMOO"
            cell = row[2].coordinate
            break
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), cell


def test_report_of_a_workbook_names_sheets_cells_and_groups(valid_report: dict[str, Any]) -> None:
    assert valid_report["conforms"] is True
    results = valid_report["results"]
    assert results and all(r["source"]["file"] == "plan.xlsx" for r in results)
    issue = next(r for r in results if r["source"]["sheet"] == "Bronproblemen")
    assert issue["source"]["cell"].startswith("A") and issue["source"]["line"] == int(issue["source"]["cell"][1:])
    assert {"severity", "focusNode", "path", "message", "messageNl", "source", "group", "suggestion"} <= set(issue)
    activity = next(r for r in results if r["group"]["activity"] is not None)
    assert activity["group"]["plan"] == "late-gevolgen-2025"
    assert activity["group"]["nl"] == f"Activiteit {activity['group']['activity']}"
    assert valid_report["notShown"] > 0  # warnings about the other plans are left out


def test_unknown_party_is_400_at_its_cell_with_a_suggestion(api: TestClient, workbook: bytes) -> None:
    body, cell = with_unknown_party(workbook)
    r = api.post("/api/validate", params={"filename": "mijn plan.xlsx"}, content=body, headers={"content-type": XLSX})
    assert r.status_code == 400
    [error] = r.json()["detail"]["errors"]
    assert error["source"] == {"file": "mijn plan.xlsx", "line": int(cell[1:]), "sheet": "Betrokkenen", "cell": cell}
    assert error["messageNl"] == "onbekende partij 'NVMOO' — bedoelde u NVMO of NVPO?"
    assert error["suggestion"] == "NVMO"


def test_malformed_workbook_is_400_naming_the_problem(api: TestClient) -> None:
    r = api.post("/api/validate", content=b"PK\x03\x04 broken", headers={"content-type": XLSX})
    assert r.status_code == 400
    [error] = r.json()["detail"]["errors"]
    assert error["message"].startswith("not a readable .xlsx workbook")
    assert error["source"]["file"] == "upload.xlsx"


def test_odd_file_names_are_not_used(api: TestClient) -> None:
    r = api.post(
        "/api/validate", params={"filename": "../../etc/x.xlsx"}, content=b"PK", headers={"content-type": XLSX}
    )
    assert r.status_code == 400 and r.json()["detail"]["errors"][0]["source"]["file"] == "x.xlsx"


def test_oversized_workbook_is_413(app_with, workbook: bytes) -> None:  # type: ignore[no-untyped-def]
    small = TestClient(app_with(upload_limit=1000))
    r = small.post("/api/validate", content=workbook, headers={"content-type": XLSX})
    assert r.status_code == 413 and set(r.json()) == {"error", "detail"}


def test_the_page_shows_the_report(api: TestClient, workbook: bytes) -> None:
    body, cell = with_unknown_party(workbook)
    r = api.post("/valideren", files={"file": ("plan.xlsx", body, XLSX)})
    assert r.status_code == 200
    assert f"Betrokkenen!{cell}" in r.text and "bedoelde u NVMO of NVPO?" in r.text
    assert api.post("/valideren", files={"file": ("plan.pdf", b"%PDF", "application/pdf")}).status_code == 415
    assert api.post("/valideren", data={"x": "1"}).status_code == 400


def test_the_page_refuses_oversized_uploads(app_with, workbook: bytes) -> None:  # type: ignore[no-untyped-def]
    small = TestClient(app_with(upload_limit=1000))
    r = small.post("/valideren?lang=en", files={"file": ("plan.xlsx", workbook, XLSX)})
    assert r.status_code == 413 and "The file is too large; the limit is 1000 bytes." in r.text
