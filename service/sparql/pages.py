"""The SPARQL query page, the dataset description (VoID/DCAT) and full dumps."""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, Response
from nkc_kg.service.graph.catalog import NamedQuery
from nkc_kg.service.store.embedded import DUMP_FORMATS, Store
from nkc_kg.service.web.templating import Pages


def question_links(catalog: dict[str, NamedQuery]) -> list[dict[str, str]]:
    """Every named query as a link to its question page with its example parameters, for the home page."""
    return [
        {
            "name": q.name,
            "summary": q.summary,
            "summary_nl": q.summary_nl or q.summary,
            "url": f"/vragen/{q.name}?" + urlencode({p.name: p.example for p in q.parameters}),
        }
        for q in catalog.values()
    ]


def build_router(store: Store, catalog: dict[str, NamedQuery], pages: Pages) -> APIRouter:
    """The query page, the dataset description and the dumps (the home page is in pages.py)."""
    router = APIRouter(tags=["Site"])

    @lru_cache(maxsize=len(DUMP_FORMATS))
    def cached_dump(kind: str) -> tuple[bytes, str]:
        return store.dump(kind)  # the served graph is read-only, so a dump never goes stale

    @router.get("/query", response_class=HTMLResponse, summary="SPARQL query page")
    async def query_page(request: Request) -> Response:
        examples = [{"name": q.name, "summary": q.summary, "sparql": q.sparql} for q in catalog.values()]
        return pages.render(request, "query.html", examples=examples)

    @router.get("/void", summary="VoID/DCAT description of the dataset (Turtle)")
    async def void(request: Request) -> Response:
        root = str(request.base_url).rstrip("/")
        triples = len(store)
        distributions = "".join(
            f"""
<{root}/dumps/nkc-kg.{k}> a dcat:Distribution ; dcat:downloadURL <{root}/dumps/nkc-kg.{k}> ; dcat:mediaType "{m}" ."""
            for k, (_, m) in DUMP_FORMATS.items()
        )
        body = f"""@prefix void: <http://rdfs.org/ns/void#> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dcterms: <http://purl.org/dc/terms/> .

<{root}/void#dataset> a void:Dataset , dcat:Dataset ;
    dcterms:title "Kennisgraaf actieplannen Nederlands Kanker Collectief"@nl ,
        "Knowledge graph of the NKC action plans"@en ;
    void:triples {triples} ;
    void:sparqlEndpoint <{root}/sparql> ;
    void:uriSpace "https://w3id.org/nkc-kg/" ;
    void:vocabulary <https://w3id.org/nkc-kg/def#> , <http://www.w3.org/ns/org#> ,
        <http://www.w3.org/2004/02/skos/core#> , <http://www.w3.org/ns/prov#> , <http://www.w3.org/2006/time#> ;
    void:dataDump {" , ".join(f"<{root}/dumps/nkc-kg.{k}>" for k in DUMP_FORMATS)} ;
    dcat:distribution {" , ".join(f"<{root}/dumps/nkc-kg.{k}>" for k in DUMP_FORMATS)} .
{distributions}
"""
        return Response(body.encode(), media_type="text/turtle; charset=utf-8")

    @router.get("/dumps/nkc-kg.{kind}", summary="The whole dataset: trig, nq, ttl or jsonld")
    async def dumps(
        kind: Annotated[str, Path(description="trig, nq (named graphs kept), ttl or jsonld (union)")],
    ) -> Response:
        if kind not in DUMP_FORMATS:
            from nkc_kg.service.app import ApiError

            raise ApiError(404, "unknown dump format", {"available": sorted(DUMP_FORMATS)})
        body, media = cached_dump(kind)
        return Response(
            body, media_type=media, headers={"Content-Disposition": f'attachment; filename="nkc-kg.{kind}"'}
        )

    return router
