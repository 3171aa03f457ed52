"""GET/POST /valideren: a page where a plan editor uploads a workbook, a curated file or RDF and reads the report,
grouped by activity (or part of the plan) and severity, each result with its cell or file:line, the rule in
plain words and a suggestion where the fix is obvious. Nothing is stored; the served graph is never touched."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from nkc_kg.service.validate.presentation import (
    is_source_issue,
    plain_message,
    source_suggestion,
    split_source_issues,
)
from nkc_kg.service.validate.routes import GateDep, validate_within_bounds
from nkc_kg.service.validate.uploads import upload_name
from nkc_kg.service.web.bodies import read_limited
from nkc_kg.service.web.deps import IrisDep, PagesDep, SettingsDep
from nkc_kg.service.web.errors import ApiError
from nkc_kg.service.web.templating import Pages, page_language
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser

if TYPE_CHECKING:
    from nkc_kg.loaders.curated.yamlio import Location
    from nkc_kg.loaders.validation import Report

SUFFIXES = {".xlsx", ".yaml", ".yml", ".ttl", ".jsonld", ".json", ".nt", ".rdf", ".trig"}
SEVERITY_ORDER = {"error": 0, "violation": 1, "warning": 2, "info": 3}


def report_view(report: Report, lang: str) -> dict[str, Any]:
    """The report shaped for the page: input errors first, then one group per activity or plan part."""

    def item(
        severity: str,
        location: Location | None,
        nl_text: str,
        en_text: str,
        suggestion: str | None,
        focus: str | None,
        shape: str | None = None,
    ) -> dict[str, Any]:
        # one language per page: the other language's text only when the page's is missing
        message, kind = plain_message((nl_text if lang == "nl" else en_text) or nl_text or en_text, lang)
        recorded = is_source_issue(shape)
        return {
            "severity": severity,
            "where": (location.cell or f"{location.file}:{location.line}") if location else focus,
            "file": location.file if location and location.cell else None,
            "message": message,
            "kind": kind,
            "suggestion": suggestion or (source_suggestion(lang) if recorded else None),
            "focus": focus,
            "recorded": recorded,
        }

    errors = [
        item("error", e.location, e.message_nl or e.message, e.message, e.suggestion, None) for e in report.errors
    ]
    groups: dict[str, dict[str, Any]] = {}
    for r in report.results:
        group = r.group or {"key": "other", "nl": "Overig", "en": "Other", "plan": None, "activity": None}
        entry = groups.setdefault(
            str(group["key"]),
            {
                "title": str(group[lang]),
                "plan": group.get("plan"),
                "order": _group_order(group),
                "results": [],
                "counts": {"violation": 0, "warning": 0, "info": 0},
            },
        )
        entry["counts"][r.severity] += 1
        entry["results"].append(item(r.severity, r.location, r.message_nl, r.message_en, None, r.focus, r.shape))
    ordered = sorted(groups.values(), key=lambda g: g["order"])
    for g in ordered:
        g["results"].sort(key=lambda x: SEVERITY_ORDER[x["severity"]])
    fresh, recorded = split_source_issues(ordered)
    return {
        "errors": errors,
        "groups": fresh,
        "recorded": recorded,
        "conforms": report.conforms,
        "counts": {s: report.count(s) for s in ("violation", "warning", "info")},
        "elsewhere": report.elsewhere,
    }


def _group_order(group: dict[str, Any]) -> tuple[Any, ...]:
    activity = group.get("activity")
    return (str(group.get("plan") or "~"), 0 if activity is not None else 1, activity or 0, str(group["key"]))


async def _one_chunk(body: bytes) -> AsyncGenerator[bytes, None]:
    yield body


router = APIRouter(include_in_schema=False)


def render(pages: Pages, request: Request, upload_limit: int, status: int = 200, **context: Any) -> HTMLResponse:
    return pages.render(request, "validate.html", status_code=status, upload_limit=upload_limit, **context)


@router.get("/valideren", response_class=HTMLResponse)
async def form(request: Request, pages: PagesDep, settings: SettingsDep) -> HTMLResponse:
    return render(pages, request, settings.upload_limit)


@router.post("/valideren", response_class=HTMLResponse)
async def check(request: Request, pages: PagesDep, settings: SettingsDep, iris: IrisDep, gate: GateDep) -> HTMLResponse:
    limit = settings.upload_limit
    try:
        body = await read_limited(request, limit)
        name, content = await _upload(request, body, settings.data_dir)
    except ApiError as exc:
        return render(
            pages, request, limit, exc.status, problem="validate.too_large" if exc.status == 413 else exc.error
        )
    try:
        report = await validate_within_bounds(gate, settings, content, name, iris)  # bounded.py
    except ApiError as exc:
        key = "validate.busy" if exc.status == 503 and exc.headers else "validate.failed"
        return render(pages, request, limit, exc.status, problem=key)
    return render(pages, request, limit, filename=name, report=report_view(report, page_language(request)))


async def _upload(request: Request, body: bytes, data_dir: Path) -> tuple[str, bytes]:
    """The uploaded file's name for validation and its bytes, from a multipart form."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media != "multipart/form-data":
        raise ApiError(400, "validate.malformed")
    parser = MultiPartParser(request.headers, _one_chunk(body), max_files=1, max_fields=5)
    try:
        form = await parser.parse()
    except MultiPartException:
        raise ApiError(400, "validate.malformed") from None
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise ApiError(400, "validate.none")
    content = await upload.read()
    suffix = Path(upload.filename).suffix.lower()
    if suffix not in SUFFIXES:
        raise ApiError(415, "validate.unsupported")
    if not content:
        raise ApiError(400, "validate.none")
    normal = {".yml": ".yaml", ".json": ".jsonld"}.get(suffix, suffix)
    return upload_name(normal, upload.filename, data_dir), content
