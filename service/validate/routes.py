"""POST /api/validate: a SHACL report for uploaded data; the served graph is never touched (see uploads.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from nkc_kg.loaders.paths import curated_data_paths
from nkc_kg.service.validate.bounded import UPLOAD_BODY, UploadRefused, ValidationGate, validate_bounded
from nkc_kg.service.validate.uploads import SUFFIX_FOR, report_json, upload_name
from nkc_kg.service.web.bodies import read_limited
from nkc_kg.service.web.deps import IrisDep, SettingsDep
from nkc_kg.service.web.errors import ApiError

if TYPE_CHECKING:
    from nkc_kg.loaders.iris import Iris
    from nkc_kg.loaders.validation import Report
    from nkc_kg.service.settings import Settings

router = APIRouter(tags=["Validation"])


async def get_gate(request: Request) -> ValidationGate:
    """This app's one gate for /api/validate and /valideren (NKC_KG_VALIDATE_CONCURRENCY at a time)."""
    state = request.app.state
    gate: ValidationGate | None = getattr(state, "validation_gate", None)
    if gate is None:
        gate = state.validation_gate = ValidationGate(state.service.settings.validate_concurrency)
    return gate


GateDep = Annotated[ValidationGate, Depends(get_gate)]


async def validate_within_bounds(
    gate: ValidationGate, settings: Settings, body: bytes, name: str, iris: Iris
) -> Report:
    """The upload validated in a bounded child process (bounded.py); a refusal is the service's error answer."""
    try:
        return await validate_bounded(gate, settings, body, name, settings.data_dir, iris)
    except UploadRefused as exc:
        raise ApiError(exc.status, exc.error, exc.detail, headers=exc.headers) from None


@router.post(
    "/api/validate",
    summary="Validate uploaded data against the SHACL shapes",
    openapi_extra=UPLOAD_BODY,  # the body the route reads itself, declared (bounded.py)
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
    gate: GateDep,
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
    report = await validate_within_bounds(gate, settings, body, name, iris)
    if report.errors and not report.results:
        first = report.errors[0]
        line = first.location.line if first.location else None
        raise ApiError(400, "malformed or inconsistent input", report_json(report) | {"line": line})
    return report_json(report)
