"""The built dataset, cached as N-Quads (under build/cache/) and keyed by everything it is built from.

Building the graph from the curated YAML takes most of a second (and imports pyshacl); reading
the N-Quads of an earlier build takes a tenth of that. The key is a hash of the curated data,
the ontology, the loaders' code and the base IRI, so any edit to them builds anew.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import tempfile
import time
from pathlib import Path

from nkc_kg.loaders.iris import Iris
from nkc_kg.loaders.paths import CACHE_DIR, DATA_DIR, ONTOLOGY_DIR, curated_data_paths
from nkc_kg.service.store.embedded import EmbeddedStore


class CuratedDataError(Exception):
    """The curated data does not build; the message lists every error with file:line."""


def _inputs(data_dir: Path) -> list[tuple[str, Path]]:
    """Every file the build reads, named relative to its folder (so a copied checkout has the same key)."""
    spec = importlib.util.find_spec("nkc_kg.loaders")
    loader_dirs = [Path(p) for p in (spec.submodule_search_locations or [])] if spec else []
    roots = [("data", data_dir, "*"), ("ontology", ONTOLOGY_DIR, "*"), *(("loaders", d, "*.py") for d in loader_dirs)]
    return sorted(
        (f"{name}/{path.relative_to(root).as_posix()}", path)
        for name, root, pattern in roots
        for path in root.rglob(pattern)
        if path.is_file() and "__pycache__" not in path.parts
    )


def fingerprint(iris: Iris, data_dir: Path | None = None) -> str:
    digest = hashlib.sha256(iris.base.encode())
    for name, path in _inputs(data_dir or DATA_DIR):
        digest.update(name.encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def load_curated(
    iris: Iris, data_dir: Path | None = None, cache_dir: Path | None = None
) -> tuple[EmbeddedStore, Path | None]:
    """The curated dataset of ``data_dir`` (default: the shipped data) on the embedded store, and the N-Quads
    file it is cached in under ``cache_dir`` (default: build/cache/; None if not writable)."""
    data_dir, cache_dir = data_dir or DATA_DIR, cache_dir or CACHE_DIR
    cached = cache_dir / f"nkc-kg-{fingerprint(iris, data_dir)}.nq"
    if cached.is_file():
        return EmbeddedStore.from_file(cached), cached
    from nkc_kg.loaders.dataset import build_dataset  # imported only when building: it brings pyshacl

    built = build_dataset(curated_data_paths(data_dir), iris)
    if built.errors:
        raise CuratedDataError("the curated data has errors:\n" + "\n".join(str(e) for e in built.errors))
    store = EmbeddedStore.from_dataset(built.dataset)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        handle, partial = tempfile.mkstemp(dir=cache_dir, suffix=".partial")
        with os.fdopen(handle, "wb") as out:
            out.write(store.dump("nq")[0])
        os.replace(partial, cached)  # atomic: a concurrent start never reads half a file
        # older builds go after a day (not at once: a running service's query workers may still read one)
        for stale in cache_dir.glob("nkc-kg-*.nq"):
            if stale != cached and time.time() - stale.stat().st_mtime > 86_400:
                stale.unlink(missing_ok=True)
    except OSError:
        return store, None
    return store, cached
