"""Home page, query page, dataset description and dumps."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF

VOID = "http://rdfs.org/ns/void#"


def test_home_links_plans_questions_and_dumps(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    for needle in (
        "/plan/zeldzame-kankers-2025",
        "/plan/late-gevolgen-2025",
        "/query",
        "/void",
        "/dumps/nkc-kg.trig",
        "/docs",
    ):
        assert needle in r.text, needle


def test_query_page_offers_the_named_queries(client: TestClient) -> None:
    r = client.get("/query")
    assert r.status_code == 200 and "parties-in-subgoal" in r.text and "<textarea" in r.text


def test_void_describes_endpoint_and_dumps(client: TestClient) -> None:
    graph = Graph().parse(data=client.get("/void").content, format="turtle")
    dataset = next(graph.subjects(RDF.type, URIRef(VOID + "Dataset")))
    assert graph.value(dataset, URIRef(VOID + "sparqlEndpoint")) is not None
    assert len(list(graph.objects(dataset, URIRef(VOID + "dataDump")))) == 4


def test_trig_dump_keeps_one_graph_per_source_document(client: TestClient, store) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/dumps/nkc-kg.trig")
    assert r.status_code == 200
    dataset = Dataset().parse(data=r.content, format="trig")
    names = {str(g.identifier) for g in dataset.graphs()}
    assert "https://w3id.org/nkc-kg/graph/actieplan-zeldzame-kankers-2025" in names
    assert sum(1 for _ in dataset.quads((None, None, None, None))) == len(store)


def test_unknown_dump_format_is_404(client: TestClient) -> None:
    assert client.get("/dumps/nkc-kg.exe").status_code == 404


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_api_documentation_needs_no_third_party_host(client: TestClient, page: str) -> None:
    html = client.get(page).text
    assets = re.findall(r"""(?:src|href)=["']([^"']+)["']""", html) + re.findall(r"""url: ?['"]([^'"]+)['"]""", html)
    assert assets, html
    for asset in assets:
        assert asset.startswith("/"), f"{page} loads {asset} from another host"
        assert client.get(asset).status_code == 200, asset
