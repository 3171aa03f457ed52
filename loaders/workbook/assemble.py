"""The tables of a plan workbook -> curated records, every problem reported at its cell.

The records are built as the plain data a curated YAML file would hold and checked by the same models
(loaders/records.py), so the workbook and the YAML files accept exactly the same plans. Each value
remembers its cell: an error of the models, of the builder or of the SHACL shapes is reported there.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from nkc_kg.loaders.curated import records as r
from nkc_kg.loaders.curated.timeframes import TimeframeError, parse_timeframe
from nkc_kg.loaders.curated.yamlio import CurationError, Location, PathKey, format_key
from nkc_kg.loaders.names import fold
from nkc_kg.loaders.workbook.cells import (
    ACTIVITY_STATUS,
    ALL_SUBGOALS,
    CANVAS_COLUMNS,
    ISSUE_KINDS,
    PARTY_TYPES,
    RECORD_STATUS,
    ROLES,
    STATEMENTS,
    CellError,
    NameIndex,
    PartyItem,
    boolean,
    choice,
    did_you_mean,
    integer,
    integers,
    lines,
    name,
    names,
    number,
    parties,
    party_ref,
    source,
    sources,
    text,
)
from nkc_kg.loaders.workbook.flatten import PLAN_FIELDS
from nkc_kg.loaders.workbook.sheets import SHEETS, Row, Sheet, Tables
from pydantic import BaseModel, ValidationError

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


class Assembler:
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

    # ------------------------------------------------------------------ reporting
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

    # ------------------------------------------------------------------ the workbook
    def assemble(self) -> Assembled:
        self.names()
        if not self.files():
            return self.out
        self.header()
        self.statements()
        self.simple_lists()
        self.causes()
        self.canvases()
        self.activity_rows()
        self.past_activities()
        self.teams()
        self.registry()
        self.issues()
        if not self.out.errors:
            self.validate()
        return self.out

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
        self.issue_owners[_issue_key(label)] = placed

    def id_list(self, sheet: Sheet, row: Row, key: str, index: NameIndex) -> list[str] | None:
        out = []
        for typed in self.read(sheet, row, key, names) or []:
            try:
                out.append(index.resolve(typed))
            except CellError as exc:
                self.fail(cell_ref(sheet, row, key), exc)
        return out or None

    def files(self) -> bool:
        sheet = SHEET["Bestanden"]
        allowed = set(PLAN_FIELDS)
        for row in self.rows(sheet):
            file = self.required(sheet, row, "file", name)
            document = self.required(sheet, row, "document", name)
            if file is None or document is None:
                continue
            if not FILE_NAME.match(file):
                self.fail(
                    cell_ref(sheet, row, "file"),
                    f"bestandsnaam {file!r}: alleen kleine letters, cijfers en streepjes, eindigend op .yaml",
                    f"file name {file!r}: lowercase letters, digits and hyphens only, ending in .yaml",
                )
                continue
            if file in self.data:
                self.fail(cell_ref(sheet, row, "file"), f"{file} staat er twee keer", f"{file} is listed twice")
                continue
            self.data[file] = {"document": document}
            self.out.documents[file] = document
            self.cells(file)[()] = row_ref(sheet, row)
            self.cells(file)[("document",)] = cell_ref(sheet, row, "document")
            for part in self.read(sheet, row, "fields", names) or []:
                if part not in allowed:
                    hints = difflib.get_close_matches(part, sorted(allowed), n=1)
                    self.fail(
                        cell_ref(sheet, row, "fields"),
                        f"onbekend onderdeel {part!r}{did_you_mean(hints, 'nl')}",
                        f"unknown part {part!r}{did_you_mean(hints, 'en')}",
                    )
                elif part in self.owner:
                    self.fail(
                        cell_ref(sheet, row, "fields"),
                        f"{part} staat al bij {self.owner[part]}",
                        f"{part} is already listed for {self.owner[part]}",
                    )
                else:
                    self.owner[part] = file
        if "plan" not in self.owner:
            self.fail(
                f"{sheet.name}!C2",
                "één bestand moet het onderdeel 'plan' hebben (de kop van het plan)",
                "one file must have the part 'plan' (the plan's header)",
            )
            return False
        return True

    def header(self) -> None:
        sheet = SHEET["Plan"]
        rows = self.rows(sheet)
        row = rows[0] if rows else Row({}, 1)
        target = self.top("plan")
        plan = Placed({}, target.file, ("plan",))
        self.cells(plan.file)[("plan",)] = cell_ref(sheet, row, "id")
        self.place(plan, "id", self.required(sheet, row, "id", name), sheet, row)
        self.place(plan, "title", {"nl": self.required(sheet, row, "title", text)}, sheet, row)
        if row.get("title_en") is not None:
            plan.data["title"]["en"] = self.read(sheet, row, "title_en", text)
            self.cells(plan.file)[("plan", "title", "en")] = cell_ref(sheet, row, "title_en")
        self.place(plan, "theme", self.required(sheet, row, "theme", name), sheet, row)
        self.place(plan, "year", self.required(sheet, row, "year", integer), sheet, row)
        self.place(plan, "version", self.required(sheet, row, "version", text), sheet, row)
        publisher = self.required(sheet, row, "publisher", name)
        if publisher:
            self.place(plan, "publisher", self.party(sheet, row, "publisher", publisher), sheet, row)
        for key in ("revises", "described_by"):
            self.place(plan, key, self.read(sheet, row, key, name), sheet, row)
        self.place(plan, "note", self.read(sheet, row, "note", text), sheet, row)
        self.place(plan, "source", self.required(sheet, row, "source", source), sheet, row)
        plan_id = plan.data.get("id") or "?"
        for file, data in self.data.items():
            data["plan"] = plan.data if file == plan.file else plan_id
        self.plan_id = plan_id
        self.own("plan", self.top("issues"))

    def statements(self) -> None:
        sheet = SHEET["Uitgangspunten"]
        for row in self.rows(sheet):
            part = self.required(sheet, row, "part", choice, STATEMENTS)
            if part is None:
                continue
            target = self.top(part)
            if part in target.data:
                self.fail(row_ref(sheet, row), f"{STATEMENTS[part]} staat er twee keer", f"{part} is given twice")
                continue
            stmt = Placed({}, target.file, (part,))
            target.data[part] = stmt.data
            self.cells(target.file)[(part,)] = row_ref(sheet, row)
            self.place(stmt, "text", self.required(sheet, row, "text", text), sheet, row)
            self.place(stmt, "text_en", self.read(sheet, row, "text_en", text), sheet, row)
            self.place(stmt, "source", self.required(sheet, row, "source", source), sheet, row)
            self.own(STATEMENTS[part], stmt)

    def simple_lists(self) -> None:
        """Sheets whose rows are the records of one list: changes, subgoals, choices, abbreviations, figures."""
        for sheet_name, plan_field, label in (
            ("Wijzigingen", "changes", None),
            ("Subdoelen", "subgoals", "subdoel"),
            ("Keuzes", "choices", "keuze"),
            ("Afkortingen", "abbreviations", "afkorting"),
            ("Cijfers", "figures", None),
        ):
            sheet = SHEET[sheet_name]
            for row in self.rows(sheet):
                placed = self.append(self.top(plan_field), plan_field, {}, sheet, row)
                self.simple_record(sheet, row, placed)
                if label:
                    key = placed.data.get("abbr" if label == "afkorting" else "number")
                    self.own(f"{label} {fold(str(key))}", placed)

    def simple_record(self, sheet: Sheet, row: Row, placed: Placed) -> None:
        for column in sheet.columns:
            key = column.key
            if key in ("number", "year"):
                self.place(placed, key, self.read(sheet, row, key, integer), sheet, row)
            elif key == "value":
                self.place(placed, key, self.read(sheet, row, key, number), sheet, row)
            elif key == "source":
                self.place(placed, key, self.read(sheet, row, key, source), sheet, row)
            elif key == "denotes":
                typed = self.read(sheet, row, key, name)
                if typed:
                    self.place(placed, key, self.denotes(sheet, row, typed), sheet, row)
            elif key in ("label", "label_en") and sheet.name == "Cijfers":
                value = self.read(sheet, row, key, text)
                if value is not None:
                    placed.data.setdefault("label", {})["en" if key == "label_en" else "nl"] = value
                    self.cells(placed.file)[(*placed.path, "label", "en" if key == "label_en" else "nl")] = cell_ref(
                        sheet, row, key
                    )
            elif key in ("abbr", "id", "unit", "qualifier"):
                self.place(placed, key, self.read(sheet, row, key, name), sheet, row)
            else:
                self.place(placed, key, self.read(sheet, row, key, text), sheet, row)

    def denotes(self, sheet: Sheet, row: Row, typed: str) -> str | None:
        for index in (self.party_names, self.initiative_names):
            try:
                return index.resolve(typed)
            except CellError:
                continue
        hints = self.party_names.suggest(typed) or self.initiative_names.suggest(typed)
        self.fail(
            cell_ref(sheet, row, "denotes"),
            CellError(
                f"onbekende partij of onbekend initiatief {typed!r}{did_you_mean(hints, 'nl')}",
                f"unknown party or initiative {typed!r}{did_you_mean(hints, 'en')}",
                hints[0] if hints else None,
            ),
        )
        return None

    def causes(self) -> None:
        sheet = SHEET["Oorzaken"]
        by_number: dict[int, Placed] = {}
        for row in self.rows(sheet):
            number_ = self.required(sheet, row, "cause", integer)
            letter = self.read(sheet, row, "letter", name)
            if number_ is None:
                continue
            if letter is None:
                placed = self.append(self.top("causes"), "causes", {}, sheet, row)
                self.place(placed, "number", number_, sheet, row, "cause")
                self.place(placed, "text", self.required(sheet, row, "text", text), sheet, row)
                self.place(placed, "preamble", self.read(sheet, row, "preamble", text), sheet, row)
                self.place(placed, "source", self.required(sheet, row, "source", source), sheet, row)
                by_number[number_] = placed
                self.own(f"oorzaak {number_}", placed)
        for row in self.rows(sheet):
            number_ = self.read(sheet, row, "cause", integer)
            letter = self.read(sheet, row, "letter", name)
            if number_ is None or letter is None:
                continue
            if number_ not in by_number:
                self.fail(
                    cell_ref(sheet, row, "cause"),
                    f"oorzaak {number_} heeft geen eigen rij (zonder sub-oorzaak)",
                    f"cause {number_} has no row of its own (without a sub-cause letter)",
                )
                continue
            sub = self.append(by_number[number_], "subcauses", {}, sheet, row)
            self.place(sub, "letter", letter, sheet, row)
            self.place(sub, "text", self.required(sheet, row, "text", text), sheet, row)
            self.own(f"oorzaak {number_}{fold(letter)}", sub)

    def canvases(self) -> None:
        sheet = SHEET["Canvassen"]
        by_number: dict[int, Placed] = {}
        for row in self.rows(sheet):
            placed = self.append(self.top("canvases"), "canvases", {}, sheet, row)
            number_ = self.required(sheet, row, "number", integer)
            self.place(placed, "number", number_, sheet, row)
            self.place(placed, "title", self.required(sheet, row, "title", text), sheet, row)
            self.place(placed, "cause", self.required(sheet, row, "cause", integer), sheet, row)
            self.place(placed, "subgoal", self.required(sheet, row, "subgoal", integer), sheet, row)
            for key in ("cause_text", "preamble"):
                self.place(placed, key, self.read(sheet, row, key, text), sheet, row)
            self.place(placed, "source", self.required(sheet, row, "source", source), sheet, row)
            if number_ is not None:
                by_number[number_] = placed
                self.own(f"canvas {number_}", placed)
        sheet = SHEET["Canvasregels"]
        for row in self.rows(sheet):
            number_ = self.required(sheet, row, "canvas", integer)
            column = self.required(sheet, row, "column", choice, CANVAS_COLUMNS)
            if number_ is None or column is None:
                continue
            if number_ not in by_number:
                self.fail(cell_ref(sheet, row, "canvas"), *_missing("canvas", number_, "Canvassen"))
                continue
            placed = self.append(by_number[number_], column, {}, sheet, row)
            position = self.read(sheet, row, "number", name) or str(len(by_number[number_].data[column]))
            if column == "subcauses":
                self.place(placed, "letter", position, sheet, row, "number")
            else:
                self.place(placed, "domain", self.read(sheet, row, "domain", name), sheet, row)
                self.place(placed, "subitems", self.read(sheet, row, "subitems", lines) or None, sheet, row)
                self.place(
                    placed, "prioritised_activity", self.read(sheet, row, "activity", integer), sheet, row, "activity"
                )
            self.place(placed, "text", self.required(sheet, row, "text", text), sheet, row)
            self.own(f"canvas {number_} {CANVAS_COLUMNS[column]} {fold(position)}", placed)

    def activity_rows(self) -> None:
        sheet = SHEET["Activiteiten"]
        for row in self.rows(sheet):
            placed = self.append(self.top("activities"), "activities", {}, sheet, row)
            number_ = self.required(sheet, row, "number", integer)
            self.place(placed, "number", number_, sheet, row)
            self.place(placed, "title", self.required(sheet, row, "title", text), sheet, row)
            self.place(placed, "card_title", self.read(sheet, row, "card_title", text), sheet, row)
            raw = self.read(sheet, row, "subgoals", name)
            if raw is not None and fold(raw) in (ALL_SUBGOALS, "all"):
                self.place(placed, "subgoals", "all", sheet, row)
            else:
                self.place(placed, "subgoals", self.read(sheet, row, "subgoals", integers) or None, sheet, row)
            self.place(placed, "status", self.read(sheet, row, "status", choice, ACTIVITY_STATUS), sheet, row)
            self.place(placed, "involved_text", self.read(sheet, row, "involved_text", lines) or None, sheet, row)
            self.place(placed, "source", self.required(sheet, row, "source", source), sheet, row)
            self.place(placed, "list_source", self.read(sheet, row, "list_source", source), sheet, row)
            if number_ is not None:
                self.activities[number_] = placed
                self.own(f"activiteit {number_}", placed)
        sheet = SHEET["Stappen"]
        for row in self.rows(sheet):
            act = self.activity_of(sheet, row)
            if act is None:
                continue
            placed = self.append(act, "steps", {}, sheet, row)
            number_ = self.required(sheet, row, "number", integer)
            self.place(placed, "number", number_, sheet, row)
            self.place(placed, "text", self.required(sheet, row, "text", text), sheet, row)
            timeframe = self.read(sheet, row, "timeframe", text)
            if timeframe is not None:
                try:
                    parse_timeframe(timeframe)
                except TimeframeError as exc:
                    self.fail(
                        cell_ref(sheet, row, "timeframe"),
                        f"termijn {timeframe!r} niet te lezen ({exc}); schrijf bijvoorbeeld 'Q2 2025', "
                        "'Q1 t/m Q3 2025', 'Q4 2025 – Q1 2026', '2026' of 'doorlopend'",
                        f"timeframe {timeframe!r} cannot be read ({exc}); write e.g. 'Q2 2025', 'Q1 t/m Q3 2025', "
                        "'Q4 2025 – Q1 2026', '2026' or 'doorlopend' (ongoing)",
                    )
            self.place(placed, "timeframe", timeframe, sheet, row)
            self.place(placed, "lead", self.party_list(sheet, row, "lead"), sheet, row)
            self.place(placed, "lead_text", self.read(sheet, row, "lead_text", text), sheet, row)
            self.place(
                placed, "initiatives", self.id_list(sheet, row, "initiatives", self.initiative_names), sheet, row
            )
            self.place(placed, "source", self.read(sheet, row, "source", source), sheet, row)
            activity_number = act.data.get("number")
            if number_ is not None:
                self.steps[(activity_number, number_)] = placed  # type: ignore[index]
                self.own(f"activiteit {activity_number} stap {number_}", placed)
        sheet = SHEET["Resultaten"]
        for row in self.rows(sheet):
            act = self.activity_of(sheet, row)
            if act is not None:
                placed = self.append(act, "results", {}, sheet, row)
                self.place(placed, "number", self.required(sheet, row, "number", integer), sheet, row)
                self.place(placed, "text", self.required(sheet, row, "text", text), sheet, row)
                self.place(placed, "steps", self.read(sheet, row, "steps", integers), sheet, row)
        sheet = SHEET["Lopende initiatieven"]
        for row in self.rows(sheet):
            act = self.activity_of(sheet, row)
            if act is not None:
                placed = self.append(act, "initiatives", {}, sheet, row)
                self.place(placed, "text", self.required(sheet, row, "text", text), sheet, row)
                ids = self.id_list(sheet, row, "initiatives", self.initiative_names)
                self.place(placed, "initiatives", ids, sheet, row)
                self.place(placed, "parties", self.party_list(sheet, row, "parties"), sheet, row)

    def activity_of(self, sheet: Sheet, row: Row, past: bool = False) -> Placed | None:
        number_ = self.required(sheet, row, "activity", integer)
        if number_ is None:
            return None
        found = self.activities.get(number_) or (self.past.get(number_) if past else None)
        if found is None:
            where = "Activiteiten of Eerdere activiteiten" if past else "Activiteiten"
            self.fail(cell_ref(sheet, row, "activity"), *_missing("activiteit", number_, where))
        return found

    def past_activities(self) -> None:
        sheet = SHEET["Eerdere activiteiten"]
        for row in self.rows(sheet):
            placed = self.append(self.top("past_activities"), "past_activities", {}, sheet, row)
            number_ = self.required(sheet, row, "number", integer)
            self.place(placed, "number", number_, sheet, row)
            self.place(placed, "title", self.required(sheet, row, "title", text), sheet, row)
            self.place(placed, "done", self.read(sheet, row, "done", text), sheet, row)
            self.place(placed, "continued_by", self.read(sheet, row, "continued_by", integers) or None, sheet, row)
            self.place(
                placed, "initiatives", self.id_list(sheet, row, "initiatives", self.initiative_names), sheet, row
            )
            self.place(placed, "source", self.required(sheet, row, "source", source), sheet, row)
            if number_ is not None:
                self.past[number_] = placed
                self.own(f"activiteit {number_}", placed)
        # parties with their roles, of activities, their steps and past activities
        sheet = SHEET["Betrokkenen"]
        for row in self.rows(sheet):
            act = self.activity_of(sheet, row, past=True)
            typed = self.required(sheet, row, "party", name)
            role = self.read(sheet, row, "role", choice, ROLES)
            note = self.read(sheet, row, "note", text)
            if act is None or typed is None:
                continue
            ident = self.party(sheet, row, "party", typed)
            if ident is None:
                continue
            step_number = self.read(sheet, row, "step", integer)
            if step_number is not None:
                owner = self.steps.get((act.data.get("number"), step_number))  # type: ignore[arg-type]
                if owner is None or act.path[0] != "activities":
                    self.fail(cell_ref(sheet, row, "step"), *_missing("stap", step_number, "Stappen"))
                    continue
                target, default = "parties", "partner"
            elif act.path[0] == "past_activities":
                owner, target, default = act, "parties", "lead"
            else:
                owner = act
                target, default = ("involved", "involved") if role in (None, "involved") else ("parties", "partner")
            role = role or default
            ref: Any = ident if role == default and note is None else {"party": ident, "role": role}
            if note is not None:
                ref["note"] = note
            items = owner.data.setdefault(target, [])
            self.cells(owner.file)[(*owner.path, target, len(items))] = cell_ref(sheet, row, "party")
            items.append(ref)

    def teams(self) -> None:
        sheet = SHEET["Teams"]
        by_id: dict[str, Placed] = {}
        for row in self.rows(sheet):
            placed = self.append(self.top("teams"), "teams", {}, sheet, row)
            ident = self.required(sheet, row, "id", name)
            self.place(placed, "id", ident, sheet, row)
            self.place(placed, "label", self.required(sheet, row, "label", text), sheet, row)
            self.place(placed, "label_en", self.read(sheet, row, "label_en", text), sheet, row)
            self.place(placed, "contributors", self.party_list(sheet, row, "contributors"), sheet, row)
            self.place(placed, "contributors_text", self.read(sheet, row, "contributors_text", text), sheet, row)
            self.place(placed, "source", self.required(sheet, row, "source", source), sheet, row)
            placed.data["members"] = []
            if ident:
                by_id[ident] = placed
        sheet = SHEET["Teamleden"]
        for row in self.rows(sheet):
            team = self.required(sheet, row, "team", name)
            if team is None:
                continue
            if team not in by_id:
                self.fail(cell_ref(sheet, row, "team"), *_missing("team", team, "Teams"))
                continue
            placed = self.append(by_id[team], "members", {}, sheet, row)
            person = self.required(sheet, row, "person", name)
            if person:
                self.place(placed, "person", self.party(sheet, row, "person", person), sheet, row)
            self.place(placed, "affiliations", self.id_list(sheet, row, "affiliations", self.party_names), sheet, row)
            self.place(placed, "affiliation_text", self.read(sheet, row, "affiliation_text", text), sheet, row)
            if self.read(sheet, row, "former", boolean):
                self.place(placed, "former", True, sheet, row)
            self.place(placed, "role", self.read(sheet, row, "role", text), sheet, row)

    # ------------------------------------------------------------------ shared records
    def registry(self) -> None:
        sheet = SHEET["Partijen"]
        self.party_rows: dict[str, tuple[Placed, Row]] = {}
        for row in self.rows(sheet):
            placed = Placed({}, "", ())
            ident = self.required(sheet, row, "id", name)
            self.place_plain(placed, "id", ident)
            self.place_plain(placed, "type", self.required(sheet, row, "type", choice, PARTY_TYPES))
            self.place_plain(placed, "label", self.required(sheet, row, "label", text))
            for key in ("label_en", "homepage", "description", "note"):
                self.place_plain(placed, key, self.read(sheet, row, key, text))
            self.place_plain(placed, "abbreviation", self.read(sheet, row, "abbreviation", name))
            self.place_plain(placed, "alt_labels", self.read(sheet, row, "alt_labels", lines) or None)
            for key in ("part_of", "member_of", "affiliations"):
                self.place_plain(placed, key, self.id_list(sheet, row, key, self.party_names))
            self.place_plain(placed, "status", self.read(sheet, row, "status", choice, RECORD_STATUS))
            self.place_plain(placed, "source", self.read(sheet, row, "source", source))
            self.place_plain(placed, "sources", self.read(sheet, row, "sources", sources) or None)
            if ident is not None:
                if ident in self.party_rows:
                    self.fail(
                        cell_ref(sheet, row, "id"),
                        f"partij {ident!r} staat er twee keer",
                        f"party {ident!r} is listed twice",
                    )
                self.party_rows[ident] = (placed, row)
                self.own(f"partij {fold(ident)}", placed)
        sheet = SHEET["Initiatieven"]
        self.initiative_rows: dict[str, tuple[Placed, Row]] = {}
        for row in self.rows(sheet):
            placed = Placed({}, "", ())
            ident = self.required(sheet, row, "id", name)
            self.place_plain(placed, "id", ident)
            self.place_plain(placed, "label", self.required(sheet, row, "label", text))
            for key in ("label_en", "description", "description_en", "homepage"):
                self.place_plain(placed, key, self.read(sheet, row, key, text))
            self.place_plain(placed, "abbreviation", self.read(sheet, row, "abbreviation", name))
            self.place_plain(placed, "parties", self.party_list(sheet, row, "parties"))
            self.place_plain(placed, "status", self.read(sheet, row, "status", choice, RECORD_STATUS))
            self.place_plain(placed, "source", self.read(sheet, row, "source", source))
            if ident is not None:
                if ident in self.initiative_rows:
                    self.fail(
                        cell_ref(sheet, row, "id"),
                        f"initiatief {ident!r} staat er twee keer",
                        f"initiative {ident!r} is listed twice",
                    )
                self.initiative_rows[ident] = (placed, row)

    @staticmethod
    def place_plain(placed: Placed, key: str, value: Any) -> None:
        if value is not None:
            placed.data[key] = value

    def issues(self) -> None:
        sheet = SHEET["Bronproblemen"]
        for row in self.rows(sheet):
            target = self.required(sheet, row, "target", name)
            kind = self.required(sheet, row, "kind", choice, ISSUE_KINDS)
            note = self.required(sheet, row, "note", text)
            note_en = self.read(sheet, row, "note_en", text)
            if target is None:
                continue
            owner = self.issue_owners.get(_issue_key(target))
            if owner is None:
                hints = difflib.get_close_matches(_issue_key(target), list(self.issue_owners), n=1, cutoff=0.7)
                self.fail(
                    cell_ref(sheet, row, "target"),
                    CellError(
                        f"'Bij' {target!r} niet gevonden{did_you_mean(hints, 'nl')}; zie de uitleg op Lees mij",
                        f"'Bij' (at) {target!r} not found{did_you_mean(hints, 'en')}; see Lees mij",
                        hints[0] if hints else None,
                    ),
                )
                continue
            issue = {"kind": kind, "note": note} | ({"note_en": note_en} if note_en is not None else {})
            items = owner.data.setdefault("issues", [])
            if owner.file:
                self.cells(owner.file)[(*owner.path, "issues", len(items))] = row_ref(sheet, row)
            items.append(issue)

    # ------------------------------------------------------------------ the models
    def validate(self) -> None:
        for file, data in self.data.items():
            record = self.model(r.PlanFile, data, file)
            if isinstance(record, r.PlanFile):
                self.out.files[file] = record
        for placed, row in self.party_rows.values():
            party = self.model(r.Party, placed.data, row=(SHEET["Partijen"], row))
            if isinstance(party, r.Party):
                self.out.parties.append((name(row.get("file")), party, row))
        for placed, row in self.initiative_rows.values():
            initiative = self.model(r.Initiative, placed.data, row=(SHEET["Initiatieven"], row))
            if isinstance(initiative, r.Initiative):
                self.out.initiatives.append((name(row.get("file")), initiative, row))

    def model(
        self, model: type[BaseModel], data: dict[str, Any], file: str = "", row: tuple[Sheet, Row] | None = None
    ) -> BaseModel | None:
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors():
                loc = tuple(err["loc"])
                if row is not None:
                    sheet, at = row
                    key = str(loc[0]) if loc else sheet.columns[0].key
                    known = [c.key for c in sheet.columns]
                    ref = cell_ref(sheet, at, key if key in known else known[0])
                else:
                    ref = _nearest(self.cells(file), loc)
                en_text, nl_text = _model_message(err)
                self.fail(ref, nl_text, f"{format_key(loc)}: {en_text}" if loc else en_text)
            return None


def _missing(what: str, key: object, sheet: str) -> tuple[str, str]:
    english = {"activiteit": "activity", "stap": "step", "canvas": "canvas", "team": "team"}[what]
    return f"{what} {key} staat niet op {sheet}", f"{english} {key} is not on {sheet}"


def _issue_key(target: str) -> str:
    return fold(re.sub(r"(\d)\s+([A-Za-z])$", r"\1\2", target.strip()))


def _nearest(cells: dict[PathKey, str], loc: PathKey) -> str:
    probe = loc
    while probe:
        if probe in cells:
            return cells[probe]
        probe = probe[:-1]
    return cells.get((), "Bestanden!A2")


def _model_message(err: dict[str, Any]) -> tuple[str, str]:
    kind, msg = err.get("type", ""), str(err.get("msg"))
    dutch = {
        "missing": "verplicht veld ontbreekt",
        "string_pattern_mismatch": f"{err.get('input')!r} is geen geldige id (kleine letters, cijfers en streepjes)",
        "literal_error": f"onbekende waarde {err.get('input')!r}",
        "int_parsing": f"{err.get('input')!r} is geen geheel getal",
        "int_type": f"{err.get('input')!r} is geen geheel getal",
        "greater_than_equal": "het getal is te klein",
        "less_than_equal": "het getal is te groot",
        "value_error": msg,
    }
    return msg, dutch.get(kind, msg)


def assemble(tables: Tables, workbook: str) -> Assembled:
    return Assembler(tables, workbook).assemble()
