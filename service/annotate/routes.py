"""POST /api/annotate: the abbreviations and party names in a text (the page is /annoteren, pages.py).

The text comes as JSON ``{"text": …}`` or as ``text/plain`` (UTF-8), at most ANNOTATE_LIMIT bytes (texts.py).
The annotator is built on first use, once per app (create_app); annotating never touches the graph.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Annotated

import anyio
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from nkc_kg.service.annotate.annotator import Annotator
from nkc_kg.service.annotate.schemas import AnnotateIn, AnnotateOut
from nkc_kg.service.annotate.texts import ANNOTATE_LIMIT, JSON_LIMIT, TextProblem, answer, text_of
from nkc_kg.service.web.bodies import read_limited
from nkc_kg.service.web.errors import ApiError
from nkc_kg.service.web.schemas import ErrorOut


async def get_annotator(request: Request) -> Callable[[], Annotator]:
    """The served graph's matcher, built by the first call (blocking: call it in a worker thread)."""
    annotator: Callable[[], Annotator] = request.app.state.annotator  # set by create_app
    return annotator


AnnotatorDep = Annotated[Callable[[], Annotator], Depends(get_annotator)]

router = APIRouter(tags=["REST API"])


@router.post(
    "/api/annotate",
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
async def annotate(request: Request, annotator: AnnotatorDep) -> Response:
    content_type = request.headers.get("content-type", "")
    is_json = content_type.split(";")[0].strip().lower() == "application/json"
    body = await read_limited(request, JSON_LIMIT if is_json else ANNOTATE_LIMIT, "text too large")
    try:
        text = text_of(body, content_type)
    except TextProblem as exc:
        raise ApiError(exc.status, exc.error, exc.detail) from None
    result = await anyio.to_thread.run_sync(lambda: answer(annotator(), text))
    return Response(json.dumps(result, ensure_ascii=False).encode("utf-8"), media_type="application/json")
