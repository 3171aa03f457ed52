"""The named queries of queries/ as REST: one documented operation per query.

Each .rq file becomes its own OpenAPI operation with the parameters its header declares, so
/docs shows what every question takes. Values are read and checked by the runner (typed,
bound, 400/404 with suggestions), not by FastAPI, so every error has the service's JSON format.
Answers are cached as JSON bytes per parameter set: the graph does not change while served.
"""

from __future__ import annotations

import inspect
import keyword
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Annotated, Any

import anyio
from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from nkc_kg.service.graph.catalog import NamedQuery
from nkc_kg.service.graph.runner import run_named
from nkc_kg.service.plans.routes import CACHE_ENTRIES, ERRORS, JsonCache, encode

if TYPE_CHECKING:
    from nkc_kg.service.app import Service

TAG = "Named queries"
TYPE_HINTS = {
    "plan": "plan id",
    "party": "case- and accent-insensitive",
    "abbreviation": "any case",
    "integer": "whole number",
    "date": "ISO date YYYY-MM-DD",
    "year": "year YYYY",
    "quarter": "quarter, e.g. 'Q4 2025'",
    "iri": "IRI",
    "string": "text",
}


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


def build_router(
    service: Service,
    error: type[Exception],
    cite: Callable[[NamedQuery, Mapping[str, str]], dict[str, Any]] | None = None,
) -> APIRouter:
    """``error(status, error, detail)`` is the service's JSON problem exception (ApiError).

    The store is looked up on ``service`` per request, as the SPARQL endpoint does. ``cite(query,
    parameters)`` gives the answer's ``sources`` and ``curated`` facts (see questions.py)."""
    catalog = service.catalog
    router = APIRouter(prefix="/api/queries", tags=[TAG])
    answers = JsonCache(CACHE_ENTRIES)

    @router.get("", summary="The named queries and their parameters")
    async def list_queries() -> dict[str, Any]:
        return {"queries": [describe(q) for q in catalog.values()]}

    async def answer(query: NamedQuery, request: Request) -> Response:
        params = dict(request.query_params)
        key = (query.name, tuple(sorted(params.items())))
        body = answers.get(key)
        if body is None:
            result = await anyio.to_thread.run_sync(
                run_named, query, params, service.store, service.index, service.iris
            )
            declared = {p.name for p in query.parameters}
            citations = {} if cite is None else await anyio.to_thread.run_sync(cite, query, params)
            body = encode(
                {
                    "query": query.name,
                    "parameters": {k: v for k, v in params.items() if k in declared},
                    "variables": result.variables,
                    "rows": [{k: str(v) for k, v in row.items()} for row in result.rows],
                    **citations,
                }
            )
            answers.put(key, body)
        return Response(body, media_type="application/json")

    for query in catalog.values():
        router.add_api_route(
            f"/{query.name}",
            documented_endpoint(query, answer),
            methods=["GET"],
            summary=query.summary,
            description=_description(query),
            operation_id=f"query_{query.name.replace('-', '_')}",
            responses={**ERRORS, 200: {"description": f"rows of: {', '.join(query.returns) or 'the answer'}"}},
        )

    @router.get("/{name}", include_in_schema=False)
    async def unknown_query(name: str) -> Response:
        raise error(404, f"unknown query {name!r}", {"known": sorted(catalog)})  # type: ignore[call-arg]

    return router


def _description(query: NamedQuery) -> str:
    lines = [query.description.strip()]
    if query.summary_nl:
        lines.append(f"*{query.summary_nl}*")
    lines.append(f"SPARQL: `queries/{query.path.name}`. Every parameter is required.")
    return "\n\n".join(lines)


def _python_name(name: str) -> str:
    """Parameters such as 'from' are Python keywords: the function takes 'from_', the URL keeps 'from'."""
    plain = name.replace("-", "_")
    return f"{plain}_" if keyword.iskeyword(plain) or not plain.isidentifier() else plain


def documented_endpoint(
    query: NamedQuery,
    answer: Callable[[NamedQuery, Request], Awaitable[Response]],
    extra: Sequence[inspect.Parameter] = (),
) -> Callable[..., Awaitable[Response]]:
    """A route function whose signature declares the query's parameters and ``extra`` (for OpenAPI only)."""

    async def endpoint(request: Request, **_: str | None) -> Response:
        return await answer(query, request)

    documented = [
        inspect.Parameter(
            _python_name(p.name),
            inspect.Parameter.KEYWORD_ONLY,
            default=None,
            annotation=Annotated[
                str | None,
                Query(
                    alias=p.name,
                    description=f"{p.description} — {TYPE_HINTS.get(p.type, p.type)}",
                    examples=[p.example],
                ),
            ],
        )
        for p in query.parameters
    ]
    request_param = inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request)
    endpoint.__signature__ = inspect.Signature([request_param, *documented, *extra])  # type: ignore[attr-defined]
    endpoint.__name__ = f"query_{query.name.replace('-', '_')}"
    return endpoint
