"""NKC_KG_DATASET: serve a built dataset file instead of building data/ (used by the benchmarks); NKC_KG_STORE_DIR."""

from __future__ import annotations

from pathlib import Path

import pytest
from nkc_kg.loaders.build import BuildResult
from nkc_kg.service.app import load_service
from nkc_kg.service.graph.catalog import NamedQuery
from nkc_kg.service.graph.runner import EntityIndex, run_named
from nkc_kg.service.settings import Settings, SettingsError
from nkc_kg.service.store.embedded import EmbeddedStore


def test_serves_a_built_dataset_file(built: BuildResult, store: EmbeddedStore, tmp_path: Path) -> None:
    path = tmp_path / "dataset.trig"
    path.write_bytes(built.dataset.serialize(format="trig", encoding="utf-8"))
    service = load_service(Settings(dataset=path))
    assert len(service.store) == len(store)
    assert "zeldzame-kankers-2025" in service.index.plans


@pytest.mark.parametrize(
    ("value", "message"),
    [("/nonexistent/x.nq", "no such file"), (__file__, "expected one of .nq, .trig")],
)
def test_bad_dataset_setting_is_refused(monkeypatch: pytest.MonkeyPatch, value: str, message: str) -> None:
    monkeypatch.setenv("NKC_KG_DATASET", value)
    with pytest.raises(SettingsError, match=message):
        Settings.from_env()


def comparable(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """Rows with the parts of a GROUP_CONCAT (the leads) sorted: SPARQL leaves their order to the engine."""
    return [{k: sorted(str(v).split(", ")) if k == "lead" else v for k, v in row.items()} for row in rows]


def test_on_disk_store_is_built_once_and_answers_like_the_memory_store(
    store: EmbeddedStore, tmp_path: Path, catalog: dict[str, NamedQuery]
) -> None:
    """NKC_KG_STORE_DIR: the dataset in an on-disk store, built once per version of the file, opened read-only
    by the service and by its SPARQL worker processes."""
    dataset = tmp_path / "dataset.nq"
    dataset.write_bytes(store.dump("nq")[0])
    folder = tmp_path / "stores"
    service = load_service(Settings(dataset=dataset, store_dir=folder, sparql_workers=1))
    assert isinstance(service.store, EmbeddedStore) and service.store.location is not None
    assert service.store.location.parent == folder and len(service.store) == len(store)
    for name in ("parties-in-subgoal", "steps-in-quarter", "abbreviation"):
        params = {p.name: p.example for p in catalog[name].parameters}
        on_disk = run_named(catalog[name], params, service.store, service.index, service.iris)
        in_memory = run_named(catalog[name], params, store, EntityIndex.build(store, service.iris), service.iris)
        assert comparable(on_disk.rows) == comparable(in_memory.rows), name
    # the worker process opens the same folder read-only
    assert service.sparql is not None
    body, _ = service.sparql.answer("ASK { ?s a <https://w3id.org/nkc-kg/def#ActionPlan> }", None, 10, 30)
    assert b"true" in body
    service.sparql.close()  # type: ignore[attr-defined]
    built_at = service.store.location.stat().st_mtime_ns
    again = load_service(Settings(dataset=dataset, store_dir=folder, sparql_workers=0))
    assert again.store.location == service.store.location  # type: ignore[attr-defined]
    assert service.store.location.stat().st_mtime_ns == built_at, "opened again, not rebuilt"
    assert [p.name for p in folder.iterdir()] == [service.store.location.name]
    # a new version of the file gets a store of its own
    dataset.write_bytes(store.dump("nq")[0] + b"<urn:x> <urn:y> <urn:z> <urn:g> .\n")
    newer = load_service(Settings(dataset=dataset, store_dir=folder, sparql_workers=0))
    assert len(newer.store) == len(store) + 1
