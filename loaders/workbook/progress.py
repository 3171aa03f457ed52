"""The sheet Voortgang of the plan workbook: one row per step with its status, read into progress reports.

Export: a row per step of the plan (per activity for a plan known only from a later report), filled
with the step's latest observation in any report. Import: every row with a status becomes an
observation of the report named in column Rapport; the report's other observations are kept, and a
report nobody changed keeps its file. What the rows mean (an unknown status or step, a date outside
the plan's period, "afgerond" without a text) is left to SHACL, which names the row's cells.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from nkc_kg.loaders.curated import records as r
from nkc_kg.loaders.curated.progress import (
    PROGRESS_STATUSES,
    ProgressFile,
    ProgressReportHeader,
    StatusObservation,
)
from nkc_kg.loaders.curated.reader import CuratedFile
from nkc_kg.loaders.curated.yamlio import CurationError, Location, PathKey
from nkc_kg.loaders.workbook.cells import CellError, encode_source, integer, lines, name, source, text
from nkc_kg.loaders.workbook.sheets import PROGRESS, Row

# English words an editor may type for the Dutch keys
STATUS_WORDS = {
    "planned": "gepland",
    "in progress": "loopt",
    "ongoing": "loopt",
    "completed": "afgerond",
    "done": "afgerond",
    "postponed": "uitgesteld",
    "cancelled": "vervallen",
    "canceled": "vervallen",
}


def report_file_name(report_id: str) -> str:
    return f"voortgang-{report_id}.yaml"


def progress_rows(plan: r.PlanHeader, plan_files: list[r.PlanFile], reports: list[ProgressFile]) -> list[Row]:
    """The sheet's rows: every step (or past activity) of the plan, with its latest observation."""
    latest: dict[tuple[int, int | None], tuple[str, StatusObservation]] = {}
    for report in (rep for rep in reports if rep.progress_report.plan == plan.id):
        for obs in report.observations:
            where = (obs.activity, obs.step)
            if where not in latest or latest[where][1].date <= obs.date:
                latest[where] = (report.progress_report.id, obs)
    rows: list[Row] = []
    for rec in plan_files:
        for act in rec.activities:
            for step in act.steps:
                rows.append(
                    _row(act.number, step.number, step.text, step.timeframe, latest.get((act.number, step.number)))
                )
        for past in rec.past_activities:
            rows.append(_row(past.number, None, past.title, None, latest.get((past.number, None))))
    rows.sort(key=lambda row: (row.values["activity"], row.values.get("step") or 0))  # type: ignore[operator]
    return rows


def _row(
    activity: int, step: int | None, what: str, timeframe: str | None, found: tuple[str, StatusObservation] | None
) -> Row:
    values: dict[str, object] = {"activity": activity, "step": step, "text": what, "timeframe": timeframe}
    if found is not None:
        report_id, obs = found
        links = "\n".join(obs.evidence)
        where = encode_source(obs.source)
        values |= {
            "report": report_id,
            "status": obs.status,
            "date": obs.date.isoformat(),
            "done": obs.done,
            "source": "\n".join(part for part in (where, links) if part) or None,
        }
    return Row({k: v for k, v in values.items() if v is not None})


class _CellAt(Exception):
    """A cell of the sheet that cannot be read, with the cell it is in."""

    def __init__(self, message_nl: str, message_en: str, cell: str | None) -> None:
        super().__init__(message_en)
        self.message_nl, self.message_en, self.cell = message_nl, message_en, cell


@dataclass
class ProgressImport:
    records: dict[str, ProgressFile] = field(default_factory=dict)  # file name -> the report as the sheet leaves it
    cells: dict[str, dict[PathKey, str]] = field(default_factory=dict)
    errors: list[CurationError] = field(default_factory=list)


