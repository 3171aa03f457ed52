"""The public entry point: curated files + ontology -> one RDF dataset."""

from __future__ import annotations

from pathlib import Path

from nkc_kg.loaders.build import BuildResult, build_from_paths
from nkc_kg.loaders.iris import Iris
from nkc_kg.loaders.paths import curated_data_paths
from nkc_kg.loaders.validation import ontology_graph


def build_dataset(paths: list[Path] | None = None, iris: Iris | None = None) -> BuildResult:
    """Build the served dataset: one named graph per source document, plus the ontology."""
    iris = iris or Iris()
    result = build_from_paths(paths if paths is not None else curated_data_paths(), iris)
    onto = result.dataset.graph(iris.graph("ontology"))
    for triple in ontology_graph(iris.base):
        onto.add(triple)
    return result
