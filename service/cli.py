"""The ``nkc-kg`` command line: the list of commands, each registered by the ``cli.py`` of its feature.

A command module's ``register(subparsers)`` adds its parsers with ``run=<function(args, settings)>``;
main reads the Settings once (NKC_KG_*, then ``--data``) and hands them to the command. Command modules
import their heavy parts (pyshacl, the store, FastAPI) when they run, so every start stays quick.
"""

from __future__ import annotations

import argparse
import os
import sys

from nkc_kg.loaders.command_line import EXIT_STATUS, USAGE, fail
from nkc_kg.loaders.draft import cli as draft
from nkc_kg.service.completeness import cli as completeness
from nkc_kg.service.diff import cli as diff
from nkc_kg.service.graph import cli as graph
from nkc_kg.service.mcp import cli as mcp
from nkc_kg.service.named_queries import cli as named_queries
from nkc_kg.service.progress import cli as progress
from nkc_kg.service.releases import cli as releases
from nkc_kg.service.serve import cli as serve
from nkc_kg.service.settings import Settings, SettingsError
from nkc_kg.service.validate import cli as validate
from nkc_kg.service.workbook import cli as workbook

# in the order `nkc-kg --help` lists them
COMMANDS = (
    validate,  # validate
    draft,  # draft
    diff,  # diff
    workbook,  # export-xlsx, import-xlsx
    completeness,  # completeness
    progress,  # progress, progress-report
    graph,  # build
    named_queries,  # queries, query
    serve,  # load, serve
    releases,  # publish, releases, release-diff
    mcp,  # mcp
)


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(
        prog="nkc-kg",
        description="Knowledge graph of the NKC action plans.",
        epilog=EXIT_STATUS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    subparsers = root.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.register(subparsers)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        settings = Settings.from_env()
        if getattr(args, "data", None) is not None:
            settings = settings.with_data_dir(args.data)
    except SettingsError as exc:
        return fail(str(exc), USAGE)
    try:
        return int(args.run(args, settings))
    except BrokenPipeError:
        return _reader_went_away()


def _reader_went_away() -> int:
    """`nkc-kg queries | head`: the reader closed the pipe; stop quietly, as cat and grep do."""
    # Python flushes stdout once more at exit; point it at /dev/null so that flush cannot fail again.
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 141  # 128 + SIGPIPE, what a shell reports for a command killed by a closed pipe


if __name__ == "__main__":
    raise SystemExit(main())
