"""Dereferenceable IRIs: every entity IRI answers at its path on this service.

HTML for browsers (the pages for people, plans/pages.py), Turtle, JSON-LD, N-Triples and RDF/XML by
content negotiation (or ``?format=``): see describe.py. The description includes the entity's provenance.
"""

from __future__ import annotations

from typing import Annotated, Protocol

import anyio
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from nkc_kg.loaders.iris import Iris
from nkc_kg.service.linked_data.describe import (
    ENTITY_ROOTS,
    RDF_MEDIA,
    MalformedPath,
    UnknownIri,
    check_path,
    choose_media,
    describe,
)
from nkc_kg.service.store.embedded import Store
from nkc_kg.service.web.deps import IrisDep, ServiceDep
from nkc_kg.service.web.errors import ApiError
from rdflib import Graph, URIRef

FormatParam = Annotated[str | None, Query(description="html, ttl, jsonld, nt or rdf; overrides Accept")]


class HtmlPages(Protocol):
    """The pages for people that give entity IRIs their HTML representation (plans/pages.py)."""

    def entity_page(self, path: str, request: Request) -> Response | None: ...

    def generic_page(self, request: Request, iri: URIRef, graph: Graph) -> Response: ...

    def not_found(self, request: Request, detail: str = "") -> Response: ...

    def ontology_page(self, request: Request, graph: Graph) -> Response: ...


async def get_html_pages(request: Request) -> HtmlPages:
    pages: HtmlPages = request.app.state.people  # built by create_app
    return pages


HtmlPagesDep = Annotated[HtmlPages, Depends(get_html_pages)]

router = APIRouter(tags=["Linked data"])


def not_acceptable() -> ApiError:
    return ApiError(406, "not acceptable", {"available": ["text/html", *RDF_MEDIA]})


def description(store: Store, iris: Iris, path: str) -> Graph:
    try:
        return describe(store, iris, path)
    except MalformedPath:
        raise ApiError(400, "malformed IRI path", path) from None
    except UnknownIri as exc:
        raise ApiError(404, "unknown IRI", exc.iri) from None


def respond(
    path: str, request: Request, format_param: str | None, store: Store, iris: Iris, pages: HtmlPages
) -> Response:
    media = choose_media(request.headers.get("accept"), format_param)
    if media is None:
        raise not_acceptable()
    if media == "text/html":
        return html_page(path, request, store, iris, pages)
    graph = description(store, iris, path)
    body = graph.serialize(format=RDF_MEDIA[media])
    return Response(
        body, media_type=media, headers={"Vary": "Accept", "Link": f'<{iris.base + path}>; rel="canonical"'}
    )


def html_page(path: str, request: Request, store: Store, iris: Iris, pages: HtmlPages) -> Response:
    try:
        check_path(path)
    except MalformedPath:
        raise ApiError(400, "malformed IRI path", path) from None
    rich = pages.entity_page(path, request)
    if rich is not None:
        return rich
    try:
        graph = describe(store, iris, path)
    except UnknownIri:
        return pages.not_found(request, iris.base + path)
    return pages.generic_page(request, URIRef(iris.base + path), graph)


@router.get("/def", summary="The ontology (HTML documentation, Turtle, JSON-LD, RDF/XML)")
async def ontology(request: Request, iris: IrisDep, pages: HtmlPagesDep, format: FormatParam = None) -> Response:
    from nkc_kg.loaders.validation import ontology_graph

    media = choose_media(request.headers.get("accept"), format)
    if media is None:
        raise not_acceptable()
    graph = ontology_graph(iris.base)
    if media == "text/html":
        return pages.ontology_page(request, graph)
    return Response(graph.serialize(format=RDF_MEDIA[media]), media_type=media, headers={"Vary": "Accept"})


def _dereference(root: str) -> None:
    @router.get(f"/{root}/{{rest:path}}", summary=f"Dereference a /{root}/… IRI", name=f"deref-{root}")
    async def deref(
        rest: str, request: Request, service: ServiceDep, pages: HtmlPagesDep, format: FormatParam = None
    ) -> Response:
        # describing and rendering query the store: a worker thread keeps the event loop free
        path = f"{root}/{rest}"
        return await anyio.to_thread.run_sync(respond, path, request, format, service.store, service.iris, pages)


for _root in ENTITY_ROOTS:
    _dereference(_root)
