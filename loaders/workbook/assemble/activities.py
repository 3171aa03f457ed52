"""The sheets of the activities: activities, steps, results, initiatives, past activities, roles, teams."""

from __future__ import annotations

from typing import Any

from nkc_kg.loaders.curated.timeframes import TimeframeError, parse_timeframe
from nkc_kg.loaders.names import fold
from nkc_kg.loaders.workbook.assemble.core import SHEET, AssemblerCore, Placed, cell_ref, missing
from nkc_kg.loaders.workbook.cells import (
    ACTIVITY_STATUS,
    ALL_SUBGOALS,
    ROLES,
    boolean,
    choice,
    integer,
    integers,
    lines,
    name,
    source,
    text,
)
from nkc_kg.loaders.workbook.sheets import Row, Sheet


class ActivitySheets(AssemblerCore):
    """Reads the activities with their steps and parties, and the plan's teams."""

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
            self.fail(cell_ref(sheet, row, "activity"), *missing("activiteit", number_, where))
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
                    self.fail(cell_ref(sheet, row, "step"), *missing("stap", step_number, "Stappen"))
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
                self.fail(cell_ref(sheet, row, "team"), *missing("team", team, "Teams"))
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
