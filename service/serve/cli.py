"""``nkc-kg serve`` (the service over the curated data, a dataset file, a triple store or the published
releases) and ``nkc-kg load`` (the graph, or a release, into a SPARQL 1.1 triple store that serves it).

These commands run the whole service, so they sit at the app's level: they use app.py and the releases.
"""

from __future__ import annotations

import argparse
import functools
import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING

from nkc_kg.loaders.command_line import FAILED, OK, USAGE, add_data_option, fail

if TYPE_CHECKING:
    from nkc_kg.service.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser("load", help="push the graph to a SPARQL 1.1 triple store, one named graph per source")
    p.add_argument("--endpoint", required=True, help="its SPARQL query endpoint, e.g. http://127.0.0.1:7878/query")
    target = p.add_mutually_exclusive_group()
    target.add_argument("--graph-store", help="Graph Store Protocol URL (default for …/query: …/store, Oxigraph)")
    target.add_argument("--update", help="SPARQL Update URL, used instead of the Graph Store Protocol")
    p.add_argument("--dataset", help="push this .nq/.trig file instead of building the curated data")
    p.add_argument(
        "--batch", type=int, default=1000, help="triples per request (default 1000; stores limit a request's size)"
    )
    p.add_argument(
        "--release", help="load this published release (a version, 'current' or its folder) and switch to it atomically"
    )
    p.add_argument("--releases", type=Path, help="the releases folder (default: NKC_KG_RELEASES, else releases/)")
    p.add_argument(
        "--staged",
        action="store_true",
        help="with --release: load into staging graphs and switch by MOVE even if the store's default graph is "
        "the union of its graphs (readers that name their graphs, e.g. nkc-kg serve on Virtuoso)",
    )
    add_data_option(p)
    p.set_defaults(run=cmd_load)

    p = subparsers.add_parser(
        "serve", help="serve the SPARQL endpoint and the named queries (NKC_KG_STORE=remote: over a triple store)"
    )
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=1, help="worker processes, each with its own copy of the graph")
    p.add_argument(
        "--releases", type=Path, help="serve DIR/current (nkc-kg publish) and switch when it changes (NKC_KG_RELEASES)"
    )
    add_data_option(p)
    p.set_defaults(run=cmd_serve)


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    if args.releases:
        return serve_releases(settings, args.releases, args.host, args.port, args.workers)
    if settings.releases:
        if not settings.releases.is_dir():
            return fail(
                f"NKC_KG_RELEASES={str(settings.releases)!r}: no such folder (nkc-kg publish creates it)", USAGE
            )
        return serve_releases(settings, settings.releases, args.host, args.port, args.workers)
    return serve_graph(settings, args.host, args.port, args.workers)


def serve_graph(settings: Settings, host: str, port: int, workers: int) -> int:
    """The service over the curated data (or NKC_KG_DATASET, or the remote store)."""
    from nkc_kg.service.app import create_app
    from nkc_kg.service.serve.listen import ListenError, bind, listen, serve
    from nkc_kg.service.store.embedded import StoreUnavailable

    try:
        sock = bind(host, port)  # a taken port is a clean error, before the graph loads (listen.py)
    except ListenError as exc:
        return fail(str(exc), FAILED)
    if settings.store == "remote":  # follows the release the store holds (serve/replica.py)
        from nkc_kg.service.serve.replica import serve_replica

        return serve_replica(settings, sock, host, port, workers)
    if workers > 1:
        from nkc_kg.service.serve.workers import run_workers

        # Each worker process builds its own app (and loads its own copy of the graph) from these
        # settings, so the parent does not load it at all.
        listen(sock)
        print(f"nkc-kg: {workers} workers loading the graph; serving on http://{host}:{port}/", flush=True)
        run_workers(functools.partial(create_app, settings), sock, workers)
        return OK
    try:
        app = create_app(settings)
    except StoreUnavailable as exc:
        return fail(str(exc), FAILED)
    service = app.state.service
    source = f"{settings.endpoint} ({len(service.store)} quads)" if settings.store == "remote" else "graph loaded"
    listen(sock)  # announced below only once clients can connect
    print(
        f"nkc-kg: {source} in {service.started_in:.2f} s; serving on http://{host}:{port}/ (SPARQL at /sparql)",
        flush=True,
    )
    serve(app, sock)
    return OK


def serve_releases(settings: Settings, folder: Path, host: str, port: int, workers: int) -> int:
    """`nkc-kg serve --releases DIR` (or NKC_KG_RELEASES): serve ``DIR/current`` and follow it."""
    from nkc_kg.service.releases.bundles import CURRENT, ReleaseError
    from nkc_kg.service.serve.listen import ListenError, bind, listen, serve
    from nkc_kg.service.serve.releases import ReleaseServer
    from nkc_kg.service.store.pool import QueryWorkersFailed

    if settings.store != "embedded":
        return fail(
            "serving releases needs the embedded store; for a triple store use "
            "`nkc-kg load --endpoint URL --release VERSION` and serve it with NKC_KG_STORE=remote",
            USAGE,
        )
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    try:
        sock = bind(host, port)  # a taken port is a clean error, before a release loads (listen.py)
    except ListenError as exc:
        return fail(str(exc), FAILED)
    if workers > 1:
        from nkc_kg.service.serve.workers import run_workers

        # every worker process follows `current` on its own
        listen(sock)
        print(f"nkc-kg: {workers} workers serving {folder}/{CURRENT} on http://{host}:{port}/", flush=True)
        run_workers(functools.partial(ReleaseServer, settings, folder), sock, workers)
        return OK
    began = time.perf_counter()
    try:
        server = ReleaseServer(settings, folder)
    except (ReleaseError, OSError, SyntaxError, ValueError, QueryWorkersFailed) as exc:
        return fail(f"cannot serve {folder}/{CURRENT}: {exc}", FAILED)
    loaded = server.loaded
    listen(sock)  # announced below only once clients can connect
    print(
        f"nkc-kg: release {loaded.release.version} ({len(loaded.service.store)} quads) loaded in "
        f"{time.perf_counter() - began:.2f} s; serving on http://{host}:{port}/ (SPARQL at /sparql); "
        f"following {folder}/{CURRENT} every {settings.release_poll:g} s and on SIGHUP",
        flush=True,
    )
    serve(server, sock)
    return OK


def cmd_load(args: argparse.Namespace, settings: Settings) -> int:
    from nkc_kg.service.store.embedded import EmbeddedStore
    from nkc_kg.service.store.push import LoadError, Target, push

    if args.release:
        from nkc_kg.service.releases.cli import load_release_command

        return load_release_command(args, settings)
    try:
        target = Target.derive(
            args.endpoint,
            args.graph_store,
            args.update,
            user=settings.store_user,
            password=settings.store_password,
            batch=args.batch,
            netrc_file=settings.netrc_file,
        )
    except LoadError as exc:
        return fail(str(exc), FAILED)
    if args.dataset:
        path = Path(args.dataset)
        if not path.is_file() or path.suffix not in (".nq", ".trig"):
            return fail(f"--dataset {args.dataset!r}: expected an existing .nq or .trig file", USAGE)
        store = EmbeddedStore.from_file(path)
    else:
        from nkc_kg.service.graph.cli import built_store

        built = built_store(settings)
        if built is None:
            return FAILED
        store = built[0]
    try:
        reports = push(store, target)
    except LoadError as exc:
        return fail(str(exc), FAILED)
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
        return fail("the endpoint does not hold what was pushed (see MISMATCH above)", FAILED)
    return OK
