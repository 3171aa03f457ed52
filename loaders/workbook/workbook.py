"""Plan tables <-> an .xlsx workbook (openpyxl): Dutch headers, drop-downs, frozen header rows, a README sheet.

Reading is by header, not by position, so an editor may reorder columns; a missing sheet or column, an
unknown column or a formula is an error naming the sheet and cell. Nothing here knows the curated format:
that is flatten (export) and assemble (import).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import IO, Any

from nkc_kg.loaders.curated.yamlio import CurationError, Location
from nkc_kg.loaders.formula_guard import protect_xlsx_cell
from nkc_kg.loaders.names import fold
from nkc_kg.loaders.workbook.cells import CellValue
from nkc_kg.loaders.workbook.sheets import LISTS, LISTS_SHEET, README_SHEET, SHEETS, Row, Sheet, Tables
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
README_FILL = PatternFill("solid", fgColor="F2F2F2")
BOLD = Font(bold=True)
SPARE_ROWS = 300  # drop-downs reach this far below the data, for rows an editor adds
# An .xlsx is a zip of XML files: a small upload can unpack to gigabytes. A plan's workbook unpacks
# to about 1 MB; anything far beyond that is refused before openpyxl reads it.
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
MAX_MEMBERS = 500
MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class WorkbookError(Exception):
    """The file is not a workbook this tool can read (not .xlsx, or damaged)."""


# ---------------------------------------------------------------------------- writing


def write_workbook(tables: Tables, target: Path | IO[bytes], title: str) -> None:
    book = Workbook()
    readme = book.active
    assert readme is not None
    readme.title = README_SHEET
    _readme(readme, title)
    for sheet in SHEETS:
        ws = book.create_sheet(sheet.name)
        if sheet.vertical:
            _write_vertical(ws, sheet, tables.get(sheet.name, []))
        else:
            _write_table(ws, sheet, tables.get(sheet.name, []))
    _write_lists(book.create_sheet(LISTS_SHEET))
    book.save(target)


def _set(cell: Cell, value: CellValue) -> None:
    cell.value = value
    protect_xlsx_cell(cell)  # text, never a formula (formula_guard.py)


def _header(ws: Worksheet, sheet: Sheet) -> None:
    for i, column in enumerate(sheet.columns, start=1):
        cell = ws.cell(row=1, column=i, value=column.header)
        cell.font, cell.fill = BOLD, HEADER_FILL
        ws.column_dimensions[get_column_letter(i)].width = column.width
    ws.freeze_panes = "A2"


def _write_table(ws: Worksheet, sheet: Sheet, rows: list[Row]) -> None:
    _header(ws, sheet)
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    for r, row in enumerate(rows, start=2):
        for i, column in enumerate(sheet.columns, start=1):
            cell = ws.cell(row=r, column=i)
            _set(cell, row.values.get(column.key))  # type: ignore[arg-type]
            cell.alignment = wrap if column.wrap else top
    last = len(rows) + 1
    ws.auto_filter.ref = f"A1:{get_column_letter(len(sheet.columns))}{max(last, 2)}"
    for i, column in enumerate(sheet.columns, start=1):
        if column.dropdown:
            letter = get_column_letter(i)
            _dropdown(ws, column.dropdown, f"{letter}2:{letter}{last + SPARE_ROWS}")


def _write_vertical(ws: Worksheet, sheet: Sheet, rows: list[Row]) -> None:
    values = rows[0].values if rows else {}
    for i, text in enumerate(("Veld", "Waarde"), start=1):
        cell = ws.cell(row=1, column=i, value=text)
        cell.font, cell.fill = BOLD, HEADER_FILL
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 90
    for r, column in enumerate(sheet.columns, start=2):
        ws.cell(row=r, column=1, value=column.header).font = BOLD
        cell = ws.cell(row=r, column=2)
        _set(cell, values.get(column.key))  # type: ignore[arg-type]
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if column.dropdown:
            _dropdown(ws, column.dropdown, f"B{r}")
    ws.freeze_panes = "A2"


def _dropdown(ws: Worksheet, source: str, cells: str) -> None:
    if "!" in source:  # the values of another sheet's column, rows added there included
        sheet_name, letter = source.split("!")
        formula = f"{quote_sheetname(sheet_name)}!${letter}$2:${letter}$2000"
    else:
        position = list(LISTS).index(source) + 1
        letter = get_column_letter(position)
        formula = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${len(LISTS[source][1]) + 1}"
    # A warning, not a stop: several parties go in one cell elsewhere, and ids may also be typed as abbreviations.
    validation = DataValidation(type="list", formula1=formula, allow_blank=True, errorStyle="warning")
    validation.error = "Niet in de lijst; de import controleert het. / Not in the list; the import checks it."
    ws.add_data_validation(validation)
    validation.add(cells)


def _write_lists(ws: Worksheet) -> None:
    for i, (header, values) in enumerate(LISTS.values(), start=1):
        cell = ws.cell(row=1, column=i, value=header)
        cell.font, cell.fill = BOLD, HEADER_FILL
        for r, value in enumerate(values, start=2):
            ws.cell(row=r, column=i, value=value)
        ws.column_dimensions[get_column_letter(i)].width = max(14, len(header) + 2)
    ws.freeze_panes = "A2"


README_INTRO = [
    ("Werkmap van een actieplan", "Workbook of an action plan"),
    (
        "Bewerk de bladen en lees de werkmap terug met `nkc-kg import-xlsx`; controleer hem eerst met "
        "`nkc-kg validate`. Elk probleem wordt gemeld met blad en cel (Activiteiten!C14).",
        "Edit the sheets and read the workbook back with `nkc-kg import-xlsx`; check it first with "
        "`nkc-kg validate`. Every problem is reported with its sheet and cell (Activiteiten!C14).",
    ),
    (
        "Tekst is letterlijk uit de bron (spelling inbegrepen). Verbeter de bron niet: meld een probleem op "
        "Bronproblemen.",
        "Text is verbatim from the source (spelling included). Do not correct the source: record an issue on "
        "Bronproblemen.",
    ),
    (
        "Partijen: id of afkorting (zie Partijen); meerdere in één cel met komma's, met rol en toelichting "
        "tussen haakjes: 'iknl, nfk (ondersteunend: ter ondersteuning)'. Rollen: trekker, betrokken, "
        "initiatiefnemer, projecteigenaar, ondersteunend, financier, partner.",
        "Parties: id or abbreviation (see Partijen); several in one cell with commas, with role and note in "
        "brackets: 'iknl, nfk (ondersteunend: ter ondersteuning)'. Roles: lead, involved, initiator, project "
        "owner, support, funder, partner.",
    ),
    (
        "Bron: 'dia 19', \"dia's 8, 10\", 'sectie 1.5.3', 'pagina 4'; 'document <id>' ervoor voor een ander "
        "document; 'citaat <tekst>' als laatste.",
        "Source: 'dia 19' (slide), \"dia's 8, 10\" (slides), 'sectie 1.5.3' (section), 'pagina 4' (page); "
        "'document <id>' first for another document; 'citaat <text>' (quote) last.",
    ),
    (
        "Lijsten in één cel (zoals Betrokken (letterlijk), Andere namen, Subregels): één item per regel (Alt+Enter).",
        "Lists in one cell (such as Betrokken (letterlijk), Andere namen, Subregels): one item per line (Alt+Enter).",
    ),
]


def _readme(ws: Worksheet, title: str) -> None:
    ws.cell(row=1, column=1, value=title).font = Font(bold=True, size=14)
    r = 2
    for nl_text, en_text in README_INTRO:
        r += 1
        ws.cell(row=r, column=1, value=nl_text).alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=3)
        ws.cell(row=r, column=4, value=en_text).alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=r, start_column=4, end_row=r, end_column=5)
    r += 2
    headers = ("Blad / kolom", "Column (English)", "Uitleg", "Meaning", "Lijst / list")
    for i, text in enumerate(headers, start=1):
        cell = ws.cell(row=r, column=i, value=text)
        cell.font, cell.fill = BOLD, HEADER_FILL
    header_row = r
    wrap = Alignment(wrap_text=True, vertical="top")
    for sheet in SHEETS:
        r += 1
        for i, text in enumerate((sheet.name, sheet.name_en, sheet.about_nl, sheet.about_en), start=1):
            cell = ws.cell(row=r, column=i, value=text)
            cell.font, cell.fill, cell.alignment = BOLD, README_FILL, wrap
        ws.cell(row=r, column=5).fill = README_FILL
        for column in sheet.columns:
            r += 1
            listed = column.dropdown and (LISTS[column.dropdown][0] if column.dropdown in LISTS else column.dropdown)
            for i, text in enumerate(
                (column.header, column.header_en, column.help_nl, column.help_en, listed or None), start=1
            ):
                ws.cell(row=r, column=i, value=text).alignment = wrap
    for letter, width in zip("ABCDE", (24, 22, 60, 60, 18), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = f"A{header_row + 1}"


# ---------------------------------------------------------------------------- reading


def read_workbook(source: Path | IO[bytes], display: str) -> tuple[Tables, list[CurationError]]:
    """The tables of a workbook, each value with its cell; problems of layout as errors at their cell."""
    try:
        _check_unpacked_size(source)
        book = load_workbook(source, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        # openpyxl signals a broken or foreign file with any of these; all mean "not a readable .xlsx"
        raise WorkbookError(f"not a readable .xlsx workbook: {exc}") from None
    tables: Tables = {}
    errors: list[CurationError] = []

    def fail(ref: str, row: int, nl_text: str, en_text: str) -> None:
        errors.append(CurationError(Location(display, row, ref), en_text, "", nl_text))

    for sheet in SHEETS:
        if sheet.name not in book.sheetnames and sheet.optional:
            tables[sheet.name] = []
            continue
        if sheet.name not in book.sheetnames:
            fail(f"{sheet.name}!A1", 1, f"blad {sheet.name!r} ontbreekt", f"sheet {sheet.name!r} is missing")
            continue
        ws = book[sheet.name]
        reader = _read_vertical if sheet.vertical else _read_table
        tables[sheet.name] = reader(ws, sheet, fail)
    return tables, errors


def _check_unpacked_size(source: Path | IO[bytes]) -> None:
    """Refuse a zip bomb by the sizes its directory declares (openpyxl would unpack every member)."""
    with zipfile.ZipFile(source) as archive:
        members = archive.infolist()
    if not isinstance(source, Path):
        source.seek(0)
    unpacked = sum(member.file_size for member in members)
    if len(members) > MAX_MEMBERS or unpacked > MAX_UNPACKED_BYTES:
        raise WorkbookError(
            f"not a plan workbook: {len(members)} parts unpacking to {unpacked} bytes "
            f"(at most {MAX_MEMBERS} parts and {MAX_UNPACKED_BYTES} bytes)"
        )


def _value(cell: Cell, fail: Any) -> Any:
    if cell.data_type == "f":
        fail(
            f"{cell.parent.title}!{cell.coordinate}",
            cell.row,
            "formules worden niet gelezen; typ de waarde zelf",
            "formulas are not read; type the value itself",
        )
        return None
    value = cell.value
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _columns(ws: Worksheet, sheet: Sheet, fail: Any) -> dict[int, str]:
    """Column index -> column key, by the header in row 1 (Dutch or English)."""
    by_header = {fold(c.header): c.key for c in sheet.columns} | {fold(c.header_en): c.key for c in sheet.columns}
    found: dict[int, str] = {}
    for cell in ws[1]:
        if cell.value is None or not str(cell.value).strip():
            continue
        key = by_header.get(fold(str(cell.value)))
        ref = f"{sheet.name}!{cell.coordinate}"
        if key is None:
            known = ", ".join(c.header for c in sheet.columns)
            fail(
                ref,
                1,
                f"onbekende kolom {cell.value!r} (kolommen: {known})",
                f"unknown column {cell.value!r} (columns: {known})",
            )
        elif key in found.values():
            fail(ref, 1, f"kolom {cell.value!r} staat er twee keer", f"column {cell.value!r} appears twice")
        else:
            found[cell.column] = key  # type: ignore[index]
    for column in sheet.columns:
        if column.key not in found.values():
            fail(f"{sheet.name}!A1", 1, f"kolom {column.header!r} ontbreekt", f"column {column.header!r} is missing")
    return found


def _read_table(ws: Worksheet, sheet: Sheet, fail: Any) -> list[Row]:
    columns = _columns(ws, sheet, fail)
    rows = []
    for cells in ws.iter_rows(min_row=2):
        row = Row({}, cells[0].row)  # type: ignore[arg-type]
        for cell in cells:
            key = columns.get(cell.column)  # type: ignore[arg-type]
            if key is None:
                if cell.value is not None and str(cell.value).strip():
                    fail(
                        f"{sheet.name}!{cell.coordinate}",
                        cell.row,
                        "waarde buiten de kolommen van dit blad",
                        "a value outside this sheet's columns",
                    )
                continue
            value = _value(cell, fail)  # type: ignore[arg-type]
            row.cells[key] = f"{sheet.name}!{cell.coordinate}"
            if value is not None:
                row.values[key] = value
        if row.values:
            rows.append(row)
    return rows


def _read_vertical(ws: Worksheet, sheet: Sheet, fail: Any) -> list[Row]:
    by_header = {fold(c.header): c.key for c in sheet.columns} | {fold(c.header_en): c.key for c in sheet.columns}
    row = Row({}, 2)
    for label_cell, value_cell in ws.iter_rows(min_row=2, max_col=2):
        if label_cell.value is None:
            continue
        key = by_header.get(fold(str(label_cell.value)))
        ref = f"{sheet.name}!{label_cell.coordinate}"
        if key is None:
            fail(ref, label_cell.row, f"onbekend veld {label_cell.value!r}", f"unknown field {label_cell.value!r}")
            continue
        row.cells[key] = f"{sheet.name}!{value_cell.coordinate}"
        value = _value(value_cell, fail)  # type: ignore[arg-type]
        if value is not None:
            row.values[key] = value
    for column in sheet.columns:
        if column.key not in row.cells:
            fail(f"{sheet.name}!A1", 1, f"veld {column.header!r} ontbreekt", f"field {column.header!r} is missing")
    return [row]
