"""The page ``/diff``: what changed between two plans of the served graph (the JSON is routes.py)."""

from __future__ import annotations

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from nkc_kg.service.diff.comparisons import Comparisons, page_texts
from nkc_kg.service.diff.focus import activity_choices, only_activity
from nkc_kg.service.diff.routes import ComparisonsDep
from nkc_kg.service.graph.plan_data import BadParameter, JsonDict, NotFound
from nkc_kg.service.web.deps import PagesDep
from nkc_kg.service.web.templating import Pages, page_language

router = APIRouter(tags=["Pages"])
MAX_ACTIVITY_DIGITS = 4


@router.get("/diff", response_class=HTMLResponse, summary="Compare two plan versions (page)")
async def diff_page(request: Request, comparisons: ComparisonsDep, pages: PagesDep) -> Response:
    params = request.query_params
    activity = _activity_number(params.get("activity"))
    return await anyio.to_thread.run_sync(
        _page, request, comparisons, pages, params.get("from"), params.get("to"), activity
    )


def _activity_number(text: str | None) -> int | None:
    """``?activity=`` as a number of the newer plan; anything else (also out of range) shows every activity."""
    if not text or not text.strip().isdigit() or len(text.strip()) > MAX_ACTIVITY_DIGITS:
        return None
    return int(text)


def _page(
    request: Request, comparisons: Comparisons, pages: Pages, old: str | None, new: str | None, activity: int | None
) -> Response:
    lang = page_language(request)
    plans = comparisons.plans()
    old, new = comparisons.defaults(old, new)
    context: JsonDict = {"plans": plans, "old": old, "new": new, "diff": None, "problem": None, "activity": None}
    status = 200
    try:
        old_id, new_id = comparisons.check(old, new)
        diff = comparisons.diff(old_id, new_id)
        context.update(diff=diff, texts=page_texts(diff, lang), choices=activity_choices(diff))
        if activity is not None:
            only = only_activity(diff, activity)
            if only is not None:
                context.update(diff=only, activity=activity)
    except BadParameter as exc:
        status, context["problem"] = 400, f"{exc.name}: {exc.detail}"
    except NotFound as exc:
        detail = exc.detail if isinstance(exc.detail, dict) else {}
        suggestions = detail.get("suggestions") or []
        status = 404
        context["problem"] = exc.what + (f" ({', '.join(suggestions)}?)" if suggestions else "")
    return pages.render(request, "diff.html", status_code=status, **context)
