"""The built dataset, cached as N-Quads under build/cache/ and keyed by everything it is built from.

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
from nkc_kg.loaders.paths import CACHE_DIR as DEFAULT_CACHE_DIR
from nkc_kg.loaders.paths import DATA_DIR, ONTOLOGY_DIR
from nkc_kg.service.store.embedded import EmbeddedStore

# build/cache/ of a checkout; ~/.cache/nkc-kg/ when installed (never inside the installed package)
CACHE_DIR = Path(os.environ.get("NKC_KG_CACHE_DIR", DEFAULT_CACHE_DIR))


class CuratedDataError(Exception):
    """The curated data does not build; the message lists every error with file:line."""


def _inputs() -> list[tuple[str, Path]]:
    """Every file the build reads, named relative to its folder (so a copied checkout has the same key)."""
    spec = importlib.util.find_spec("nkc_kg.loaders")
    loader_dirs = [Path(p) for p in (spec.submodule_search_locations or [])] if spec else []
    roots = [("data", DATA_DIR, "*"), ("ontology", ONTOLOGY_DIR, "*"), *(("loaders", d, "*.py") for d in loader_dirs)]
    return sorted(
        (f"{name}/{path.relative_to(root).as_posix()}", path)
        for name, root, pattern in roots
        for path in root.rglob(pattern)
        if path.is_file() and "__pycache__" not in path.parts
    )


def fingerprint(iris: Iris) -> str:
    digest = hashlib.sha256(iris.base.encode())
    for name, path in _inputs():
        digest.update(name.encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def load_curated(iris: Iris) -> tuple[EmbeddedStore, Path | None]:
    """The curated dataset on the embedded store, and the N-Quads file it is cached in (None if not writable)."""
    cached = CACHE_DIR / f"nkc-kg-{fingerprint(iris)}.nq"
    if cached.is_file():
        return EmbeddedStore.from_file(cached), cached
    from nkc_kg.loaders.dataset import build_dataset  # imported only when building: it brings pyshacl

    built = build_dataset(iris=iris)
    if built.errors:
        raise CuratedDataError("the curated data has errors:\n" + "\n".join(str(e) for e in built.errors))
    store = EmbeddedStore.from_dataset(built.dataset)
    try:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        handle, partial = tempfile.mkstemp(dir=CACHE_DIR, suffix=".partial")
        with os.fdopen(handle, "wb") as out:
            out.write(store.dump("nq")[0])
        os.replace(partial, cached)  # atomic: a concurrent start never reads half a file
        # older builds go after a day (not at once: a running service's query workers may still read one)
        for stale in CACHE_DIR.glob("nkc-kg-*.nq"):
            if stale != cached and time.time() - stale.stat().st_mtime > 86_400:
                stale.unlink(missing_ok=True)
    except OSError:
        return store, None
    return store, cached
