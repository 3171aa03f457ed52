"""Shared fixtures: the real curated data, built once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from nkc_kg.loaders.build import BuildResult
from nkc_kg.loaders.dataset import build_dataset
from nkc_kg.loaders.iris import Iris
from nkc_kg.loaders.paths import QUERIES_DIR, ROOT
from nkc_kg.service.graph.catalog import NamedQuery, load_catalog
from nkc_kg.service.graph.runner import EntityIndex
from nkc_kg.service.store.embedded import EmbeddedStore

# The plans as text, beside the checkout; only tests read them (the product never does).
SEEDS_DIR = Path(os.environ.get("NKC_KG_SEEDS") or ROOT.parent / "shared" / "seeds")


@pytest.fixture(scope="session")
def iris() -> Iris:
    return Iris()


@pytest.fixture(scope="session")
def built(iris: Iris) -> BuildResult:
    result = build_dataset(iris=iris)
    assert not result.errors, "\n".join(str(e) for e in result.errors)
    return result


@pytest.fixture(scope="session")
def store(built: BuildResult) -> EmbeddedStore:
    return EmbeddedStore.from_dataset(built.dataset)


@pytest.fixture(scope="session")
def index(store: EmbeddedStore, iris: Iris) -> EntityIndex:
    return EntityIndex.build(store, iris)


@pytest.fixture(scope="session")
def catalog() -> dict[str, NamedQuery]:
    return load_catalog(QUERIES_DIR)


@pytest.fixture(scope="session")
def seeds() -> Path:
    if not SEEDS_DIR.is_dir():
        pytest.skip(f"source documents not found at {SEEDS_DIR} (set NKC_KG_SEEDS)")
    return SEEDS_DIR


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT
