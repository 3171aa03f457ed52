"""One command for the whole benchmark: same data, same load generator (wrk) on loopback.

    uv run python bench/run.py --scales 1,100,1000 --duration 10 [--soak 600]

For each scale it generates the dataset (bench/generate.py), then starts, one at a time, nkc-kg serve
(1 and 2 workers), the ceiling of the Python layer (bench/ceiling.py: a minimal FastAPI route returning
the REST answer's bytes, on the same uvicorn with the same worker counts), in-memory ``oxigraph serve
--union-default-graph`` answering the query with its parameters in VALUES (the strongest configuration
a user of Oxigraph would pick), ``oxigraph serve-read-only`` on disk, and rdflib-endpoint, all on the
same N-Quads, and drives each with wrk at 1, 8 and 64 connections: the REST endpoint, the named-query
route and /sparql with the parties-in-subgoal query. It also records start-up time, peak RSS, the load
average of the machine before each server, and the in-process latency of every named query. Results go
to bench/results/<date>.json and BENCHMARKS.md (``--render results.json`` redraws the markdown only;
sections of BENCHMARKS.md this script does not write, such as ``## Validation``, are kept).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import re
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
DATA = ROOT / "build" / "bench"
STORES = DATA / "stores"  # nkc-kg's on-disk stores (NKC_KG_STORE_DIR)
RESULTS = BENCH / "results"
WRK = shutil.which("wrk") or "/usr/bin/wrk"
BIN = Path(sys.executable).parent
PLAN = "zeldzame-kankers-2025"
SUBGOAL = 5
PARTIES_QUERY = ROOT / "queries" / "parties-in-subgoal.rq"
SPARQL_JSON = "application/sparql-results+json"


def parties_sparql() -> str:
    """The benchmark's query text: parties-in-subgoal with the parameters written in as constants."""
    text = "\n".join(
        line for line in PARTIES_QUERY.read_text(encoding="utf-8").splitlines() if not line.startswith("#+")
    )
    head, where, body = text.partition("WHERE {")
    plan = f"<https://w3id.org/nkc-kg/plan/{PLAN}>"
    # constants in the pattern itself (a VALUES block would be the slow binding path on pyoxigraph)
    head = head.replace("?plan ?subgoal", f"({plan} AS ?plan) ({SUBGOAL} AS ?subgoal)", 1)
    # the pattern only: ORDER BY keeps ?plan and ?subgoal, the constants the SELECT now names
    pattern, order, ordering = body.partition("ORDER BY")
    pattern = re.sub(r"\?subgoal\b", str(SUBGOAL), re.sub(r"\?plan\b", plan, pattern))
    return head + where + pattern + order + ordering


def parties_sparql_values() -> str:
    """The same query with its parameters in a VALUES block, as a SPARQL client binds them."""
    text = "\n".join(
        line for line in PARTIES_QUERY.read_text(encoding="utf-8").splitlines() if not line.startswith("#+")
    )
    head, where, body = text.partition("WHERE {")
    values = f"\n  VALUES (?plan ?subgoal) {{ (<https://w3id.org/nkc-kg/plan/{PLAN}> {SUBGOAL}) }}"
    return head + where + values + body


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def http(
    url: str, data: bytes | None = None, headers: dict[str, str] | None = None, timeout: float = 30
) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, b""


