"""``nkc-kg export-xlsx PLAN``: a plan's curated files (and the shared parties and initiatives) -> a workbook."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from nkc_kg.loaders.curated import records as r
from nkc_kg.loaders.curated.progress import ProgressFile
from nkc_kg.loaders.curated.reader import ReadResult, read_curated
from nkc_kg.loaders.paths import curated_data_paths
from nkc_kg.loaders.workbook.flatten import ExportError, PlanSources, flatten
from nkc_kg.loaders.workbook.progress import progress_rows
from nkc_kg.loaders.workbook.sheets import PROGRESS
from nkc_kg.loaders.workbook.workbook import write_workbook


@dataclass
class ExportSummary:
    plan_id: str
    files: list[str]
    rows: dict[str, int]


def plan_ids(read: ReadResult) -> list[str]:
    return sorted(
        {
            f.record.plan.id
            for f in read.files
            if isinstance(f.record, r.PlanFile) and isinstance(f.record.plan, r.PlanHeader)
        }
    )


def plan_sources(plan_id: str, read: ReadResult) -> PlanSources:
    """The files of ``plan_id`` (in data/ order) and every party and initiative with the file defining it."""
    if read.errors:
        raise ExportError(
            "the curated data has errors; run `nkc-kg validate` first:\n" + "\n".join(map(str, read.errors))
        )
    files = [
        (f.source.path.name, f.record)
        for f in read.files
        if isinstance(f.record, r.PlanFile)
        and (f.record.plan if isinstance(f.record.plan, str) else f.record.plan.id) == plan_id
    ]
    if not files:
        known = ", ".join(plan_ids(read))
        raise ExportError(f"unknown plan {plan_id!r}; known plans: {known}")
    parties = [(f.source.path.name, p) for f in read.files for p in getattr(f.record, "parties", [])]
    initiatives = [(f.source.path.name, i) for f in read.files for i in getattr(f.record, "initiatives", [])]
    return PlanSources(plan_id, files, parties, initiatives)  # type: ignore[arg-type]


def export_plan(plan_id: str, target: Path, data_paths: list[Path] | None = None) -> ExportSummary:
    read = read_curated(data_paths if data_paths is not None else curated_data_paths())
    sources = plan_sources(plan_id, read)
    tables = flatten(sources)
    header = next(rec.plan for _, rec in sources.files if isinstance(rec.plan, r.PlanHeader))
    reports = [f.record for f in read.files if isinstance(f.record, ProgressFile)]
    tables[PROGRESS.name] = progress_rows(header, [rec for _, rec in sources.files], reports)
    write_workbook(tables, target, header.title.nl)
    return ExportSummary(plan_id, [name for name, _ in sources.files], {k: len(v) for k, v in tables.items()})
