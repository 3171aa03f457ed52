"""``nkc-kg diff``: compare two plan versions, each from the shipped data or from a plan editor's draft files.

A side given ``--from-data``/``--to-data`` is built from the curated files (``--data``, else the shipped
data) with the given YAML files replacing the files of the same name (as ``nkc-kg validate`` does);
otherwise it is the curated data itself. Both sides are read through the store interface, as the
service reads them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from nkc_kg.loaders.command_line import FAILED, OK, USAGE, add_data_option, fail
from nkc_kg.loaders.paths import DATA_DIR, curated_data_paths

if TYPE_CHECKING:
    from nkc_kg.loaders.iris import Iris
    from nkc_kg.service.diff.versions import VersionReader
    from nkc_kg.service.settings import Settings

DESCRIPTION = """\
Compare two versions of an action plan: activities added, removed, renumbered or continued, and per
activity its title, subgoals, parties (lead, involved, …), steps (text, timeframe, parties) and
intended results.

Editions of a plan are paired through their continuation links (2024 activity n is continued by
2025 activity n+2). A draft is compared with the shipped plan by giving the draft's YAML files (or a
folder of them) with --to-data: each replaces the shipped file of the same name in data/, as with
`nkc-kg validate`.
"""

EPILOG = """\
examples:
  nkc-kg diff zeldzame-kankers-2024 zeldzame-kankers-2025
  nkc-kg diff zeldzame-kankers-2025 --to-data my-draft/
  nkc-kg diff zeldzame-kankers-2025 --to-data my-draft/zeldzame-kankers-2025-activiteiten.yaml --lang en
  nkc-kg diff zeldzame-kankers-2024 zeldzame-kankers-2025 --format json

