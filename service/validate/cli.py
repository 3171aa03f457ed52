"""``nkc-kg validate``: the SHACL report of the curated data, or of draft files checked together with it."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from nkc_kg.loaders.command_line import FAILED, OK, USAGE, add_data_option, fail

if TYPE_CHECKING:
    from nkc_kg.loaders.validation import Report
    from nkc_kg.service.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser("validate", help="validate the curated data (default) or the given files/folders")
    p.add_argument(
        "paths",
        nargs="*",
        help="YAML files (checked with the curated data, same-named files replaced), a plan workbook (.xlsx), "
        "Turtle/JSON-LD files, or folders",
    )
    p.add_argument("--lang", choices=["nl", "en"], default="nl")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument(
        "--engine",
        choices=["oxigraph", "pyshacl"],
        default="oxigraph",
        help="SHACL engine: oxigraph (default, fast, keeps unchanged files' triples in build/cache/validate) "
        "or pyshacl (the reference; same report, about 10 s)",
    )
    add_data_option(p)
    p.set_defaults(run=cmd_validate)


def cmd_validate(args: argparse.Namespace, settings: Settings) -> int:
    from nkc_kg.loaders.iris import Iris
    from nkc_kg.loaders.validation import format_report, validate_paths  # pyshacl: only this command pays

    paths = [Path(p) for p in args.paths]
    missing = [p for p in paths if not p.exists()]
    if missing:
        return fail(f"no such file: {missing[0]}", USAGE)
    expanded: list[Path] = []
    for p in paths:
        expanded += sorted(p.glob("*.yaml")) if p.is_dir() else [p]
    cache = None
    if args.engine == "oxigraph":
        from nkc_kg.loaders.shacl.cache import disk_cache

        cache = disk_cache(settings.cache_dir)  # the next run starts warm: unchanged files are not built again
    report = validate_paths(expanded, settings.data_dir, Iris(settings.base_iri), engine=args.engine, cache=cache)
    print(
        json.dumps(report_json(report), ensure_ascii=False, indent=2)
        if args.format == "json"
        else format_report(report, args.lang)
    )
    return OK if report.conforms else FAILED


def report_json(report: Report) -> dict[str, object]:
    return {
        "conforms": report.conforms,
        "errors": [
            {
                "file": e.location.file if e.location else None,
                "line": e.location.line if e.location else None,
                "cell": e.location.cell if e.location else None,
                "message": e.message,
                "messageNl": e.message_nl,
                "suggestion": e.suggestion,
                "path": e.path,
            }
            for e in report.errors
        ],
        "results": [r.as_json() for r in report.results],
    }