def tree_rss(proc: psutil.Process) -> tuple[float, float]:
    """(current, peak) resident memory of a process and its children, MiB (peak from VmHWM)."""
    current = peak = 0.0
    for p in [proc, *proc.children(recursive=True)]:
        with contextlib.suppress(psutil.Error, OSError):
            current += p.memory_info().rss
            for line in Path(f"/proc/{p.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak += int(line.split()[1]) * 1024
    return current / 2**20, peak / 2**20


@dataclass
class Target:
    name: str  # what is asked: rest, named, sparql
    path: str
    method: str = "GET"
    body: str | None = None
    content_type: str | None = None
    accept: str | None = None


@dataclass
class Server:
    name: str
    command: list[str]
    health: str  # path that answers 200 when ready
    targets: list[Target]
    env: dict[str, str] = field(default_factory=dict)
    start_budget: float = 120.0
    note: str = ""
    load: Path | None = None  # N-Quads POSTed to /store once the server is up (an in-memory oxigraph)
    body_from: str | None = None  # the server that must have answered first (the ceiling replays its bytes)


def nkc_targets(sparql: str) -> list[Target]:
    return [
        Target("rest", f"/api/plans/{PLAN}/subgoals/{SUBGOAL}/parties"),
        Target("named", f"/api/queries/parties-in-subgoal?plan={PLAN}&subgoal={SUBGOAL}"),
        Target("sparql", "/sparql", "POST", sparql, "application/sparql-query", SPARQL_JSON),
    ]


@contextlib.contextmanager
def running(server: Server, port: int, log: Path) -> Iterator[tuple[psutil.Process | None, float]]:
    """Start the server, wait for its health path; yields (process, seconds to ready) or (None, budget)."""
    command = [part.replace("{port}", str(port)) for part in server.command]
    env = {**os.environ, **server.env}
    with log.open("w") as out:
        began = time.perf_counter()
        popen = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True)
        proc = psutil.Process(popen.pid)
        ready: float | None = None
        try:
            while time.perf_counter() - began < server.start_budget and popen.poll() is None:
                status, _ = http(f"http://127.0.0.1:{port}{server.health}", timeout=5)
                if status == 200:
                    ready = time.perf_counter() - began
                    break
                time.sleep(0.02)
            yield (proc if ready is not None else None), (ready if ready is not None else server.start_budget)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(popen.pid, 15)
            try:
                popen.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(popen.pid, 9)
                popen.wait()


def wrk(url: str, target: Target, connections: int, duration: float, timeout: float = 10) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("w", suffix=".rq", delete=False) as body:
        body.write(target.body or "")
    env = {
        **os.environ,
        "BENCH_METHOD": target.method,
        "BENCH_BODY_FILE": body.name if target.body else "",
        "BENCH_CONTENT_TYPE": target.content_type or "",
        "BENCH_ACCEPT": target.accept or "",
    }
    command = [
        WRK,
        f"-t{min(connections, 2)}",
        f"-c{connections}",
        f"-d{duration:g}s",
        f"--timeout={timeout:g}s",
        "-s",
        str(BENCH / "wrk_report.lua"),
        url,
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=duration + timeout + 30)
    finally:
        os.unlink(body.name)
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("BENCH_JSON ")), None)
    if line is None:
        return {"error": (done.stderr or done.stdout)[-500:]}
    raw = json.loads(line[len("BENCH_JSON ") :])
    seconds = raw["duration_us"] / 1e6
    errors = sum(raw[k] for k in ("connect_errors", "read_errors", "write_errors", "status_errors", "timeouts"))
    return {
        "rps": round(raw["requests"] / seconds, 1) if seconds else 0.0,
        "requests": raw["requests"],
        "p50_ms": raw["p50_us"] / 1000,
        "p90_ms": raw["p90_us"] / 1000,
        "p99_ms": raw["p99_us"] / 1000,
        "max_ms": raw["max_us"] / 1000,
        "errors": errors,
        "raw": raw,
    }


def answer_rows(status: int, body: bytes) -> int | None:
    """Rows in a named-query or SPARQL JSON answer (a check that every server answers the same)."""
    if status != 200:
        return None
    with contextlib.suppress(ValueError, KeyError, TypeError):
        data = json.loads(body)
        if "results" in data:
            return len(data["results"]["bindings"])
        for key in ("rows", "parties", "items"):
            if isinstance(data.get(key), list):
                return len(data[key])
        if isinstance(data, list):
            return len(data)
    return -1


def probe(base: str, target: Target) -> tuple[int, int | None]:
    headers = {k: v for k, v in (("Content-Type", target.content_type), ("Accept", target.accept)) if v}
    data = target.body.encode() if target.body is not None else None
    status, body = http(base + target.path, data=data, headers=headers, timeout=120)
    return status, answer_rows(status, body)


def generate(scale: int) -> Path:
    if scale == 1:
        return ROOT / "build" / "nkc-kg.nq"
    out = DATA / f"x{scale}.nq"
    if not out.exists():
        subprocess.run([sys.executable, str(BENCH / "generate.py"), "--scale", str(scale), "-o", str(out)], check=True)
    return out


