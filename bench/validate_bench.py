"""What validation costs: each SHACL engine at 1×, 10× and 100× the data, and the editors' loop.

    uv run python bench/validate_bench.py --scales 1,10,100 --pyshacl-scales 1,10,100

Part 1, the engines. For each scale the dataset of bench/generate.py (the real data plus synthetic plans)
is validated by both engines on the same union graph with the ontology: pyshacl over rdflib (the
reference, ``--engine pyshacl``) and the pyoxigraph engine (the default). Each is timed as loading the
graph into the engine's store plus checking it (pyshacl: parse into rdflib and ``pyshacl.validate``;
oxigraph: load N-Triples into a pyoxigraph store and run the engine), with the ratio to pyshacl; both
must give the same number of results.

Part 2, the editors' loop, with hyperfine (start-up included): ``nkc-kg validate <file>`` after an edit
to that plan file (a step's text changes before every run, so the file is never a cache hit; the other
files come from the cache), the same with nothing cached (cold), and a workbook upload answered by
``POST /api/validate`` of a started ``nkc-kg serve``: the first right after /health answers, then the next
runs, after a restart and after a first start with an empty cache folder.

Results go to bench/results/validate-<date>.json, and the section ``## Validation`` of BENCHMARKS.md is
written (or replaced) with the tables; the rest of BENCHMARKS.md is left as it is. ``--markdown FILE``
only prints the tables of an earlier results file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DATA = ROOT / "build" / "bench"
BIN = Path(sys.executable).parent
EDITED = "late-gevolgen-2025.yaml"
EDIT_MARK = "Eerste bijeenkomst met partijen"


def run(cmd: list[str], **kw: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, check=True, text=True, capture_output=True, cwd=ROOT, **kw)


def dataset(scale: int) -> Path:
    """N-Quads of ``scale`` × the real data (bench/generate.py), made once."""
    real = ROOT / "build" / "nkc-kg.nq"
    if not real.is_file():
        run([str(BIN / "nkc-kg"), "build", "-o", "build"])
    if scale == 1:
        return real
    path = DATA / f"x{scale}.nq"
    if not path.is_file():
        DATA.mkdir(parents=True, exist_ok=True)
        run([sys.executable, "bench/generate.py", "--scale", str(scale), "-o", str(path)])
    return path


def union_ntriples(path: Path) -> bytes:
    """The union of the dataset's graphs as N-Triples (what both engines validate)."""
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in store}
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    began = time.perf_counter()
    value = fn()
    return time.perf_counter() - began, value


def bench_oxigraph(data: bytes, runs: int) -> dict[str, Any]:
    import pyoxigraph as ox
    from nkc_kg.loaders.iris import DEFAULT_BASE
    from nkc_kg.loaders.shacl.cache import Cache
    from nkc_kg.loaders.shacl.engine import Engine
    from nkc_kg.loaders.shacl.run import compiled_shapes, ontology_ntriples

    cache = Cache()
    shapes, ontology = compiled_shapes(DEFAULT_BASE, cache), ontology_ntriples(DEFAULT_BASE, cache)
    loads, checks, count = [], [], 0
    for _ in range(runs):
        began = time.perf_counter()
        store = ox.Store()
        store.load(input=ontology, format=ox.RdfFormat.N_TRIPLES, lenient=True)
        store.load(input=data, format=ox.RdfFormat.N_TRIPLES, lenient=True)
        loaded = time.perf_counter()
        findings = Engine(store, shapes).run()
        loads.append(loaded - began)
        checks.append(time.perf_counter() - loaded)
        count = len(findings)
    totals = [a + b for a, b in zip(loads, checks, strict=True)]
    return {
        "load_s": statistics.median(loads),
        "check_s": statistics.median(checks),
        "total_s": statistics.median(totals),
        "runs": runs,
        "results": count,
    }


