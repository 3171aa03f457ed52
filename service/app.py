"""The FastAPI application: SPARQL 1.1 endpoint and named queries over the store.

Routes only call the store interface and the query runner; errors are mapped to
JSON problems in one place (``install_error_handlers``).
"""

from __future__ import annotations

import atexit
import os
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import Annotated, Any, Protocol

import anyio
from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from nkc_kg.loaders.iris import Iris
from nkc_kg.loaders.paths import QUERIES_DIR
from nkc_kg.service.graph.catalog import NamedQuery, ParameterError, load_catalog
from nkc_kg.service.graph.dataset import CuratedDataError, load_curated
from nkc_kg.service.graph.runner import EntityIndex
from nkc_kg.service.settings import Settings
from nkc_kg.service.sparql.protocol import negotiate, refuse_unsafe
from nkc_kg.service.store.embedded import (
    EmbeddedStore,
    QueryRefused,
    QueryTimeout,
    QueryTooLarge,
    Store,
    StoreUnavailable,
)
from nkc_kg.service.store.pool import QueryPool, QueryWorkersFailed
from nkc_kg.service.web.openapi import install_docs
from starlette.exceptions import HTTPException as StarletteHTTPException

# The SPARQL worker processes start this long after the service (or at the first query): starting
# them at once costs start-up a quarter of a second on two cores.
WORKER_START_DELAY = 2.0


class SparqlAnswerer(Protocol):
    def answer(self, sparql: str, media_type: str | None, limit: int, timeout: float) -> tuple[bytes, str]: ...


class ApiError(Exception):
    def __init__(self, status: int, error: str, detail: Any = None) -> None:
        super().__init__(error)
        self.status, self.error, self.detail = status, error, detail


@dataclass
class Service:
    settings: Settings
    iris: Iris
    store: Store
    catalog: dict[str, NamedQuery]
    index: EntityIndex
    started_in: float
    # answers clients' /sparql queries: worker processes that can be killed at the time limit,
    # or the store itself (remote stores have their own limits; tests)
    sparql: SparqlAnswerer | None = None

    @property
    def sparql_answerer(self) -> SparqlAnswerer:
        return self.sparql or self.store


def load_service(settings: Settings) -> Service:
    """Load the graph: the curated data (built, or read from the build cache), a dataset file, or
    a remote store. Broken curated data stops start-up with every error at file:line; an unusable
    remote store raises StoreUnavailable saying why."""
    began = time.perf_counter()
    iris = Iris()
    store: Store
    snapshot: Path | None = None
    if settings.store == "remote":
        from nkc_kg.service.store.remote import RemoteStore

        assert settings.endpoint, "Settings.from_env requires NKC_KG_ENDPOINT for the remote store"
        store = RemoteStore.connect(
            settings.endpoint,
            timeout=settings.query_timeout,
            client=settings.endpoint_client,
            union_default_graph=settings.endpoint_union,
        )
    elif settings.dataset is not None and settings.store_dir is not None:
        store = EmbeddedStore.on_disk(settings.dataset, settings.store_dir)
        snapshot = store.location
    elif settings.dataset is not None:
        store = EmbeddedStore.from_file(settings.dataset)
        snapshot = settings.dataset
    else:
        try:
            store, snapshot = load_curated(iris)
        except CuratedDataError as exc:
            raise SystemExit(str(exc)) from None
        if settings.store_dir is not None:
            store = EmbeddedStore.on_disk(snapshot or _snapshot(store), settings.store_dir)
            snapshot = store.location
    # The query workers need a file to load or an on-disk store to open; the remote store's endpoint
    # enforces the time limit itself (HTTP time-out); with no workers, queries run in-process, in
    # abandoned threads at the limit.
    sparql = None
    if isinstance(store, EmbeddedStore) and settings.sparql_workers > 0:
        sparql = QueryPool(snapshot or _snapshot(store), settings.sparql_workers, start_after=WORKER_START_DELAY)
    catalog = load_catalog(QUERIES_DIR)
    index = EntityIndex.build(store, iris)
    return Service(settings, iris, store, catalog, index, time.perf_counter() - began, sparql)


