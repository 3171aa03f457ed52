"""Where the project's files live: the checkout when run from one, else the installed package data.

The ontology, shapes, queries and curated data are top-level folders of the repository (their source
of truth); a wheel installs copies of them as the package data ``nkc_kg.resources`` (pyproject.toml).
Run-time output (the build cache, releases) never goes into an installed package: it goes to the
checkout's build/ and releases/, or else to the user's cache folder and ./releases.
These are plain constants: the service's Settings (NKC_KG_HOME, NKC_KG_DATA_DIR, …) may point elsewhere.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from pathlib import Path

_ABOVE_LOADERS = Path(__file__).resolve().parent.parent
# a checkout (and uv's editable install of it) has pyproject.toml beside loaders/; an installed wheel does not
CHECKOUT = _ABOVE_LOADERS if (_ABOVE_LOADERS / "pyproject.toml").is_file() else None


def _installed_resources() -> Path:
    spec = importlib.util.find_spec("nkc_kg.resources")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("nkc-kg is installed without its package data nkc_kg.resources (ontology, queries, data)")
    # a wheel installs real files, and everything that reads them (pyoxigraph, rdflib, glob) wants paths
    return Path(next(iter(spec.submodule_search_locations)))


ROOT = CHECKOUT or _installed_resources()
ONTOLOGY_DIR = ROOT / "ontology"
SHAPES_DIR = ROOT / "shapes"
QUERIES_DIR = ROOT / "queries"
DATA_DIR = ROOT / "data"

# written at run time: beside the checkout's sources, else where the user can write
CACHE_DIR = CHECKOUT / "build" / "cache" if CHECKOUT else Path.home() / ".cache" / "nkc-kg"
RELEASES_DIR = CHECKOUT / "releases" if CHECKOUT else Path("releases")


def curated_data_paths(data_dir: Path = DATA_DIR, drafts: Sequence[Path] = ()) -> list[Path]:
    """The curated YAML files of ``data_dir`` (``_``-files aside), each draft replacing the file of its name.

    A draft whose name no curated file has is added beside them. Every command and API that checks a
    draft against the curated data (validate, diff, completeness, /api/validate) reads it this way."""
    replaced = {draft.name for draft in drafts}
    shipped = sorted(p for p in data_dir.glob("*.yaml") if not p.name.startswith("_"))
    return [p for p in shipped if p.name not in replaced] + list(drafts)
