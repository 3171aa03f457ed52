"""``nkc-kg queries`` lists the named queries of queries/; ``nkc-kg query NAME`` runs one over the curated data."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from typing import TYPE_CHECKING

from nkc_kg.loaders.command_line import FAILED, OK, USAGE, add_data_option, fail
from nkc_kg.loaders.paths import QUERIES_DIR

if TYPE_CHECKING:
    from nkc_kg.service.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser("queries", help="list the named queries")
    p.set_defaults(run=cmd_queries)

    p = subparsers.add_parser("query", help="run a named query from queries/")
    p.add_argument("name")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE")
    p.add_argument("--format", choices=["csv", "tsv", "json"], default="tsv")
    add_data_option(p)
    p.set_defaults(run=cmd_query)


def cmd_queries(args: argparse.Namespace, settings: Settings) -> int:
    from nkc_kg.service.graph.catalog import load_catalog

    for q in load_catalog(QUERIES_DIR).values():
        params = " ".join(f"--param {p.name}={p.example}" for p in q.parameters)
        print(f"{q.name}: {q.summary}\n    nkc-kg query {q.name} {params}".rstrip())
    return OK


def cmd_query(args: argparse.Namespace, settings: Settings) -> int:
    from nkc_kg.service.graph.catalog import CatalogError, ParameterError, load_catalog
    from nkc_kg.service.graph.cli import built_store
    from nkc_kg.service.graph.runner import EntityIndex, run_named

    try:
        catalog = load_catalog(QUERIES_DIR)
    except CatalogError as exc:
        return fail(str(exc), USAGE)
    if args.name not in catalog:
        return fail(f"unknown query {args.name!r}; `nkc-kg queries` lists them", USAGE)
    raw: dict[str, str] = {}
    for item in args.param:
        if "=" not in item:
            return fail(f"--param {item!r}: expected name=value", USAGE)
        key, value = item.split("=", 1)
        raw[key.strip()] = value
    built = built_store(settings)
    if built is None:
        return FAILED
    store, iris = built
    try:
        result = run_named(catalog[args.name], raw, store, EntityIndex.build(store, iris), iris)
    except ParameterError as exc:
        hint = f" (did you mean: {', '.join(exc.suggestions)}?)" if exc.suggestions else ""
        return fail(f"{exc}{hint}", USAGE)
    if args.format == "json":
        print(json.dumps([{k: str(v) for k, v in row.items()} for row in result.rows], ensure_ascii=False, indent=2))
    else:
        writer = csv.writer(sys.stdout, delimiter="\t" if args.format == "tsv" else ",")
        writer.writerow(result.variables)
        for row in result.rows:
            writer.writerow([str(row.get(v, "")) for v in result.variables])
    return OK
