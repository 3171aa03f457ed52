"""Entities as plain data for their generic page and the ontology's page (the HTML of IRIs without a page
of their own, and /def)."""

from __future__ import annotations

from nkc_kg.loaders.iris import Iris
from nkc_kg.service.graph.urls import service_path
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS


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
            for s, p in sorted(graph.subject_predicates(iri), key=lambda sp: (str(sp[0]), str(sp[1])))
            if p != RDF.type
        ],
    }


def ontology_view(graph: Graph, iris: Iris) -> dict[str, object]:
    """Every term of the ontology with its Dutch and English label and definition, by kind."""
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
