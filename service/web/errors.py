"""The service's one error format, ``{"error": …, "detail": …}``, and the handlers that give it.

Routes raise :class:`ApiError` (or let the domain's own errors through: an unknown entity, a malformed
parameter, an unreachable store); the handlers installed here turn each into its status and JSON body.
Paths the service does not have get the same format, or the people's 404 page when a browser asks.
"""

from __future__ import annotations

from collections.abc import Iterable
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from nkc_kg.service.graph.catalog import ParameterError
from nkc_kg.service.graph.parameters import MAX_KEY_LENGTH
from nkc_kg.service.graph.plan_data import BadParameter, NotFound
from nkc_kg.service.store.embedded import QueryTimeout, StoreUnavailable
from nkc_kg.service.web.templating import Pages
from starlette.exceptions import HTTPException as StarletteHTTPException


class ApiError(Exception):
    """An answer in the service's error format; ``headers`` go with it (Retry-After on a 503)."""

    def __init__(self, status: int, error: str, detail: Any = None, headers: dict[str, str] | None = None) -> None:
        super().__init__(error)
        self.status, self.error, self.detail, self.headers = status, error, detail, headers or {}


def problem(status: int, error: str, detail: Any = None, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": error, "detail": detail}, status_code=status, headers=headers)


def install_error_handlers(app: FastAPI, json_collections: Iterable[str] = ()) -> None:
    """Every error in the JSON format. A path under one of ``json_collections`` (e.g. ``/api/plans/``) that
    no route has is an unknown entity of that collection (an encoded '/' in a key, say), named as such.

    The HTML 404 page is rendered by ``app.state.pages`` (web/templating.py), set by create_app."""
    collections = tuple(json_collections)

    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> JSONResponse:
        return problem(exc.status, exc.error, exc.detail, headers=exc.headers or None)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [
            {"parameter": ".".join(str(part) for part in e.get("loc", ())[1:]), "message": e.get("msg")}
            for e in exc.errors()
        ]
        return problem(400, "malformed parameters", problems)

    @app.exception_handler(ParameterError)
    async def parameter_error(_: Request, exc: ParameterError) -> JSONResponse:
        status = 404 if exc.args and "unknown" in str(exc) else 400
        return problem(status, str(exc), {"parameter": exc.name, "suggestions": exc.suggestions})

    @app.exception_handler(BadParameter)
    async def bad_parameter(_: Request, exc: BadParameter) -> JSONResponse:
        return problem(400, f"bad parameter {exc.name!r}", exc.detail)

    @app.exception_handler(NotFound)
    async def not_found(_: Request, exc: NotFound) -> JSONResponse:
        return problem(404, exc.what, exc.detail)

    @app.exception_handler(StoreUnavailable)
    async def store_unavailable(_: Request, exc: StoreUnavailable) -> JSONResponse:
        response = problem(502, "triple store unavailable", str(exc))
        if exc.request_id:  # the service log has the store's message and the query under this id
            response = JSONResponse(
                {"error": "triple store unavailable", "detail": str(exc), "requestId": exc.request_id},
                status_code=502,
            )
        return response

    @app.exception_handler(QueryTimeout)
    async def query_timeout(_: Request, exc: QueryTimeout) -> JSONResponse:
        return problem(503, "query timed out", str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        """Paths and methods the service does not have: the JSON error format, or the people's 404 page."""
        path = request.url.path
        if exc.status_code == 404 and wants_html(request):
            pages: Pages = request.app.state.pages
            return pages.not_found(request, path)
        if exc.status_code == 404 and request.method in ("GET", "HEAD"):
            collection = next((c for c in collections if path.startswith(c)), None)
            if collection is not None:
                rest = path[len(collection) :]
                return problem(404, f"nothing at {collection}{rest[:MAX_KEY_LENGTH]}", "see /docs for the paths")
        try:
            phrase = HTTPStatus(exc.status_code).phrase
        except ValueError:
            phrase = "error"
        detail = f"{request.method} {path}" if exc.detail == phrase else exc.detail
        return problem(exc.status_code, phrase.lower(), detail, headers=exc.headers)


def wants_html(request: Request) -> bool:
    if request.url.path.startswith(("/api/", "/sparql")):
        return False
    accept = request.headers.get("accept", "")
    return "text/html" in accept and "json" not in accept.split(",")[0]
