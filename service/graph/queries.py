"""The service's own SPARQL files (``queries/api``, ``queries/diff``, …), read once and moved to the served base.

The files are written against the default base (``https://w3id.org/nkc-kg/``) so that they paste into
any SPARQL editor; :meth:`Iris.rebase` moves them to the base this graph was built with.
"""

from __future__ import annotations

import threading
from pathlib import Path

from nkc_kg.loaders.iris import Iris


def read_query(path: Path, iris: Iris) -> str:
    """One .rq file, its IRIs under the served base."""
    return iris.rebase(path.read_text(encoding="utf-8"))


class QueryFolder:
    """The .rq files of one folder by name (without .rq), each read on first use; thread-safe."""

    def __init__(self, directory: Path, iris: Iris) -> None:
        self.directory, self.iris = directory, iris
        self._texts: dict[str, str] = {}
        self._lock = threading.Lock()

    def __getitem__(self, name: str) -> str:
        text = self._texts.get(name)
        if text is None:
            text = read_query(self.directory / f"{name}.rq", self.iris)
            with self._lock:
                self._texts[name] = text
        return text
