"""Read curated files into typed records, reporting every problem with file:line."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from nkc_kg.loaders.curated.progress import ProgressFile
from nkc_kg.loaders.curated.records import DocumentFile, PlanFile, ReferenceFile
from nkc_kg.loaders.curated.yamlio import CurationError, SourceFile, format_key, read_yaml
from pydantic import BaseModel, ValidationError

CuratedRecord = PlanFile | DocumentFile | ReferenceFile | ProgressFile


@dataclass
class CuratedFile:
    source: SourceFile
    record: CuratedRecord


@dataclass
class ReadResult:
    files: list[CuratedFile] = field(default_factory=list)
    errors: list[CurationError] = field(default_factory=list)


def model_for(data: object) -> type[BaseModel]:
    """Pick the record type from the top-level keys."""
    if isinstance(data, dict):
        if "progress_report" in data:
            return ProgressFile
        if "plan" in data:
            return PlanFile
        if "document" in data:
            return DocumentFile
    return ReferenceFile


def read_curated_file(path: Path) -> CuratedFile:
    """Parse and type-check one file; raises a list of errors via ExceptionGroup."""
    source = read_yaml(path)
    model = model_for(source.data)
    try:
        record = model.model_validate(source.data)
    except ValidationError as exc:
        errors = [
            CurationError(source.location(tuple(err["loc"])), _message(err), format_key(tuple(err["loc"])))
            for err in exc.errors()
        ]
        raise ExceptionGroup(f"{path}: {len(errors)} problem(s)", errors) from None
    return CuratedFile(source, record)  # type: ignore[arg-type]


def _message(err: dict) -> str:  # type: ignore[type-arg]
    kind = err.get("type", "")
    if kind == "extra_forbidden":
        return "unknown field (check the spelling; see data/README.md for the fields)"
    if kind == "missing":
        return "required field is missing"
    if kind == "string_pattern_mismatch":
        return f"{err.get('msg')}; got {err.get('input')!r}"
    return str(err.get("msg"))


def read_curated(paths: list[Path]) -> ReadResult:
    """Read many files, collecting all errors rather than stopping at the first."""
    result = ReadResult()
    for path in paths:
        try:
            result.files.append(read_curated_file(path))
        except CurationError as exc:
            result.errors.append(exc)
        except ExceptionGroup as group:
            result.errors.extend(e for e in group.exceptions if isinstance(e, CurationError))
    return result
