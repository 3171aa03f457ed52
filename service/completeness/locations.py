"""The file:line of every curated record, for the completeness view's ``fix`` (the graph does not keep them)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from nkc_kg.loaders.curated.yamlio import Location
from nkc_kg.loaders.iris import Iris
from nkc_kg.service.graph.lazy import built_once


def curated_locations(iris: Iris, data_dir: Path) -> Callable[[], Mapping[str, Location]]:
    """Read from ``data_dir`` on the first call (it builds the curated data again), kept ever after."""

    def read() -> Mapping[str, Location]:
        from nkc_kg.loaders.build import build_from_paths  # the loaders are imported only when needed
        from nkc_kg.loaders.paths import curated_data_paths

        return {
            str(node): where for node, where in build_from_paths(curated_data_paths(data_dir), iris).locations.items()
        }

    return built_once(read)
