"""The pages /voortgang?plan=…&at=… (bars per subgoal, the overdue list) and /voortgang/rapport (printable)."""

from __future__ import annotations

from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from nkc_kg.service.plans.ordering import default_plan
from nkc_kg.service.progress.loading import citations
from nkc_kg.service.progress.report import report_sections
from nkc_kg.service.progress.routes import checked_day, progress_answer
from nkc_kg.service.progress.state import STATES
from nkc_kg.service.web.deps import PagesDep, PlanDataDep, ProvenanceDep, ServiceDep
from nkc_kg.service.web.errors import ApiError
from nkc_kg.service.web.templating import page_language

router = APIRouter(tags=["Pages"])

PlanQuery = Annotated[str | None, Query(description="plan id", max_length=80)]
AtQuery = Annotated[str | None, Query(description="YYYY-MM-DD", max_length=40)]


def _progress(service: Any, data: Any, plan: str | None, at: str | None) -> tuple[list[Any], str, dict[str, Any]]:
    """The plans to choose from, the plan shown (the one asked for, else the default) and its progress on ``at``;
    ApiError for an unknown plan or a malformed date."""
    known = list(data.plans()["plans"])
    chosen = plan or (default_plan(known) if known else "")
    return known, chosen, progress_answer(service, chosen, checked_day(at))


def _error_page(pages: Any, request: Request, exc: ApiError) -> Response:
    """An unknown plan is a 404 page, a malformed date a 400 page naming the problem."""
    detail = exc.detail.get("message") if isinstance(exc.detail, dict) else exc.detail
    if exc.status == 404:
        return pages.not_found(request, str(detail))
    return pages.render(request, "error.html", status_code=exc.status, detail=f"at: {detail}")


@router.get("/voortgang", response_class=HTMLResponse, summary="Progress of a plan on a date")
async def page(
    request: Request,
    service: ServiceDep,
    data: PlanDataDep,
    pages: PagesDep,
    plan: PlanQuery = None,
    at: AtQuery = None,
) -> Response:
    def render() -> Response:
        try:
            known, chosen, answer = _progress(service, data, plan, at)
        except ApiError as exc:
            return _error_page(pages, request, exc)
        return pages.render(request, "progress.html", plans=known, plan=chosen, progress=answer, states=STATES)

    return await anyio.to_thread.run_sync(render)


@router.get("/voortgang/rapport", response_class=HTMLResponse, summary="The yearly progress section, printable")
async def report_page(
    request: Request,
    service: ServiceDep,
    data: PlanDataDep,
    provenance: ProvenanceDep,
    pages: PagesDep,
    plan: PlanQuery = None,
    at: AtQuery = None,
) -> Response:
    lang = page_language(request)

    def render() -> Response:
        try:
            _, chosen, answer = _progress(service, data, plan, at)
        except ApiError as exc:
            return _error_page(pages, request, exc)
        sections: list[dict[str, Any]] = report_sections(answer, citations(provenance, lang), lang)
        return pages.render(request, "progress_report.html", plan=chosen, progress=answer, sections=sections)

    return await anyio.to_thread.run_sync(render)


def install_block(pages: Any, service: Any) -> None:
    """The template function of the progress block (_progress_block.html) on activity and party pages:
    ``progress_block(iri)`` -> the steps of an activity, or what a party leads, with their state today."""
    import datetime as dt

    from nkc_kg.service.progress.state import ProgressError, load_progress, party_progress

    def block(iri: str) -> dict[str, Any] | None:
        today = dt.date.today()
        marker = "/activity/"
        plan_prefix = str(service.iris.plan(""))
        try:
            if iri.startswith(plan_prefix) and marker in iri:
                plan = iri[len(plan_prefix) :].split("/", 1)[0]
                state = load_progress(service.store, service.iris, plan).as_of(today, service.iris)
                items = [i for i in state["items"] if i["activityIri"] == iri]
                return {"kind": "activity", "plan": plan, "at": state["at"], "items": items} if items else None
            plans = [load_progress(service.store, service.iris, p) for p in service.index.plans]
        except ProgressError:
            return None
        found = party_progress(plans, iri, today, service.iris)
        if not found["finished"] and not found["open"]:
            return None
        return {"kind": "party", **found}

    pages.env.globals["progress_block"] = block
