"""The one home of namespaces and IRI minting.

All data IRIs hang off one base (default ``https://w3id.org/nkc-kg/``; the service
passes another from ``NKC_KG_BASE_IRI``). The ontology is written against the
default base; :func:`rebase_graph` moves it when another base is configured.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from rdflib import Dataset, Graph, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, TIME, VOID, XSD

DEFAULT_BASE = "https://w3id.org/nkc-kg/"

OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")
ORDO = Namespace("http://www.orpha.net/ORDO/Orphanet_")
SH = Namespace("http://www.w3.org/ns/shacl#")

__all__ = [
    "DCAT",
    "DCTERMS",
    "FOAF",
    "OA",
    "ORDO",
    "ORG",
    "OWL",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SH",
    "SKOS",
    "TIME",
    "VOID",
    "XSD",
    "Iris",
    "slugify",
]


def slugify(text: str) -> str:
    """Readable ASCII slug: 'CieBAG' -> 'ciebag', '(O)DAP' -> 'o-dap', 'V&VN' -> 'v-vn'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "x"


class Iris:
    """Mints every IRI of the graph from one base."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        self.base = base if base.endswith("/") else base + "/"
        self.nkc = Namespace(self.base + "def#")

    def rebase(self, text: str) -> str:
        """Query or data text written against the default base, moved to this base."""
        return text.replace(DEFAULT_BASE, self.base)

    def _iri(self, *parts: str | int) -> URIRef:
        return URIRef(self.base + "/".join(quote(str(p), safe="") for p in parts))

    # documents and provenance
    def document(self, doc: str) -> URIRef:
        return self._iri("doc", doc)

    def location(self, doc: str, kind: str, value: str | int) -> URIRef:
        return self._iri("doc", doc, kind, slugify(str(value)) if kind == "section" else value)

    def graph(self, name: str) -> URIRef:
        return self._iri("graph", name)

    def issue(self, owner: URIRef, n: int | str) -> URIRef:
        return URIRef(f"{owner}/issue/{n}")

    # plans and their parts
    def plan(self, plan: str) -> URIRef:
        return self._iri("plan", plan)

    def in_plan(self, plan: str, *parts: str | int) -> URIRef:
        return self._iri("plan", plan, *parts)

    def activity(self, plan: str, n: int) -> URIRef:
        return self._iri("plan", plan, "activity", n)

    def step(self, plan: str, activity: int, n: int) -> URIRef:
        return self._iri("plan", plan, "activity", activity, "step", n)

    def progress_report(self, report: str, *parts: str | int) -> URIRef:
        return self._iri("progress", report, *parts)

    def progress_graph(self, report: str) -> URIRef:
        """Each progress report is its own named graph: the reports of several years stand side by side."""
        return self._iri("graph", "progress", report)

    def association(self, owner: URIRef, role: str, party: str) -> URIRef:
        return URIRef(f"{owner}/role/{role}/{party}")

    def mission(self) -> URIRef:
        return self._iri("mission", "nkc")

    # shared things
    def party(self, party: str) -> URIRef:
        return self._iri("party", party)

    def initiative(self, initiative: str) -> URIRef:
        return self._iri("initiative", initiative)

    def abbreviation_list(self, scheme: str) -> URIRef:
        return self._iri("abbreviations", scheme)

    def abbreviation(self, scheme: str, abbr: str) -> URIRef:
        return self._iri("abbreviations", scheme, slugify(abbr))

    def instant(self, date: str) -> URIRef:
        return self._iri("date", date)

    def figure(self, figure: str) -> URIRef:
        return self._iri("figure", figure)

    def cancer_type(self, cancer_type: str) -> URIRef:
        return self._iri("cancer-type", cancer_type)

    def euracan_domain(self, notation: str) -> URIRef:
        return self._iri("euracan-domain", notation)

    def concept(self, scheme: str, key: str) -> URIRef:
        return self._iri("concept", scheme, key)

    def framework(self, framework: str, *parts: str | int) -> URIRef:
        return self._iri("framework", framework, *parts)

    def panel(self, panel: str) -> URIRef:
        return self._iri("expert-panel", panel)

    def campaign(self, campaign: str, *parts: str | int) -> URIRef:
        return self._iri("campaign", campaign, *parts)

    def finding(self, doc: str, finding: str) -> URIRef:
        return self._iri("doc", doc, "finding", finding)

    def team(self, team: str) -> URIRef:
        return self._iri("party", team)

    def membership(self, team: str, person: str) -> URIRef:
        return self._iri("party", team, "member", person)

    # published releases (the service serves them at /releases/<version>/<file>)
    def release(self, version: str, file: str | None = None) -> URIRef:
        return self._iri("releases", version, *(file.split("/") if file else ()))


def rebase_graph(graph: Graph | Dataset, old: str, new: str) -> None:
    """Rewrite IRIs under ``old`` to ``new`` in place (ontology and shapes ship with the default base)."""
    if old == new:
        return

    def move(term):  # type: ignore[no-untyped-def]
        if isinstance(term, URIRef) and str(term).startswith(old):
            return URIRef(new + str(term)[len(old) :])
        return term

    quads = list(graph.quads((None, None, None, None))) if isinstance(graph, Dataset) else None
    if quads is not None:
        for s, p, o, c in quads:
            graph.remove((s, p, o, c))
            graph.add((move(s), move(p), move(o), move(c)))
        return
    for s, p, o in list(graph):
        graph.remove((s, p, o))
        graph.add((move(s), move(p), move(o)))
