"""The graph a command reads: the curated data (with drafts), built and loaded into the embedded store."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from nkc_kg.loaders.iris import Iris

if TYPE_CHECKING:
    from nkc_kg.service.graph.provenance import Provenance
    from nkc_kg.service.progress.report import Cite
    from nkc_kg.service.settings import Settings
    from nkc_kg.service.store.embedded import EmbeddedStore


@dataclass
class LoadedGraph:
    store: EmbeddedStore
    iris: Iris
    provenance: Provenance
    errors: list[str]


def load_curated(settings: Settings) -> LoadedGraph:
    from nkc_kg.loaders.dataset import build_dataset
    from nkc_kg.loaders.paths import curated_data_paths
    from nkc_kg.service.graph.provenance import Provenance
    from nkc_kg.service.store.embedded import EmbeddedStore

    iris = Iris(settings.base_iri)
    built = build_dataset(curated_data_paths(settings.data_dir), iris)
    store = EmbeddedStore.from_dataset(built.dataset)
    return LoadedGraph(store, iris, Provenance(store, iris), [str(e) for e in built.errors])


def citations(provenance: Provenance, lang: str) -> Cite:
    """A function: entity IRIs -> the citation of each source document they rest on."""

    def cite(entities: list[str]) -> list[str]:
        return [source["citation"][lang] for source in provenance.cite(entities)["sources"]]

    return cite
