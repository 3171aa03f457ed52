"""Helpers for the security tests: a recording listener on 127.0.0.1 and a live `nkc-kg serve`.

(A module of its own, not conftest.py: the tests import these by name.)"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import httpx


@dataclass
class Listener:
    """A TCP server on 127.0.0.1 that accepts, records what arrives, answers a little JSON and closes."""

    port: int
    requests: list[bytes] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def connections(self) -> int:
        time.sleep(0.2)  # a connection made just before the call is counted too
        return len(self.requests)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_server(*args: str, **env: str) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`nkc-kg serve` on a free loopback port with extra NKC_KG_* settings; (url, process)."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "nkc_kg.service.cli", "serve", "--port", str(port), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, **env},
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    try:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(proc.stdout.read().decode() if proc.stdout else "server exited")
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            raise RuntimeError("server did not start within 180 s")
        yield url, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
