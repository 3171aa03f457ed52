"""/sparql's limits on what a client sends, applied before any engine sees the query.

The query text is bounded for every way of sending it (GET, form, application/sparql-query):
its size (413), the depth of its brackets and its number of tokens (400), and SERVICE or an update
is refused (403). The check (store/query_guard.py) is linear in the text and runs on a worker
thread, so a large query never holds up the event loop (and /health, and every REST call with it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import anyio
from nkc_kg.service.settings import Settings
from nkc_kg.service.store.query_guard import QueryLimits, QueryTooLong, check_query

if TYPE_CHECKING:  # the check itself is free of web code; only its caller hands it a request
    from starlette.requests import Request


def query_limits(settings: Settings) -> QueryLimits:
    return QueryLimits(settings.query_max_bytes, settings.query_max_depth, settings.query_max_tokens)


async def check_client_query(query: str, settings: Settings) -> None:
    """Raise QueryRejected (its status says why) unless ``query`` may go to the engine."""
    limits = query_limits(settings)
    if len(query) > limits.max_bytes:  # at least that many bytes: no need to count them
        raise QueryTooLong(f"the query is over {limits.max_bytes:,} bytes; that is the limit (NKC_KG_QUERY_MAX_BYTES)")
    await anyio.to_thread.run_sync(check_query, query, limits)


async def read_query_body(request: Request, settings: Settings) -> str:
    """An application/sparql-query body as text, refused with 413 as soon as it passes the limit."""
    limit = settings.query_max_bytes
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise QueryTooLong(f"the query is over {limit:,} bytes; that is the limit (NKC_KG_QUERY_MAX_BYTES)")
    return body.decode("utf-8", errors="replace")


# The request body of POST /sparql in the OpenAPI description (the route reads it itself, so FastAPI
# cannot infer it): clients and API testers learn both ways of sending a query.
SPARQL_POST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/sparql-query": {
                "schema": {"type": "string", "maxLength": 1024 * 1024},
                "example": "SELECT * WHERE { ?s ?p ?o } LIMIT 10",
            },
            "application/x-www-form-urlencoded": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "query": {"type": "string", "description": "a SPARQL 1.1 query"},
                        "format": {"type": "string", "description": "json, xml, csv, tsv, turtle, nt, jsonld, rdfxml"},
                    },
                    "required": ["query"],
                }
            },
        },
    }
}
