"""The FastAPI application: what the service serves, wired in one place.

``create_app`` loads the graph (graph/served.py), builds once what the routes share and puts it in
``app.state`` (read by the typed dependencies, web/deps.py and each feature's own), installs the error
handlers (web/errors.py) and includes the routers of :func:`routers`. No two routes answer the same path,
so the order of the routers does not matter (tests/service/test_wiring.py checks that).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles
from nkc_kg.service.annotate import pages as annotate_pages
from nkc_kg.service.annotate import routes as annotate_routes
from nkc_kg.service.annotate.annotator import Annotator
from nkc_kg.service.completeness import pages as completeness_pages
from nkc_kg.service.completeness import routes as completeness_routes
from nkc_kg.service.completeness.checks import Completeness
from nkc_kg.service.completeness.locations import curated_locations
from nkc_kg.service.diff import pages as diff_pages
from nkc_kg.service.diff import routes as diff_routes
from nkc_kg.service.diff.comparisons import Comparisons
from nkc_kg.service.graph.lazy import built_once
from nkc_kg.service.graph.plan_data import PlanData
from nkc_kg.service.graph.provenance import Provenance, page_sources
from nkc_kg.service.graph.served import Service, SparqlAnswerer, load_service
from nkc_kg.service.linked_data import routes as linked_data_routes
from nkc_kg.service.mcp.routes import mount as mount_mcp
from nkc_kg.service.named_queries import routes as named_queries_routes
from nkc_kg.service.plans import pages as plans_pages
from nkc_kg.service.plans import routes as plans_routes
from nkc_kg.service.plans.pages import PeoplePages
from nkc_kg.service.progress import pages as progress_pages
from nkc_kg.service.progress import routes as progress_routes
from nkc_kg.service.questions import pages as questions_pages
from nkc_kg.service.questions import routes as questions_routes
from nkc_kg.service.questions.catalogue import Questions
from nkc_kg.service.releases import pages as releases_pages
from nkc_kg.service.releases import routes as releases_routes
from nkc_kg.service.settings import Settings
from nkc_kg.service.sparql import pages as sparql_pages
from nkc_kg.service.sparql import routes as sparql_routes
from nkc_kg.service.sparql.descriptions import Dumps
from nkc_kg.service.status import routes as status_routes
from nkc_kg.service.store.embedded import EmbeddedStore
from nkc_kg.service.store.pool import QueryPool
from nkc_kg.service.validate import pages as validate_pages
from nkc_kg.service.validate import routes as validate_routes
from nkc_kg.service.validate.bounded import start_validation_server
from nkc_kg.service.web.answers import JsonCaches
from nkc_kg.service.web.cached_answers import CachedAnswers
from nkc_kg.service.web.errors import ApiError, install_error_handlers
from nkc_kg.service.web.openapi import document_400_not_422, install_docs
from nkc_kg.service.web.rendering import STATIC_DIR
from nkc_kg.service.web.security_headers import install_security
from nkc_kg.service.web.templating import Pages

# load_service, Service and SparqlAnswerer live in graph/served.py; they are imported from here as well
__all__ = ["ApiError", "Service", "SparqlAnswerer", "app_from_env", "create_app", "load_service", "routers"]


# The sections of /docs, in this order (each operation lists its section in its tags).
TAGS = [
    "SPARQL",
    "Pages",
    "Site",
    "REST API",
    "Validation",
    "Named queries",
    "Questions",
    "Releases",
    "Linked data",
    "Service",
]


def routers(service: Service, questions: Questions) -> list[APIRouter]:
    """Every router of the service. No two answer the same path, so their order only sets the order of the
    operations within a section of /docs. The named queries and the questions have one documented operation
    each, made from the catalogue; their ``/{name}`` routes answer the same."""
    return [
        # pages for people
        plans_pages.router,
        annotate_pages.router,
        completeness_pages.router,
        diff_pages.router,
        questions_pages.router,
        sparql_pages.router,
        validate_pages.router,
        releases_pages.router,
        progress_pages.router,
        # JSON, RDF and files
        sparql_routes.router,
        annotate_routes.router,
        completeness_routes.router,
        plans_routes.router,
        diff_routes.router,
        validate_routes.router,
        named_queries_routes.router,
        named_queries_routes.documented_router(service.catalog),
        questions_routes.router,
        questions_routes.documented_router(questions.catalog),
        releases_routes.router,
        linked_data_routes.router,
        status_routes.router,
        progress_routes.router,
    ]


def install_state(app: FastAPI, service: Service) -> None:
    """What the routes share, built once per app (the served graph does not change while it is served), as
    ``app.state.<name>``: read by the dependencies of web/deps.py and those next to each feature's routes."""
    state = app.state
    state.service = service
    state.quads = len(service.store)
    state.answer_caches = JsonCaches()
    # one PlanData for the REST API and the pages, so both reuse its lazily built indexes
    state.plan_data = data = PlanData(service.store, service.iris, service.index)
    # the sources of every answer (REST, questions, entity pages)
    state.provenance = provenance = Provenance(service.store, service.iris)
    state.pages = pages = Pages()
    pages.env.globals["sources_for"] = page_sources(provenance)
    progress_pages.install_block(pages, service)
    state.people = PeoplePages(data, service.iris, pages)
    state.questions = questions = Questions(
        service.catalog, service.store, service.iris, service.index, data, provenance
    )
    state.cite = questions.cited_for
    # Built by the first request that needs them: the annotator's two queries, and the curated records'
    # file:line (which needs reading data/ again), known when the graph is the curated data of this checkout.
    state.annotator = annotator = built_once(lambda: Annotator.build(service.store, service.iris))
    settings = service.settings
    serves_curated = isinstance(service.store, EmbeddedStore) and settings.store == "embedded"
    locations = (
        curated_locations(service.iris, settings.data_dir) if serves_curated and settings.dataset is None else None
    )
    state.completeness = Completeness(service.store, service.iris, service.index, annotator, locations)
    state.comparisons = Comparisons(data)
    state.dumps = Dumps(service.store)


def _closing(svc: Service) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    """Stops the SPARQL worker processes when the app shuts down."""

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        if isinstance(svc.sparql, QueryPool):
            svc.sparql.close()

    return lifespan


def create_app(settings: Settings | None = None, service: Service | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    # uploads are validated in processes forked from a server that warms up while the graph loads (bounded.py)
    start_validation_server()
    svc = service or load_service(settings)
    app = FastAPI(
        title="nkc-kg",
        summary="Knowledge graph of the action plans of the Nederlands Kanker Collectief",
        description="A read-only SPARQL 1.1 endpoint and the named competency questions of queries/ as REST.",
        version="0.1.0",
        openapi_tags=[{"name": tag} for tag in TAGS],
        lifespan=_closing(svc),
        docs_url=None,
        redoc_url=None,
    )
    install_docs(app)
    install_security(app, settings)  # headers, body caps, refused queries (SECURITY.md)
    app.add_middleware(CachedAnswers)  # outermost: keeps marked answers whole, security headers included
    install_error_handlers(app, json_collections=plans_routes.COLLECTIONS)
    install_state(app, svc)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    for router in routers(svc, app.state.questions):
        app.include_router(router)
    # the question catalogue for AI assistants at /mcp (streamable HTTP), over this app's questions
    mount_mcp(app, svc, app.state.questions)
    document_400_not_422(app)
    return app


def app_from_env() -> FastAPI:
    """App factory for ``uvicorn --factory``: settings from NKC_KG_* (``nkc-kg serve`` passes its own)."""
    return create_app(Settings.from_env())
