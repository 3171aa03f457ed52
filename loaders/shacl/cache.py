"""A content-addressed cache: values stored under a hash of everything they were computed from.

A key names all inputs of a computation (file bytes, the code that reads them, the base IRI, ...),
so a changed input is a different key and can never be answered from the cache. The memory layer
holds the most recent entries of the process (a running service keeps the shipped files' triples
there); the disk layer, used by `nkc-kg validate`, keeps them between runs under
``$NKC_KG_CACHE_DIR/validate`` (default ``build/cache/validate``), each entry in a file of its own,
written atomically. Entries not used for a week are removed.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from nkc_kg.loaders.paths import CACHE_DIR

DISK_DIR = CACHE_DIR / "validate"  # the default; Settings.cache_dir (NKC_KG_CACHE_DIR) moves it
STALE_AFTER = 7 * 86_400


def digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part if isinstance(part, bytes) else part.encode())
        h.update(b"\0")
    return h.hexdigest()


def code_digest() -> str:
    """The loaders' source (they turn files into triples and check them) and the engines' versions."""
    import pyoxigraph
    import rdflib

    package = Path(__file__).resolve().parent.parent
    files = sorted(p for p in package.rglob("*.py") if "__pycache__" not in p.parts)
    return digest(
        pyoxigraph.__version__,
        rdflib.__version__,
        *(part for p in files for part in (p.relative_to(package).as_posix(), p.read_bytes())),
    )


class Cache:
    def __init__(self, directory: Path | None = None, entries: int = 96) -> None:
        self.directory = directory
        self.entries = entries
        self._memory: OrderedDict[str, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._pruned = False

    def get(self, kind: str, key: str) -> Any | None:
        with self._lock:
            if (kind, key) in self._memory:
                self._memory.move_to_end((kind, key))  # type: ignore[arg-type]
                return self._memory[(kind, key)]  # type: ignore[index]
        if self.directory is None:
            return None
        path = self.directory / kind / f"{key}.pickle"
        try:
            value = pickle.loads(path.read_bytes())
            os.utime(path)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None
        self._remember(kind, key, value)
        return value

    def put(self, kind: str, key: str, value: Any) -> None:
        self._remember(kind, key, value)
        if self.directory is None:
            return
        folder = self.directory / kind
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handle, partial = tempfile.mkstemp(dir=folder, suffix=".partial")
            with os.fdopen(handle, "wb") as out:
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(partial, folder / f"{key}.pickle")
        except OSError:
            return  # a read-only checkout validates without a disk cache
        if not self._pruned:
            self._pruned = True
            self._prune(folder.parent.iterdir())

    def keep(self, other: Cache) -> None:
        """Hold the entries ``other`` holds in memory as well (what a warm-up read from disk, for a cache
        that must not touch the disk)."""
        with other._lock:
            entries = list(other._memory.items())
        for (kind, key), value in entries:  # type: ignore[misc]
            self._remember(kind, key, value)

    def _remember(self, kind: str, key: str, value: Any) -> None:
        with self._lock:
            self._memory[(kind, key)] = value  # type: ignore[index]
            self._memory.move_to_end((kind, key))  # type: ignore[arg-type]
            while len(self._memory) > self.entries:
                self._memory.popitem(last=False)

    @staticmethod
    def _prune(folders: Iterable[Path]) -> None:
        now = time.time()
        for folder in folders:
            for entry in folder.glob("*.pickle") if folder.is_dir() else ():
                try:
                    if now - entry.stat().st_mtime > STALE_AFTER:
                        entry.unlink()
                except OSError:
                    continue


_process_cache = Cache()


def memory_cache() -> Cache:
    """The cache of this process (memory only): what a running service uses."""
    return _process_cache


def disk_cache(cache_dir: Path | None = None) -> Cache:
    """Memory and disk (``cache_dir``/validate): what `nkc-kg validate` uses, so the next run starts warm."""
    return Cache(cache_dir / "validate" if cache_dir else DISK_DIR)
