"""The hidden folders a publish writes a release into, and the sweeping of those a killed publish left.

`nkc-kg publish` writes a release into ``.partial-<pid>-<version>-…`` and renames it when complete. A
publish killed half-way (kill -9, a power cut) leaves that folder behind. The next publish, and a
release server starting, remove every such folder whose process is gone (or, for a folder named
without a process id, that nothing has written to for an hour).
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import time
from pathlib import Path

PREFIX = ".partial-"
_OWNED = re.compile(r"\.partial-(\d+)-")
UNOWNED_AFTER = 3600.0  # seconds

log = logging.getLogger(__name__)


def partial_prefix(version: str) -> str:
    """The name a publish by this process gives the folder it writes ``version`` into (mkdtemp's prefix)."""
    return f"{PREFIX}{os.getpid()}-{version}-"


def sweep_stale_partials(directory: Path) -> list[Path]:
    """Remove the partial release folders of publishes that are no longer running; the folders removed."""
    if not directory.is_dir():
        return []
    removed = []
    for entry in directory.iterdir():
        if not entry.name.startswith(PREFIX) or not entry.is_dir() or entry.is_symlink():
            continue
        owner = _OWNED.match(entry.name)
        if owner:
            if int(owner[1]) != os.getpid() and _running(int(owner[1])):
                continue
        elif time.time() - entry.stat().st_mtime < UNOWNED_AFTER:
            continue
        shutil.rmtree(entry, ignore_errors=True)
        if not entry.exists():
            removed.append(entry)
            log.warning("removed %s, left by a publish that did not finish", entry)
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True