def bench_pyshacl(data: bytes, timeout: float) -> dict[str, Any]:
    """One pyshacl run in a child process (so a run over the time limit can be stopped)."""
    with tempfile.NamedTemporaryFile(suffix=".nt") as handle:
        handle.write(data)
        handle.flush()
        script = (
            "import json, sys, time\n"
            "from rdflib import Graph\n"
            "from nkc_kg.loaders.iris import DEFAULT_BASE, RDF, SH\n"
            "from nkc_kg.loaders.validation import run_shacl, ontology_graph, shapes_graph\n"
            "ontology_graph(DEFAULT_BASE); shapes_graph(DEFAULT_BASE)\n"
            "t = time.perf_counter(); g = Graph(); g.parse(sys.argv[1], format='nt'); load = time.perf_counter() - t\n"
            "t = time.perf_counter(); report = run_shacl(g, DEFAULT_BASE); check = time.perf_counter() - t\n"
            "n = len(list(report.subjects(RDF.type, SH.ValidationResult)))\n"
            "print(json.dumps({'load_s': load, 'check_s': check, 'total_s': load + check, 'runs': 1, 'results': n}))\n"
        )
        try:
            done = subprocess.run(
                [sys.executable, "-c", script, handle.name],
                capture_output=True,
                text=True,
                timeout=timeout,
                check=True,
                cwd=ROOT,
            )
        except subprocess.TimeoutExpired:
            return {"timed_out_after_s": timeout}
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def hyperfine(name: str, command: str, prepare: str, env: dict[str, str], runs: int) -> dict[str, Any]:
    out = Path(tempfile.mkdtemp()) / "hyperfine.json"
    subprocess.run(
        [
            "hyperfine",
            "--warmup",
            "1",
            "--runs",
            str(runs),
            "--prepare",
            prepare,
            "--export-json",
            str(out),
            "--command-name",
            name,
            command,
        ],
        check=True,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    result = json.loads(out.read_text())["results"][0]
    return {k: result[k] for k in ("mean", "stddev", "median", "min", "max", "user", "system")} | {"runs": runs}


def editors_loop(runs: int) -> dict[str, Any]:
    """`nkc-kg validate <plan file>` after an edit (warm cache) and with nothing cached (cold)."""
    work = Path(tempfile.mkdtemp(prefix="nkc-kg-validate-bench-"))
    cache = work / "cache"
    draft = work / EDITED
    text = (ROOT / "data" / EDITED).read_text(encoding="utf-8")
    assert EDIT_MARK in text
    editor = work / "edit.py"
    editor.write_text(
        "import sys, pathlib, random\n"
        f"text = pathlib.Path({str(ROOT / 'data' / EDITED)!r}).read_text(encoding='utf-8')\n"
        f"mark = {EDIT_MARK!r}\n"
        f"pathlib.Path({str(draft)!r}).write_text(text.replace(mark, mark + ' ' + str(random.random()), 1), "
        "encoding='utf-8')\n"
    )
    # the bytecode of the project's modules is written and reused, as on an editor's machine
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"NKC_KG_CACHE_DIR": str(cache)}
    command = f"{BIN / 'nkc-kg'} validate {draft}"
    edit = f"{sys.executable} {editor}"
    out = {
        "after_an_edit": hyperfine("after an edit", command, edit, env, runs),
        "cold": hyperfine("nothing cached", command, f"{edit} && rm -rf {cache}", env, runs),
        "unchanged": hyperfine("nothing changed", command, "true", env, runs),
    }
    shutil.rmtree(work, ignore_errors=True)
    return out


def workbook_upload(runs: int) -> dict[str, Any]:
    """POST /api/validate with a plan workbook to `nkc-kg serve`: the first upload right after /health
    answers, then ``runs`` more; once with the disk cache of earlier runs (a restart) and once with an
    empty cache folder (a first start). Times are the client's on the same machine (an upper bound of
    the server's)."""
    from nkc_kg.loaders.workbook.exporter import export_plan
    from run import Server, free_port, http, running  # bench/run.py: start a server, wait for its health

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.xlsx"
        export_plan("late-gevolgen-2025", path)
        body = path.read_bytes()
        media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        out: dict[str, Any] = {"runs": runs}
        for label, cache in (("restart", None), ("first_start", Path(folder) / "empty-cache")):
            env = {"NKC_KG_CACHE_DIR": str(cache)} if cache else {}
            serve = Server("nkc-kg", [str(BIN / "nkc-kg"), "serve", "--port", "{port}"], "/health", [], env)
            port = free_port()
            with running(serve, port, Path(folder) / f"{label}.log") as (process, ready_s):
                if process is None:
                    raise RuntimeError(f"nkc-kg serve did not answer /health within {ready_s:.0f} s")
                url = f"http://127.0.0.1:{port}/api/validate?filename=plan.xlsx"
                times, results = [], 0
                for _ in range(runs + 1):
                    took, (status, answer) = timed(
                        lambda url=url: http(url, body, {"content-type": media}, timeout=120)
                    )
                    if status != 200:
                        raise RuntimeError(f"upload answered {status}: {answer[:300]!r}")
                    times.append(took)
                    results = len(json.loads(answer)["results"])
            out[label] = {
                "health_s": ready_s,
                "first_s": times[0],
                "median_s": statistics.median(times[1:]),
                "max_s": max(times[1:]),
            }
            out["results"] = results
        return out


