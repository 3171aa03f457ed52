"""The MCP server under test, reached with the official SDK's client: over HTTP at /mcp of a real
`nkc-kg serve`, and over stdio of a real `nkc-kg mcp` subprocess (one server per test module).

The client runs in an event loop of its own (an anyio blocking portal), so the tests stay plain
functions that call :class:`Session` methods.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any

import httpx
from anyio.from_thread import BlockingPortal, start_blocking_portal
from mcp import Client


class Session:
    """One connected MCP client; every method is the client's, called from plain test code."""

    def __init__(self, portal: BlockingPortal, client: Client) -> None:
        self.portal, self.client = portal, client

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.client, name)
        return lambda *args, **kwargs: self.portal.call(partial(method, *args, **kwargs))


@contextmanager
def connected(server: Any, **options: Any) -> Iterator[Session]:
    """An MCP client session with ``server`` (a URL or StdioServerParameters); ``options`` are the Client's."""
    client = Client(server, **options)
    with start_blocking_portal("asyncio") as portal, portal.wrap_async_context_manager(client) as client:
        yield Session(portal, client)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(**env: str) -> Iterator[str]:
    """`nkc-kg serve` on a free loopback port, as a user runs it; its base URL once /health answers."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "nkc_kg.service.cli", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, **env},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
            if process.poll() is not None:
                raise RuntimeError(process.stdout.read().decode() if process.stdout else "nkc-kg serve exited")
            if time.monotonic() > deadline:
                raise RuntimeError("nkc-kg serve did not start within 90 s")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
