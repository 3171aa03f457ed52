"""POST /api/validate: a SHACL report for uploaded data; the served graph is never touched.

Accepts Turtle, JSON-LD, N-Triples, RDF/XML or a curated YAML file (which replaces the shipped
file of the same name, as `nkc-kg validate` does). Validation runs in a worker thread on its own
graph, built from the shipped curated files plus the upload.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import anyio
from fastapi import APIRouter, Query, Request

from ..loaders.paths import curated_data_paths

if TYPE_CHECKING:  # pyshacl and the loaders take ~1 s to import: only a validation request pays for that
    from ..loaders.validation import Report

SUFFIX_FOR = {
    "text/turtle": ".ttl",
    "application/ld+json": ".jsonld",
    "application/n-triples": ".nt",
    "application/rdf+xml": ".rdf",
    "application/yaml": ".yaml",
    "application/x-yaml": ".yaml",
    "text/yaml": ".yaml",
}
SAFE_NAME = "upload"


def report_json(report: Report) -> dict[str, Any]:
    return {
        "conforms": report.conforms,
        "errors": [
            {
                "message": e.message,
                "path": e.path or None,
                "source": {"file": Path(e.location.file).name, "line": e.location.line} if e.location else None,
            }
            for e in report.errors
        ],
        "results": [
            r.as_json()
            | ({"source": {"file": Path(r.location.file).name, "line": r.location.line}} if r.location else {})
            for r in report.results
        ],
    }


def build_router(upload_limit: int, error: type[Exception]) -> APIRouter:
    router = APIRouter(tags=["Validation"])

    @router.post(
        "/api/validate",
        summary="Validate uploaded data against the SHACL shapes",
        description=(
            "Send the data as the request body with its media type (text/turtle, application/ld+json, "
            "application/n-triples, application/rdf+xml, application/yaml). A curated YAML file replaces the "
            "shipped file named by `filename`. Malformed input is 400 naming the line; the served graph is "
            "never changed."
        ),
    )
    async def validate(
        request: Request,
        filename: Annotated[
            str | None, Query(description="for YAML: the curated file it replaces, e.g. zeldzame-kankers-2025.yaml")
        ] = None,
    ) -> dict[str, Any]:
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media not in SUFFIX_FOR:
            raise error(415, "unsupported media type", {"accepted": sorted(SUFFIX_FOR)})  # type: ignore[call-arg]
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > upload_limit:
            raise error(413, "upload too large", f"the limit is {upload_limit} bytes")  # type: ignore[call-arg]
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > upload_limit:
                raise error(413, "upload too large", f"the limit is {upload_limit} bytes")  # type: ignore[call-arg]
        suffix = SUFFIX_FOR[media]
        name = SAFE_NAME + suffix
        if suffix == ".yaml" and filename:
            shipped = {p.name for p in curated_data_paths()}
            if filename not in shipped and not filename.replace("-", "").replace(".yaml", "").isalnum():
                raise error(400, "bad filename", "use the name of a curated file, e.g. zeldzame-kankers-2025.yaml")  # type: ignore[call-arg]
            name = filename if filename.endswith(".yaml") else SAFE_NAME + suffix
        report = await anyio.to_thread.run_sync(_validate_bytes, bytes(body), name)
        if report.errors and not report.results:
            first = report.errors[0]
            line = first.location.line if first.location else None
            raise error(400, "malformed or inconsistent input", report_json(report) | {"line": line})  # type: ignore[call-arg]
        return report_json(report)

    return router


def _validate_bytes(body: bytes, name: str) -> Report:
    from ..loaders.validation import validate_paths

    with tempfile.TemporaryDirectory(prefix="nkc-kg-validate-") as folder:
        path = Path(folder) / name
        path.write_bytes(body)
        return validate_paths([path], curated_data_paths())
