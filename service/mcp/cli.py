"""``nkc-kg mcp``: the MCP server over stdio, for a desktop assistant that starts it as a subprocess.

It loads the graph as ``nkc-kg serve`` does (the NKC_KG_* settings: the curated data, a dataset
file, a remote store, or the current release of NKC_KG_RELEASES) and answers with the same
questions, limits and SPARQL worker processes. stdout carries the protocol only: the SDK's
transport diverts everything else written there to stderr while it serves.
"""

from __future__ import annotations

import argparse
import dataclasses

import anyio
from nkc_kg.loaders.command_line import FAILED, USAGE, fail
from nkc_kg.service.settings import Settings

DESCRIPTION = (
    "Serve the question catalogue to an AI assistant over the Model Context Protocol on stdin/stdout: one tool "
    "per question of queries/, search, describe and read-only sparql; plans, subgoals, parties and abbreviation "
    "lists as resources; prompts. The graph is loaded as `nkc-kg serve` loads it (NKC_KG_* settings). "
    "The running service offers the same at /mcp (streamable HTTP)."
)


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser(
        "mcp", help="serve the questions to an AI assistant over MCP (stdio)", description=DESCRIPTION
    )
    p.add_argument(
        "--site",
        help="the address of the service whose pages the answers link to, e.g. https://nkc-kg.example.org "
        "(default: page paths without an address)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from nkc_kg.service.graph.plan_data import PlanData
    from nkc_kg.service.graph.provenance import Provenance
    from nkc_kg.service.graph.served import load_service
    from nkc_kg.service.mcp.backend import Backend
    from nkc_kg.service.questions.catalogue import Questions
    from nkc_kg.service.store.embedded import StoreUnavailable
    from nkc_kg.service.store.pool import QueryPool

    site = args.site
    if site and not site.startswith(("http://", "https://")):
        return fail(f"mcp --site {site[:100]!r}: expected an http:// or https:// address", USAGE)
    try:
        settings = _with_release(settings)
    except (OSError, ValueError) as exc:
        return fail(str(exc), USAGE)
    try:
        service = load_service(settings)
    except StoreUnavailable as exc:
        return fail(str(exc), FAILED)
    try:
        data = PlanData(service.store, service.iris, service.index)
        provenance = Provenance(service.store, service.iris)
        questions = Questions(service.catalog, service.store, service.iris, service.index, data, provenance)
        backend = Backend(
            questions,
            service.sparql_answerer,
            settings.query_timeout,
            settings.result_limit,
            site=site.rstrip("/") if site else None,
        )
        anyio.run(_serve, backend)
    except KeyboardInterrupt:
        return 130
    finally:
        if isinstance(service.sparql, QueryPool):
            service.sparql.close()
    return 0


def _with_release(settings: Settings) -> Settings:
    """With NKC_KG_RELEASES: the dataset of the release ``current`` points at (read once, not followed)."""
    if settings.releases is None:
        return settings
    from nkc_kg.service.releases.bundles import CURRENT, ReleaseError, read_release

    try:
        release = read_release(settings.releases, CURRENT)
    except ReleaseError as exc:
        raise ValueError(f"cannot serve {settings.releases}/{CURRENT}: {exc}") from None
    problems = release.verify()  # as `serve --releases` checks a release before serving it
    if problems:
        raise ValueError(f"release {release.version} does not match its checksums: {'; '.join(problems[:5])}")
    return dataclasses.replace(settings, store="embedded", dataset=release.file("nkc-kg.nq"))


async def _serve(backend: object) -> None:
    from mcp.server.stdio import stdio_server
    from nkc_kg.service.mcp.backend import Backend
    from nkc_kg.service.mcp.server import build_server

    assert isinstance(backend, Backend)
    server = build_server(backend)
    async with stdio_server() as (read_stream, write_stream):
        await server.run(read_stream, write_stream, server.create_initialization_options())
