"""The server uploads are validated in (service/validate/bounded.py) starts with the service and warms up.

It is started by create_app, while the graph loads, and validates the service's data once (warm.py), through
the disk cache of NKC_KG_CACHE_DIR, so the first upload is answered as fast as the next and a restart warms
up from disk. What it is told travels in its environment, which the service's own environment does not keep.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from nkc_kg.service.settings import Settings
from nkc_kg.service.validate import bounded


def test_the_warm_up_fills_the_cache_folder_it_is_told(tmp_path: Path) -> None:
    env = {
        **os.environ,
        bounded.WARM_CACHE_DIR: str(tmp_path / "cache"),
        bounded.WARM_DATA_DIR: str(Settings().data_dir),
        bounded.WARM_BASE: Settings().base_iri,
    }
    done = subprocess.run(
        [sys.executable, "-c", "import nkc_kg.service.validate.warm"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    kinds = {folder.name for folder in (tmp_path / "cache" / "validate").iterdir() if any(folder.glob("*.pickle"))}
    assert kinds == {"ontology", "shapes", "records", "triples"}


def test_broken_data_does_not_stop_the_warm_up(tmp_path: Path) -> None:
    """The validation reports broken data to the editor; the server it runs in must still start."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "parties.yaml").write_text("parties: [\n", encoding="utf-8")
    env = {**os.environ, bounded.WARM_CACHE_DIR: str(tmp_path / "cache"), bounded.WARM_DATA_DIR: str(tmp_path / "data")}
    done = subprocess.run(
        [sys.executable, "-c", "import nkc_kg.service.validate.warm"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def test_starting_it_leaves_the_services_environment_as_it_was() -> None:
    before = dict(os.environ)
    bounded.start_validation_server(Settings())
    bounded.start_validation_server(Settings())  # once per process: the second call does nothing
    assert dict(os.environ) == before
