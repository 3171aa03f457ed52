"""GET /api/plans/{plan}/completeness and the page /volledigheid?plan=…: what a plan's data lacks.

The report comes from completeness.py (one SPARQL check per file in queries/completeness/); it is
computed once per plan, in a worker thread.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from nkc_kg.service.annotate.schemas import CompletenessOut
from nkc_kg.service.completeness.checks import Completeness, grouped_gaps, short_place
from nkc_kg.service.graph.plan_data import BadParameter, NotFound
from nkc_kg.service.plans.pages import PeoplePages
from nkc_kg.service.plans.routes import checked_key
from nkc_kg.service.plans.schemas import ErrorOut
from nkc_kg.service.web.templating import Pages


def build_router(
    completeness: Completeness,
    pages: Pages,
    plans: Callable[[], list[Mapping[str, Any]]],
    error: type[Exception],
) -> APIRouter:
    """``plans()`` lists the plans for the page's picker; ``error`` is the service's ApiError."""
    router = APIRouter()

    @router.get(
        "/api/plans/{plan}/completeness",
        tags=["REST API"],
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
    ) -> Response:
        try:
            answer = await anyio.to_thread.run_sync(completeness.report, checked_key("plan", plan))
        except BadParameter as exc:
            raise error(400, f"bad parameter {exc.name!r}", exc.detail) from None  # type: ignore[call-arg]
        except NotFound as exc:
            raise error(404, exc.what, exc.detail) from None  # type: ignore[call-arg]
        body = json.dumps(answer, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return Response(body, media_type="application/json", headers={"Cache-Control": "public, max-age=300"})

    @router.get(
        "/volledigheid",
        response_class=HTMLResponse,
        tags=["Pages"],
        summary="Completeness of a plan's data, for its editors",
    )
    async def page(
        request: Request,
        plan: Annotated[str | None, Query(description="plan id")] = None,
    ) -> Response:
        def render() -> Response:
            known = plans()
            chosen = plan or (PeoplePages._default_plan(known) if known else "")
            try:
                found = completeness.report(chosen)
            except NotFound as exc:
                return pages.not_found(request, str(exc))
            return pages.render(
                request,
                "completeness.html",
                plans=known,
                report=found,
                plan=chosen,
                grouped=grouped_gaps,
                short=short_place,
            )

        return await anyio.to_thread.run_sync(render)

    return router
