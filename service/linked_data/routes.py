"""Dereferenceable IRIs: every entity IRI answers at its path on this service.

HTML for browsers, Turtle, JSON-LD, N-Triples and RDF/XML by content negotiation (or
``?format=``). The description includes the entity's provenance.
"""

from __future__ import annotations

import re
from typing import Annotated, Protocol

import anyio
from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from nkc_kg.loaders.iris import Iris
from nkc_kg.loaders.paths import QUERIES_DIR
from nkc_kg.service.store.embedded import Store
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

RDF_MEDIA = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
}
FORMAT_PARAM = {
    "ttl": "text/turtle",
    "turtle": "text/turtle",
    "jsonld": "application/ld+json",
    "json-ld": "application/ld+json",
    "nt": "application/n-triples",
    "rdf": "application/rdf+xml",
    "rdfxml": "application/rdf+xml",
    "html": "text/html",
}
# The first path segments entity IRIs use (see loaders/iris.py); everything else is not ours.
ENTITY_ROOTS = (
    "plan",
    "party",
    "doc",
    "abbreviations",
    "initiative",
    "cancer-type",
    "euracan-domain",
    "framework",
    "expert-panel",
    "campaign",
    "figure",
    "mission",
    "concept",
    "date",
)
SAFE_PATH = re.compile(r"^[A-Za-z0-9._~%-]+(/[A-Za-z0-9._~%-]+)*$")
DESCRIBE = (QUERIES_DIR / "ld" / "describe.rq").read_text(encoding="utf-8")


def service_path(iri: str, iris: Iris) -> str | None:
    """The path on this service where ``iri`` dereferences, or None for IRIs that are not ours."""
    return "/" + iri[len(iris.base) :] if iri.startswith(iris.base) else None


def choose_media(accept: str | None, format_param: str | None) -> str | None:
    if format_param:
        return FORMAT_PARAM.get(format_param.lower())
    best: tuple[float, int, str] | None = None
    for i, part in enumerate((accept or "text/html").split(",")):
        fields = [f.strip().lower() for f in part.split(";")]
        q = next((float(f[2:]) for f in fields[1:] if f.startswith("q=") and _is_number(f[2:])), 1.0)
        media = fields[0]
        if media in ("*/*", "text/*"):
            media = "text/html"
        acceptable = media in RDF_MEDIA or media in ("text/html", "application/xhtml+xml")
        if acceptable and q > 0 and (best is None or (-q, i) < (-best[0], best[1])):
            best = (q, i, "text/html" if media == "application/xhtml+xml" else media)
    return best[2] if best else None


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


class HtmlPages(Protocol):
    """The pages for people that give entity IRIs their HTML representation (see pages.py)."""

    def entity_page(self, path: str, request: Request) -> Response | None: ...

    def generic_page(self, request: Request, iri: URIRef, graph: Graph) -> Response: ...

    def not_found(self, request: Request, detail: str = "") -> Response: ...

    def ontology_page(self, request: Request, graph: Graph) -> Response: ...


