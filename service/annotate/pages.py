"""The page /annoteren: a text with its abbreviations and party names highlighted.

The page posts a form and renders the text with its matches (escaped by the templates: nothing in the
text becomes markup), at most ANNOTATE_LIMIT bytes of it.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from nkc_kg.service.annotate.routes import AnnotatorDep
from nkc_kg.service.annotate.texts import ANNOTATE_LIMIT, FORM_LIMIT, MAX_ANNOTATIONS, TextProblem, segments
from nkc_kg.service.web.bodies import read_limited
from nkc_kg.service.web.deps import PagesDep
from nkc_kg.service.web.errors import ApiError
from starlette.datastructures import FormData

router = APIRouter(tags=["Pages"])


@router.get("/annoteren", response_class=HTMLResponse, summary="Highlight abbreviations in a text")
async def page(request: Request, pages: PagesDep) -> Response:
    return pages.render(request, "annotate.html", text="", matches=None)


@router.post("/annoteren", response_class=HTMLResponse, include_in_schema=False)
async def page_post(request: Request, pages: PagesDep, annotator: AnnotatorDep) -> Response:
    try:
        body = await read_limited(request, FORM_LIMIT, "text too large")
        form = _form(request, body)
        value = form.get("text")
        text = value if isinstance(value, str) else ""
        if len(text.encode("utf-8", errors="surrogatepass")) > ANNOTATE_LIMIT:
            raise TextProblem(413, "text too large", f"the limit is {ANNOTATE_LIMIT} bytes")
    except (ApiError, TextProblem) as exc:
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
