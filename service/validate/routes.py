"""POST /api/validate: a SHACL report for uploaded data; the served graph is never touched (see uploads.py)."""

from __future__ import annotations

from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Query, Request
from nkc_kg.loaders.paths import curated_data_paths
from nkc_kg.service.validate.uploads import SUFFIX_FOR, report_json, upload_name, validate_upload
from nkc_kg.service.web.bodies import read_limited
from nkc_kg.service.web.deps import IrisDep, SettingsDep
from nkc_kg.service.web.errors import ApiError

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
    settings: SettingsDep,
    iris: IrisDep,
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
        raise ApiError(415, "unsupported media type", {"accepted": sorted(SUFFIX_FOR)})
    body = await read_limited(request, settings.upload_limit)
    suffix = SUFFIX_FOR[media]
    if suffix == ".yaml" and filename:
        shipped = {p.name for p in curated_data_paths(settings.data_dir)}
        if filename not in shipped and not filename.replace("-", "").replace(".yaml", "").isalnum():
            raise ApiError(400, "bad filename", "use the name of a curated file, e.g. zeldzame-kankers-2025.yaml")
    name = upload_name(suffix, filename, settings.data_dir)
    report = await anyio.to_thread.run_sync(validate_upload, body, name, settings.data_dir, iris)
    if report.errors and not report.results:
        first = report.errors[0]
        line = first.location.line if first.location else None
        raise ApiError(400, "malformed or inconsistent input", report_json(report) | {"line": line})
    return report_json(report)
