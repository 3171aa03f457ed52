"""OpenAPI: the documentation pages (/docs, /redoc) with their scripts served by this service, and the schema.

FastAPI's defaults load Swagger UI and ReDoc from a CDN, which breaks on machines without
internet access and leaks every visit to a third party; fastapi-offline ships the assets.
"""

from __future__ import annotations

import inspect
import keyword
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Annotated, Any

import fastapi_offline
from fastapi import FastAPI, Query, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from nkc_kg.service.graph.catalog import NamedQuery

ASSETS = Path(fastapi_offline.__file__).parent / "static"
# how /docs describes each type of a named query's parameter
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
# the name of a documented endpoint's answering dependency: no query parameter has it (see below)
ANSWERS = "answers__"


def install_docs(app: FastAPI) -> None:
    """Call on an app created with ``docs_url=None, redoc_url=None``."""
    app.mount("/docs-assets", StaticFiles(directory=ASSETS), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui() -> HTMLResponse:
        page = get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} — API",
            swagger_js_url="/docs-assets/swagger-ui-bundle.js",
            swagger_css_url="/docs-assets/swagger-ui.css",
            swagger_favicon_url="/docs-assets/favicon.png",
            # without deep links an operation's summary is one button, not a button around a link
            swagger_ui_parameters={"deepLinking": False, "syntaxHighlight": False},
        )
        return HTMLResponse(accessible_docs(bytes(page.body).decode("utf-8")))

    @app.get("/redoc", include_in_schema=False)
    async def redoc() -> HTMLResponse:
        return get_redoc_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} — API",
            redoc_js_url="/docs-assets/redoc.standalone.js",
            redoc_favicon_url="/docs-assets/favicon.png",
            with_google_fonts=False,
        )


def accessible_docs(html: str) -> str:
    """Swagger UI's page with a language, a way back to the site and colours people can read (static/docs.css)."""
    html = html.replace("<html>", '<html lang="en">', 1)
    html = html.replace("</head>", '<link rel="stylesheet" href="/static/docs.css">\n</head>', 1)
    back = '<nav class="docs-back" aria-label="Site"><a href="/">← NKC knowledge graph</a></nav>'
    return html.replace("<body>", f"<body>\n{back}", 1)


def document_400_not_422(app: FastAPI) -> None:
    """Invalid parameters get 400 in the service's error format (see web/errors.py), never 422."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                summary=app.summary,
                description=app.description,
                routes=app.routes,
                tags=app.openapi_tags,
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


def _python_name(name: str) -> str:
    """Parameters such as 'from' are Python keywords: the function takes 'from_', the URL keeps 'from'."""
    plain = name.replace("-", "_")
    return f"{plain}_" if keyword.iskeyword(plain) or not plain.isidentifier() else plain


def documented_endpoint(
    query: NamedQuery, answers: Any, extra: Sequence[inspect.Parameter] = ()
) -> Callable[..., Awaitable[Response]]:
    """A route function whose signature declares the query's parameters and ``extra`` (for OpenAPI only).

    ``answers`` is an ``Annotated[…, Depends(…)]``: the route calls what it gives with the query and the
    request, so the values are read and checked by the service (every error in its JSON format), not FastAPI."""

    async def endpoint(request: Request, **values: Any) -> Response:
        answer: Callable[[NamedQuery, Request], Awaitable[Response]] = values[ANSWERS]
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
    answers_param = inspect.Parameter(ANSWERS, inspect.Parameter.KEYWORD_ONLY, annotation=answers)
    endpoint.__signature__ = inspect.Signature([request_param, answers_param, *documented, *extra])  # type: ignore[attr-defined]
    endpoint.__name__ = f"query_{query.name.replace('-', '_')}"
    return endpoint
