"""The tables of a plan workbook -> curated records, every problem reported at its cell.

The records are built as the plain data a curated YAML file would hold and checked by the same models
(loaders/curated/records.py), so the workbook and the YAML files accept exactly the same plans. Each value
remembers its cell: an error of the models, of the builder or of the SHACL shapes is reported there.

The sheets are read by subject (:mod:`.plan`, :mod:`.activities`, :mod:`.shared`) on :mod:`.core`.
"""

from __future__ import annotations

from nkc_kg.loaders.workbook.assemble.activities import ActivitySheets
from nkc_kg.loaders.workbook.assemble.core import FILE_NAME, SHEET, Assembled, Placed, cell_ref, row_ref
from nkc_kg.loaders.workbook.assemble.plan import PlanSheets
from nkc_kg.loaders.workbook.assemble.shared import SharedSheets
from nkc_kg.loaders.workbook.sheets import Tables

__all__ = ["FILE_NAME", "SHEET", "Assembled", "Assembler", "Placed", "assemble", "cell_ref", "row_ref"]


class Assembler(PlanSheets, ActivitySheets, SharedSheets):
    """Reads a workbook's tables into the curated records of its files."""

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


def assemble(tables: Tables, workbook: str) -> Assembled:
    return Assembler(tables, workbook).assemble()
