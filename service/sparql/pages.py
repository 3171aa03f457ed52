"""The SPARQL query page for people, with every named query as an example (the endpoint is routes.py)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from nkc_kg.service.web.deps import PagesDep, ServiceDep

router = APIRouter(tags=["Site"])


@router.get("/query", response_class=HTMLResponse, summary="SPARQL query page")
async def query_page(request: Request, service: ServiceDep, pages: PagesDep) -> Response:
    examples = [{"name": q.name, "summary": q.summary, "sparql": q.sparql} for q in service.catalog.values()]
    return pages.render(request, "query.html", examples=examples)
