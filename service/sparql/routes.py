"""The SPARQL 1.1 endpoint (GET and POST /sparql, read-only), its service description, the dataset's VoID/DCAT
description (/void) and the full dumps (/dumps/nkc-kg.{trig,nq,ttl,jsonld})."""

from __future__ import annotations

from typing import Annotated

import anyio
from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response
from nkc_kg.service.graph.served import Service
from nkc_kg.service.sparql.dataset import ProtocolError, ProtocolQuery, query_parameters, read_request
from nkc_kg.service.sparql.descriptions import Dumps, service_description, void_description
from nkc_kg.service.sparql.guard import SPARQL_POST_BODY, check_client_query, read_query_body
from nkc_kg.service.sparql.protocol import VARY, negotiate
from nkc_kg.service.store.embedded import DUMP_FORMATS, QueryTimeout, QueryTooLarge
from nkc_kg.service.store.pool import QueryWorkersFailed
from nkc_kg.service.web.deps import ServiceDep
from nkc_kg.service.web.errors import ApiError
from nkc_kg.service.web.security_headers import public_root

router = APIRouter()


async def get_dumps(request: Request) -> Dumps:
    dumps: Dumps = request.app.state.dumps  # built by create_app
    return dumps


def query_base(service: Service, request: Request) -> str:
    """The base IRI of a client's query (relative IRIs resolve against it): the endpoint's public address
    (NKC_KG_PUBLIC_URL), else the dataset's base IRI; never the Host header, which a client can set."""
    return (public_root(request) or service.settings.base_iri.rstrip("/")) + "/sparql"


async def protocol_request(service: Service, request: Request, params: list[tuple[str, str]]) -> ProtocolQuery | None:
    """The query request in ``params`` (query string and form fields together), checked by the guard
    (size, depth, SERVICE: 413/400/403, sparql/guard.py) before anything reads the query."""
    try:
        queries = query_parameters(params)
    except ProtocolError as exc:
        raise ApiError(400, exc.error, exc.detail) from None
    if not queries:
        return None
    if not queries[0] or not queries[0].strip():
        raise ApiError(400, "missing query", "pass the SPARQL query as 'query'")
    await check_client_query(queries[0], service.settings)
    try:
        return await anyio.to_thread.run_sync(read_request, params, query_base(service, request))
    except ProtocolError as exc:
        raise ApiError(400, exc.error, exc.detail) from None


async def run_sparql(service: Service, asked: ProtocolQuery, accept: str | None) -> Response:
    # an unknown format: the Accept header decides. The query's form is read from its text, which may be
    # up to NKC_KG_QUERY_MAX_BYTES: on a worker thread, like the guard
    media = await anyio.to_thread.run_sync(negotiate, asked.formats, accept, asked.query)
    time_limit = service.settings.query_timeout
    try:
        # A worker thread keeps the event loop free: other requests are served while a slow
        # query runs. The answerer enforces the limit itself (the pool kills the worker
        # process); the grace period here only guards answerers that cannot.
        with anyio.fail_after(time_limit + 1.0):
            body, content_type = await anyio.to_thread.run_sync(
                service.sparql_answerer.answer,
                asked.query,
                media,
                service.settings.result_limit,
                time_limit,
                asked.dataset,
                asked.base,
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
    # StoreUnavailable: the 502 handler (web/errors.py) answers with its request id
    return Response(body, media_type=content_type, headers=VARY)


@router.get("/sparql", tags=["SPARQL"], summary="SPARQL 1.1 query (GET)")
async def sparql_get(
    request: Request,
    service: ServiceDep,
    query: Annotated[str | None, Query(description="a SPARQL 1.1 query")] = None,
    format: Annotated[str | None, Query(description="json, xml, csv, tsv, turtle, nt, jsonld, rdfxml")] = None,
    default_graph_uri: Annotated[
        list[str] | None, Query(alias="default-graph-uri", description="the default graph (repeatable)")
    ] = None,
    named_graph_uri: Annotated[
        list[str] | None, Query(alias="named-graph-uri", description="a named graph (repeatable)")
    ] = None,
) -> Response:
    asked = await protocol_request(service, request, request.query_params.multi_items())  # repeated ones too
    if asked is None:
        endpoint = public_root(request) + "/sparql"  # never from Host (NKC_KG_PUBLIC_URL, else relative)
        return Response(service_description(endpoint), media_type="text/turtle; charset=utf-8", headers=VARY)
    return await run_sparql(service, asked, request.headers.get("accept"))


@router.post(
    "/sparql",
    tags=["SPARQL"],
    summary="SPARQL 1.1 query (POST, form or direct body)",
    openapi_extra=SPARQL_POST_BODY,  # the body the route reads itself, declared (sparql/guard.py)
)
async def sparql_post(request: Request, service: ServiceDep, format: Annotated[str | None, Query()] = None) -> Response:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/sparql-update":
        raise ApiError(400, "update on the query endpoint", "this endpoint is read-only; it accepts no updates")
    params = request.query_params.multi_items()
    if content_type == "application/sparql-query":
        query = await read_query_body(request, service.settings)  # 413 past the limit, not read whole
        params = [*params, ("query", query)]
    elif content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.form(max_part_size=4 * service.settings.query_max_bytes)  # the query's limit is 413
        params = [*params, *((name, value) for name, value in form.multi_items() if isinstance(value, str))]
    else:
        raise ApiError(
            415,
            "unsupported content type",
            "send application/sparql-query or application/x-www-form-urlencoded",
        )
    asked = await protocol_request(service, request, params)
    if asked is None:
        raise ApiError(400, "missing query", "pass the SPARQL query as 'query'")
    return await run_sparql(service, asked, request.headers.get("accept"))


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
