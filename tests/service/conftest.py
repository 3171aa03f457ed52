"""The service under test: the real curated data on the embedded store, plus a live server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from nkc_kg.loaders.iris import Iris
from nkc_kg.service.app import Service, create_app
from nkc_kg.service.catalog import NamedQuery
from nkc_kg.service.config import Settings
from nkc_kg.service.runner import EntityIndex
from nkc_kg.service.store import EmbeddedStore


def make_app(store: EmbeddedStore, catalog: dict[str, NamedQuery], index: EntityIndex, **settings: object) -> FastAPI:
    service = Service(Settings(**settings), Iris(), store, catalog, index, 0.0)  # type: ignore[arg-type]
    return create_app(service.settings, service)


@pytest.fixture(scope="session")
def app_with(store: EmbeddedStore, catalog: dict[str, NamedQuery], index: EntityIndex):  # type: ignore[no-untyped-def]
    """An app over the shared store with some settings changed (e.g. a small time limit)."""

    def build(**settings: object) -> FastAPI:
        return make_app(store, catalog, index, **settings)

    return build


@pytest.fixture(scope="session")
def client(store: EmbeddedStore, catalog: dict[str, NamedQuery], index: EntityIndex) -> TestClient:
    return TestClient(make_app(store, catalog, index))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_server(**env: str) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`nkc-kg serve` as a new user runs it, on a free loopback port, with extra NKC_KG_* settings."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "nkc_kg.service.cli", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, **env},
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
            if proc.poll() is not None:
                raise RuntimeError(proc.stdout.read().decode() if proc.stdout else "server exited")
        else:
            raise RuntimeError("server did not start within 60 s")
        yield url, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="session")
def start_server():  # type: ignore[no-untyped-def]
    """Start another server with some NKC_KG_* settings: ``with start_server(NKC_KG_X="1") as (url, process)``."""
    return running_server


@pytest.fixture(scope="session")
def live_server() -> Iterator[str]:
    with running_server() as (url, _):
        yield url
