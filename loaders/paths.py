"""Where the project's files live. NKC_KG_HOME overrides the repository root."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(os.environ.get("NKC_KG_HOME", Path(__file__).resolve().parent.parent))
ONTOLOGY_DIR = ROOT / "ontology"
SHAPES_DIR = ROOT / "shapes"
QUERIES_DIR = ROOT / "queries"
DATA_DIR = ROOT / "data"
SEEDS_DIR = Path(os.environ.get("NKC_KG_SEEDS", ROOT.parent / "shared" / "seeds"))


def curated_data_paths(data_dir: Path = DATA_DIR) -> list[Path]:
    return sorted(p for p in data_dir.glob("*.yaml") if not p.name.startswith("_"))
