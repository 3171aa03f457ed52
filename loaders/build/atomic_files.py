"""Files replaced together: each written whole under a temporary name first, then all renamed into place.

`nkc-kg build` writes nkc-kg.trig and nkc-kg.nq. Written in place, a kill half-way left a truncated
TriG beside the previous N-Quads. Here every file is written (and flushed to disk) under a hidden
temporary name in the same folder, and only when all are complete are they renamed over the old ones
(rename is atomic per file): a kill before that leaves the previous build whole; the renames follow
each other within microseconds. Temporary files of an earlier, killed run are removed first.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path

TEMP_MARK = ".partial-"


def write_together(folder: Path, writers: Mapping[str, Callable[[Path], None]]) -> list[Path]:
    """Call ``writers[name](temporary path)`` for each name, then rename them all to ``folder/name``."""
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob(f".*{TEMP_MARK}*"):
        if stale.is_file() and not _owned_by_a_live_process(stale):
            stale.unlink(missing_ok=True)
    temporary = {name: folder / f".{name}{TEMP_MARK}{os.getpid()}" for name in writers}
    try:
        for name, write in writers.items():
            write(temporary[name])
            with open(temporary[name], "rb") as handle:
                os.fsync(handle.fileno())
        for name, path in temporary.items():
            os.replace(path, folder / name)
    finally:
        for path in temporary.values():
            path.unlink(missing_ok=True)
    return [folder / name for name in writers]


def _owned_by_a_live_process(path: Path) -> bool:
    pid = path.name.rsplit(TEMP_MARK, 1)[-1]
    if not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
