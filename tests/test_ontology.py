"""The ontology is consistent, every class satisfiable (HermiT), and every term documented."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from nkc_kg.loaders.iris import DEFAULT_BASE
from nkc_kg.loaders.paths import ONTOLOGY_DIR, QUERIES_DIR, ROOT, SHAPES_DIR
from nkc_kg.loaders.validation import ontology_graph
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

NKC = DEFAULT_BASE + "def#"


@pytest.fixture(scope="module")
def onto() -> Graph:
    return ontology_graph(DEFAULT_BASE)


def nkc_terms(graph: Graph) -> set[URIRef]:
    return {s for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(NKC)}


@pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs Java")
def test_hermit_consistent_and_all_classes_satisfiable(tmp_path: Path, onto: Graph) -> None:
    from owlready2 import World, sync_reasoner

    path = tmp_path / "nkc.nt"
    onto.serialize(path, format="nt", encoding="utf-8")
    world = World()
    ontology = world.get_ontology(path.as_uri()).load()
    with ontology:
        sync_reasoner(world, infer_property_values=False, debug=0)  # raises if inconsistent
    assert list(world.inconsistent_classes()) == []
    assert len(list(ontology.classes())) > 40


def test_every_term_has_dutch_and_english_label_and_definition(onto: Graph) -> None:
    missing = []
    for term in nkc_terms(onto):
        if (term, RDF.type, SKOS.ConceptScheme) in onto:
            continue
        langs = {lit.language for lit in onto.objects(term, RDFS.label)}
        defs = {lit.language for lit in onto.objects(term, SKOS.definition)}
        if not {"nl", "en"} <= langs or not {"nl", "en"} <= defs:
            missing.append(str(term))
    assert missing == []


def test_every_nkc_term_used_in_code_shapes_and_queries_is_declared(onto: Graph) -> None:
    declared = {str(t)[len(NKC) :] for t in nkc_terms(onto)}
    used: dict[str, set[str]] = {}
    for path in [*ROOT.glob("loaders/*.py"), *ROOT.glob("service/*.py")]:
        text = path.read_text()
        for name in re.findall(r"self\.nkc\.(\w+)|self\.nkc\[\"(\w+)\"\]", text):
            used.setdefault("".join(name), set()).add(path.name)
        # class names passed as strings: self.entity(iri, "Cause", …), self.concept(…, "Theme")
        for name in re.findall(r"self\.entity\(\s*[^\"()]*(?:\([^()]*\)[^\"()]*)*,\s*\"([A-Z]\w+)\"", text):
            used.setdefault(name, set()).add(path.name)
        for name in re.findall(r"self\.concept\([^;]*?,\s*\"([A-Z][A-Za-z]+)\"\)", text):
            used.setdefault(name, set()).add(path.name)
    for path in [*SHAPES_DIR.glob("*.ttl"), *QUERIES_DIR.glob("*.rq")]:
        for name in re.findall(r"\bnkc:(\w+)", path.read_text()):
            used.setdefault(name, set()).add(path.name)
    undeclared = {name: files for name, files in used.items() if name not in declared}
    assert undeclared == {}


def test_class_names_in_the_builder_are_declared(onto: Graph) -> None:
    from nkc_kg.loaders.build import PARTY_CLASS, ROLE_TERM, STATUS_TERM

    for name in [*PARTY_CLASS.values(), *ROLE_TERM.values(), *STATUS_TERM.values()]:
        assert (URIRef(NKC + name), None, None) in onto, name


def test_reused_vocabularies_are_documented() -> None:
    readme = (ONTOLOGY_DIR / "README.md").read_text()
    for vocab in ("ORG", "SKOS", "PROV-O", "OWL-Time", "DCTERMS", "FOAF", "schema.org", "Web Annotation"):
        assert vocab in readme


def test_ontology_declares_itself(onto: Graph) -> None:
    assert (URIRef(DEFAULT_BASE + "def"), RDF.type, OWL.Ontology) in onto
