"""Where the project's files are: plain constants (the service's Settings may point at another data folder)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_DIR = ROOT / "ontology"
SHAPES_DIR = ROOT / "shapes"
QUERIES_DIR = ROOT / "queries"
DATA_DIR = ROOT / "data"


def curated_data_paths(data_dir: Path = DATA_DIR, drafts: Sequence[Path] = ()) -> list[Path]:
    """The curated YAML files of ``data_dir`` (``_``-files aside), each draft replacing the file of its name.

    A draft whose name no curated file has is added beside them. Every command and API that checks a
    draft against the curated data (validate, diff, completeness, /api/validate) reads it this way."""
    replaced = {draft.name for draft in drafts}
    shipped = sorted(p for p in data_dir.glob("*.yaml") if not p.name.startswith("_"))
    return [p for p in shipped if p.name not in replaced] + list(drafts)
