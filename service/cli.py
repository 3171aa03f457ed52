"""The ``nkc-kg`` command line."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from nkc_kg.loaders.iris import Iris
from nkc_kg.loaders.paths import QUERIES_DIR, curated_data_paths
from nkc_kg.service.graph.catalog import CatalogError, ParameterError, load_catalog
from nkc_kg.service.graph.runner import EntityIndex, run_named
from nkc_kg.service.store.embedded import EmbeddedStore, StoreUnavailable


def _fail(message: str, code: int = 2) -> int:
    print(f"nkc-kg: {message}", file=sys.stderr)
    return code


# The loaders (pyshacl, the YAML readers) are imported by the commands that use them, so that
# `nkc-kg serve` with NKC_KG_DATASET starts without paying ~2 s for them.


def cmd_validate(args: argparse.Namespace) -> int:
    from nkc_kg.loaders.validation import format_report, validate_paths

    paths = [Path(p) for p in args.paths]
    missing = [p for p in paths if not p.exists()]
    if missing:
        return _fail(f"no such file: {missing[0]}")
    expanded: list[Path] = []
    for p in paths:
        expanded += sorted(p.glob("*.yaml")) if p.is_dir() else [p]
    cache = None
    if args.engine == "oxigraph":
        from nkc_kg.loaders.shacl.cache import disk_cache

        cache = disk_cache()  # the next run starts warm: unchanged files are not built again
    report = validate_paths(expanded, curated_data_paths(), engine=args.engine, cache=cache)
    text = format_report(report, args.lang)
    if args.format == "json":
        text = json.dumps(
            {
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
            },
            ensure_ascii=False,
            indent=2,
        )
    print(text)
    return 0 if report.conforms else 1


def _built() -> tuple[EmbeddedStore, Iris] | None:
    from nkc_kg.loaders.dataset import build_dataset

    iris = Iris()
    result = build_dataset(iris=iris)
    if result.errors:
        for err in result.errors:
            print(err, file=sys.stderr)
        return None
    return EmbeddedStore.from_dataset(result.dataset), iris


def cmd_draft(args: argparse.Namespace) -> int:
    from nkc_kg.loaders.draft.cli import run_draft

    return run_draft(args)


def cmd_build(args: argparse.Namespace) -> int:
    from nkc_kg.loaders.dataset import build_dataset

    result = build_dataset()
    if result.errors:
        for err in result.errors:
            print(err, file=sys.stderr)
        return 1
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    result.dataset.serialize(out / "nkc-kg.trig", format="trig")
    result.dataset.serialize(out / "nkc-kg.nq", format="nquads")
    quads = sum(1 for _ in result.dataset.quads((None, None, None, None)))
    print(f"{quads} quads in {len(list(result.dataset.graphs()))} graphs written to {out}/nkc-kg.trig and .nq")
    return 0


def cmd_queries(args: argparse.Namespace) -> int:
    for q in load_catalog(QUERIES_DIR).values():
        params = " ".join(f"--param {p.name}={p.example}" for p in q.parameters)
        print(f"{q.name}: {q.summary}\n    nkc-kg query {q.name} {params}".rstrip())
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    try:
        catalog = load_catalog(QUERIES_DIR)
    except CatalogError as exc:
        return _fail(str(exc))
    if args.name not in catalog:
        return _fail(f"unknown query {args.name!r}; `nkc-kg queries` lists them")
    raw: dict[str, str] = {}
    for item in args.param:
        if "=" not in item:
            return _fail(f"--param {item!r}: expected name=value")
        key, value = item.split("=", 1)
        raw[key.strip()] = value
    built = _built()
    if built is None:
        return 1
    store, iris = built
    try:
        result = run_named(catalog[args.name], raw, store, EntityIndex.build(store, iris), iris)
    except ParameterError as exc:
        hint = f" (did you mean: {', '.join(exc.suggestions)}?)" if exc.suggestions else ""
        return _fail(f"{exc}{hint}")
    if args.format == "json":
        print(json.dumps([{k: str(v) for k, v in row.items()} for row in result.rows], ensure_ascii=False, indent=2))
    else:
        writer = csv.writer(sys.stdout, delimiter="\t" if args.format == "tsv" else ",")
        writer.writerow(result.variables)
        for row in result.rows:
            writer.writerow([str(row.get(v, "")) for v in result.variables])
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn
    from nkc_kg.service.app import create_app
    from nkc_kg.service.settings import Settings, SettingsError

    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        return _fail(str(exc))
    if args.releases or settings.releases:
        from nkc_kg.service.releases.server import serve_releases

        folder = Path(args.releases) if args.releases else settings.releases
        assert folder is not None
        return serve_releases(settings, folder, args.host, args.port, args.workers)
    if args.workers > 1:
        # Each worker process builds its own app (and loads its own copy of the graph) from the
        # environment, so the parent does not load it at all.
        print(f"nkc-kg: {args.workers} workers loading the graph; serving on http://{args.host}:{args.port}/")
        uvicorn.run(
            "nkc_kg.service.app:app_from_env",
            factory=True,
            host=args.host,
            port=args.port,
            workers=args.workers,
            log_level="warning",
        )
        return 0
    try:
        app = create_app(settings)
    except StoreUnavailable as exc:
        return _fail(str(exc), 1)
    service = app.state.service
    source = f"{settings.endpoint} ({len(service.store)} quads)" if settings.store == "remote" else "graph loaded"
    print(
        f"nkc-kg: {source} in {service.started_in:.2f} s; "
        f"serving on http://{args.host}:{args.port}/ (SPARQL at /sparql)",
        flush=True,
    )
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


def cmd_load(args: argparse.Namespace) -> int:
    from nkc_kg.service.store.push import LoadError, Target, push

    if args.release:
        from nkc_kg.service.releases.cli import load_release_command

        return load_release_command(args)

    try:
        target = Target.derive(args.endpoint, args.graph_store, args.update)
    except LoadError as exc:
        return _fail(str(exc), 1)
    if args.dataset:
        path = Path(args.dataset)
        if not path.is_file() or path.suffix not in (".nq", ".trig"):
            return _fail(f"--dataset {args.dataset!r}: expected an existing .nq or .trig file", 1)
        store = EmbeddedStore.from_file(path)
    else:
        built = _built()
        if built is None:
            return 1
        store = built[0]
    try:
        reports = push(store, target)
    except LoadError as exc:
        return _fail(str(exc), 1)
    via = target.graph_store or target.update
    print(
        f"nkc-kg: {len(reports)} graphs replaced through {via}; triples per graph, pushed and found at {target.query}:"
    )
    width = max((len(r.graph) for r in reports), default=0)
    for report in reports:
        verdict = "ok" if report.ok else "MISMATCH"
        print(f"  {report.graph:<{width}}  {report.pushed:>7}  {report.found:>7}  {verdict}")
    total = sum(r.pushed for r in reports)
    print(f"  {'total':<{width}}  {total:>7}  {sum(r.found for r in reports):>7}")
    if not all(r.ok for r in reports):
        return _fail("the endpoint does not hold what was pushed (see MISMATCH above)", 1)
    return 0


def cmd_completeness(args: argparse.Namespace) -> int:
    from nkc_kg.service.completeness.cli import run

    return run(args.plan, args.paths, args.lang, args.format)


def _add_validate_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("validate", help="validate the curated data (default) or the given files/folders")
    p.add_argument(
        "paths",
        nargs="*",
        help="YAML files (checked with the shipped data, same-named files replaced), a plan workbook (.xlsx), "
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
    p.set_defaults(func=cmd_validate)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="nkc-kg", description="Knowledge graph of the NKC action plans.")
    sub = parser.add_subparsers(dest="command", required=True)
    _add_validate_parser(sub)
    if (sys.argv[1:] if argv is None else argv)[:1] == ["validate"]:
        # the editors' loop: parsed before the other commands' imports (FastAPI among them, ~0.5 s)
        args = parser.parse_args(argv)
        return int(args.func(args))

    p = sub.add_parser(
        "draft",
        help="draft curated YAML from a plan exported as text (activity cards, team, abbreviations)",
        description="Draft curated data from a plan exported as text: the activity cards (titles, subgoals, "
        "steps with timeframes, leads, parties to involve, other initiatives, intended results), the team and "
        "the list of abbreviations. A party name becomes the id of the curated party with that abbreviation, "
        "label or alt label; other names stay as text. Writes <plan>-activiteiten.yaml and <plan>.yaml and "
        "reports, with file:line, what it could not place. It never writes into data/ without --into-data, and "
        "never overwrites a file without --force.",
        epilog="example: nkc-kg draft actieplan-2026.txt --document actieplan-zeldzame-kankers-2026 "
        "--plan zeldzame-kankers-2026 -o draft/",
    )
    p.add_argument("file", help="the plan as text, e.g. ../shared/seeds/000_06674551e0d8bb76.txt")
    p.add_argument("-o", "--output", default="draft", help="folder to write to (default: draft/)")
    p.add_argument("--document", help="source document id (default: looked up by file name in data/sources.yaml)")
    p.add_argument("--plan", help="plan id (default: the plan of that document in data/)")
    p.add_argument("--first-slide", type=int, help="slide number of the text's first page (default: from page numbers)")
    p.add_argument("--force", action="store_true", help="overwrite draft files that exist")
    p.add_argument("--into-data", action="store_true", help="allow -o to point into data/ (the curated data)")
    p.add_argument("--lang", choices=["nl", "en"], default="nl")
    p.set_defaults(func=cmd_draft)
    from nkc_kg.service.diff.cli import add_parser as add_diff_parser

    add_diff_parser(sub)
    from nkc_kg.service.workbook.cli import add_parsers as add_workbook_parsers

    add_workbook_parsers(sub)
    p = sub.add_parser("completeness", help="what a plan's data lacks, with file:line (also of draft files)")
    p.add_argument("plan", help="zeldzame-kankers-2025, zeldzame-kankers-2024 or late-gevolgen-2025")
    p.add_argument("paths", nargs="*", help="draft YAML files or folders, replacing the shipped files of that name")
    p.add_argument("--lang", choices=["nl", "en"], default="nl")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_completeness)

    p = sub.add_parser("build", help="build the graph and write TriG and N-Quads")
    p.add_argument("-o", "--output", default="build")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("queries", help="list the named queries")
    p.set_defaults(func=cmd_queries)

    p = sub.add_parser("query", help="run a named query from queries/")
    p.add_argument("name")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE")
    p.add_argument("--format", choices=["csv", "tsv", "json"], default="tsv")
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("load", help="push the graph to a SPARQL 1.1 triple store, one named graph per source")
    p.add_argument("--endpoint", required=True, help="its SPARQL query endpoint, e.g. http://127.0.0.1:7878/query")
    target = p.add_mutually_exclusive_group()
    target.add_argument("--graph-store", help="Graph Store Protocol URL (default for …/query: …/store, Oxigraph)")
    target.add_argument("--update", help="SPARQL Update URL, used instead of the Graph Store Protocol")
    p.add_argument("--dataset", help="push this .nq/.trig file instead of building data/")
    p.add_argument(
        "--release", help="load this published release (a version, 'current' or its folder) and switch to it atomically"
    )
    p.add_argument("--releases", help="the releases folder (default: NKC_KG_RELEASES, else releases/)")
    p.set_defaults(func=cmd_load)

    p = sub.add_parser(
        "serve", help="serve the SPARQL endpoint and the named queries (NKC_KG_STORE=remote: over a triple store)"
    )
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=1, help="worker processes, each with its own copy of the graph")
    p.add_argument("--releases", help="serve DIR/current (nkc-kg publish) and switch when it changes (NKC_KG_RELEASES)")
    p.set_defaults(func=cmd_serve)

    from nkc_kg.service.releases.cli import add_release_commands  # publish, release-diff

    add_release_commands(sub)

    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
