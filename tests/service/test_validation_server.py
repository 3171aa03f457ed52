"""The server uploads are validated in (service/validate/bounded.py) starts with the service and warms up.

It is started by create_app, while the graph loads, and validates the service's data once (warm.py), through
the disk cache of NKC_KG_CACHE_DIR, so the first upload is answered as fast as the next and a restart warms
up from disk. It reads the service's settings from the environment it inherits, as `nkc-kg serve` does.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def warm_up(**environment: str) -> subprocess.CompletedProcess[str]:
    """What the validation server does as it starts, in a process of its own."""
    return subprocess.run(
        [sys.executable, "-c", "import nkc_kg.service.validate.warm"],
        env={**os.environ, **environment},
        capture_output=True,
        text=True,
    )


def test_the_warm_up_fills_the_services_cache_folder(tmp_path: Path) -> None:
    done = warm_up(NKC_KG_CACHE_DIR=str(tmp_path / "cache"))
    assert done.returncode == 0, done.stderr
    kinds = {folder.name for folder in (tmp_path / "cache" / "validate").iterdir() if any(folder.glob("*.pickle"))}
    assert kinds == {"ontology", "shapes", "records", "triples"}


def test_broken_data_does_not_stop_the_warm_up(tmp_path: Path) -> None:
    """The validation reports broken data to the editor; the server it runs in must still start."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "parties.yaml").write_text("parties: [\n", encoding="utf-8")
    done = warm_up(NKC_KG_CACHE_DIR=str(tmp_path / "cache"), NKC_KG_DATA_DIR=str(tmp_path / "data"))
    assert done.returncode == 0, done.stderr
    bad = warm_up(NKC_KG_CACHE_DIR=str(tmp_path / "cache"), NKC_KG_BASE_IRI="not an IRI")
    assert bad.returncode == 0, bad.stderr
