"""The sheets of the plan itself: its files, header, statements, simple lists, causes and canvases."""

from __future__ import annotations

import difflib

from nkc_kg.loaders.names import fold
from nkc_kg.loaders.workbook.assemble.core import FILE_NAME, SHEET, AssemblerCore, Placed, cell_ref, missing, row_ref
from nkc_kg.loaders.workbook.cells import (
    CANVAS_COLUMNS,
    STATEMENTS,
    CellError,
    choice,
    did_you_mean,
    integer,
    lines,
    name,
    names,
    number,
    source,
    text,
)
from nkc_kg.loaders.workbook.flatten import PLAN_FIELDS
from nkc_kg.loaders.workbook.sheets import Row, Sheet


class PlanSheets(AssemblerCore):
    """Reads the sheets that describe the plan and its parts other than activities."""

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
                self.fail(cell_ref(sheet, row, "canvas"), *missing("canvas", number_, "Canvassen"))
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