def machine() -> dict[str, Any]:
    from importlib import metadata

    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "nproc": os.cpu_count(),
        "cpu": platform.processor() or platform.machine(),
        "python": platform.python_version(),
        "load_average_at_start": os.getloadavg(),
        "versions": {p: metadata.version(p) for p in ("pyoxigraph", "pyshacl", "rdflib")},
        "hyperfine": run(["hyperfine", "--version"]).stdout.strip(),
    }


def markdown(results: dict[str, Any]) -> str:
    lines = [
        "| scale | triples | pyshacl: load + check (s) | oxigraph: load + check (s) | ratio | results (both) |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for row in results["engines"]:
        ox_, ref = row["oxigraph"], row.get("pyshacl")
        if ref is None:
            ref_text, ratio = "not run", "–"
        elif "timed_out_after_s" in ref:
            ref_text, ratio = (
                f"> {ref['timed_out_after_s']:.0f} (stopped)",
                f"> {ref['timed_out_after_s'] / ox_['total_s']:.0f}×",
            )
        else:
            ref_text = f"{ref['load_s']:.2f} + {ref['check_s']:.2f} = {ref['total_s']:.2f}"
            ratio = f"{ref['total_s'] / ox_['total_s']:.0f}×"
        same = "" if ref is None or "results" not in ref else ("same" if ref["results"] == ox_["results"] else "DIFFER")
        lines.append(
            f"| {row['scale']}× | {row['triples']:,} | {ref_text} | "
            f"{ox_['load_s']:.3f} + {ox_['check_s']:.3f} = {ox_['total_s']:.3f} | {ratio} | {ox_['results']:,} {same} |"
        )
    loop = results.get("editors_loop")
    if loop:
        lines += [
            "",
            "| `nkc-kg validate data/<plan file>` | mean ± sd (s) | min · max (s) | user + sys (s) |",
            "| --- | --- | --- | --- |",
        ]
        for key, label in (
            ("after_an_edit", "after an edit to that file (warm)"),
            ("cold", "nothing cached (cold)"),
            ("unchanged", "nothing changed"),
        ):
            r = loop[key]
            lines.append(
                f"| {label} | {r['mean']:.2f} ± {r['stddev']:.2f} | {r['min']:.2f} · {r['max']:.2f} | "
                f"{r['user'] + r['system']:.2f} |"
            )
    upload = results.get("workbook_upload")
    if upload and "restart" in upload:
        lines += [
            "",
            f"| Workbook upload to `nkc-kg serve` (`POST /api/validate`, late-gevolgen-2025.xlsx, "
            f"{upload['results']} results) | /health after (s) | first upload (s) | next {upload['runs']}: "
            "median · max (s) |",
            "| --- | --- | --- | --- |",
        ]
        for key, label in (
            ("restart", "restart (disk cache of earlier runs)"),
            ("first_start", "first start (empty cache)"),
        ):
            r = upload[key]
            lines.append(
                f"| {label} | {r['health_s']:.2f} | {r['first_s']:.2f} | {r['median_s']:.2f} · {r['max_s']:.2f} |"
            )
    elif upload:  # results files written before uploads were measured against a served process
        lines += [
            "",
            f"Workbook upload (`POST /api/validate`, late-gevolgen-2025.xlsx, {upload['results']} results): "
            f"first {upload['cold_s']:.2f} s, then median {upload['warm_median_s']:.2f} s "
            f"(max {upload['warm_max_s']:.2f} s, {upload['runs']} runs).",
        ]
    return "\n".join(lines)


def merged(paths: list[Path]) -> tuple[dict[str, Any], list[Path]]:
    """Results of several runs as one: per scale the latest run's row, the latest editors' loop and upload."""
    results: dict[str, Any] = {}
    rows: dict[int, dict[str, Any]] = {}
    commands = []
    for path in paths:
        run_ = json.loads(path.read_text())
        commands.append(run_["command"])
        rows.update({row["scale"]: row for row in run_["engines"]})
        results.update({k: v for k, v in run_.items() if k in ("editors_loop", "workbook_upload", "machine")})
        results.setdefault("first_machine", run_["machine"])
    results["engines"] = [rows[s] for s in sorted(rows)]
    results["command"] = "\nuv run python ".join(commands)
    results["machine"] = {
        **results["machine"],
        "load_average_at_start": results["first_machine"]["load_average_at_start"],
        "date": " and ".join(json.loads(p.read_text())["machine"]["date"] for p in paths),
    }
    return results, [p.resolve() for p in paths]


def section(results: dict[str, Any], out: Path | list[Path]) -> str:
    m = results["machine"]
    start, end = m["load_average_at_start"], m.get("load_average_at_end", m["load_average_at_start"])
    busy = (
        "the machine was shared: on a quiet machine the times are lower"
        if max(start[0], end[0]) >= m["nproc"]
        else "under the number of cores: a quiet machine"
    )
    return "\n".join(
        [
            "## Validation",
            "",
            "What `nkc-kg validate` costs with each SHACL engine at 1×, 10× and 100× the data, and the editors' "
            "loop (written by `bench/validate_bench.py`, which replaces this section only):",
            "",
            "```sh",
            f"uv run python {results['command']}",
            "```",
            "",
            f"Run {m['date']} — {m['nproc']} cores ({m['cpu']}), Python {m['python']}, "
            + ", ".join(f"{k} {v}" for k, v in m["versions"].items())
            + f", {m['hyperfine']}. Load average {start[0]:.1f} at start and {end[0]:.1f} at end ({busy}). "
            "Raw numbers in "
            + ", ".join(f"`{p.relative_to(ROOT)}`" for p in (out if isinstance(out, list) else [out]))
            + ". Each engine's time is loading the union graph (with the ontology) into "
            "its store plus checking it; the oxigraph engine's is the median of its runs, pyshacl's one run. "
            "In the editors' loop, user + sys is the processor time of the command, which runs on one core: on "
            "an idle machine its wall clock is about that.",
            "",
            markdown(results),
            "",
        ]
    )


def write_section(text: str) -> None:
    """Replace (or add) the ``## Validation`` section of BENCHMARKS.md, leaving the others as they are."""
    path = ROOT / "BENCHMARKS.md"
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else ["# Benchmarks", ""]
    out: list[str] = []
    skipping = False
    for line in lines:
        if line.startswith("## "):
            skipping = line.strip() == "## Validation"
        if not skipping:
            out.append(line)
    path.write_text("\n".join(out).rstrip("\n") + "\n\n" + text.rstrip("\n") + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument("--pyshacl-scales", default="1,10,100", help="scales to run pyshacl at (it is slow)")
    parser.add_argument("--pyshacl-timeout", type=float, default=3600)
    parser.add_argument("--runs", type=int, default=5, help="runs of the oxigraph engine per scale")
    parser.add_argument("--loop-runs", type=int, default=10, help="hyperfine runs of each editors'-loop command")
    parser.add_argument("--skip-loop", action="store_true")
    parser.add_argument("--markdown", type=Path, help="only print the tables of this results file")
    parser.add_argument(
        "--section",
        type=Path,
        nargs="+",
        help="only write BENCHMARKS.md's section from these results files (a later file's scales and loop win)",
    )
    args = parser.parse_args(argv)
    if args.markdown:
        print(markdown(json.loads(args.markdown.read_text())))
        return 0
    if args.section:
        write_section(section(*merged(args.section)))
        return 0
    results: dict[str, Any] = {
        "machine": machine(),
        "command": " ".join(["bench/validate_bench.py", *sys.argv[1:]]),
        "engines": [],
    }
    reference_scales = {int(s) for s in args.pyshacl_scales.split(",") if s}
    for scale in (int(s) for s in args.scales.split(",") if s):
        data = union_ntriples(dataset(scale))
        row: dict[str, Any] = {"scale": scale, "triples": data.count(b"\n")}
        row["oxigraph"] = bench_oxigraph(data, args.runs)
        if scale in reference_scales:
            row["pyshacl"] = bench_pyshacl(data, args.pyshacl_timeout)
        results["engines"].append(row)
        print(json.dumps(row), flush=True)
    if not args.skip_loop:
        results["editors_loop"] = editors_loop(args.loop_runs)
        results["workbook_upload"] = workbook_upload(args.loop_runs)
    results["machine"]["load_average_at_end"] = os.getloadavg()
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"validate-{dt.datetime.now(dt.UTC):%Y-%m-%dT%H%M}.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(markdown(results))
    write_section(section(results, out))
    print(f"\n(results in {out.relative_to(ROOT)}; section '## Validation' of BENCHMARKS.md written)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
