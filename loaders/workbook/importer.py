"""``nkc-kg import-xlsx``: a plan workbook -> the plan's curated files (and the shared files it changes).

The workbook is read into records (assemble), combined with the shipped data (the plan's own files
replaced, changed or new parties and initiatives put in the file that defines them, new ones in
parties.yaml / initiatives.yaml), built and checked like `nkc-kg validate` does. Only when nothing is
wrong are the files written, into a folder of their own; a file in data/ is overwritten only on request.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import yaml
from nkc_kg.loaders.build import Builder, BuildResult
from nkc_kg.loaders.curated import records as r
from nkc_kg.loaders.curated.reader import CuratedFile, ReadResult, read_curated
from nkc_kg.loaders.curated.yaml_writer import emit, leading_comment, patch
from nkc_kg.loaders.curated.yamlio import CurationError, Location, PathKey, SourceFile
from nkc_kg.loaders.iris import Iris
from nkc_kg.loaders.workbook.assemble import FILE_NAME, SHEET, Assembled, assemble, cell_ref, row_ref
from nkc_kg.loaders.workbook.flatten import ExportError, PlanSources, flatten
from nkc_kg.loaders.workbook.progress import read_progress
from nkc_kg.loaders.workbook.sheets import PROGRESS, Row, Sheet
from nkc_kg.loaders.workbook.workbook import read_workbook
from pydantic import BaseModel

NEW_PARTIES, NEW_INITIATIVES = "parties.yaml", "initiatives.yaml"


@dataclass
class WorkbookSource(SourceFile):
    """A curated file read from a workbook: its locations are cells (``plan.xlsx: Stappen!D14``)."""

    workbook: str = ""
    cells: dict[PathKey, str] = field(default_factory=dict)

    def location(self, key: PathKey) -> Location:
        if key[:2] == ("issues", "issues"):  # the builder's key for a file-level issue (see Builder.file_issues)
            key = key[1:]
        probe = tuple(key)
        while probe and probe not in self.cells:
            probe = probe[:-1]
        ref = self.cells.get(probe) or self.cells.get(()) or "Plan!A1"
        row = int("".join(ch for ch in ref.rsplit("!", 1)[-1] if ch.isdigit()) or 1)
        return Location(self.workbook, row, ref)


@dataclass
class WorkbookImport:
    """What a workbook amounts to: the curated set to build, and the texts to write when it is sound."""

    workbook: str
    plan_id: str | None = None
    errors: list[CurationError] = field(default_factory=list)
    curated: list[CuratedFile] = field(default_factory=list)
    records: dict[str, BaseModel] = field(default_factory=dict)  # output file -> its record
    shipped_texts: dict[str, str] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)  # file -> text: the plan's files, shared files it changes
    notices: list[str] = field(default_factory=list)

    def changed(self) -> list[str]:
        """The files whose text differs from data/ (or that are new)."""
        return [name for name, text in self.texts.items() if self.shipped_texts.get(name) != text]


def read_plan_workbook(
    source: Path | IO[bytes],
    display: str,
    data_paths: list[Path],
    *,
    shipped: ReadResult | None = None,
    with_texts: bool = True,
) -> WorkbookImport:
    """Read a workbook against the shipped data; raises WorkbookError when it is not a readable .xlsx.

    ``shipped``: the files of ``data_paths`` already read (validation takes them from its cache);
    ``with_texts=False`` leaves out the texts to write, which only an import needs (a third of the time)."""
    result = WorkbookImport(display)
    tables, layout = read_workbook(source, display)
    if layout:
        result.errors = layout
        return result
    assembled = assemble(tables, display)
    if assembled.errors:
        result.errors = assembled.errors
        return result
    header = next(rec.plan for rec in assembled.files.values() if isinstance(rec.plan, r.PlanHeader))
    result.plan_id = header.id
    shipped = read_curated(data_paths) if shipped is None else shipped
    if shipped.errors:
        result.errors = shipped.errors
        return result
    by_name = {cf.source.path.name: cf for cf in shipped.files}
    result.shipped_texts = {name: cf.source.path.read_text(encoding="utf-8") for name, cf in by_name.items()}
    ours = set(assembled.files) | {
        name for name, cf in by_name.items() if isinstance(cf.record, r.PlanFile) and _plan_of(cf.record) == header.id
    }
    for name in sorted(ours - set(assembled.files)):
        result.notices.append(
            f"{name} hoort bij {header.id} maar staat niet op Bestanden; haal het weg uit data/ bij het overnemen. "
            f"/ {name} belongs to {header.id} but is not on Bestanden; remove it from data/ when copying."
        )
    shared = _Shared(by_name, assembled, result)
    shared.place("parties", assembled.parties, SHEET["Partijen"], NEW_PARTIES)
    shared.place("initiatives", assembled.initiatives, SHEET["Initiatieven"], NEW_INITIATIVES)
    if result.errors:
        return result
    plan_records = {
        name: rec.model_copy(update=shared.local.get(name, {})) if name in shared.local else rec
        for name, rec in assembled.files.items()
    }
    for name, cf in by_name.items():
        if name in ours:
            continue
        if name in shared.changed:
            source = WorkbookSource(Path(name), None, workbook=display, cells=shared.cells.get(name, {}))
            result.curated.append(CuratedFile(source, shared.changed[name]))  # type: ignore[arg-type]
            result.records[name] = shared.changed[name]
        else:
            result.curated.append(cf)
    for name, extra in shared.created.items():
        source = WorkbookSource(Path(name), None, workbook=display, cells=shared.cells.get(name, {}))
        result.curated.append(CuratedFile(source, extra))
        result.records[name] = extra
    for name, rec in plan_records.items():
        source = WorkbookSource(Path(name), None, workbook=display, cells=assembled.cells.get(name, {}))
        result.curated.append(CuratedFile(source, rec))
        result.records[name] = rec
    progress = read_progress(tables.get(PROGRESS.name, []), header, by_name, display)
    if progress.errors:
        result.errors = progress.errors
        return result
    result.curated = [cf for cf in result.curated if cf.source.path.name not in progress.records]
    for name, report in progress.records.items():
        source = WorkbookSource(Path(name), None, workbook=display, cells=progress.cells[name])
        result.curated.append(CuratedFile(source, report))
        result.records[name] = report
    if with_texts:
        result.texts = _texts(result, by_name, plan_records, shipped.files, header.id)
    return result


def _plan_of(rec: r.PlanFile) -> str:
    return rec.plan if isinstance(rec.plan, str) else rec.plan.id


class _Shared:
    """Puts the workbook's parties and initiatives where they belong, noting which files change."""

    def __init__(self, by_name: dict[str, CuratedFile], assembled: Assembled, result: WorkbookImport) -> None:
        self.by_name, self.assembled, self.result = by_name, assembled, result
        self.changed: dict[str, Any] = {}  # shipped file -> its record with the workbook's changes
        self.created: dict[str, r.ReferenceFile] = {}  # new files named in the Bestand column
        self.local: dict[str, dict[str, list[Any]]] = {}  # plan file -> {"parties": [...]} defined in it
        self.cells: dict[str, dict[PathKey, str]] = {}

    def place(self, kind: str, rows: list[tuple[str | None, Any, Row]], sheet: Sheet, default: str) -> None:
        defined: dict[str, tuple[str, int]] = {}
        for name, cf in self.by_name.items():
            for i, item in enumerate(getattr(cf.record, kind, [])):
                defined.setdefault(item.id, (name, i))
        for file, record, row in rows:
            where = defined.get(record.id)
            target = file or (where[0] if where else default)
            if file is not None and not FILE_NAME.match(file):
                self._fail(sheet, row, "file", f"bestandsnaam {file!r} is ongeldig", f"file name {file!r} is invalid")
                continue
            if where is not None and where[0] != target:
                self._fail(
                    sheet,
                    row,
                    "file",
                    f"{record.id} staat in {where[0]}, niet in {target}; laat Bestand staan",
                    f"{record.id} is defined in {where[0]}, not in {target}; leave Bestand as it is",
                )
                continue
            if target in self.assembled.files:
                items = self.local.setdefault(target, {}).setdefault(kind, [])
                self._remember(target, (kind, len(items)), sheet, row)
                items.append(record)
                continue
            if where is not None:
                shipped_item = getattr(self.by_name[target].record, kind)[where[1]]
                self._remember(target, (kind, where[1]), sheet, row)
                if shipped_item == record:
                    continue
                current = self.changed.get(target, self.by_name[target].record)
                items = list(getattr(current, kind))
                items[where[1]] = record
                self.changed[target] = current.model_copy(update={kind: items})
                continue
            owner = self.changed.get(target) or (self.by_name[target].record if target in self.by_name else None)
            if owner is None:
                owner = self.created.get(target, r.ReferenceFile())
            items = [*getattr(owner, kind), record]
            self._remember(target, (kind, len(items) - 1), sheet, row)
            if target in self.by_name:
                self.changed[target] = owner.model_copy(update={kind: items})
            else:
                self.created[target] = owner.model_copy(update={kind: items})  # type: ignore[assignment]

    def _remember(self, file: str, key: PathKey, sheet: Sheet, row: Row) -> None:
        cells = self.cells.setdefault(file, {(): f"{sheet.name}!A1"})
        cells[key] = row_ref(sheet, row)
        for column in sheet.columns:
            cells[(*key, column.key)] = cell_ref(sheet, row, column.key)

    def _fail(self, sheet: Sheet, row: Row, key: str, nl_text: str, en_text: str) -> None:
        ref = cell_ref(sheet, row, key)
        location = Location(self.result.workbook, row.number, ref)
        self.result.errors.append(CurationError(location, en_text, "", nl_text))


