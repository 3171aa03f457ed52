"""The ceiling of the Python layer: a minimal FastAPI app whose one route returns fixed JSON bytes.

bench/run.py fetches the REST answer of the benchmark's question from nkc-kg, writes its bytes to a
file and starts this app on the same uvicorn, with the same worker count and log level, so the two
differ only in what nkc-kg does per request (routing over all its routes, parameter checks, the answer
cache, response building, middleware):

    BENCH_CEILING_BODY=answer.json uvicorn --factory bench.ceiling:app --port 8001 --log-level warning
"""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import Response


def app() -> FastAPI:
    body = Path(os.environ["BENCH_CEILING_BODY"]).read_bytes()
    ceiling = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)

    @ceiling.get("/api/plans/{plan}/subgoals/{n}/parties")
    async def parties(plan: str, n: str) -> Response:
        return Response(body, media_type="application/json")

    @ceiling.get("/health")
    async def health() -> Response:
        return Response(b'{"status":"ok"}', media_type="application/json")

    return ceiling
