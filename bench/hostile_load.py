"""The load check of issue 19: REST clients keep being served while hostile queries and uploads arrive.

    uv run python bench/hostile_load.py [--clients 64] [--seconds 30] [--route /api/plans]

Starts `nkc-kg serve` (default settings) on a free loopback port, then for ``--seconds``: ``--clients``
concurrent clients request ``--route`` as fast as they get answers, while other clients send what the
findings of issue 19 describe (SERVICE behind a no-break space, 10,000 nested braces, a 1 MiB query of
escaped quotes, a 100 MB declared body, a YAML alias bomb, a billion-laughs RDF/XML, a JSON-LD with a
remote context, empty bodies, more uploads than validation slots). It prints the REST route's
requests, errors and latency, what the hostile requests were answered, and the service's resident
memory (its own process, and with its workers) before, and after it settled. Exit status 1 if the
REST route had an error or the service's memory ended more than 50 MiB above where it started.
All traffic is on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, suppress

import httpx
import psutil

MIB = 1024 * 1024
ALIAS_BOMB = (
    "a: &a ["
    + ",".join(["x"] * 10)
    + "]\n"
    + "".join(f"b{i}: &b{i} [" + ",".join([f"*{'a' if i == 0 else f'b{i - 1}'}"] * 10) + "]\n" for i in range(6))
).encode()
BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
    + b"".join(
        b'<!ENTITY %s "%s">' % (f"e{i}".encode(), (b"&" + (b"a" if i == 0 else f"e{i - 1}".encode()) + b";") * 10)
        for i in range(8)
    )
    + b']><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    b'rdf:about="http://example.org/a"><rdf:value>&e7;</rdf:value></rdf:Description></rdf:RDF>'
)


def hostile_requests(url: str) -> list[tuple[str, dict[str, object]]]:
    sparql = {"content-type": "application/sparql-query"}
    return [
        (
            "service",
            {
                "method": "GET",
                "url": f"{url}/sparql",
                "params": {
                    "query": "SELECT * WHERE { BIND(<http://x/\u00a0#> AS ?a) "
                    "SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
                },
            },
        ),
        (
            "deep",
            {
                "method": "POST",
                "url": f"{url}/sparql",
                "headers": sparql,
                "content": "SELECT * WHERE " + "{" * 10_000 + "}" * 10_000,
            },
        ),
        (
            "quotes 1 MiB",
            {
                "method": "POST",
                "url": f"{url}/sparql",
                "headers": sparql,
                "content": 'SELECT * WHERE { ?s ?p "' + '\\"' * (512 * 1024 - 16),
            },
        ),
        (
            "chain",
            {
                "method": "POST",
                "url": f"{url}/sparql",
                "headers": sparql,
                "content": "ASK { FILTER(" + "!" * 40_000 + "true) }",
            },
        ),
        (
            "yaml bomb",
            {
                "method": "POST",
                "url": f"{url}/api/validate",
                "content": ALIAS_BOMB,
                "headers": {"content-type": "application/yaml"},
            },
        ),
        (
            "billion laughs",
            {
                "method": "POST",
                "url": f"{url}/api/validate",
                "content": BILLION_LAUGHS,
                "headers": {"content-type": "application/rdf+xml"},
            },
        ),
        (
            "json-ld context",
            {
                "method": "POST",
                "url": f"{url}/api/validate",
                "headers": {"content-type": "application/ld+json"},
                "content": b'{"@context": "http://127.0.0.1:9/ctx", "@id": "http://e/a"}',
            },
        ),
        (
            "empty",
            {
                "method": "POST",
                "url": f"{url}/api/validate",
                "content": b"",
                "headers": {"content-type": "text/turtle"},
            },
        ),
        (
            "turtle",
            {
                "method": "POST",
                "url": f"{url}/api/validate",
                "content": b"@prefix ex: <http://e/> . ex:a ex:b ex:c .",
                "headers": {"content-type": "text/turtle"},
            },
        ),
    ]


def declared_huge_body(port: int) -> str:
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall(
            b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
            b"Content-Length: 100000000\r\n\r\n"
        )
        return conn.recv(64).split(b"\r\n")[0].decode()


def memory(pid: int) -> tuple[float, float]:
    """Resident MiB of the service's process, and of it with its children (SPARQL workers, validations)."""
    process = psutil.Process(pid)
    own = process.memory_info().rss
    children = 0
    for child in process.children(recursive=True):
        with suppress(psutil.NoSuchProcess):
            children += child.memory_info().rss
    return own / MIB, (own + children) / MIB


