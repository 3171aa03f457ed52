"""``nkc-kg build``: the graph of the curated data as TriG and N-Quads; ``built_store`` for commands that query it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from nkc_kg.loaders.command_line import FAILED, OK, add_data_option

if TYPE_CHECKING:
    from nkc_kg.loaders.build import BuildResult
    from nkc_kg.loaders.iris import Iris
    from nkc_kg.service.settings import Settings
    from nkc_kg.service.store.embedded import EmbeddedStore


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser("build", help="build the graph and write TriG and N-Quads")
    p.add_argument("-o", "--output", default="build")
    add_data_option(p)
    p.set_defaults(run=cmd_build)


def built_store(settings: Settings) -> tuple[EmbeddedStore, Iris] | None:
    """The graph of the curated data on the embedded store; None (its errors printed) if it does not build."""
    from nkc_kg.service.store.embedded import EmbeddedStore

    built = _built(settings)
    return None if built is None else (EmbeddedStore.from_dataset(built[0].dataset), built[1])


def cmd_build(args: argparse.Namespace, settings: Settings) -> int:
    built = _built(settings)
    if built is None:
        return FAILED
    from nkc_kg.loaders.build.atomic_files import write_together

    dataset = built[0].dataset
    out = Path(args.output)
    # both files complete under temporary names, then renamed into place: a kill leaves the previous build
    write_together(
        out,
        {
            "nkc-kg.trig": lambda path: dataset.serialize(path, format="trig"),
            "nkc-kg.nq": lambda path: dataset.serialize(path, format="nquads"),
        },
    )
    quads = sum(1 for _ in dataset.quads((None, None, None, None)))
    print(f"{quads} quads in {len(list(dataset.graphs()))} graphs written to {out}/nkc-kg.trig and .nq")
    return OK


def _built(settings: Settings) -> tuple[BuildResult, Iris] | None:
    from nkc_kg.loaders.dataset import build_dataset  # pyshacl and the readers: only when building
    from nkc_kg.loaders.iris import Iris
    from nkc_kg.loaders.paths import curated_data_paths

    iris = Iris(settings.base_iri)
    result = build_dataset(curated_data_paths(settings.data_dir), iris)
    if result.errors:
        for err in result.errors:
            print(err, file=sys.stderr)
        return None
    return result, iris
