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
    dataset = built[0].dataset
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    dataset.serialize(out / "nkc-kg.trig", format="trig")
    dataset.serialize(out / "nkc-kg.nq", format="nquads")
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