def _texts(
    result: WorkbookImport,
    by_name: dict[str, CuratedFile],
    plan_records: dict[str, r.PlanFile],
    shipped_files: list[CuratedFile],
    plan_id: str,
) -> dict[str, str]:
    """The text of every file to write: changed values rewritten, everything else kept as it is."""
    canonical = _canonical(plan_id, [(cf.source.path.name, cf.record) for cf in shipped_files], shipped_files)
    texts: dict[str, str] = {}
    for name, rec in result.records.items():
        shipped = by_name.get(name)
        if shipped is None:
            texts[name] = emit(rec)
        else:
            texts[name] = patch(result.shipped_texts[name], rec, shipped.record, canonical.get(name))
    # A patched file must read back as the records it was made from; if one does not, write it afresh.
    reread = {name: _reread(text, type(result.records[name])) for name, text in texts.items()}
    plans_back = _canonical(plan_id, [(n, reread[n]) for n in plan_records], [cf for cf in result.curated])
    for name, rec in result.records.items():
        back = plans_back.get(name) if name in plan_records else reread[name]
        if back != rec:
            shipped_text = result.shipped_texts.get(name, "")
            texts[name] = emit(rec, leading_comment(shipped_text))
            if _reread(texts[name], type(rec)) != rec:
                raise AssertionError(f"{name}: the YAML written for it does not read back as its records")
    return texts


