"""The page /volledigheid?plan=…: what a plan's data lacks, for its editors (the JSON is routes.py)."""

from __future__ import annotations

from typing import Annotated

import anyio
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from nkc_kg.service.completeness.checks import grouped_gaps, short_place
from nkc_kg.service.completeness.routes import CompletenessDep
from nkc_kg.service.graph.plan_data import NotFound
from nkc_kg.service.plans.ordering import default_plan
from nkc_kg.service.web.deps import PagesDep, PlanDataDep

router = APIRouter(tags=["Pages"])


@router.get("/volledigheid", response_class=HTMLResponse, summary="Completeness of a plan's data, for its editors")
async def page(
    request: Request,
    completeness: CompletenessDep,
    data: PlanDataDep,
    pages: PagesDep,
    plan: Annotated[str | None, Query(description="plan id")] = None,
) -> Response:
    def render() -> Response:
        known = list(data.plans()["plans"])
        chosen = plan or (default_plan(known) if known else "")
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
