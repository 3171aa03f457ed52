"""The built dataset is cached by what it is built from: a second start reads it, an edit rebuilds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from nkc_kg.loaders.iris import Iris
from nkc_kg.service.graph import dataset as dataset_cache
from nkc_kg.service.settings import Settings, SettingsError
from nkc_kg.service.store.embedded import EmbeddedStore


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(dataset_cache, "CACHE_DIR", tmp_path / "cache")
    return tmp_path / "cache"


def test_second_load_reads_the_cache_with_the_same_graph(cache_dir: Path, store: EmbeddedStore) -> None:
    first, path = dataset_cache.load_curated(Iris())
    assert path is not None and path.parent == cache_dir and path.is_file()
    second, again = dataset_cache.load_curated(Iris())
    assert again == path
    assert len(first) == len(second) == len(store)
    assert sorted(first.dump("nq")[0].splitlines()) == sorted(second.dump("nq")[0].splitlines())


def test_an_edit_to_the_data_changes_the_key(cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = dataset_cache.fingerprint(Iris())
    data = tmp_path / "data"
    shutil.copytree(dataset_cache.DATA_DIR, data)
    monkeypatch.setattr(dataset_cache, "DATA_DIR", data)
    assert dataset_cache.fingerprint(Iris()) == before  # same content, same key
    with (data / "parties.yaml").open("a", encoding="utf-8") as out:
        out.write("\n# an editor's comment\n")
    assert dataset_cache.fingerprint(Iris()) != before


def test_a_broken_data_file_is_reported_not_cached(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    shutil.copytree(dataset_cache.DATA_DIR, data)
    (data / "parties.yaml").write_text("parties:\n  - id: [unclosed\n", encoding="utf-8")
    monkeypatch.setattr(dataset_cache, "DATA_DIR", data)
    monkeypatch.setattr("nkc_kg.loaders.paths.DATA_DIR", data)
    monkeypatch.setattr("nkc_kg.loaders.dataset.curated_data_paths", lambda: sorted(data.glob("*.yaml")))
    with pytest.raises(dataset_cache.CuratedDataError, match=r"parties\.yaml"):
        dataset_cache.load_curated(Iris())
    assert not list(cache_dir.glob("*.nq"))


@pytest.mark.parametrize(("value", "workers"), [("0", 0), ("3", 3)])
def test_sparql_workers_setting(monkeypatch: pytest.MonkeyPatch, value: str, workers: int) -> None:
    monkeypatch.setenv("NKC_KG_SPARQL_WORKERS", value)
    assert Settings.from_env().sparql_workers == workers


@pytest.mark.parametrize("value", ["-1", "1.5", "many"])
def test_bad_sparql_workers_setting(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("NKC_KG_SPARQL_WORKERS", value)
    with pytest.raises(SettingsError, match="NKC_KG_SPARQL_WORKERS"):
        Settings.from_env()