def servers_for(dataset: Path, scale: int, args: argparse.Namespace) -> list[Server]:
    sparql = parties_sparql()
    env = {"NKC_KG_DATASET": str(dataset)}
    if scale > args.sparql_workers_max_scale:
        # each /sparql worker process holds a copy of the graph: at 1,000× that is 5 GiB a copy
        env["NKC_KG_SPARQL_WORKERS"] = "0"
    nkc = [BIN / "nkc-kg", "serve", "--port", "{port}"]
    ox_store = DATA / f"oxigraph-x{scale}"
    ceiling = [str(BIN / "uvicorn"), "--factory", "bench.ceiling:app", "--port", "{port}", "--log-level", "warning"]
    ceiling_env = {"BENCH_CEILING_BODY": str(ceiling_body(scale)), "PYTHONPATH": str(ROOT)}
    ceiling_target = [Target("ceiling", f"/api/plans/{PLAN}/subgoals/{SUBGOAL}/parties")]
    values = parties_sparql_values()
    result = [
        Server("nkc-kg (1 worker)", [str(c) for c in nkc], "/health", nkc_targets(sparql), env, args.start_budget),
        Server(
            "nkc-kg (2 workers)",
            [*(str(c) for c in nkc), "--workers", "2"],
            "/health",
            nkc_targets(sparql),
            env,
            args.start_budget,
        ),
        Server("ceiling (1 worker)", ceiling, "/health", ceiling_target, ceiling_env, body_from="nkc-kg (1 worker)"),
        Server(
            "ceiling (2 workers)",
            [*ceiling, "--workers", "2"],
            "/health",
            ceiling_target,
            ceiling_env,
            body_from="nkc-kg (1 worker)",
        ),
        Server(
            "oxigraph serve (memory)",
            [str(BIN / "oxigraph"), "serve", "--union-default-graph", "--bind", "127.0.0.1:{port}"],
            "/",
            [Target("values", "/query", "POST", values, "application/sparql-query", SPARQL_JSON)],
            start_budget=args.start_budget,
            load=dataset,
        ),
        Server(
            "oxigraph serve",
            [str(BIN / "oxigraph"), "serve-read-only", "--location", str(ox_store), "--bind", "127.0.0.1:{port}"],
            "/",
            # the union default graph per request, as nkc-kg answers it
            [Target("sparql", "/query?union-default-graph", "POST", sparql, "application/sparql-query", SPARQL_JSON)],
            start_budget=args.start_budget,
        ),
        Server(
            "rdflib-endpoint",
            [str(BIN / "rdflib-endpoint"), "serve", str(dataset), "--host", "127.0.0.1", "--port", "{port}"],
            "/",  # rdflib-endpoint answers SPARQL at its root
            [Target("sparql", "/", "POST", sparql, "application/sparql-query", SPARQL_JSON)],
            start_budget=args.rdflib_budget,
        ),
    ]
    if scale > 1:
        # the same service with its store on disk (NKC_KG_STORE_DIR), built beforehand by store_load
        result.insert(
            1,
            Server(
                "nkc-kg (on disk)",
                [str(c) for c in nkc],
                "/health",
                nkc_targets(sparql),
                {"NKC_KG_DATASET": str(dataset), "NKC_KG_STORE_DIR": str(STORES)},
                args.start_budget,
            ),
        )
    if scale > args.two_workers_max_scale:
        result = [s for s in result if "(2 workers)" not in s.name]
    return [s for s in result if s.name.split()[0] in args.servers]


def ceiling_body(scale: int) -> Path:
    """Where the REST answer of nkc-kg (1 worker) is written for the ceiling to return."""
    return RESULTS / "logs" / f"x{scale}-rest-answer.json"


def load_over_http(base: str, dataset: Path) -> float:
    """POST the N-Quads to an in-memory oxigraph's /store; seconds taken."""
    began = time.perf_counter()
    status, body = http(
        f"{base}/store", data=dataset.read_bytes(), headers={"Content-Type": "application/n-quads"}, timeout=3600
    )
    if status not in (200, 201, 204):
        raise RuntimeError(f"loading {dataset} into oxigraph: HTTP {status} {body[:200]!r}")
    return round(time.perf_counter() - began, 2)


def oxigraph_load(dataset: Path, scale: int) -> float | None:
    """Load the dataset into an on-disk oxigraph store once per scale; seconds taken (None if already there)."""
    location = DATA / f"oxigraph-x{scale}"
    marker = location / ".bench-loaded"
    if marker.exists() and marker.read_text() == f"{dataset}:{dataset.stat().st_mtime_ns}":
        return None
    shutil.rmtree(location, ignore_errors=True)
    location.parent.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    subprocess.run(
        [str(BIN / "oxigraph"), "load", "--location", str(location), "--file", str(dataset)],
        check=True,
        capture_output=True,
    )
    marker.write_text(f"{dataset}:{dataset.stat().st_mtime_ns}")
    return round(time.perf_counter() - began, 2)


