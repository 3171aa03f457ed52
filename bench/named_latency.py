"""Time every named query of the catalog with its example parameters, in-process on the store.

Prints one JSON object: load time, quads, and per query the median of ``--repeat`` runs in ms
(fewer for a query that takes more than ``--budget`` seconds in all).

    uv run python bench/named_latency.py build/bench/x1000.nq [--store-dir build/bench/stores]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from nkc_kg.loaders.iris import Iris
from nkc_kg.loaders.paths import QUERIES_DIR
from nkc_kg.service.graph.catalog import load_catalog
from nkc_kg.service.graph.runner import EntityIndex, run_named
from nkc_kg.service.store.embedded import EmbeddedStore


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("dataset", type=Path, help="an .nq/.trig file, or an on-disk store folder")
    parser.add_argument("--store-dir", type=Path, help="load the dataset into an on-disk store here (NKC_KG_STORE_DIR)")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--budget", type=float, default=5, help="seconds per query before it stops repeating")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    store = EmbeddedStore.on_disk(args.dataset, args.store_dir) if args.store_dir else EmbeddedStore.open(args.dataset)
    iris = Iris()
    index = EntityIndex.build(store, iris)
    loaded = time.perf_counter() - began
    queries: dict[str, dict[str, float | int]] = {}
    for query in load_catalog(QUERIES_DIR).values():
        params = {p.name: str(p.example) for p in query.parameters}
        warm_start = time.perf_counter()  # a warm-up run, which also gives the answer's size
        rows = len(run_named(query, params, store, index, iris).rows)
        warm_s = time.perf_counter() - warm_start
        times: list[float] = []
        budget_end = time.perf_counter() + args.budget
        # at least 3 runs (1 if one run takes a third of the budget): a query far over any target
        # stops early instead of holding the whole run up
        minimum = 1 if warm_s > args.budget / 3 else 3
        while len(times) < args.repeat and (len(times) < minimum or time.perf_counter() < budget_end):
            start = time.perf_counter()
            run_named(query, params, store, index, iris)
            times.append((time.perf_counter() - start) * 1000)
        queries[query.name] = {
            "runs": len(times),
            "median_ms": round(statistics.median(times), 3),
            "max_ms": round(max(times), 3),
            "rows": rows,
        }
    print(json.dumps({"quads": len(store), "load_s": round(loaded, 2), "repeat": args.repeat, "queries": queries}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
