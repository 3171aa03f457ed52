"""Debian's Virtuoso (`virtuoso-opensource`) started by the tests, on loopback, with a database of its own.

The configuration is Debian's /etc/virtuoso-opensource-7/virtuoso.ini with only its places changed:
the database files go to a temporary folder and both ports (SQL and HTTP) to free loopback ports.
Its limits stay as shipped (``ResultSetMaxRows = 10000``, the query cost and time limits), since
those are what an integrator running Debian's package meets. The conductor package is not
installed (``VADInstallDir`` dropped): it only costs start-up time. A new database's ``dba``
password is ``dba``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

VIRTUOSO = shutil.which("virtuoso-t") or "/usr/bin/virtuoso-t"
DEBIAN_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
DEBIAN_DB = "/var/lib/virtuoso-opensource-7/db"
USER, PASSWORD = "dba", "dba"


@dataclass
class Virtuoso:
    process: subprocess.Popen[bytes]
    base: str  # http://127.0.0.1:PORT
    folder: Path

    @property
    def query(self) -> str:
        return f"{self.base}/sparql"

    @property
    def graph_store(self) -> str:
        return f"{self.base}/sparql-graph-crud-auth"

    @property
    def update(self) -> str:
        return f"{self.base}/sparql-auth"

    def version(self) -> str:
        out = subprocess.run([VIRTUOSO, "--version"], capture_output=True, text=True, check=False)
        match = re.search(r"Version (\S+)", out.stdout + out.stderr)
        return match[1] if match else "unknown"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def require_virtuoso() -> None:
    """Skip without Debian's Virtuoso, except in CI (CI=true), which installs it (.ci/run)."""
    if Path(VIRTUOSO).exists() and DEBIAN_INI.is_file():
        return
    reason = "Virtuoso is not installed (apt-get install virtuoso-opensource)"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"CI needs the Virtuoso tests: {reason}")
    pytest.skip(reason)


def configuration(folder: Path, sql_port: int, http_port: int) -> str:
    """Debian's virtuoso.ini with the database in ``folder`` and the servers on loopback ports."""
    text = DEBIAN_INI.read_text(encoding="utf-8")
    text = text.replace(DEBIAN_DB, str(folder))
    section = ""
    lines = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            section = stripped[1:-1]
        key = stripped.split("=", 1)[0].strip()
        if key == "ServerPort" and section == "Parameters":
            line = f"ServerPort = 127.0.0.1:{sql_port}"
        elif key == "ServerPort" and section == "HTTPServer":
            line = f"ServerPort = 127.0.0.1:{http_port}"
        elif key == "DefaultHost" and section == "URIQA":
            line = f"DefaultHost = 127.0.0.1:{http_port}"
        elif key == "VADInstallDir":
            continue
        lines.append(line)
    return "\n".join(lines) + "\n"


def start_virtuoso(folder: Path, sql_port: int, http_port: int, wait: float = 120.0) -> Virtuoso:
    folder.mkdir(parents=True, exist_ok=True)
    ini = folder / "virtuoso.ini"
    ini.write_text(configuration(folder, sql_port, http_port), encoding="utf-8")
    log = (folder / "console.log").open("wb")
    process = subprocess.Popen(
        [VIRTUOSO, "+foreground", "+configfile", str(ini)], cwd=folder, stdout=log, stderr=subprocess.STDOUT
    )
    server = Virtuoso(process, f"http://127.0.0.1:{http_port}", folder)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"virtuoso-t exited: {(folder / 'console.log').read_text(errors='replace')[-2000:]}")
        try:
            if httpx.get(server.query, params={"query": "ASK {}"}, timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    server.stop()
    raise RuntimeError(f"virtuoso-t did not answer within {wait:g} s")
