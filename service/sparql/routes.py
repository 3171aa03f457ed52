"""The SPARQL 1.1 endpoint (GET and POST /sparql, read-only), its service description, the dataset's VoID/DCAT
description (/void) and the full dumps (/dumps/nkc-kg.{trig,nq,ttl,jsonld})."""

from __future__ import annotations

from typing import Annotated

import anyio
from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response
from nkc_kg.service.graph.served import Service
from nkc_kg.service.sparql.descriptions import Dumps, service_description, void_description
from nkc_kg.service.sparql.guard import SPARQL_POST_BODY, check_client_query, read_query_body
from nkc_kg.service.sparql.protocol import negotiate
from nkc_kg.service.store.embedded import DUMP_FORMATS, QueryTimeout, QueryTooLarge, StoreUnavailable
from nkc_kg.service.store.pool import QueryWorkersFailed
from nkc_kg.service.web.deps import ServiceDep
from nkc_kg.service.web.errors import ApiError
from nkc_kg.service.web.security_headers import public_root

router = APIRouter()


async def get_dumps(request: Request) -> Dumps:
    dumps: Dumps = request.app.state.dumps  # built by create_app
    return dumps


async def run_sparql(service: Service, query: str, format_param: str | None, accept: str | None) -> Response:
    if not query or not query.strip():
        raise ApiError(400, "missing query", "pass the SPARQL query as 'query'")
    await check_client_query(query, service.settings)  # size, depth, SERVICE: 413/400/403 (sparql/guard.py)
    try:
        media = negotiate(format_param, accept)
    except ValueError as exc:
        raise ApiError(400, "bad format", str(exc)) from None
    time_limit = service.settings.query_timeout
    try:
        # A worker thread keeps the event loop free: other requests are served while a slow
        # query runs. The answerer enforces the limit itself (the pool kills the worker
        # process); the grace period here only guards answerers that cannot.
        with anyio.fail_after(time_limit + 1.0):
            body, content_type = await anyio.to_thread.run_sync(
                service.sparql_answerer.answer,
                query,
                media,
                service.settings.result_limit,
                time_limit,
                abandon_on_cancel=True,
            )
    except (TimeoutError, QueryTimeout):
        raise ApiError(503, "query timed out", f"the query ran longer than {time_limit:g} s; narrow it down") from None
    except QueryWorkersFailed as exc:
        raise ApiError(503, "SPARQL endpoint unavailable", str(exc)) from None
    except QueryTooLarge as exc:
        raise ApiError(413, "answer too large", str(exc)) from None
    except ValueError as exc:
        raise ApiError(400, "malformed query", str(exc)) from None
    except StoreUnavailable as exc:
        raise ApiError(502, "triple store unavailable", str(exc)) from None
    return Response(body, media_type=content_type)


@router.get("/sparql", tags=["SPARQL"], summary="SPARQL 1.1 query (GET)")
async def sparql_get(
    request: Request,
    service: ServiceDep,
    query: Annotated[str | None, Query(description="a SPARQL 1.1 query")] = None,
    format: Annotated[str | None, Query(description="json, xml, csv, tsv, turtle, nt, jsonld, rdfxml")] = None,
) -> Response:
    if query is None:
        endpoint = public_root(request) + "/sparql"  # never from Host (NKC_KG_PUBLIC_URL, else relative)
        return Response(service_description(endpoint), media_type="text/turtle; charset=utf-8")
    return await run_sparql(service, query, format, request.headers.get("accept"))


@router.post(
    "/sparql",
    tags=["SPARQL"],
    summary="SPARQL 1.1 query (POST, form or direct body)",
    openapi_extra=SPARQL_POST_BODY,  # the body the route reads itself, declared (sparql/guard.py)
)
async def sparql_post(request: Request, service: ServiceDep, format: Annotated[str | None, Query()] = None) -> Response:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/sparql-update" or "update" in request.query_params:
        raise ApiError(403, "updates refused", "this endpoint is read-only")
    if content_type == "application/sparql-query":
        query = await read_query_body(request, service.settings)  # 413 past the limit, not read whole
    elif content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.form(max_part_size=4 * service.settings.query_max_bytes)  # the query's limit is 413
        if "update" in form:
            raise ApiError(403, "updates refused", "this endpoint is read-only")
        value = form.get("query")
        query = value if isinstance(value, str) else ""
        format = format or (form.get("format") if isinstance(form.get("format"), str) else None)  # type: ignore[assignment]
    else:
        raise ApiError(
            415,
            "unsupported content type",
            "send application/sparql-query or application/x-www-form-urlencoded",
        )
    return await run_sparql(service, query, format, request.headers.get("accept"))


@router.get("/void", tags=["Site"], summary="VoID/DCAT description of the dataset (Turtle)")
async def void(request: Request, service: ServiceDep) -> Response:
    root = public_root(request)  # NKC_KG_PUBLIC_URL, else relative IRIs: never the Host header
    return Response(void_description(root, len(service.store)), media_type="text/turtle; charset=utf-8")


@router.get("/dumps/nkc-kg.{kind}", tags=["Site"], summary="The whole dataset: trig, nq, ttl or jsonld")
async def dumps(
    kind: Annotated[str, Path(description="trig, nq (named graphs kept), ttl or jsonld (union)")],
    made: Annotated[Dumps, Depends(get_dumps)],
) -> Response:
    if kind not in DUMP_FORMATS:
        raise ApiError(404, "unknown dump format", {"available": sorted(DUMP_FORMATS)})
    body, media = made.get(kind)
    return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="nkc-kg.{kind}"'})
