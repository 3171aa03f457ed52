"""What every sheet reader shares: where each value was read, how a cell is read and reported."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from nkc_kg.loaders.curated import records as r
from nkc_kg.loaders.curated.yamlio import CurationError, Location, PathKey
from nkc_kg.loaders.names import fold
from nkc_kg.loaders.workbook.cells import CellError, NameIndex, PartyItem, lines, name, names, parties, party_ref, text
from nkc_kg.loaders.workbook.sheets import SHEETS, Row, Sheet, Tables

FILE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*\.yaml$")
SHEET = {sheet.name: sheet for sheet in SHEETS}


@dataclass
class Placed:
    """Where a record's data lives while it is assembled: its dict and its path in its file."""

    data: dict[str, Any]
    file: str
    path: PathKey


@dataclass
class Assembled:
    """Plan files (name -> record), shared records (file or None for new -> records), and their cells."""

    files: dict[str, r.PlanFile] = field(default_factory=dict)
    documents: dict[str, str] = field(default_factory=dict)
    cells: dict[str, dict[PathKey, str]] = field(default_factory=dict)  # file -> path -> "Sheet!C14"
    parties: list[tuple[str | None, r.Party, Row]] = field(default_factory=list)
    initiatives: list[tuple[str | None, r.Initiative, Row]] = field(default_factory=list)
    errors: list[CurationError] = field(default_factory=list)


def cell_ref(sheet: Sheet, row: Row, key: str) -> str:
    """``Sheet!C14`` of a value: where it was read, or where the export writes it."""
    if key in row.cells:
        return row.cells[key]
    from openpyxl.utils import get_column_letter

    if sheet.vertical:
        index = [c.key for c in sheet.columns].index(key) + 2
        return f"{sheet.name}!B{index}"
    return f"{sheet.name}!{get_column_letter([c.key for c in sheet.columns].index(key) + 1)}{row.number}"


def row_ref(sheet: Sheet, row: Row) -> str:
    return cell_ref(sheet, row, sheet.columns[0].key)