@contextmanager
def service() -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "nkc_kg.service.cli", "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            try:
                health = httpx.get(f"{url}/health", timeout=5).json()
                if health.get("sparqlWorkersIdle", 0) >= 2:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        yield url, proc
    finally:
        proc.terminate()  # graceful: a validation still running keeps it up for a while
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(30)


async def rest_clients(url: str, route: str, clients: int, seconds: float) -> tuple[int, Counter[str], list[float]]:
    errors: Counter[str] = Counter()
    latencies: list[float] = []
    stop = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:

        async def one_client() -> None:
            while time.monotonic() < stop:
                began = time.monotonic()
                try:
                    response = await client.get(route)
                    if response.status_code != 200:
                        errors[f"HTTP {response.status_code}"] += 1
                except httpx.HTTPError as exc:
                    errors[type(exc).__name__] += 1
                latencies.append(time.monotonic() - began)

        await asyncio.gather(*(one_client() for _ in range(clients)))
    return len(latencies), errors, latencies


def hostile_clients(url: str, port: int, seconds: float, answers: Counter[str]) -> None:
    stop = time.monotonic() + seconds
    requests = hostile_requests(url)
    with httpx.Client(timeout=30) as client:  # a legitimate validation may take longer: not waited for
        while time.monotonic() < stop:
            for name, request in requests:
                try:
                    status = client.request(**request).status_code  # type: ignore[arg-type]
                    answers[f"{name}: {status}"] += 1
                except httpx.HTTPError as exc:
                    answers[f"{name}: {type(exc).__name__}"] += 1
            answers[f"100 MB declared: {declared_huge_body(port)}"] += 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--route", default="/api/plans")
    parser.add_argument("--hostile", type=int, default=3, help="concurrent senders of hostile requests")
    args = parser.parse_args()
    with service() as (url, proc):
        port = int(url.rsplit(":", 1)[1])
        httpx.get(f"{url}{args.route}", timeout=60)  # warm the route's caches
        # one validation first: it starts the server validations are forked from, which stays
        warm = httpx.post(
            f"{url}/api/validate", content=b"@prefix : <x", headers={"content-type": "text/turtle"}, timeout=600
        )
        assert warm.status_code == 400, warm.text
        children_before = len(psutil.Process(proc.pid).children(recursive=True))
        own_before, all_before = memory(proc.pid)
        answers: Counter[str] = Counter()
        senders = [
            threading.Thread(target=hostile_clients, args=(url, port, args.seconds, answers))
            for _ in range(args.hostile)
        ]
        for sender in senders:
            sender.start()
        count, errors, latencies = asyncio.run(rest_clients(url, args.route, args.clients, args.seconds))
        for sender in senders:
            sender.join()
        settle = time.monotonic() + 600  # the validations still running end, killed SPARQL workers are replaced
        while len(psutil.Process(proc.pid).children(recursive=True)) > children_before and time.monotonic() < settle:
            time.sleep(1)
        time.sleep(2)
        own_after, all_after = memory(proc.pid)
        alive = proc.poll() is None
        latencies.sort()
        print(
            f"REST {args.route}: {count} requests by {args.clients} clients in {args.seconds:g} s, "
            f"errors: {dict(errors) or 0}; latency p50 {statistics.median(latencies) * 1000:.0f} ms, "
            f"p99 {latencies[int(len(latencies) * 0.99)] * 1000:.0f} ms"
        )
        print("hostile requests answered:")
        for key, n in sorted(answers.items()):
            print(f"  {key} ×{n}")
        print(
            f"service memory: own {own_before:.0f} -> {own_after:.0f} MiB ({own_after - own_before:+.0f}); "
            f"with workers {all_before:.0f} -> {all_after:.0f} MiB ({all_after - all_before:+.0f}); "
            f"{'alive' if alive else 'DEAD'}"
        )
    ok = not errors and alive and own_after - own_before <= 50
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    raise SystemExit(main())
