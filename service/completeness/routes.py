"""GET /api/plans/{plan}/completeness: what a plan's data lacks (the page is /volledigheid, pages.py).

The report comes from checks.py (one SPARQL check per file in queries/completeness/); it is computed
once per plan, in a worker thread.
"""

from __future__ import annotations

from typing import Annotated

import anyio
from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import Response
from nkc_kg.service.completeness.checks import Completeness
from nkc_kg.service.completeness.schemas import CompletenessOut
from nkc_kg.service.graph.parameters import checked_key
from nkc_kg.service.web.answers import CACHEABLE, encode
from nkc_kg.service.web.schemas import ErrorOut


async def get_completeness(request: Request) -> Completeness:
    completeness: Completeness = request.app.state.completeness  # built by create_app
    return completeness


CompletenessDep = Annotated[Completeness, Depends(get_completeness)]

router = APIRouter(tags=["REST API"])


@router.get(
    "/api/plans/{plan}/completeness",
    summary="What a plan's data lacks: gaps per activity and party, undefined abbreviations",
    description=(
        "Activities lacking a timeframe (a step without one, or no steps), a lead party, an intended result "
        "or a subgoal; activities in development; involved parties without an abbreviation, or whose "
        "abbreviation nothing spells out; abbreviations the plan's texts use that its own document does not "
        "define (with the curators' expansion, if any). Each gap has a `status` (gap, not-in-source, "
        "in-development, info), its `source` (document and slide) and, when the service serves the curated "
        "data of its own checkout, `fix` (file and line of the curated record). The checks are the SPARQL "
        "files of queries/completeness/."
    ),
    response_model=CompletenessOut,
    responses={
        400: {"model": ErrorOut, "description": "a malformed plan id"},
        404: {"model": ErrorOut, "description": "unknown plan"},
    },
)
async def report(
    plan: Annotated[
        str,
        Path(
            description="plan id: zeldzame-kankers-2025, zeldzame-kankers-2024 or late-gevolgen-2025",
            examples=["late-gevolgen-2025"],
        ),
    ],
    completeness: CompletenessDep,
) -> Response:
    # an unknown plan (NotFound) or a malformed id (BadParameter) is answered by web/errors.py
    answer = await anyio.to_thread.run_sync(completeness.report, checked_key("plan", plan))
    return Response(encode(answer), media_type="application/json", headers=CACHEABLE)
