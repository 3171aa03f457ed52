"""The release commands of `nkc-kg`: publish, releases, release-diff."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

from nkc_kg.service.releases.bundles import DEFAULT_RELEASES_DIR, ReleaseError


def _releases_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--releases",
        type=Path,
        help=f"the releases folder (default: NKC_KG_RELEASES, else {DEFAULT_RELEASES_DIR.name}/ in the repository)",
    )


def _folder(args: argparse.Namespace) -> Path:
    import os

    return Path(args.releases or os.environ.get("NKC_KG_RELEASES") or DEFAULT_RELEASES_DIR)


def _fail(message: str, code: int = 1) -> int:
    print(f"nkc-kg: {message}", file=sys.stderr)
    return code


def add_release_commands(sub: Any) -> None:
    p = sub.add_parser(
        "publish",
        help="build, check (SHACL, competency questions) and publish a release; switch releases/current to it",
    )
    p.add_argument("--version", help="release version (default: today's date, e.g. 2026.12.03, then .2, .3, …)")
    _releases_option(p)
    p.add_argument("--data", type=Path, help="the curated data folder (default: data/ of the repository)")
    p.set_defaults(func=publish_command)

    p = sub.add_parser("releases", help="list the published releases")
    _releases_option(p)
    p.set_defaults(func=releases_command)

    p = sub.add_parser("release-diff", help="how the named queries' answers changed between two releases")
    p.add_argument("old", help="a version, or 'current'")
    p.add_argument("new", help="a version, or 'current'")
    p.add_argument("--query", help="only this named query")
    p.add_argument("--format", choices=["text", "json"], default="text")
    _releases_option(p)
    p.set_defaults(func=release_diff_command)


def publish_command(args: argparse.Namespace) -> int:
    from nkc_kg.loaders.iris import Iris
    from nkc_kg.loaders.paths import DATA_DIR
    from nkc_kg.service.named_queries.expectations import ExpectationError
    from nkc_kg.service.releases.publish import GateFailed, publish

    data = args.data or DATA_DIR
    if not data.is_dir():
        return _fail(f"--data {data}: no such folder")
    try:
        publish(data, _folder(args), args.version, Iris(), log=lambda line: print(f"nkc-kg: {line}", flush=True))
    except GateFailed as exc:
        print(f"{exc}\n", file=sys.stderr)
        return _fail("publish refused: nothing was written")
    except (ReleaseError, ExpectationError) as exc:
        return _fail(str(exc))
    return 0


def releases_command(args: argparse.Namespace) -> int:
    from nkc_kg.service.releases.bundles import current_version, list_releases
    from nkc_kg.service.releases.publish import summary

    folder = _folder(args)
    releases = list_releases(folder)
    if not releases:
        print(f"no releases in {folder}/ (nkc-kg publish makes one)")
        return 0
    current = current_version(folder)
    for release in releases:
        mark = "*" if release.version == current else " "
        checksum = f"sha256:{release.checksum[:16]}…"
        print(f"{mark} {release.version:<14} {release.issued}  {checksum}  {summary(release.manifest)}")
    return 0


def release_diff_command(args: argparse.Namespace) -> int:
    from nkc_kg.service.releases.bundles import diff_releases, read_release

    folder = _folder(args)
    try:
        old, new = read_release(folder, args.old), read_release(folder, args.new)
        diffs = diff_releases(old, new, args.query)
    except ReleaseError as exc:
        return _fail(str(exc))
    if args.format == "json":
        body = {"from": old.version, "to": new.version, "queries": [d.as_json() for d in diffs]}
        print(json.dumps(body, ensure_ascii=False, indent=2))
        return 0
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
    return 0


def load_release_command(args: argparse.Namespace) -> int:
    """`nkc-kg load --endpoint URL --release VERSION`: see service/remote_release.py."""
    from nkc_kg.loaders.iris import Iris
    from nkc_kg.service.releases.remote import find_release, load_release, release_target
    from nkc_kg.service.store.push import LoadError

    if args.dataset:
        return _fail("give --release or --dataset, not both", 2)
    try:
        target = release_target(args.endpoint, args.graph_store, args.update)
        release = find_release(args.release, _folder(args))
        done = load_release(release, target, Iris())
    except (LoadError, ReleaseError) as exc:
        return _fail(str(exc))
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
        return _fail("the endpoint does not hold what the release has (see MISMATCH above)")
    return 0
