"""NKC_KG_DATASET: serve a built dataset file instead of building data/ (used by the benchmarks)."""

from __future__ import annotations

from pathlib import Path

import pytest
from nkc_kg.loaders.build import BuildResult
from nkc_kg.service.app import load_service
from nkc_kg.service.config import Settings, SettingsError
from nkc_kg.service.store import EmbeddedStore


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
