"""The shared records (parties, initiatives), the source issues, and the check by the record models."""

from __future__ import annotations

import difflib
from typing import Any

from nkc_kg.loaders.curated import records as r
from nkc_kg.loaders.curated.yamlio import PathKey, format_key
from nkc_kg.loaders.names import fold
from nkc_kg.loaders.workbook.assemble.core import SHEET, AssemblerCore, Placed, cell_ref, issue_key, row_ref
from nkc_kg.loaders.workbook.cells import (
    ISSUE_KINDS,
    PARTY_TYPES,
    RECORD_STATUS,
    CellError,
    choice,
    did_you_mean,
    lines,
    name,
    source,
    sources,
    text,
)
from nkc_kg.loaders.workbook.sheets import Row, Sheet
from pydantic import BaseModel, ValidationError


class SharedSheets(AssemblerCore):
    """Reads the parties, initiatives and source issues; validates every record with its model."""

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

    def issues(self) -> None:
        sheet = SHEET["Bronproblemen"]
        for row in self.rows(sheet):
            target = self.required(sheet, row, "target", name)
            kind = self.required(sheet, row, "kind", choice, ISSUE_KINDS)
            note = self.required(sheet, row, "note", text)
            note_en = self.read(sheet, row, "note_en", text)
            if target is None:
                continue
            owner = self.issue_owners.get(issue_key(target))
            if owner is None:
                hints = difflib.get_close_matches(issue_key(target), list(self.issue_owners), n=1, cutoff=0.7)
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
