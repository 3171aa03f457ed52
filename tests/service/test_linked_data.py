"""Every IRI dereferences at its path: HTML for browsers, RDF by content negotiation, with provenance."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF

BASE = "https://w3id.org/nkc-kg/"
STEP = "plan/zeldzame-kankers-2025/activity/3/step/2"


@pytest.mark.parametrize(
    ("accept", "rdf_format"),
    [
        ("text/turtle", "turtle"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
        ("application/n-triples", "nt"),
    ],
)
def test_entity_as_rdf_with_its_provenance(client: TestClient, accept: str, rdf_format: str) -> None:
    r = client.get(f"/{STEP}", headers={"accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
    graph = Graph().parse(data=r.content, format=rdf_format)
    step = URIRef(BASE + STEP)
    assert (step, RDF.type, URIRef(BASE + "def#Step")) in graph
    assert (step, PROV.wasDerivedFrom, URIRef(BASE + "doc/actieplan-zeldzame-kankers-2025/slide/19")) in graph


def test_browser_gets_html_with_links_on_this_service(client: TestClient) -> None:
    r = client.get("/party/iknl", headers={"accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "Integraal Kankercentrum Nederland" in r.text and 'href="/plan/' in r.text


def test_format_parameter_overrides_accept(client: TestClient) -> None:
    r = client.get("/party/iknl", params={"format": "ttl"}, headers={"accept": "text/html"})
    assert r.headers["content-type"].startswith("text/turtle")


def test_ontology_is_served_as_documentation_and_turtle(client: TestClient) -> None:
    html = client.get("/def", headers={"accept": "text/html"})
    assert html.status_code == 200 and "nkc:PrioritisedActivity" in html.text
    ttl = client.get("/def", headers={"accept": "text/turtle"})
    assert (URIRef(BASE + "def#Step"), RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class")) in Graph().parse(
        data=ttl.content, format="turtle"
    )


@pytest.mark.parametrize("path", ["/party/does-not-exist", "/plan/zeldzame-kankers-2025/activity/99"])
def test_unknown_iri_is_404_json(client: TestClient, path: str) -> None:
    r = client.get(path, headers={"accept": "text/turtle"})
    assert r.status_code == 404 and r.json()["error"] == "unknown IRI"


@pytest.mark.parametrize("path", ["/plan/..%2F..%2Fetc%2Fpasswd", "/party/x%3E%20%7D%20DROP", "/party/%00"])
def test_hostile_paths_are_refused(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code in (400, 404)
    assert set(r.json()) == {"error", "detail"}


def test_unacceptable_media_type_is_406(client: TestClient) -> None:
    assert client.get("/party/iknl", headers={"accept": "image/png"}).status_code == 406


def test_a_source_documents_page_lists_every_entry_once_in_one_order(client: TestClient) -> None:
    """The mentions of initiatives in one activity all link to its #initiatives: each is listed (they
    were merged by their link, the store's order choosing which one showed), an initiative and its
    mention of the same name both, and a second call lists them alike."""
    pages = [client.get("/doc/actieplan-late-gevolgen-2025", headers={"accept": "text/html"}) for _ in range(2)]
    assert pages[0].status_code == 200 and pages[0].text == pages[1].text
    html = pages[0].text
    mentions = "/plan/late-gevolgen-2025/activity/3#initiatives"
    for name in ("Buddyhuis in het ziekenhuis", "Meet &amp; Match", "Oncologiezorgnetwerken"):
        assert html.count(f'<a href="{mentions}">{name}</a>') == 1, name
    assert html.count('<a href="/initiative/buddyhuis-in-het-ziekenhuis">Buddyhuis in het ziekenhuis</a>') == 1


def test_a_scheme_without_a_label_is_named_by_its_concepts_class() -> None:
    """A dataset from elsewhere (NKC_KG_DATASET, a store) may give a scheme no label: its pages and links then use
    the class of its concepts, never the IRI's last segment ("scheme")."""
    from nkc_kg.loaders.iris import SKOS, Iris
    from nkc_kg.loaders.validation import ontology_graph
    from nkc_kg.service.linked_data.describe import scheme_name
    from nkc_kg.service.store.embedded import EmbeddedStore
    from rdflib import Dataset, Literal

    iris = Iris()
    scheme, concept = URIRef(iris.concept("status", "scheme")), URIRef(iris.concept("status", "klaar"))
    data = Dataset()
    graph = data.graph(URIRef(iris.graph("elsewhere")))
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    graph.add((concept, RDF.type, iris.nkc.ProgressStatus))
    graph.add((concept, SKOS.inScheme, scheme))
    store, ontology = EmbeddedStore.from_dataset(data), ontology_graph(iris.base)
    assert scheme_name(store, iris, str(scheme), ontology, "nl") == "Voortgangsstatus"
    assert scheme_name(store, iris, str(scheme), ontology, "en") == "Progress status"
    graph.add((scheme, SKOS.prefLabel, Literal("Statussen", lang="nl")))
    assert scheme_name(EmbeddedStore.from_dataset(data), iris, str(scheme), ontology, "en") == "Statussen"
