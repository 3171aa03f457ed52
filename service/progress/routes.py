"""GET /api/plans/{plan}/progress?at=YYYY-MM-DD: the state of a plan's steps on a date (the page is pages.py)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Path, Query
from nkc_kg.service.graph.parameters import checked_key
from nkc_kg.service.progress.schemas import ProgressOut
from nkc_kg.service.progress.state import ProgressError, load_progress, parse_day
from nkc_kg.service.web.deps import ProvenanceDep, ServiceDep
from nkc_kg.service.web.errors import ApiError
from nkc_kg.service.web.schemas import ErrorOut

router = APIRouter(tags=["REST API"])


def checked_day(value: str | None) -> dt.date:
    """The ``at`` parameter, or today; a malformed one is a 400 naming it."""
    if value is None or value == "":
        return dt.date.today()
    if len(value) > 10:
        raise ApiError(400, "bad parameter", {"parameter": "at", "message": "write YYYY-MM-DD, e.g. 2025-12-31"})
    try:
        return parse_day(value)
    except ValueError as exc:
        raise ApiError(400, "bad parameter", {"parameter": "at", "message": str(exc)}) from None


def progress_answer(service: Any, plan: str, at: dt.date) -> dict[str, Any]:
    try:
        progress = load_progress(service.store, service.iris, plan)
    except ProgressError as exc:
        raise ApiError(404, "unknown plan", {"plan": plan, "message": str(exc)}) from None
    return progress.as_of(at, service.iris)


@router.get(
    "/api/plans/{plan}/progress",
    summary="The state of a plan's steps on a date: per subgoal, what is overdue, every step",
    description=(
        "Per step the latest status of any progress report dated on or before `at`, and its state: afgerond "
        "(reported afgerond or vervallen), over-tijd (timeframe ended before `at`, not closed), loopt (reported), "
        "niet-gemeld (no report yet)."
    ),
    response_model=ProgressOut,
    responses={
        400: {"model": ErrorOut, "description": "a malformed date or plan id"},
        404: {"model": ErrorOut, "description": "unknown plan"},
    },
)
async def progress(
    plan: Annotated[str, Path(description="plan id", examples=["zeldzame-kankers-2025"])],
    service: ServiceDep,
    provenance: ProvenanceDep,
    at: Annotated[
        str | None,
        Query(description="the date, YYYY-MM-DD (default: today)", max_length=40, examples=["2025-12-31"]),
    ] = None,
) -> dict[str, Any]:
    day = checked_day(at)
    key = checked_key("plan", plan)

    def work() -> dict[str, Any]:
        answer = progress_answer(service, key, day)
        cited = [i["observation"] for i in answer["items"] if i["observation"]]
        answer["sources"] = provenance.cite(cited)["sources"]
        return answer

    return await anyio.to_thread.run_sync(work)