def _snapshot(store: EmbeddedStore) -> Path:
    """The built dataset as an N-Quads file for the query workers, removed when the service exits."""
    handle, name = tempfile.mkstemp(prefix="nkc-kg-", suffix=".nq")
    with os.fdopen(handle, "wb") as out:
        out.write(store.dump("nq")[0])
    atexit.register(Path(name).unlink, missing_ok=True)
    return Path(name)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse({"error": exc.error, "detail": exc.detail}, status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [
            {"parameter": ".".join(str(part) for part in e.get("loc", ())[1:]), "message": e.get("msg")}
            for e in exc.errors()
        ]
        return JSONResponse({"error": "malformed parameters", "detail": problems}, status_code=400)

    @app.exception_handler(ParameterError)
    async def parameter_error(_: Request, exc: ParameterError) -> JSONResponse:
        status = 404 if exc.args and "unknown" in str(exc) else 400
        return JSONResponse(
            {"error": str(exc), "detail": {"parameter": exc.name, "suggestions": exc.suggestions}}, status_code=status
        )

    @app.exception_handler(StoreUnavailable)
    async def store_unavailable(_: Request, exc: StoreUnavailable) -> JSONResponse:
        return JSONResponse({"error": "triple store unavailable", "detail": str(exc)}, status_code=502)

    @app.exception_handler(QueryTimeout)
    async def query_timeout(_: Request, exc: QueryTimeout) -> JSONResponse:
        return JSONResponse({"error": "query timed out", "detail": str(exc)}, status_code=503)


def _closing(svc: Service):  # type: ignore[no-untyped-def]
    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        if isinstance(svc.sparql, QueryPool):
            svc.sparql.close()

    return lifespan


def create_app(settings: Settings | None = None, service: Service | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    svc = service or load_service(settings)
    app = FastAPI(
        title="nkc-kg",
        summary="Knowledge graph of the action plans of the Nederlands Kanker Collectief",
        description="A read-only SPARQL 1.1 endpoint and the named competency questions of queries/ as REST.",
        version="0.1.0",
        lifespan=_closing(svc),
        docs_url=None,
        redoc_url=None,
    )
    install_docs(app)
    app.state.service = svc
    install_error_handlers(app)

    async def run_sparql(query: str, format_param: str | None, accept: str | None) -> Response:
        if not query or not query.strip():
            raise ApiError(400, "missing query", "pass the SPARQL query as 'query'")
        try:
            media = negotiate(format_param, accept)
            refuse_unsafe(query)
        except QueryRefused as exc:
            raise ApiError(403, "query refused", str(exc)) from None
        except ValueError as exc:
            raise ApiError(400, "bad format", str(exc)) from None
        time_limit = svc.settings.query_timeout
        try:
            # A worker thread keeps the event loop free: other requests are served while a slow
            # query runs. The answerer enforces the limit itself (the pool kills the worker
            # process); the grace period here only guards answerers that cannot.
            with anyio.fail_after(time_limit + 1.0):
                body, content_type = await anyio.to_thread.run_sync(
                    svc.sparql_answerer.answer,
                    query,
                    media,
                    svc.settings.result_limit,
                    time_limit,
                    abandon_on_cancel=True,
                )
        except (TimeoutError, QueryTimeout):
            raise ApiError(
                503, "query timed out", f"the query ran longer than {time_limit:g} s; narrow it down"
            ) from None
        except QueryWorkersFailed as exc:
            raise ApiError(503, "SPARQL endpoint unavailable", str(exc)) from None
        except QueryTooLarge as exc:
            raise ApiError(413, "answer too large", str(exc)) from None
        except ValueError as exc:
            raise ApiError(400, "malformed query", str(exc)) from None
        except StoreUnavailable as exc:
            raise ApiError(502, "triple store unavailable", str(exc)) from None
        return Response(body, media_type=content_type)

    @app.get("/sparql", tags=["SPARQL"], summary="SPARQL 1.1 query (GET)")
    async def sparql_get(
        request: Request,
        query: Annotated[str | None, Query(description="a SPARQL 1.1 query")] = None,
        format: Annotated[str | None, Query(description="json, xml, csv, tsv, turtle, nt, jsonld, rdfxml")] = None,
    ) -> Response:
        if query is None:
            return Response(_service_description(request), media_type="text/turtle; charset=utf-8")
        return await run_sparql(query, format, request.headers.get("accept"))

    @app.post("/sparql", tags=["SPARQL"], summary="SPARQL 1.1 query (POST, form or direct body)")
    async def sparql_post(request: Request, format: Annotated[str | None, Query()] = None) -> Response:
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type == "application/sparql-update" or "update" in request.query_params:
            raise ApiError(403, "updates refused", "this endpoint is read-only")
        if content_type == "application/sparql-query":
            raw = await request.body()
            query = raw.decode("utf-8", errors="replace")
        elif content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            form = await request.form()
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
        return await run_sparql(query, format, request.headers.get("accept"))

    from fastapi.staticfiles import StaticFiles
    from nkc_kg.service.diff.routes import build_router as diff_router
    from nkc_kg.service.editor_wiring import include as include_editor_routes
    from nkc_kg.service.graph.plan_data import PlanData
    from nkc_kg.service.graph.provenance import Provenance, page_sources, with_sources
    from nkc_kg.service.linked_data.routes import build_router as linked_data_router
    from nkc_kg.service.named_queries.routes import build_router as named_router
    from nkc_kg.service.plans.pages import PeoplePages
    from nkc_kg.service.plans.pages import build_router as pages_router
    from nkc_kg.service.plans.routes import build_router as rest_router
    from nkc_kg.service.questions.catalogue import Questions
    from nkc_kg.service.questions.pages import build_router as questions_pages_router
    from nkc_kg.service.questions.routes import build_router as questions_api_router
    from nkc_kg.service.releases.bundles import releases_dir
    from nkc_kg.service.releases.routes import build_router as releases_router
    from nkc_kg.service.sparql.pages import build_router as site_router
    from nkc_kg.service.sparql.pages import question_links
    from nkc_kg.service.store.embedded import DUMP_FORMATS
    from nkc_kg.service.validate.pages import build_router as validate_page_router
    from nkc_kg.service.validate.routes import build_router as validate_router
    from nkc_kg.service.web.templating import STATIC_DIR

    # one PlanData for the REST API and the pages, so both reuse its lazily built indexes
    plan_data = app.state.plan_data = PlanData(svc.store, svc.iris, svc.index)
    people = PeoplePages(plan_data, svc.iris)
    # questions in plain language, and the sources of every answer (REST, questions, entity pages)
    provenance = Provenance(svc.store, svc.iris)
    questions = app.state.questions = Questions(svc.catalog, svc.store, svc.iris, svc.index, plan_data, provenance)
    people.pages.env.globals["sources_for"] = page_sources(provenance)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(pages_router(people, question_links(svc.catalog), DUMP_FORMATS))
    app.include_router(site_router(svc.store, svc.catalog, people.pages))
    include_editor_routes(app, svc, plan_data, people, ApiError)  # annotation, completeness (before /api/plans/…)
    app.include_router(validate_router(svc.settings.upload_limit, ApiError))
    app.include_router(validate_page_router(people.pages, svc.settings.upload_limit))
    app.include_router(rest_router(plan_data, ApiError, annotate=lambda kind, a: with_sources(provenance, kind, a)))
    app.include_router(named_router(svc, ApiError, cite=questions.cited_for))
    app.include_router(diff_router(plan_data, people.pages, ApiError))
    app.include_router(questions_api_router(questions, ApiError))
    app.include_router(questions_pages_router(questions, people.pages))
    # -- MCP (service/mcp): the question catalogue for assistants at /mcp, over this app's questions --
    from nkc_kg.service.mcp.http import mount as mount_mcp

    mount_mcp(app, svc, questions)
    app.include_router(releases_router(lambda: releases_dir(svc.settings), svc.iris, people.pages, ApiError))
    # last: entity IRIs dereference at their path (/plan/…, /party/…, …), HTML from the pages for people
    app.include_router(linked_data_router(svc.store, svc.iris, ApiError, people))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        """Paths and methods the service does not have: the JSON error format, or the people's 404 page."""
        if exc.status_code == 404 and _wants_html(request):
            return people.not_found(request, request.url.path)
        try:
            phrase = HTTPStatus(exc.status_code).phrase
        except ValueError:
            phrase = "error"
        detail = f"{request.method} {request.url.path}" if exc.detail == phrase else exc.detail
        return JSONResponse(
            {"error": phrase.lower(), "detail": detail}, status_code=exc.status_code, headers=exc.headers
        )

    quads = len(svc.store)  # the served graph does not change while the service runs

    @app.get("/health", tags=["Service"], summary="Liveness and size of the loaded graph")
    async def health() -> dict[str, Any]:
        health: dict[str, Any] = {"status": "ok", "quads": quads, "startedInSeconds": round(svc.started_in, 3)}
        if isinstance(svc.sparql, QueryPool):
            health["sparqlWorkersIdle"] = svc.sparql.idle()
        release_status = getattr(app.state, "release_status", None)  # set when serving releases
        if release_status is not None:
            health.update(release_status())
        return health

    _document_400_not_422(app)
    return app


def _document_400_not_422(app: FastAPI) -> None:
    """Invalid parameters get 400 in the service's error format (see install_error_handlers), never 422."""
    from fastapi.openapi.utils import get_openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                summary=app.summary,
                description=app.description,
                routes=app.routes,
            )
            for operations in schema.get("paths", {}).values():
                for operation in operations.values():
                    responses = operation.get("responses", {})
                    if responses.pop("422", None) is not None:
                        responses.setdefault("400", {"description": "a malformed parameter"})
            schema.get("components", {}).get("schemas", {}).pop("HTTPValidationError", None)
            schema.get("components", {}).get("schemas", {}).pop("ValidationError", None)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _wants_html(request: Request) -> bool:
    if request.url.path.startswith(("/api/", "/sparql")):
        return False
    accept = request.headers.get("accept", "")
    return "text/html" in accept and "json" not in accept.split(",")[0]


def app_from_env() -> FastAPI:
    """App factory for ``uvicorn --factory`` (and ``nkc-kg serve --workers N``): settings from NKC_KG_*."""
    return create_app(Settings.from_env())


def _service_description(request: Request) -> bytes:
    endpoint = str(request.url_for("sparql_get"))
    return f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
<{endpoint}> a sd:Service ;
    sd:endpoint <{endpoint}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:resultFormat <http://www.w3.org/ns/formats/SPARQL_Results_JSON> ,
        <http://www.w3.org/ns/formats/SPARQL_Results_XML> ,
        <http://www.w3.org/ns/formats/SPARQL_Results_CSV> , <http://www.w3.org/ns/formats/SPARQL_Results_TSV> ,
        <http://www.w3.org/ns/formats/Turtle> , <http://www.w3.org/ns/formats/N-Triples> ,
        <http://www.w3.org/ns/formats/JSON-LD> , <http://www.w3.org/ns/formats/RDF_XML> ;
    sd:feature sd:UnionDefaultGraph ;
    sd:defaultDataset [ a sd:Dataset ] .
""".encode()