def read_progress(
    rows: list[Row], plan: r.PlanHeader, shipped: Mapping[str, CuratedFile], display: str
) -> ProgressImport:
    """The reports the rows change or create; a report whose observations are unchanged is left out."""
    out = ProgressImport()
    existing = {
        cf.record.progress_report.id: (name_, cf.record)
        for name_, cf in shipped.items()
        if isinstance(cf.record, ProgressFile)
    }
    updates: dict[str, list[tuple[Row, dict[str, object]]]] = {}
    for row in rows:
        try:
            parsed = _parse(row)
        except _CellAt as exc:
            ref = exc.cell or row.cells.get("status", f"{PROGRESS.name}!A{row.number}")
            out.errors.append(CurationError(Location(display, row.number, ref), exc.message_en, "", exc.message_nl))
            continue
        if parsed is None:
            continue
        report_id = str(parsed.pop("report") or _default_report(plan, parsed["date"]))  # type: ignore[arg-type]
        updates.setdefault(report_id, []).append((row, parsed))
    for report_id, items in updates.items():
        file_name, old = existing.get(report_id, (report_file_name(report_id), None))
        observations = list(old.observations) if old else []
        cells: dict[PathKey, str] = {}
        for row, fields in items:
            where = (fields["activity"], fields["step"])
            index = next((i for i, o in enumerate(observations) if (o.activity, o.step) == where), None)
            if index is None:
                observations.append(StatusObservation.model_validate(fields))
                index = len(observations) - 1
            else:
                observations[index] = observations[index].model_copy(update=fields)
            status_cell = row.cells.get("status", f"{PROGRESS.name}!C{row.number}")
            cells[("observations", index)] = status_cell
            for key in ("activity", "step", "date", "done", "source"):
                if key in row.cells:
                    cells[("observations", index, key)] = row.cells[key]
        if old is not None:
            record = old.model_copy(update={"observations": observations})
            if record == old:
                continue
        else:
            dates = [o.date for o in observations]
            header = ProgressReportHeader(
                id=report_id,
                plan=plan.id,
                title=r.Localised(
                    nl=f"Voortgang {plan.title.nl} tot {max(dates)}",
                    en=f"Progress {plan.title.en or plan.title.nl} to {max(dates)}",
                ),
                date=max(dates).isoformat(),
                publisher=plan.publisher,
            )
            record = ProgressFile(progress_report=header, observations=observations)
        cells[()] = f"{PROGRESS.name}!A1"
        out.records[file_name] = record
        out.cells[file_name] = cells
    return out


def _default_report(plan: r.PlanHeader, day: object) -> str:
    assert isinstance(day, dt.date)
    return plan.id if day.year == plan.year else f"{plan.id}-{day.year}"


def _parse(row: Row) -> dict[str, object] | None:
    status = name(row.get("status"))  # type: ignore[arg-type]
    if status is None:
        return None
    activity = _cell(row, "activity", integer)
    if activity is None:
        raise _CellAt("geen activiteitnummer", "no activity number", row.cells.get("activity"))
    fields: dict[str, object] = {
        "activity": activity,
        "step": _cell(row, "step", integer),
        "status": STATUS_WORDS.get(status.lower(), status.lower() if status.lower() in PROGRESS_STATUSES else status),
        "date": _date(row),
        "done": _cell(row, "done", text),
        "report": _cell(row, "report", name),
    }
    found = _cell(row, "source", lines) or []
    links = [item.strip() for item in found if item.strip().startswith(("http://", "https://"))]
    where = [item for item in found if item.strip() and item not in links]
    fields["evidence"] = links
    ref = _cell(row, "source", lambda _v: source("; ".join(where)) if where else None)
    try:
        fields["source"] = r.SourceRef.model_validate(ref) if ref else None
    except ValueError as exc:  # pydantic's ValidationError: a document id that is no id
        raise _CellAt(f"bron niet begrepen: {exc}", f"source not understood: {exc}", row.cells.get("source")) from None
    return fields


def _cell(row: Row, key: str, read):  # type: ignore[no-untyped-def]
    try:
        return read(row.get(key))
    except CellError as exc:
        raise _CellAt(exc.message_nl, exc.message_en, row.cells.get(key)) from None


def _date(row: Row) -> dt.date:
    value = row.get("date")
    ref = row.cells.get("date")
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if value is None:
        raise _CellAt("geen datum: typ JJJJ-MM-DD", "no date: type YYYY-MM-DD", ref)
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise _CellAt(
            f"datum {value!r} niet begrepen: typ JJJJ-MM-DD", f"date {value!r} not understood: type YYYY-MM-DD", ref
        ) from None