def build_router(store: Store, iris: Iris, error: type[Exception], pages: HtmlPages) -> APIRouter:
    """``pages`` renders the HTML representation of entity IRIs (pages.py)."""
    router = APIRouter(tags=["Linked data"])

    def describe(path: str) -> Graph:
        if not SAFE_PATH.fullmatch(path) or ".." in path.split("/"):
            raise error(400, "malformed IRI path", path)  # type: ignore[call-arg]
        iri = URIRef(iris.base + path)
        graph = store.construct(iris.rebase(DESCRIBE), {"iri": iri})
        if not any(graph.triples((iri, None, None))):
            raise error(404, "unknown IRI", str(iri))  # type: ignore[call-arg]
        for prefix, ns in (("nkc", iris.nkc), ("base", iris.base)):
            graph.bind(prefix, ns)
        return graph

    def respond(path: str, request: Request, format_param: str | None) -> Response:
        media = choose_media(request.headers.get("accept"), format_param)
        if media is None:
            raise error(406, "not acceptable", {"available": ["text/html", *RDF_MEDIA]})  # type: ignore[call-arg]
        if media == "text/html":
            return html_page(path, request)
        graph = describe(path)
        body = graph.serialize(format=RDF_MEDIA[media])
        return Response(
            body, media_type=media, headers={"Vary": "Accept", "Link": f'<{iris.base + path}>; rel="canonical"'}
        )

    def html_page(path: str, request: Request) -> Response:
        if not SAFE_PATH.fullmatch(path) or ".." in path.split("/"):
            raise error(400, "malformed IRI path", path)  # type: ignore[call-arg]
        rich = pages.entity_page(path, request)
        if rich is not None:
            return rich
        try:
            graph = describe(path)
        except error as exc:
            if getattr(exc, "status", None) == 404:
                return pages.not_found(request, iris.base + path)
            raise
        return pages.generic_page(request, URIRef(iris.base + path), graph)

    @router.get("/def", summary="The ontology (HTML documentation, Turtle, JSON-LD, RDF/XML)")
    async def ontology(
        request: Request,
        format: Annotated[str | None, Query(description="html, ttl, jsonld, nt or rdf; overrides Accept")] = None,
    ) -> Response:
        from nkc_kg.loaders.validation import ontology_graph

        media = choose_media(request.headers.get("accept"), format)
        if media is None:
            raise error(406, "not acceptable", {"available": ["text/html", *RDF_MEDIA]})  # type: ignore[call-arg]
        graph = ontology_graph(iris.base)
        if media == "text/html":
            return pages.ontology_page(request, graph)
        return Response(graph.serialize(format=RDF_MEDIA[media]), media_type=media, headers={"Vary": "Accept"})

    for root in ENTITY_ROOTS:

        @router.get(f"/{root}/{{rest:path}}", summary=f"Dereference a /{root}/… IRI", name=f"deref-{root}")
        async def deref(
            rest: str,
            request: Request,
            format: Annotated[str | None, Query(description="html, ttl, jsonld, nt or rdf; overrides Accept")] = None,
            _root: str = root,
        ) -> Response:
            # describing and rendering query the store: a worker thread keeps the event loop free
            return await anyio.to_thread.run_sync(respond, f"{_root}/{rest}", request, format)

    return router


def entity_view(iri: URIRef, graph: Graph, iris: Iris, lang: str) -> dict[str, object]:
    """An entity's description as plain data for the generic page: title, statements, incoming links."""

    def label_of(term: URIRef) -> str | None:
        labels = {getattr(o, "language", None): str(o) for o in graph.objects(term, RDFS.label)}
        return labels.get(lang) or labels.get("nl") or next(iter(labels.values()), None)

    def show(term: object) -> dict[str, str | None]:
        if isinstance(term, URIRef):
            text = label_of(term) or graph.namespace_manager.normalizeUri(term)
            return {"text": text, "href": service_path(str(term), iris) or str(term), "lang": None}
        language = term.language if isinstance(term, Literal) else None
        return {"text": str(term), "href": None, "lang": language}

    statements = sorted(
        (
            (p, o)
            for p, o in graph.predicate_objects(iri)
            if not (isinstance(o, Literal) and o.language and o.language != lang and p == RDFS.label)
        ),
        key=lambda po: (str(po[0]), str(po[1])),
    )
    return {
        "title": label_of(iri) or str(iri),
        "iri": str(iri),
        "rows": [(graph.namespace_manager.normalizeUri(p), show(o)) for p, o in statements],
        "incoming": [
            (show(s), graph.namespace_manager.normalizeUri(p))
            for s, p in sorted(graph.subject_predicates(iri), key=lambda sp: str(sp[0]))
            if p != RDF.type
        ],
    }


def ontology_view(graph: Graph, iris: Iris) -> dict[str, object]:
    """Every term of the ontology with its Dutch and English label and definition, by kind."""
    from rdflib.namespace import OWL, SKOS

    sections = []
    for kind, rdf_kind in (
        ("classes", OWL.Class),
        ("objectProperties", OWL.ObjectProperty),
        ("dataProperties", OWL.DatatypeProperty),
    ):
        terms = []
        for term in sorted(t for t in graph.subjects(RDF.type, rdf_kind) if str(t).startswith(str(iris.nkc))):
            labels = {o.language: str(o) for o in graph.objects(term, RDFS.label) if isinstance(o, Literal)}
            definitions = {o.language: str(o) for o in graph.objects(term, SKOS.definition) if isinstance(o, Literal)}
            terms.append({"local": str(term)[len(str(iris.nkc)) :], "labels": labels, "definitions": definitions})
        sections.append((kind, terms))
    return {"namespace": str(iris.nkc), "sections": sections}
