"""Quick structural check of curated files: ``python -m nkc_kg.loaders.check [FILE...]``."""

from __future__ import annotations

import sys
from pathlib import Path

from nkc_kg.loaders.curated.reader import read_curated
from nkc_kg.loaders.paths import curated_data_paths


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or curated_data_paths(Path("data"))
    result = read_curated(paths)
    for err in result.errors:
        print(err)
    print(f"{len(result.files)} file(s) read, {len(result.errors)} problem(s)")
    return 1 if result.errors else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
