"""Cells that a spreadsheet would run as a formula are written as text.

Step texts and names come from workbooks and YAML that editors (or anyone whose upload was imported)
typed. A cell starting with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return before one) is a
formula to Excel and LibreOffice when a CSV is opened or a cell re-entered: ``=HYPERLINK(…)`` leaks
data, ``+cmd|' /C calc'!A0`` starts programs. In CSV such a cell gets a leading apostrophe (the
spreadsheets' own sign for "text"); in XLSX it is stored as text with the quote-prefix style, so its
value stays exactly what was typed (an exported workbook imports back unchanged). Plain numbers
(``-5``, ``+3.25``) are left alone: they are not formulas.
"""

from __future__ import annotations

import re
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")


def is_formula_like(value: str) -> bool:
    return value.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value)


def csv_cell(value: str) -> str:
    """``value`` as a CSV cell that no spreadsheet evaluates."""
    return "'" + value if is_formula_like(value) else value


def csv_value(cell: str) -> str:
    """The value csv_cell wrote (the apostrophe it added taken off again), for readers of our own CSVs."""
    return cell[1:] if cell.startswith("'") and is_formula_like(cell[1:]) else cell


def protect_xlsx_cell(cell: Any) -> None:
    """An openpyxl cell holding text that looks like a formula: stored as text, shown with a quote prefix."""
    if isinstance(cell.value, str) and is_formula_like(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True
