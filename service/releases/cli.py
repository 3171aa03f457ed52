"""The release commands of `nkc-kg`: publish, releases, release-diff (and `load --release`)."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from nkc_kg.loaders.command_line import FAILED, OK, USAGE, add_data_option, fail
from nkc_kg.service.releases.bundles import DEFAULT_RELEASES_DIR, ReleaseError, releases_dir

if TYPE_CHECKING:
    from nkc_kg.service.settings import Settings


def _releases_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--releases",
        type=Path,
        help=f"the releases folder (default: NKC_KG_RELEASES, else {DEFAULT_RELEASES_DIR.name}/ in the repository)",
    )


def _folder(args: argparse.Namespace, settings: Settings) -> Path:
    return Path(args.releases) if args.releases else releases_dir(settings)


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser(
        "publish",
        help="build, check (SHACL, competency questions) and publish a release; switch releases/current to it",
    )
    p.add_argument("--version", help="release version (default: today's date, e.g. 2026.12.03, then .2, .3, …)")
    _releases_option(p)
    add_data_option(p)
    p.set_defaults(run=publish_command)

    p = subparsers.add_parser("releases", help="list the published releases")
    _releases_option(p)
    p.set_defaults(run=releases_command)

    p = subparsers.add_parser("release-diff", help="how the named queries' answers changed between two releases")
    p.add_argument("old", help="a version, or 'current'")
    p.add_argument("new", help="a version, or 'current'")
    p.add_argument("--query", help="only this named query")
    p.add_argument("--format", choices=["text", "json"], default="text")
    _releases_option(p)
    p.set_defaults(run=release_diff_command)


def publish_command(args: argparse.Namespace, settings: Settings) -> int:
    from nkc_kg.loaders.iris import Iris
    from nkc_kg.service.named_queries.expectations import ExpectationError
    from nkc_kg.service.releases.publish import GateFailed, publish

    folder, iris = _folder(args, settings), Iris(settings.base_iri)
    try:
        publish(settings.data_dir, folder, args.version, iris, log=lambda line: print(f"nkc-kg: {line}", flush=True))
    except GateFailed as exc:
        print(f"{exc}\n", file=sys.stderr)
        return fail("publish refused: nothing was written", FAILED)
    except (ReleaseError, ExpectationError) as exc:
        # tests/service/test_releases.py asserts 1, also for a malformed --version (a usage error by the convention)
        return fail(str(exc), FAILED)
    return OK


def releases_command(args: argparse.Namespace, settings: Settings) -> int:
    from nkc_kg.service.releases.bundles import current_version, list_releases
    from nkc_kg.service.releases.publish import summary

    folder = _folder(args, settings)
    releases = list_releases(folder)
    if not releases:
        print(f"no releases in {folder}/ (nkc-kg publish makes one)")
        return OK
    current = current_version(folder)
    for release in releases:
        mark = "*" if release.version == current else " "
        checksum = f"sha256:{release.checksum[:16]}…"
        print(f"{mark} {release.version:<14} {release.issued}  {checksum}  {summary(release.manifest)}")
    return OK


def release_diff_command(args: argparse.Namespace, settings: Settings) -> int:
    from nkc_kg.service.releases.bundles import diff_releases, read_release

    folder = _folder(args, settings)
    try:
        old, new = read_release(folder, args.old), read_release(folder, args.new)
        diffs = diff_releases(old, new, args.query)
    except ReleaseError as exc:
        # tests/service/test_releases.py asserts 1, also for an unknown version (an input error by the convention)
        return fail(str(exc), FAILED)
    if args.format == "json":
        body = {"from": old.version, "to": new.version, "queries": [d.as_json() for d in diffs]}
        print(json.dumps(body, ensure_ascii=False, indent=2))
        return OK
    unchanged = []
    for diff in diffs:
        if not diff.added and not diff.removed:
            unchanged.append(diff.query)
            continue
        params = diff.parameters[new.version] or diff.parameters[old.version]
        args_text = ", ".join(f"{k}={v}" for k, v in params.items())
        change = f"+{len(diff.added)} / -{len(diff.removed)} rows"
        print(f"{diff.query}({args_text}): {change}, {old.version} -> {new.version}")
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["", *diff.columns])
        for sign, rows in (("+", diff.added), ("-", diff.removed)):
            for row in rows:
                writer.writerow([sign, *(row.get(c, "") for c in diff.columns)])
        print("  " + out.getvalue().rstrip("\n").replace("\n", "\n  "))
    if unchanged:
        print(f"unchanged: {', '.join(unchanged)}")
    return OK


def load_release_command(args: argparse.Namespace, settings: Settings) -> int:
    """`nkc-kg load --endpoint URL --release VERSION`: see releases/remote.py."""
    from nkc_kg.loaders.iris import Iris
    from nkc_kg.service.releases.remote import find_release, load_release, release_target
    from nkc_kg.service.store.push import LoadError

    if args.dataset:
        return fail("give --release or --dataset, not both", USAGE)
    try:
        target = release_target(
            args.endpoint,
            args.graph_store,
            args.update,
            user=settings.store_user,
            password=settings.store_password,
            batch=args.batch,
            netrc_file=settings.netrc_file,
        )
        release = find_release(args.release, _folder(args, settings))
        done = load_release(release, target, Iris(settings.base_iri), staged=True if args.staged else None)
    except (LoadError, ReleaseError) as exc:
        return fail(str(exc), FAILED)
    was = f" (was {done.previous})" if done.previous else ""
    print(f"nkc-kg: release {done.version} switched in at {target.query}{was}, {done.mode} ({done.why})")
    print("  triples per graph, in the release and at the endpoint:")
    width = max((len(g) for g in done.expected), default=0)
    for graph, expected in done.expected.items():
        verdict = "ok" if done.graphs.get(graph) == expected else "MISMATCH"
        print(f"  {graph:<{width}}  {expected:>7}  {done.graphs.get(graph, 0):>7}  {verdict}")
    for graph in done.dropped:
        print(f"  {graph:<{width}}  dropped (not in release {done.version})")
    if not done.ok:
        return fail("the endpoint does not hold what the release has (see MISMATCH above)", FAILED)
    return OK
