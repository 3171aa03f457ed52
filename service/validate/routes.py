"""POST /api/validate: a SHACL report for uploaded data; the served graph is never touched.

Accepts Turtle, JSON-LD, N-Triples, RDF/XML, a curated YAML file (which replaces the shipped
file of the same name, as `nkc-kg validate` does) or a plan workbook (.xlsx, as `nkc-kg import-xlsx`
reads it; results point at its cells). Validation runs in a worker thread on its own graph, built
from the shipped curated files plus the upload.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import anyio
from fastapi import APIRouter, Query, Request
from nkc_kg.loaders.paths import DATA_DIR, curated_data_paths

if TYPE_CHECKING:  # pyshacl and the loaders take ~1 s to import: only a validation request pays for that
    from nkc_kg.loaders.iris import Iris
    from nkc_kg.loaders.validation import Report

SUFFIX_FOR = {
    "text/turtle": ".ttl",
    "application/ld+json": ".jsonld",
    "application/n-triples": ".nt",
    "application/rdf+xml": ".rdf",
    "application/yaml": ".yaml",
    "application/x-yaml": ".yaml",
    "text/yaml": ".yaml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
}
SAFE_NAME = "upload"
SAFE_FILENAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._ -]{0,120}$")


def report_json(report: Report) -> dict[str, Any]:
    from nkc_kg.loaders.validation import error_json, source_json

    return {
        "conforms": report.conforms,
        "errors": [error_json(e, Path(e.location.file).name if e.location else None) for e in report.errors],
        "results": [
            r.as_json() | ({"source": source_json(r.location, Path(r.location.file).name)} if r.location else {})
            for r in report.results
        ],
        "notShown": report.elsewhere,
    }


async def read_limited(request: Request, upload_limit: int, error: type[Exception]) -> bytes:
    """The request body, refused with 413 as soon as it is over the limit (declared or streamed)."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > upload_limit:
        raise error(413, "upload too large", f"the limit is {upload_limit} bytes")  # type: ignore[call-arg]
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > upload_limit:
            raise error(413, "upload too large", f"the limit is {upload_limit} bytes")  # type: ignore[call-arg]
    return bytes(body)


def upload_name(suffix: str, filename: str | None, data_dir: Path = DATA_DIR) -> str:
    """The name validation sees: a YAML file keeps a shipped file's name (it replaces that file), a workbook
    its own name (reports name it); anything else, or an odd name, becomes ``upload<suffix>``."""
    if not filename:
        return SAFE_NAME + suffix
    base = Path(filename.replace("\\", "/")).name
    if suffix == ".yaml" and base in {p.name for p in curated_data_paths(data_dir)}:
        return base
    if suffix == ".xlsx" and base.lower().endswith(".xlsx") and SAFE_FILENAME.match(base):
        return base
    return SAFE_NAME + suffix


def build_router(upload_limit: int, error: type[Exception], data_dir: Path, iris: Iris) -> APIRouter:
    router = APIRouter(tags=["Validation"])

    @router.post(
        "/api/validate",
        summary="Validate uploaded data against the SHACL shapes",
        description=(
            "Send the data as the request body with its media type (text/turtle, application/ld+json, "
            "application/n-triples, application/rdf+xml, application/yaml, or "
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet for a plan workbook made by "
            "`nkc-kg export-xlsx`). A curated YAML file replaces the shipped file named by `filename`. Every result "
            "has its `source` (file and line, or `sheet` and `cell` in a workbook), the `group` it belongs to (an "
            "activity or part of a plan) and a `suggestion` where the fix is obvious. Malformed input is 400 naming "
            "the line or cell; the served graph is never changed."
        ),
    )
    async def validate(
        request: Request,
        filename: Annotated[
            str | None,
            Query(
                description="for YAML: the curated file it replaces, e.g. zeldzame-kankers-2025.yaml; "
                "for a workbook: its name, used in the report"
            ),
        ] = None,
    ) -> dict[str, Any]:
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media not in SUFFIX_FOR:
            raise error(415, "unsupported media type", {"accepted": sorted(SUFFIX_FOR)})  # type: ignore[call-arg]
        body = await read_limited(request, upload_limit, error)
        suffix = SUFFIX_FOR[media]
        if suffix == ".yaml" and filename:
            shipped = {p.name for p in curated_data_paths(data_dir)}
            if filename not in shipped and not filename.replace("-", "").replace(".yaml", "").isalnum():
                raise error(400, "bad filename", "use the name of a curated file, e.g. zeldzame-kankers-2025.yaml")  # type: ignore[call-arg]
        name = upload_name(suffix, filename, data_dir)
        report = await anyio.to_thread.run_sync(validate_upload, body, name, data_dir, iris)
        if report.errors and not report.results:
            first = report.errors[0]
            line = first.location.line if first.location else None
            raise error(400, "malformed or inconsistent input", report_json(report) | {"line": line})  # type: ignore[call-arg]
        return report_json(report)

    return router


def validate_upload(body: bytes, name: str, data_dir: Path, iris: Iris) -> Report:
    """Validate uploaded bytes as the file ``name`` with the curated data of ``data_dir`` (blocking: ~15 s of
    SHACL; call it in a worker thread)."""
    from nkc_kg.loaders.validation import validate_paths, validate_workbook

    with tempfile.TemporaryDirectory(prefix="nkc-kg-validate-") as folder:
        path = Path(folder) / name
        path.write_bytes(body)
        if name.endswith(".xlsx"):
            return validate_workbook(path, curated_data_paths(data_dir), iris, display=name)
        return validate_paths([path], data_dir, iris)