class AssemblerCore:
    """The tables, the records being assembled with the cell of every value, and the names typed in them."""

    def __init__(self, tables: Tables, workbook: str) -> None:
        self.tables = tables
        self.workbook = workbook
        self.out = Assembled()
        for sheet_name, rows in tables.items():  # rows built in memory (not read) get their export row numbers
            for i, row in enumerate(rows):
                row.number = row.number or (i + 2)
            assert sheet_name in SHEET
        self.party_names = NameIndex("partij", "party")
        self.initiative_names = NameIndex("initiatief", "initiative")
        self.owner: dict[str, str] = {}  # plan field -> file
        self.data: dict[str, dict[str, Any]] = {}  # file -> its YAML data
        self.issue_owners: dict[str, Placed] = {}  # "activiteit 3 stap 2" -> the record
        self.activities: dict[int, Placed] = {}
        self.steps: dict[tuple[int, int], Placed] = {}
        self.past: dict[int, Placed] = {}

    def fail(self, ref: str, exc: CellError | str, message_en: str | None = None) -> None:
        if isinstance(exc, CellError):
            nl_text, en_text, hint = exc.message_nl, exc.message_en, exc.suggestion
        else:
            nl_text, en_text, hint = exc, message_en or exc, None
        row = int(re.sub(r"\D", "", ref.rsplit("!", 1)[1]) or 0)
        self.out.errors.append(CurationError(Location(self.workbook, row, ref), en_text, "", nl_text, hint))

    def read(self, sheet: Sheet, row: Row, key: str, codec: Callable[..., Any], *args: Any) -> Any:
        try:
            return codec(row.get(key), *args)
        except CellError as exc:
            self.fail(cell_ref(sheet, row, key), exc)
            return None

    def required(self, sheet: Sheet, row: Row, key: str, codec: Callable[..., Any], *args: Any) -> Any:
        value = self.read(sheet, row, key, codec, *args)
        if value is None and row.get(key) is None:
            column = sheet.column(key)
            self.fail(
                cell_ref(sheet, row, key),
                f"{column.header} is verplicht",
                f"{column.header} ({column.header_en}) is required",
            )
        return value

    def place(self, placed: Placed, key: str, value: Any, sheet: Sheet, row: Row, column: str | None = None) -> None:
        """Set a field of a record being assembled, remembering the cell it came from."""
        if value is None:
            return
        placed.data[key] = value
        self.cells(placed.file)[(*placed.path, key)] = cell_ref(sheet, row, column or key)

    def cells(self, file: str) -> dict[PathKey, str]:
        return self.out.cells.setdefault(file, {})

    def append(self, owner: Placed, key: str, data: dict[str, Any], sheet: Sheet, row: Row) -> Placed:
        items = owner.data.setdefault(key, [])
        placed = Placed(data, owner.file, (*owner.path, key, len(items)))
        items.append(data)
        self.cells(owner.file)[placed.path] = row_ref(sheet, row)
        return placed

    def top(self, plan_field: str) -> Placed:
        file = self.owner.get(plan_field) or self.owner["plan"]
        return Placed(self.data[file], file, ())

    def rows(self, sheet: Sheet) -> list[Row]:
        return [row for row in self.tables.get(sheet.name, []) if any(v is not None for v in row.values.values())]

    def names(self) -> None:
        for row in self.rows(SHEET["Partijen"]):
            ident = name(row.get("id"))
            if ident:
                alts = lines(row.get("alt_labels")) if isinstance(row.get("alt_labels"), str) else []
                self.party_names.add(
                    ident, name(row.get("abbreviation")), text(row.get("label")), text(row.get("label_en")), *alts
                )
        for row in self.rows(SHEET["Teams"]):  # a team is a party too (it wrote the plan)
            ident = name(row.get("id"))
            if ident:
                self.party_names.add(ident, text(row.get("label")))
        for row in self.rows(SHEET["Initiatieven"]):
            ident = name(row.get("id"))
            if ident:
                self.initiative_names.add(ident, name(row.get("abbreviation")), text(row.get("label")))

    def party(self, sheet: Sheet, row: Row, key: str, typed: str) -> str | None:
        try:
            return self.party_names.resolve(typed)
        except CellError as exc:
            self.fail(cell_ref(sheet, row, key), exc)
            return None

    def party_list(self, sheet: Sheet, row: Row, key: str) -> list[Any] | None:
        items: list[PartyItem] = self.read(sheet, row, key, parties) or []
        out = []
        for item in items:
            ident = self.party(sheet, row, key, item.name)
            if ident:
                out.append(party_ref(item, ident))
        return out or None

    def own(self, label: str, placed: Placed) -> None:
        """``label`` ("activiteit 3 stap 2") names ``placed`` on the sheet Bronproblemen."""
        self.issue_owners[issue_key(label)] = placed

    def id_list(self, sheet: Sheet, row: Row, key: str, index: NameIndex) -> list[str] | None:
        out = []
        for typed in self.read(sheet, row, key, names) or []:
            try:
                out.append(index.resolve(typed))
            except CellError as exc:
                self.fail(cell_ref(sheet, row, key), exc)
        return out or None

    @staticmethod
    def place_plain(placed: Placed, key: str, value: Any) -> None:
        if value is not None:
            placed.data[key] = value


def missing(what: str, key: object, sheet: str) -> tuple[str, str]:
    english = {"activiteit": "activity", "stap": "step", "canvas": "canvas", "team": "team"}[what]
    return f"{what} {key} staat niet op {sheet}", f"{english} {key} is not on {sheet}"


def issue_key(target: str) -> str:
    return fold(re.sub(r"(\d)\s+([A-Za-z])$", r"\1\2", target.strip()))