def _reread(text: str, model: type[BaseModel]) -> Any:
    try:
        return model.model_validate(yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
    except (yaml.YAMLError, ValueError):
        return None


def _canonical(plan_id: str, files: list[tuple[str, Any]], registry: list[CuratedFile]) -> dict[str, r.PlanFile]:
    """The plan files as the workbook gives them back (export, then import), to tell what an editor changed."""
    plan_files = [(n, rec) for n, rec in files if isinstance(rec, r.PlanFile) and _plan_of(rec) == plan_id]
    if not plan_files:
        return {}
    parties = [(cf.source.path.name, p) for cf in registry for p in getattr(cf.record, "parties", [])]
    initiatives = [(cf.source.path.name, i) for cf in registry for i in getattr(cf.record, "initiatives", [])]
    try:
        tables = flatten(PlanSources(plan_id, plan_files, parties, initiatives))
    except ExportError:
        return {}
    return assemble(tables, "data").files


def build_import(result: WorkbookImport, iris: Iris) -> BuildResult:
    """The graph the data would be with the workbook imported (errors at their cells)."""
    return Builder(iris).build(result.curated)


class ImportRefused(Exception):
    """Writing would overwrite files that differ; nothing was written."""


def refuse_clashes(texts: dict[str, str], folder: Path) -> None:
    """Raise ImportRefused when writing ``texts`` into ``folder`` would replace files that differ."""
    clashes = [
        folder / name
        for name, text in texts.items()
        if (folder / name).exists() and (folder / name).read_text(encoding="utf-8") != text
    ]
    if clashes:
        names = ", ".join(str(p) for p in clashes)
        raise ImportRefused(f"would overwrite {names}; give --overwrite to replace them (nothing was written)")


def write_texts(texts: dict[str, str], folder: Path, overwrite: bool) -> list[Path]:
    """Write every file or none: existing files that differ are overwritten only with ``overwrite``."""
    if not overwrite:
        refuse_clashes(texts, folder)
    folder.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[str, Path]] = []
    try:
        for name, text in texts.items():
            handle, temp = tempfile.mkstemp(prefix=f".{name}.", dir=folder)
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            staged.append((temp, folder / name))
    except OSError:
        for temp, _ in staged:
            Path(temp).unlink(missing_ok=True)
        raise
    for temp, target in staged:
        os.replace(temp, target)
    return [target for _, target in staged]
