"""What an entity IRI answers: its description from the graph, in the media type the client asks for.

Content negotiation (``Accept`` or ``?format=``) picks HTML or an RDF serialisation; the description
(``queries/ld/describe.rq``) includes the entity's provenance.
"""

from __future__ import annotations

import re

from nkc_kg.loaders.iris import Iris
from nkc_kg.loaders.paths import QUERIES_DIR
from nkc_kg.service.store.embedded import Store
from rdflib import RDF, RDFS, SKOS, Graph, URIRef

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
    "progress",
)
SAFE_PATH = re.compile(r"^[A-Za-z0-9._~%-]+(/[A-Za-z0-9._~%-]+)*$")
DESCRIBE = (QUERIES_DIR / "ld" / "describe.rq").read_text(encoding="utf-8")


class MalformedPath(ValueError):
    """An IRI path with characters or segments no entity IRI has (a 400)."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


class UnknownIri(LookupError):
    """An IRI the graph says nothing about (a 404)."""

    def __init__(self, iri: str) -> None:
        super().__init__(iri)
        self.iri = iri


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


def check_path(path: str) -> str:
    """``path`` if it can be an entity IRI's path; MalformedPath otherwise (no '..', nothing to escape)."""
    if not SAFE_PATH.fullmatch(path) or ".." in path.split("/"):
        raise MalformedPath(path)
    return path


def describe(store: Store, iris: Iris, path: str) -> Graph:
    """The description of the entity at ``path``; MalformedPath or UnknownIri when there is none."""
    iri = URIRef(iris.base + check_path(path))
    graph = store.construct(iris.rebase(DESCRIBE), {"iri": iri})
    if not any(graph.triples((iri, None, None))):
        raise UnknownIri(str(iri))
    for prefix, ns in (("nkc", iris.nkc), ("base", iris.base)):
        graph.bind(prefix, ns)
    return graph


LABEL = (QUERIES_DIR / "ld" / "label.rq").read_text(encoding="utf-8")


def label_of(store: Store, iris: Iris, iri: str, lang: str) -> str | None:
    """``iri``'s label in ``lang`` (else Dutch, else any), or None when it has none."""
    labels: dict[str | None, str] = {}
    for row in store.select(iris.rebase(LABEL), {"iri": URIRef(iri)}).rows:
        value = row.get("label")
        if value is not None:
            labels.setdefault(getattr(value, "language", None), str(value))
    if not labels:
        return None
    return labels.get(lang) or labels.get("nl") or labels.get(None) or next(iter(labels.values()))


ENGLISH_LABELS = (QUERIES_DIR / "ld" / "english-labels.rq").read_text(encoding="utf-8")


def english_labels(store: Store, iris: Iris) -> dict[str, str]:
    """Every English label of the graph by IRI (one query; the pages keep the answer)."""
    labels: dict[str, str] = {}
    for row in store.select(iris.rebase(ENGLISH_LABELS)).rows:
        if row.get("iri") is not None and row.get("label") is not None:
            labels.setdefault(str(row["iri"]), str(row["label"]))
    return labels


SCHEME_NAMES = (QUERIES_DIR / "ld" / "scheme-names.rq").read_text(encoding="utf-8")


def _in_language(labels: dict[str | None, str], lang: str) -> str | None:
    if not labels:
        return None
    return labels.get(lang) or labels.get("nl") or labels.get(None) or next(iter(labels.values()))


def scheme_name(store: Store, iris: Iris, scheme: str, ontology: Graph, lang: str) -> str | None:
    """A concept scheme's label in ``lang``; for a scheme without one, the name of the class of its concepts
    (from the ontology: "voortgangsstatus"), so its page and links never say just "scheme"."""
    own: dict[str | None, str] = {}
    classes: list[URIRef] = []
    for row in store.select(iris.rebase(SCHEME_NAMES), {"scheme": URIRef(scheme)}).rows:
        if row.get("label") is not None:
            own.setdefault(getattr(row["label"], "language", None), str(row["label"]))
        if isinstance(row.get("class"), URIRef):
            classes.append(row["class"])
    if own:
        return _in_language(own, lang)
    for cls in sorted(classes, key=str):
        named = _in_language({getattr(o, "language", None): str(o) for o in ontology.objects(cls, RDFS.label)}, lang)
        if named:
            return named[:1].upper() + named[1:]
    return None


def unnamed_schemes(graph: Graph) -> list[str]:
    """The concept schemes of a description (the entity itself, or the scheme its concepts are in) that the
    description gives no label."""
    schemes = set(graph.subjects(RDF.type, SKOS.ConceptScheme)) | set(graph.objects(None, SKOS.inScheme))
    return sorted(
        str(s)
        for s in schemes
        if isinstance(s, URIRef) and graph.value(s, RDFS.label) is None and graph.value(s, SKOS.prefLabel) is None
    )
