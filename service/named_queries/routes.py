"""The named queries of queries/ as REST: one documented operation per query.

Each .rq file becomes its own OpenAPI operation with the parameters its header declares, so /docs shows
what every question takes (:func:`documented_router`, made from the catalogue when the app is created);
``/api/queries/{name}`` answers the same for any name and says which exist. Values are read and checked
by the runner (typed, bound, 400/404 with suggestions), not by FastAPI, so every error has the service's
JSON format. Answers are cached as JSON bytes per parameter set: the graph does not change while served.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Protocol

import anyio
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from nkc_kg.service.graph.catalog import NamedQuery
from nkc_kg.service.graph.runner import run_named
from nkc_kg.service.graph.served import Service
from nkc_kg.service.web.answers import KEPT, JsonCache, encode
from nkc_kg.service.web.deps import ServiceDep, answer_cache
from nkc_kg.service.web.errors import ApiError
from nkc_kg.service.web.openapi import documented_endpoint
from nkc_kg.service.web.schemas import ERRORS

TAG = "Named queries"


class Cite(Protocol):
    """The ``sources`` and ``curated`` facts of a query's answer (Questions.cited_for, questions/catalogue.py)."""

    def __call__(self, query: NamedQuery, parameters: Mapping[str, str], /) -> dict[str, Any]: ...


async def get_cite(request: Request) -> Cite:
    cite: Cite = request.app.state.cite  # set by create_app
    return cite


def describe(query: NamedQuery) -> dict[str, Any]:
    return {
        "name": query.name,
        "summary": query.summary,
        "summaryNl": query.summary_nl,
        "description": query.description,
        "parameters": [
            {"name": p.name, "type": p.type, "description": p.description, "example": p.example}
            for p in query.parameters
        ],
        "returns": list(query.returns),
        "url": f"/api/queries/{query.name}",
    }


class NamedAnswers:
    """The answers of the named queries as JSON bytes, computed once per parameter set."""

    def __init__(self, service: Service, cite: Cite, cache: JsonCache) -> None:
        self.service, self.cite, self.cache = service, cite, cache

    async def __call__(self, query: NamedQuery, request: Request) -> Response:
        params = dict(request.query_params)
        key = (query.name, tuple(sorted(params.items())))
        body = self.cache.get(key)
        if body is None:
            service = self.service  # the store is looked up per request, as the SPARQL endpoint does
            result = await anyio.to_thread.run_sync(
                run_named, query, params, service.store, service.index, service.iris
            )
            declared = {p.name for p in query.parameters}
            citations = await anyio.to_thread.run_sync(self.cite, query, params)
            body = encode(
                {
                    "query": query.name,
                    "parameters": {k: v for k, v in params.items() if k in declared},
                    "variables": result.variables,
                    "rows": [{k: str(v) for k, v in row.items()} for row in result.rows],
                    **citations,
                }
            )
            self.cache.put(key, body)
        return Response(body, media_type="application/json", headers=KEPT)


async def named_answers(
    service: ServiceDep,
    cite: Annotated[Cite, Depends(get_cite)],
    cache: Annotated[JsonCache, Depends(answer_cache("queries"))],
) -> NamedAnswers:
    return NamedAnswers(service, cite, cache)


Answers = Annotated[NamedAnswers, Depends(named_answers)]

router = APIRouter(prefix="/api/queries", tags=[TAG])


@router.get("", summary="The named queries and their parameters")
async def list_queries(service: ServiceDep) -> dict[str, Any]:
    return {"queries": [describe(q) for q in service.catalog.values()]}


@router.get("/{name}", include_in_schema=False)
async def any_query(name: str, request: Request, service: ServiceDep, answer: Answers) -> Response:
    """Every query (the documented operations answer the same), and a 404 naming the known ones."""
    query = service.catalog.get(name)
    if query is None:
        raise ApiError(404, f"unknown query {name!r}", {"known": sorted(service.catalog)})
    return await answer(query, request)


def documented_router(catalog: Mapping[str, NamedQuery]) -> APIRouter:
    """One OpenAPI operation per named query, with the parameters its header declares."""
    documented = APIRouter(prefix="/api/queries", tags=[TAG])
    for query in catalog.values():
        documented.add_api_route(
            f"/{query.name}",
            documented_endpoint(query, Answers),
            methods=["GET"],
            summary=query.summary,
            description=_description(query),
            operation_id=f"query_{query.name.replace('-', '_')}",
            responses={**ERRORS, 200: {"description": f"rows of: {', '.join(query.returns) or 'the answer'}"}},
        )
    return documented


def _description(query: NamedQuery) -> str:
    lines = [query.description.strip()]
    if query.summary_nl:
        lines.append(f"*{query.summary_nl}*")
    lines.append(f"SPARQL: `queries/{query.path.name}`. Every parameter is required.")
    return "\n\n".join(lines)
