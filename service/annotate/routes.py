"""POST /api/annotate and the page /annoteren: the abbreviations and party names in a text.

The text comes as JSON ``{"text": …}`` or as ``text/plain`` (UTF-8), at most ANNOTATE_LIMIT bytes;
the page posts a form and renders the text with its matches highlighted (escaped by the templates:
nothing in the text becomes markup). Annotating never touches the graph.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from nkc_kg.service.annotate.annotator import Annotator, Match
from nkc_kg.service.annotate.schemas import AnnotateIn, AnnotateOut
from nkc_kg.service.plans.schemas import ErrorOut
from nkc_kg.service.web.templating import Pages
from starlette.datastructures import FormData

ANNOTATE_LIMIT = 1024 * 1024  # bytes of UTF-8 text
# JSON may escape every character (\uXXXX, six bytes for up to three): the text's own size is checked after
JSON_LIMIT = 6 * ANNOTATE_LIMIT + 1024
# a form posts the text URL-encoded: up to three bytes for each byte of text, plus the field name
FORM_LIMIT = 3 * ANNOTATE_LIMIT + 1024
# A text of nothing but abbreviations would otherwise make an answer hundreds of times its size.
MAX_ANNOTATIONS = 10_000
OFFSETS = "Unicode code points: Python string indices, JavaScript Array.from(text) indices (not UTF-16 units)"


class TextProblem(ValueError):
    """What is wrong with the text a client sent: an HTTP status and a message."""

    def __init__(self, status: int, error: str, detail: str) -> None:
        super().__init__(error)
        self.status, self.error, self.detail = status, error, detail


async def read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise TextProblem(413, "text too large", f"the limit is {limit} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise TextProblem(413, "text too large", f"the limit is {limit} bytes")
    return bytes(body)


def text_of(body: bytes, content_type: str) -> str:
    """The text of a request body: JSON {"text": …} or text/plain in UTF-8."""
    media, _, params = content_type.partition(";")
    media = media.strip().lower()
    charset = next(
        (p.split("=", 1)[1].strip().strip('"').lower() for p in params.split(";") if p.strip().startswith("charset=")),
        "utf-8",
    )
    if media not in ("application/json", "text/plain"):
        raise TextProblem(415, "unsupported media type", 'send application/json {"text": …} or text/plain (UTF-8)')
    if charset not in ("utf-8", "utf8", "us-ascii"):
        raise TextProblem(415, "unsupported charset", f"send the text in UTF-8, not {charset}")
    try:
        decoded = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TextProblem(400, "not UTF-8", f"the body is not valid UTF-8 (byte {exc.start})") from None
    if media == "text/plain":
        text = decoded
    else:
        try:
            data = json.loads(decoded)
        except json.JSONDecodeError as exc:
            raise TextProblem(400, "malformed JSON", f"{exc.msg} at line {exc.lineno}, column {exc.colno}") from None
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            raise TextProblem(400, "no text", 'send {"text": "…"} with the text as a string')
        extra = sorted(set(data) - {"text"})
        if extra:
            raise TextProblem(400, "unknown field", f"only 'text' is accepted, not {', '.join(map(repr, extra))}")
        text = data["text"]
        try:
            size = len(text.encode("utf-8"))
        except UnicodeEncodeError:
            raise TextProblem(400, "not Unicode", "the text contains a lone surrogate (\\ud800-\\udfff)") from None
        if size > ANNOTATE_LIMIT:
            raise TextProblem(413, "text too large", f"the limit is {ANNOTATE_LIMIT} bytes")
    if not text.strip():
        raise TextProblem(400, "empty text", "send a text with at least one word")
    if "\x00" in text:
        raise TextProblem(400, "bad character", "the text contains a NUL character")
    return text


def answer(annotator: Annotator, text: str) -> dict[str, Any]:
    """The annotations of ``text``: the first MAX_ANNOTATIONS, with ``truncated`` saying whether that was all."""
    found = annotator.annotate(text)
    matches = found[:MAX_ANNOTATIONS]
    return {
        "length": len(text),
        "offsets": OFFSETS,
        "total": len(found),
        "truncated": len(found) > len(matches),
        "counts": {
            "abbreviation": sum(1 for m in matches if m.kind == "abbreviation"),
            "party": sum(1 for m in matches if m.kind == "party"),
            "ambiguous": sum(1 for m in matches if m.ambiguous),
        },
        "annotations": [annotator.match_json(m) for m in matches],
    }


def segments(text: str, matches: list[Match]) -> list[tuple[str, int | None]]:
    """The text cut into plain pieces and matched pieces (with the index of their match), for the page."""
    pieces: list[tuple[str, int | None]] = []
    at = 0
    for i, match in enumerate(matches):
        if match.start > at:
            pieces.append((text[at : match.start], None))
        pieces.append((text[match.start : match.end], i))
        at = match.end
    if at < len(text):
        pieces.append((text[at:], None))
    return pieces


def build_router(annotator: Callable[[], Annotator], pages: Pages, error: type[Exception]) -> APIRouter:
    """``annotator()`` gives the served graph's matcher (built on first use); ``error`` is ApiError."""
    router = APIRouter()

    def problem(exc: TextProblem) -> Exception:
        return error(exc.status, exc.error, exc.detail)  # type: ignore[call-arg]

    @router.post(
        "/api/annotate",
        tags=["REST API"],
        summary="Find the abbreviations and party names in a Dutch text",
        description=(
            'Send JSON `{"text": "…"}` or the text itself as `text/plain` (UTF-8), at most 1 MiB. The answer lists '
            "each abbreviation and party name found, longest match first and never overlapping: `start`, `end` "
            "(offsets in Unicode code points into the text as sent), `text`, `kind` (abbreviation | party), "
            "`expansion`, `iri`, `url`, `label`, `definedBy` (document and slide, or the curators with a status), "
            "`denotes`, `ambiguous` (the candidates name different things or spell the abbreviation out "
            "differently), `sameEntity` and all `candidates`. Abbreviations match case-sensitively as written, "
            "party names case- and accent-insensitively. At most 10,000 annotations (`truncated` says whether "
            "there were more; `total` counts them all). Empty text or text that is not UTF-8: 400; over the "
            "limit: 413."
        ),
        response_model=AnnotateOut,
        responses={
            400: {"model": ErrorOut, "description": "empty text, malformed JSON or not UTF-8"},
            413: {"model": ErrorOut, "description": "text over 1 MiB"},
            415: {"model": ErrorOut, "description": "not JSON or text/plain"},
        },
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {"schema": AnnotateIn.model_json_schema()},
                    "text/plain": {"schema": {"type": "string", "example": "Het IKNL-rapport gaat naar ZIN."}},
                },
            }
        },
    )
    async def annotate(request: Request) -> Response:
        try:
            content_type = request.headers.get("content-type", "")
            is_json = content_type.split(";")[0].strip().lower() == "application/json"
            body = await read_body(request, JSON_LIMIT if is_json else ANNOTATE_LIMIT)
            text = text_of(body, content_type)
        except TextProblem as exc:
            raise problem(exc) from None
        result = await anyio.to_thread.run_sync(lambda: answer(annotator(), text))
        return Response(json.dumps(result, ensure_ascii=False).encode("utf-8"), media_type="application/json")

    @router.get("/annoteren", response_class=HTMLResponse, tags=["Pages"], summary="Highlight abbreviations in a text")
    async def page(request: Request) -> Response:
        return pages.render(request, "annotate.html", text="", matches=None)

    @router.post("/annoteren", response_class=HTMLResponse, tags=["Pages"], include_in_schema=False)
    async def page_post(request: Request) -> Response:
        try:
            body = await read_body(request, FORM_LIMIT)
            form = _form(request, body)
            value = form.get("text")
            text = value if isinstance(value, str) else ""
            if len(text.encode("utf-8", errors="surrogatepass")) > ANNOTATE_LIMIT:
                raise TextProblem(413, "text too large", f"the limit is {ANNOTATE_LIMIT} bytes")
        except TextProblem as exc:
            return pages.render(request, "annotate.html", status_code=exc.status, text="", matches=None, problem=exc)
        if not text.strip():
            return pages.render(request, "annotate.html", status_code=400, text=text, matches=None, empty=True)

        def render() -> Response:
            found = annotator()
            matches = found.annotate(text)
            shown = matches[:MAX_ANNOTATIONS]
            return pages.render(
                request,
                "annotate.html",
                text=text,
                matches=[found.match_json(m) for m in shown],
                pieces=segments(text, shown),
                total=len(matches),
            )

        return await anyio.to_thread.run_sync(render)

    return router


def _form(request: Request, body: bytes) -> FormData:
    """The posted form, from the body already read (and limited)."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media != "application/x-www-form-urlencoded":
        raise TextProblem(415, "unsupported media type", "post the form (application/x-www-form-urlencoded)")
    try:
        decoded = body.decode("ascii")
    except UnicodeDecodeError:
        raise TextProblem(400, "malformed form", "a URL-encoded form is ASCII") from None
    try:
        fields = parse_qsl(decoded, keep_blank_values=True, errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise TextProblem(400, "not UTF-8", "the text is not valid UTF-8") from None
    return FormData(fields)