def start_times(server: Server, log: Path, count: int) -> list[float]:
    """Seconds from process start to /health 200, for ``count`` more starts of the server."""
    times = []
    for _ in range(count):
        with running(server, free_port(), log.with_suffix(".again.log")) as (proc, ready_s):
            if proc is not None:
                times.append(ready_s)
    return times


def wait_for_sparql_workers(base: str, budget: float) -> float | None:
    """Seconds until /health reports idle SPARQL workers in every answer of 10 in a row (with --workers 2,
    each uvicorn process has its own), so that no run measures workers still loading the graph. None when
    the service answers /sparql in-process."""
    began = time.perf_counter()
    in_a_row = 0
    while time.perf_counter() - began < budget:
        status, body = http(f"{base}/health", timeout=5)
        health = json.loads(body) if status == 200 else {}
        if "sparqlWorkersIdle" not in health:
            return None
        in_a_row = in_a_row + 1 if health["sparqlWorkersIdle"] > 0 else 0
        if in_a_row >= 10:
            return time.perf_counter() - began
        time.sleep(0.1)
    return None


def store_load(dataset: Path) -> float:
    """Build nkc-kg's on-disk store of the dataset (once per version of the file); seconds taken."""
    began = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from nkc_kg.service.store.embedded import EmbeddedStore; "
            "EmbeddedStore.on_disk(Path(sys.argv[1]), Path(sys.argv[2]))",
            str(dataset),
            str(STORES),
        ],
        check=True,
    )
    return round(time.perf_counter() - began, 2)


