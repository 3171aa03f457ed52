"""Issue 19, low findings about faults: a killed build or publish leaves nothing half-written behind,
`serve` announces only an address it holds, publish fails with a message, and /api/releases says which
release is really served."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from fastapi.testclient import TestClient
from nkc_kg.loaders.build.atomic_files import TEMP_MARK, write_together
from nkc_kg.service.releases.partials import partial_prefix, sweep_stale_partials

SLOW_WRITER = """
import sys, time
from pathlib import Path
from nkc_kg.loaders.build.atomic_files import write_together

def first(path):
    path.write_text("new trig, complete")

def second(path):
    path.write_text("new nq, half")
    Path(sys.argv[2]).write_text("writing")
    time.sleep(600)

write_together(Path(sys.argv[1]), {"nkc-kg.trig": first, "nkc-kg.nq": second})
"""


def test_a_build_killed_half_way_leaves_the_previous_build_whole(tmp_path: Path) -> None:
    out = tmp_path / "build"
    write_together(
        out, {"nkc-kg.trig": lambda p: p.write_text("old trig"), "nkc-kg.nq": lambda p: p.write_text("old nq")}
    )
    marker = tmp_path / "marker"
    proc = subprocess.Popen([sys.executable, "-c", SLOW_WRITER, str(out), str(marker)])
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert time.monotonic() < deadline and proc.poll() is None, "the writer did not start"
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)
    assert (out / "nkc-kg.trig").read_text() == "old trig"
    assert (out / "nkc-kg.nq").read_text() == "old nq"
    assert list(out.glob(f".*{TEMP_MARK}*")), "the killed run left its temporary files"
    write_together(out, {"nkc-kg.trig": lambda p: p.write_text("t"), "nkc-kg.nq": lambda p: p.write_text("n")})
    assert sorted(p.name for p in out.iterdir()) == ["nkc-kg.nq", "nkc-kg.trig"]


def test_nkc_kg_build_replaces_both_files(tmp_path: Path) -> None:
    out = tmp_path / "build"
    out.mkdir()
    (out / "nkc-kg.trig").write_text("previous")
    result = subprocess.run(
        [sys.executable, "-m", "nkc_kg.service.cli", "build", "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["nkc-kg.nq", "nkc-kg.trig"]
    assert (out / "nkc-kg.trig").read_text(encoding="utf-8") != "previous"


def test_stale_partial_release_folders_are_swept(tmp_path: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".partial-{dead.pid}-2026.01.01-abc"
    running = tmp_path / f".partial-{os.getppid()}-2026.01.02-def"  # a process that is alive
    own = tmp_path / f"{partial_prefix('2026.01.03')}ghi"
    old_style = tmp_path / ".partial-2026.01.04-jkl"
    for folder in (stale, running, own, old_style):
        folder.mkdir()
        (folder / "nkc-kg.nq").write_text("half")
    an_hour_ago = time.time() - 7200
    os.utime(old_style, (an_hour_ago, an_hour_ago))
    removed = sweep_stale_partials(tmp_path)
    assert sorted(p.name for p in removed) == sorted([stale.name, own.name, old_style.name])
    assert running.exists()


def test_serve_announces_only_an_address_it_holds() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        for extra in ([], ["--releases", "/nonexistent-releases"]):
            result = subprocess.run(
                [sys.executable, "-m", "nkc_kg.service.cli", "serve", "--port", str(port), *extra],
                capture_output=True,
                text=True,
                timeout=300,
                env={**os.environ, "NKC_KG_RELEASES": ""},
            )
            assert result.returncode != 0
            output = result.stdout + result.stderr
            assert "serving on" not in output and "Traceback" not in output, output
            if not extra:
                assert f"cannot listen on http://127.0.0.1:{port}/" in output, output


def test_publish_of_an_empty_folder_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    empty = tmp_path / "data"
    empty.mkdir()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "nkc_kg.service.cli",
            "publish",
            "--data",
            str(empty),
            "--releases",
            str(tmp_path / "r"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "no curated data" in result.stderr and "nothing was written" in result.stderr


def test_api_releases_reports_the_release_served_and_marks_a_refused_one(app_with, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = app_with(releases=tmp_path, sparql_workers=0)
    refusal = {"version": "2026.02.01", "error": "release 2026.02.01 does not match its checksums", "at": "now"}
    # what `serve --releases` installs: the release it serves and the one it refused (ReleaseServer.status)
    app.state.release_status = lambda: {"release": {"version": "2026.01.01"}, "releaseFailure": refusal}
    body = TestClient(app).get("/api/releases").json()
    assert body["current"] == "2026.01.01"
    assert body["refused"] == refusal
    assert TestClient(app_with(releases=tmp_path, sparql_workers=0)).get("/api/releases").json() == {
        "current": None,
        "releases": [],
    }
