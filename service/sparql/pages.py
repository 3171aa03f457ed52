"""The SPARQL query page for people, with every named query as an example (the endpoint is routes.py).

The page works without JavaScript: the form asks this page (GET) and the answer comes back as a table,
IRIs linked; query.js only fills the box when an example is chosen.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from nkc_kg.service.sparql.examples import result_table, runnable_example
from nkc_kg.service.sparql.routes import protocol_request, run_sparql
from nkc_kg.service.web.deps import PagesDep, ServiceDep
from nkc_kg.service.web.errors import ApiError
from nkc_kg.service.web.templating import page_language

router = APIRouter(tags=["Site"])
DEFAULT_QUERY = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10"


@router.get("/query", response_class=HTMLResponse, summary="SPARQL query page")
async def query_page(request: Request, service: ServiceDep, pages: PagesDep) -> Response:
    lang = page_language(request)
    examples = [
        {
            "name": q.name,
            "summary": (q.summary_nl or q.summary) if lang == "nl" else q.summary,
            "sparql": runnable_example(q, service.index, service.iris),
        }
        for q in service.catalog.values()
    ]
    params = request.query_params
    chosen = next((e for e in examples if e["name"] == params.get("example")), None)
    loading = "load" in params and chosen is not None
    text = chosen["sparql"] if loading and chosen else params.get("query") or DEFAULT_QUERY
    answer, problem, status = None, None, 200
    if params.get("query") and not loading:
        try:
            # the endpoint's own path: the guard (size, depth, SERVICE) and the protocol's checks first
            asked = await protocol_request(service, request, [("query", text), ("format", "json")])
            if asked is None:
                raise ApiError(400, "missing query", "pass the SPARQL query as 'query'")
            response = await run_sparql(service, asked, None)
            answer = result_table(bytes(response.body), service.iris)
        except ApiError as exc:
            problem, status = f"{exc.error}: {exc.detail}" if exc.detail else exc.error, exc.status
    return pages.render(
        request,
        "query.html",
        status_code=status,
        examples=examples,
        chosen=chosen["name"] if chosen else None,
        text=text,
        answer=answer,
        problem=problem,
    )