def bench_scale(scale: int, args: argparse.Namespace) -> dict[str, Any]:
    began = time.perf_counter()
    dataset = generate(scale)
    quads = sum(1 for _ in dataset.open("rb"))
    out: dict[str, Any] = {"dataset": str(dataset.relative_to(ROOT)), "quads": quads, "servers": {}, "runs": []}
    out["date"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    out["generate_s"] = round(time.perf_counter() - began, 2)
    logs = RESULTS / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    for server in servers_for(dataset, scale, args):
        entry: dict[str, Any] = {}
        out["servers"][server.name] = entry
        if server.name == "oxigraph serve":
            entry["load_s"] = oxigraph_load(dataset, scale)
        if server.name == "nkc-kg (on disk)":
            entry["load_s"] = store_load(dataset)
        if server.body_from and not ceiling_body(scale).is_file():
            entry["skipped"] = f"no REST answer of {server.body_from} to return"
            continue
        if server.name == "rdflib-endpoint" and scale > args.rdflib_max_scale:
            entry["skipped"] = f"not run above {args.rdflib_max_scale}× (load would not finish within the budget)"
            continue
        port = free_port()
        log = logs / f"x{scale}-{server.name.split()[0]}-{len(out['servers'])}.log"
        entry["load_average"] = [round(x, 2) for x in os.getloadavg()]
        print(f"[x{scale}] starting {server.name} on :{port} (load average {entry['load_average']})", flush=True)
        with running(server, port, log) as (proc, ready_s):
            if proc is None:
                entry["skipped"] = f"not ready within {ready_s:g} s (see {log.relative_to(ROOT)})"
                print(f"[x{scale}] {server.name}: {entry['skipped']}", flush=True)
                continue
            entry["startup_s"] = round(ready_s, 3)
            if scale == 1 and server.name.startswith("nkc-kg") and args.startup_samples > 1:
                samples = [ready_s, *start_times(server, log, args.startup_samples - 1)]
                entry["startup_samples_s"] = [round(x, 3) for x in samples]
                entry["startup_s"] = round(statistics.median(samples), 3)
            base = f"http://127.0.0.1:{port}"
            if server.load is not None:
                entry["load_s"] = load_over_http(base, server.load)
            workers_s = wait_for_sparql_workers(base, args.start_budget)
            if workers_s is not None:
                entry["sparql_workers_ready_s"] = round(ready_s + workers_s, 3)
            entry["rss_after_start_mib"] = round(tree_rss(proc)[0], 1)
            if server.name == "nkc-kg (1 worker)":
                status, body = http(base + server.targets[0].path, timeout=120)
                if status == 200:
                    ceiling_body(scale).write_bytes(body)
            for target in server.targets:
                status, rows = probe(base, target)
                entry.setdefault("probe", {})[target.name] = {"status": status, "rows": rows}
                if status != 200:
                    print(f"[x{scale}] {server.name} {target.name}: HTTP {status}, not benchmarked", flush=True)
                    continue
                wrk(base + target.path, target, 8, args.warmup)
                for connections in args.connections:
                    result = wrk(base + target.path, target, connections, args.duration)
                    result.update(server=server.name, target=target.name, connections=connections)
                    out["runs"].append(result)
                    print(
                        f"[x{scale}] {server.name:<20} {target.name:<7} c={connections:<3} "
                        f"{result.get('rps', 0):>8} req/s  p50 {result.get('p50_ms', '-')} ms  "
                        f"p99 {result.get('p99_ms', '-')} ms  errors {result.get('errors', result.get('error'))}",
                        flush=True,
                    )
            entry["peak_rss_mib"] = round(tree_rss(proc)[1], 1)
    if args.named_latency:
        print(f"[x{scale}] named queries in-process", flush=True)
        done = subprocess.run(
            [sys.executable, str(BENCH / "named_latency.py"), str(dataset), "--repeat", str(args.repeat)],
            capture_output=True,
            text=True,
            timeout=args.named_budget,
        )
        out["named_latency"] = json.loads(done.stdout) if done.returncode == 0 else {"error": done.stderr[-500:]}
        if scale > 1:
            print(f"[x{scale}] named queries in-process, store on disk", flush=True)
            store_load(dataset)
            done = subprocess.run(
                [
                    sys.executable,
                    str(BENCH / "named_latency.py"),
                    str(dataset),
                    "--store-dir",
                    str(STORES),
                    "--repeat",
                    str(args.repeat),
                ],
                capture_output=True,
                text=True,
                timeout=args.named_budget,
            )
            out["named_latency_disk"] = (
                json.loads(done.stdout) if done.returncode == 0 else {"error": done.stderr[-500:]}
            )
    return out


def soak(seconds: float, args: argparse.Namespace) -> dict[str, Any]:
    """32 clients against the REST endpoint (or the named-query route) for ``seconds``; RSS every 10 s."""
    dataset = generate(1)
    server = servers_for(dataset, 1, argparse.Namespace(**{**vars(args), "servers": ["nkc-kg"]}))[0]
    port = free_port()
    (RESULTS / "logs").mkdir(parents=True, exist_ok=True)
    with running(server, port, RESULTS / "logs" / "soak.log") as (proc, ready_s):
        if proc is None:
            return {"error": f"not ready within {ready_s:g} s"}
        base = f"http://127.0.0.1:{port}"
        wait_for_sparql_workers(base, args.start_budget)
        target = next(t for t in server.targets if probe(base, t)[0] == 200)
        # the baseline is the service at work: its SPARQL workers loaded, a warm-up run behind it
        wrk(base + target.path, target, 32, args.warmup)
        samples: list[tuple[float, float]] = []
        stop = threading.Event()

        def sample() -> None:
            began = time.perf_counter()
            while not stop.is_set():
                samples.append((round(time.perf_counter() - began, 1), round(tree_rss(proc)[0], 1)))
                stop.wait(10)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        print(f"[soak] {target.name} {target.path}, 32 clients, {seconds:g} s", flush=True)
        result = wrk(base + target.path, target, 32, seconds)
        stop.set()
        sampler.join()
        rss = [mib for _, mib in samples]
        result.update(
            target=target.name,
            seconds=seconds,
            rss_samples=samples,
            rss_first_mib=rss[0],
            rss_last_mib=rss[-1],
            rss_max_mib=max(rss),
        )
        print(
            f"[soak] {result.get('rps')} req/s, errors {result.get('errors')}, RSS {rss[0]} → {rss[-1]} MiB", flush=True
        )
        return result


def machine() -> dict[str, Any]:
    cpu = next(
        (
            ln.split(":", 1)[1].strip()
            for ln in Path("/proc/cpuinfo").read_text().splitlines()
            if ln.startswith("model name")
        ),
        platform.processor(),
    )
    versions = {}
    for package in ("nkc-kg", "pyoxigraph", "oxigraph", "rdflib", "rdflib-endpoint", "fastapi", "uvicorn"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions[package] = metadata.version(package)
    wrk_version = subprocess.run([WRK, "-v"], capture_output=True, text=True).stdout.split("\n")[0].strip()
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "load_average_at_start": os.getloadavg(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "wrk": wrk_version,
        "packages": versions,
    }


def write_benchmarks(rendered: str) -> None:
    """BENCHMARKS.md: this script's sections, then the ``## `` sections other scripts or people wrote there
    (e.g. ``## Validation`` of bench/validate_bench.py), kept as they are."""
    path = ROOT / "BENCHMARKS.md"
    ours = {line for line in rendered.splitlines() if line.startswith("## ")}
    kept: list[str] = []
    if path.exists():
        keeping = False
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("## "):
                keeping = line not in ours and not line.startswith("## Findings")
            if keeping:
                kept.append(line)
    text = rendered.rstrip("\n") + "\n"
    if kept:
        text += "\n" + "\n".join(kept).rstrip("\n") + "\n"
    path.write_text(text, encoding="utf-8")


def render(results: dict[str, Any]) -> str:
    from bench.render import render_markdown

    return render_markdown(results)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="1,100,1000", help="comma-separated multiples of the real data")
    parser.add_argument("--duration", type=float, default=10, help="seconds per wrk run")
    parser.add_argument("--warmup", type=float, default=2, help="seconds of warm-up per target")
    parser.add_argument("--connections", default="1,8,64")
    parser.add_argument("--servers", default="nkc-kg,ceiling,oxigraph,rdflib-endpoint")
    parser.add_argument("--soak", type=float, default=0, help="seconds of the 32-client soak (0: none)")
    parser.add_argument("--start-budget", type=float, default=600, help="seconds a server may take to start")
    parser.add_argument("--rdflib-budget", type=float, default=300, help="seconds rdflib-endpoint may take to load")
    parser.add_argument("--rdflib-max-scale", type=int, default=100, help="largest scale rdflib-endpoint is tried at")
    parser.add_argument(
        "--sparql-workers-max-scale",
        type=int,
        default=100,
        help="largest scale at which nkc-kg answers /sparql in worker processes (above: in-process)",
    )
    parser.add_argument(
        "--two-workers-max-scale", type=int, default=100, help="largest scale with 2 workers (each loads the graph)"
    )
    parser.add_argument("--no-named-latency", dest="named_latency", action="store_false")
    parser.add_argument("--repeat", type=int, default=20, help="runs per named query (median)")
    parser.add_argument("--named-budget", type=float, default=1800)
    parser.add_argument("--startup-samples", type=int, default=5, help="starts of each nkc-kg server at 1× (median)")
    parser.add_argument("--render", type=Path, help="only redraw BENCHMARKS.md from this results file")
    parser.add_argument(
        "--update",
        type=Path,
        help="add to this results file: the scales run (--scales, may be empty) and the soak replace theirs",
    )
    parser.add_argument("--output", type=Path, help="results file (default bench/results/<date>.json)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    # a SIGTERM (timeout, kill) unwinds like Ctrl-C, so the servers started are stopped too
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if args.render:
        write_benchmarks(render(json.loads(args.render.read_text())))
        return 0
    args.connections = [int(c) for c in args.connections.split(",")]
    args.servers = args.servers.split(",")
    if not (ROOT / "build" / "nkc-kg.nq").exists():
        subprocess.run([str(BIN / "nkc-kg"), "build"], check=True, cwd=ROOT)
    results: dict[str, Any] = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "command": shlex.join(["uv", "run", "python", "bench/run.py", *(argv if argv is not None else sys.argv[1:])]),
        "machine": machine(),
        "settings": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
        "query": {"plan": PLAN, "subgoal": SUBGOAL, "sparql": parties_sparql()},
        "scales": {},
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    output = args.output or RESULTS / f"{dt.datetime.now().strftime('%Y-%m-%dT%H%M')}.json"
    if args.update:
        earlier = json.loads(args.update.read_text(encoding="utf-8"))
        # the earlier run's scales stay unless run again; the commands that made the file are all kept
        results["scales"] = earlier.get("scales", {})
        results["soak"] = earlier.get("soak")
        results["command"] = f"{earlier['command']}\n{results['command']}"
        results["updates"] = [*earlier.get("updates", []), results["date"]]
        results["date"] = earlier["date"]
        output = args.output or args.update

    def save() -> None:
        output.write_text(json.dumps(results, indent=1), encoding="utf-8")
        write_benchmarks(render(results))

    for scale in (int(s) for s in args.scales.split(",") if s):
        ceiling_body(scale).unlink(missing_ok=True)  # the ceiling returns this run's answer, not an older one
        results["scales"][str(scale)] = bench_scale(scale, args)
        save()
    if args.soak:
        results["soak"] = soak(args.soak, args)
    results["machine"]["load_average_at_end"] = os.getloadavg()
    save()
    print(f"results in {output}; table in BENCHMARKS.md", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
