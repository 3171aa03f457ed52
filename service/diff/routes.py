"""``GET /api/diff?from=…&to=…``: what changed between two plans of the served graph (the page is /diff).

The plans are read through the store interface (versions.py) and compared with compare.py; the graph does
not change while it is served, so each comparison is computed once (plan ids are checked first, so the
cache holds at most one entry per pair of known plans).
"""

from __future__ import annotations

from typing import Annotated

import anyio
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from nkc_kg.service.diff.comparisons import Comparisons
from nkc_kg.service.diff.schemas import DiffOut
from nkc_kg.service.web.answers import CACHEABLE, JsonCache, encode
from nkc_kg.service.web.deps import answer_cache
from nkc_kg.service.web.schemas import ERRORS


async def get_comparisons(request: Request) -> Comparisons:
    comparisons: Comparisons = request.app.state.comparisons  # built by create_app
    return comparisons


ComparisonsDep = Annotated[Comparisons, Depends(get_comparisons)]

router = APIRouter(tags=["REST API"])


@router.get(
    "/api/diff",
    response_model=DiffOut,
    responses=ERRORS,
    summary="What changed between two plan versions: activities added, removed, renumbered or continued, "
    "titles, subgoals, parties, steps, timeframes and intended results",
)
async def api_diff(
    comparisons: ComparisonsDep,
    cache: Annotated[JsonCache, Depends(answer_cache("diff"))],
    from_: Annotated[
        str | None,
        Query(alias="from", description="plan id of the old version", examples=["zeldzame-kankers-2024"]),
    ] = None,
    to: Annotated[
        str | None, Query(description="plan id of the new version", examples=["zeldzame-kankers-2025"])
    ] = None,
) -> Response:
    old, new = comparisons.check(from_, to)  # BadParameter, NotFound: answered by web/errors.py
    body = cache.get((old, new))
    if body is None:
        body = await anyio.to_thread.run_sync(lambda: encode(comparisons.diff(old, new)))
        cache.put((old, new), body)
    return Response(body, media_type="application/json", headers=CACHEABLE)
