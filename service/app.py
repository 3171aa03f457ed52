"""The FastAPI application: SPARQL 1.1 endpoint and named queries over the store.

Routes only call the store interface and the query runner; errors are mapped to
JSON problems in one place (``install_error_handlers``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Annotated, Any

import anyio
from fastapi import FastAPI, Query, Request
from fastapi.responses import JSONResponse, Response

from ..loaders.iris import Iris
from ..loaders.paths import QUERIES_DIR
from .catalog import NamedQuery, ParameterError, load_catalog
from .config import Settings
from .protocol import negotiate, refuse_unsafe
from .runner import EntityIndex, run_named
from .store import EmbeddedStore, QueryRefused, QueryTooLarge, Store


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


def load_service(settings: Settings) -> Service:
    """Build the graph from the curated data and fail loudly (with file:line) if it is broken."""
    began = time.perf_counter()
    iris = Iris()
    if settings.dataset is not None:
        store = EmbeddedStore.from_file(settings.dataset)
    else:
        # imported here: serving a built dataset (NKC_KG_DATASET) starts without the loaders and pyshacl
        from ..loaders.dataset import build_dataset

        built = build_dataset(iris=iris)
        if built.errors:
            raise SystemExit("the curated data has errors:\n" + "\n".join(str(e) for e in built.errors))
        store = EmbeddedStore.from_dataset(built.dataset)
    catalog = load_catalog(QUERIES_DIR)
    index = EntityIndex.build(store, iris)
    return Service(settings, iris, store, catalog, index, time.perf_counter() - began)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse({"error": exc.error, "detail": exc.detail}, status_code=exc.status)

    @app.exception_handler(ParameterError)
    async def parameter_error(_: Request, exc: ParameterError) -> JSONResponse:
        status = 404 if exc.args and "unknown" in str(exc) else 400
        return JSONResponse(
            {"error": str(exc), "detail": {"parameter": exc.name, "suggestions": exc.suggestions}}, status_code=status
        )


def create_app(settings: Settings | None = None, service: Service | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    svc = service or load_service(settings)
    app = FastAPI(
        title="nkc-kg",
        summary="Knowledge graph of the action plans of the Nederlands Kanker Collectief",
        description="A read-only SPARQL 1.1 endpoint and the named competency questions of queries/ as REST.",
        version="0.1.0",
    )
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
        try:
            # A worker thread keeps the event loop free: other requests are served while a slow
            # query runs, and the client gets its answer (or a time-out) within the limit.
            with anyio.fail_after(svc.settings.query_timeout):
                body, content_type = await anyio.to_thread.run_sync(
                    svc.store.answer,
                    query,
                    media,
                    svc.settings.result_limit,
                    svc.settings.query_timeout,
                    abandon_on_cancel=True,
                )
        except TimeoutError:
            raise ApiError(
                503, "query timed out", f"the query ran longer than {svc.settings.query_timeout:g} s; narrow it down"
            ) from None
        except QueryTooLarge as exc:
            raise ApiError(413, "answer too large", str(exc)) from None
        except ValueError as exc:
            raise ApiError(400, "malformed query", str(exc)) from None
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

    @app.get("/api/queries", tags=["Named queries"], summary="The named queries and their parameters")
    async def list_queries() -> dict[str, Any]:
        return {
            "queries": [
                {
                    "name": q.name,
                    "summary": q.summary,
                    "summaryNl": q.summary_nl,
                    "description": q.description,
                    "parameters": [
                        {"name": p.name, "type": p.type, "description": p.description, "example": p.example}
                        for p in q.parameters
                    ],
                    "returns": list(q.returns),
                    "url": f"/api/queries/{q.name}",
                }
                for q in svc.catalog.values()
            ]
        }

    @app.get("/api/queries/{name}", tags=["Named queries"], summary="Run a named query")
    async def run_query(name: str, request: Request) -> dict[str, Any]:
        query = svc.catalog.get(name)
        if query is None:
            raise ApiError(404, f"unknown query {name!r}", {"known": sorted(svc.catalog)})
        params = dict(request.query_params)
        result = await anyio.to_thread.run_sync(run_named, query, params, svc.store, svc.index, svc.iris)
        return {
            "query": name,
            "parameters": {k: v for k, v in params.items() if k in {p.name for p in query.parameters}},
            "variables": result.variables,
            "rows": [{k: str(v) for k, v in row.items()} for row in result.rows],
        }

    from .linked_data import build_router as linked_data_router
    from .linked_data import service_path
    from .site import build_router as site_router

    plan_rows = svc.store.select(
        (QUERIES_DIR / "ld" / "plan-titles.rq")
        .read_text(encoding="utf-8")
        .replace("https://w3id.org/nkc-kg/", svc.iris.base)
    ).rows
    plans = [(str(r["id"]), str(r["title"]), service_path(str(r["plan"]), svc.iris) or "/") for r in plan_rows]
    app.include_router(site_router(svc.store, svc.catalog, plans))
    from .validate_api import build_router as validate_router

    app.include_router(validate_router(svc.settings.upload_limit, ApiError))
    from .api import build_router as rest_router
    from .api_data import PlanData

    # shared, so pages built on the same answers reuse its lazily built indexes
    app.state.plan_data = PlanData(svc.store, svc.iris, svc.index)
    app.include_router(rest_router(app.state.plan_data, ApiError))
    # last: entity IRIs dereference at their path (/plan/…, /party/…, …)
    app.include_router(linked_data_router(svc.store, svc.iris, ApiError))

    @app.get("/health", tags=["Service"], summary="Liveness and size of the loaded graph")
    async def health() -> dict[str, Any]:
        return {"status": "ok", "quads": len(svc.store), "startedInSeconds": round(svc.started_in, 3)}

    return app


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