exit status: 0 compared (whether or not there are differences), 1 the draft files are missing or do
not build (every error with file:line), 2 unknown plan or bad arguments.
"""


class DraftError(Exception):
    """The draft files cannot be read or built; the message lists every problem with file:line."""


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser(
        "diff",
        help="compare two plan versions: editions (2024 → 2025) or a draft against the shipped plan",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("old", metavar="FROM", help="plan id of the old version, e.g. zeldzame-kankers-2024")
    p.add_argument("new", metavar="TO", nargs="?", help="plan id of the new version (default: the same as FROM)")
    p.add_argument(
        "--from-data",
        nargs="+",
        action="extend",
        default=[],
        metavar="PATH",
        help="build FROM from these YAML files or folders instead of the shipped data (same-named files replaced)",
    )
    p.add_argument(
        "--to-data",
        nargs="+",
        action="extend",
        default=[],
        metavar="PATH",
        help="build TO from these YAML files or folders instead of the shipped data (same-named files replaced)",
    )
    p.add_argument("--lang", choices=["nl", "en"], default="nl", help="language of the text report (default nl)")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument(
        "--progress", action="store_true", help="FROM and TO are progress reports: show the status changes between them"
    )
    add_data_option(p)
    p.set_defaults(run=cmd_diff)


def draft_files(paths: list[str]) -> list[Path]:
    """The YAML files named, folders expanded; DraftError for anything missing or not curated YAML."""
    files: list[Path] = []
    problems: list[str] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in (".yaml", ".yml"))
            if not found:
                problems.append(f"{path}: no .yaml files in this folder")
            files += found
        elif not path.exists():
            problems.append(f"{path}: no such file or folder")
        elif path.suffix.lower() not in (".yaml", ".yml"):
            problems.append(f"{path}:1: not a curated YAML file (.yaml); a draft side is built from curated YAML")
        else:
            files.append(path)
    if problems:
        raise DraftError("\n".join(problems))
    return files


def draft_reader(paths: list[str], iris: Iris, data_dir: Path = DATA_DIR) -> VersionReader:
    """A reader over the graph built from the curated data with the draft files replacing their namesakes."""
    from nkc_kg.loaders.dataset import build_dataset  # brings pyshacl: only when a draft is compared
    from nkc_kg.service.diff.versions import VersionReader
    from nkc_kg.service.graph.plan_data import PlanData
    from nkc_kg.service.graph.runner import EntityIndex
    from nkc_kg.service.store.embedded import EmbeddedStore

    files = draft_files(paths)
    built = build_dataset(curated_data_paths(data_dir, files), iris)
    if built.errors:
        shipped = {p.name for p in curated_data_paths(data_dir)}
        unmatched = sorted(p.name for p in files if p.name not in shipped)
        hint = (
            f"\n(note: {', '.join(unmatched)} replace(s) no shipped file: a draft file replaces the file of the "
            "same name in data/, so one with another name is added beside it)"
            if unmatched
            else ""
        )
        raise DraftError("\n".join(str(e) for e in built.errors) + hint)
    store = EmbeddedStore.from_dataset(built.dataset)
    data = PlanData(store, iris, EntityIndex.build(store, iris))
    return VersionReader(data, draft=True, files=[str(p) for p in files])


def shipped_reader(iris: Iris, data_dir: Path | None = None, cache_dir: Path | None = None) -> VersionReader:
    from nkc_kg.service.diff.versions import VersionReader
    from nkc_kg.service.graph.dataset import load_curated
    from nkc_kg.service.graph.plan_data import PlanData
    from nkc_kg.service.graph.runner import EntityIndex

    store, _ = load_curated(iris, data_dir, cache_dir)
    return VersionReader(PlanData(store, iris, EntityIndex.build(store, iris)))


def cmd_diff(args: argparse.Namespace, settings: Settings) -> int:
    from nkc_kg.loaders.iris import Iris
    from nkc_kg.service.diff.compare import compare
    from nkc_kg.service.diff.report import format_diff
    from nkc_kg.service.graph.dataset import CuratedDataError
    from nkc_kg.service.graph.plan_data import NotFound

    iris, data_dir = Iris(settings.base_iri), settings.data_dir
    new_id = args.new or args.old
    if args.progress:
        return progress_diff(args, settings, iris)
    try:
        both_drafts = args.from_data and args.to_data
        shipped = None if both_drafts else shipped_reader(iris, data_dir, settings.cache_dir)
        old_reader = draft_reader(args.from_data, iris, data_dir) if args.from_data else shipped
        new_reader = draft_reader(args.to_data, iris, data_dir) if args.to_data else shipped
    except DraftError as exc:  # FAILED also for a missing draft file (tests/test_diff_drafts.py asserts 1)
        print(str(exc), file=sys.stderr)
        return fail("the draft files do not build; fix the errors above (`nkc-kg validate` checks them too)", FAILED)
    except CuratedDataError as exc:
        return fail(str(exc), FAILED)
    assert old_reader is not None and new_reader is not None
    try:
        old = old_reader.read(args.old, "FROM")
        new = new_reader.read(new_id, "TO")
    except NotFound as exc:
        detail = exc.detail if isinstance(exc.detail, dict) else {}
        side = detail.get("parameter", "")
        suggestions = detail.get("suggestions") or []
        hint = f" (did you mean: {', '.join(suggestions)}?)" if suggestions else ""
        known = f"; known: {', '.join(detail.get('known') or [])}"
        return fail(f"{side}: {exc.what}{hint}{known}", USAGE)
    diff = compare(old, new)
    if args.format == "json":
        print(json.dumps(diff, ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(format_diff(diff, args.lang))
    return OK


def progress_diff(args: argparse.Namespace, settings: Settings, iris: Iris) -> int:
    """``--progress``: the status changes between two progress reports (each side shipped or a draft)."""
    from nkc_kg.loaders.dataset import build_dataset
    from nkc_kg.service.progress.changes import format_changes, read_report, status_changes
    from nkc_kg.service.progress.state import ProgressError
    from nkc_kg.service.store.embedded import EmbeddedStore

    def store_of(paths: list[str]) -> EmbeddedStore:
        built = build_dataset(curated_data_paths(settings.data_dir, draft_files(paths)), iris)
        if built.errors:
            raise DraftError("\n".join(str(e) for e in built.errors))
        return EmbeddedStore.from_dataset(built.dataset)

    new_id = args.new or args.old
    try:
        old_store = store_of(args.from_data)
        new_store = old_store if args.to_data == args.from_data else store_of(args.to_data)
    except DraftError as exc:
        print(str(exc), file=sys.stderr)
        return fail("the draft files do not build; fix the errors above (`nkc-kg validate` checks them too)", FAILED)
    try:
        old, new = read_report(old_store, iris, args.old), read_report(new_store, iris, new_id)
    except ProgressError as exc:
        return fail(str(exc), USAGE)
    changes = status_changes(old, new)
    if args.format == "json":
        print(json.dumps({"from": args.old, "to": new_id, "changes": changes}, ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(format_changes(args.old, new_id, changes, args.lang))
    return OK
