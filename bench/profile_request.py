"""Where a cached REST answer's time goes, in-process (ASGI calls, no HTTP, no load generator).

    uv run python bench/profile_request.py [--requests 3000] [--profile]

Times one GET of the benchmark's REST question three ways, per request: answered by the outermost
middleware from the kept answer (web/cached_answers.py: what a repeated request gets); routed, with
FastAPI's routing over every route, the dependencies, the parameter checks and the route's own answer
cache (a query string that differs per request makes the middleware miss); and the ceiling, a minimal
FastAPI app returning the same bytes (bench/ceiling.py). ``--profile`` prints the functions that take
the routed path's time.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import itertools
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PATH = "/api/plans/zeldzame-kankers-2025/subgoals/5/parties"
UNIQUE = itertools.count()  # a query string never asked before: the middleware has not kept its answer


def scope(query: bytes = b"") -> dict[str, Any]:
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": PATH,
        "raw_path": PATH.encode(),
        "query_string": query,
        "root_path": "",
        "headers": [(b"host", b"127.0.0.1:8000"), (b"accept", b"*/*")],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
        "state": {},
    }


async def call(app: Any, request: dict[str, Any]) -> list[dict[str, Any]]:
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(request, receive, send)
    return sent


async def per_request(app: Any, requests: int, vary: bool) -> float:
    """Microseconds per request; ``vary``: a query string of its own per request (the middleware misses)."""
    await call(app, scope())
    began = time.perf_counter()
    for _ in range(requests):
        await call(app, scope(f"r={next(UNIQUE)}".encode() if vary else b""))
    return (time.perf_counter() - began) / requests * 1e6


async def main_async(args: argparse.Namespace) -> None:
    os.environ.setdefault("NKC_KG_DATASET", str(ROOT / "build" / "nkc-kg.nq"))
    os.environ["NKC_KG_SPARQL_WORKERS"] = "0"
    sys.path.insert(0, str(ROOT))
    from nkc_kg.service.app import create_app
    from nkc_kg.service.settings import Settings

    from bench.ceiling import app as ceiling_app

    app = create_app(Settings.from_env())
    sent = await call(app, scope())
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as answer:
        answer.write(body)
    os.environ["BENCH_CEILING_BODY"] = answer.name
    ceiling = ceiling_app()
    print(f"answer: HTTP {sent[0]['status']}, {len(body):,} bytes; load average {os.getloadavg()[0]:.1f}")
    for _ in range(2):
        kept = await per_request(app, args.requests, vary=False)
        routed = await per_request(app, args.requests, vary=True)
        floor = await per_request(ceiling, args.requests, vary=False)
        print(
            f"µs per request: kept answer {kept:,.0f} · routed {routed:,.0f} · ceiling (minimal FastAPI) {floor:,.0f}"
        )
    os.unlink(answer.name)
    if args.profile:
        profile = cProfile.Profile()
        profile.enable()
        await per_request(app, args.requests, vary=True)
        profile.disable()
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--profile", action="store_true")
    asyncio.run(main_async(parser.parse_args(argv)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
