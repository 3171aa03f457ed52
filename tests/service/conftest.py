"""The service under test: the real curated data on the embedded store and, loaded by `nkc-kg load`, on a
real `oxigraph serve` (the remote store); every test that uses ``client`` runs against both. Plus a live server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from nkc_kg.loaders.iris import Iris
from nkc_kg.service.app import Service, create_app
from nkc_kg.service.graph.catalog import NamedQuery
from nkc_kg.service.graph.runner import EntityIndex
from nkc_kg.service.settings import Settings
from nkc_kg.service.store.embedded import EmbeddedStore, Store
from nkc_kg.service.store.remote import RemoteStore
from virtuoso_server import PASSWORD, USER, Virtuoso, require_virtuoso, start_virtuoso

OXIGRAPH = Path(sys.executable).parent / "oxigraph"


def make_app(store: Store, catalog: dict[str, NamedQuery], index: EntityIndex, **settings: object) -> FastAPI:
    service = Service(Settings(**settings), Iris(), store, catalog, index, 0.0)  # type: ignore[arg-type]
    return create_app(service.settings, service)


@pytest.fixture(scope="session")
def app_with(store: EmbeddedStore, catalog: dict[str, NamedQuery], index: EntityIndex):  # type: ignore[no-untyped-def]
    """An app over the shared store with some settings changed (e.g. a small time limit)."""

    def build(**settings: object) -> FastAPI:
        return make_app(store, catalog, index, **settings)

    return build


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_oxigraph(
    location: Path | None, *options: str, port: int | None = None
) -> tuple[subprocess.Popen[bytes], str]:
    """`oxigraph serve` on a free loopback port (in memory without ``location``); its base URL once it answers."""
    port = port or free_port()
    command = [str(OXIGRAPH), "serve", "--bind", f"127.0.0.1:{port}", *options]
    if location is not None:
        command += ["--location", str(location)]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/query", params={"query": "ASK {}"}, timeout=1).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.1)
        if proc.poll() is not None:
            raise RuntimeError(f"oxigraph serve exited: {proc.stderr.read().decode() if proc.stderr else ''}")
    proc.kill()
    raise RuntimeError("oxigraph serve did not answer within 30 s")


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    proc.wait(timeout=10)


def nkc_kg(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nkc_kg.service.cli", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture(scope="session")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Oxigraph server loaded with the curated data by the real `nkc-kg load`; its base URL."""
    proc, base = start_oxigraph(tmp_path_factory.mktemp("oxigraph"))
    try:
        loaded = nkc_kg("load", "--endpoint", f"{base}/query")
        assert loaded.returncode == 0, loaded.stdout + loaded.stderr
        yield base
    finally:
        stop(proc)


@pytest.fixture(scope="session")
def remote_store(oxigraph: str) -> Iterator[RemoteStore]:
    store = RemoteStore.connect(f"{oxigraph}/query")
    yield store
    store.close()


@pytest.fixture(scope="session")
def remote_index(remote_store: RemoteStore, iris: Iris) -> EntityIndex:
    return EntityIndex.build(remote_store, iris)


@pytest.fixture(scope="session")
def embedded_client(store: EmbeddedStore, catalog: dict[str, NamedQuery], index: EntityIndex) -> TestClient:
    return TestClient(make_app(store, catalog, index))


@pytest.fixture(scope="session")
def remote_client(remote_store: RemoteStore, catalog: dict[str, NamedQuery], remote_index: EntityIndex) -> TestClient:
    return TestClient(make_app(remote_store, catalog, remote_index))


@pytest.fixture(scope="session", params=["embedded", "remote"])
def client(request: pytest.FixtureRequest) -> TestClient:
    """The service over the embedded store, and over the remote store (Oxigraph server)."""
    return request.getfixturevalue(f"{request.param}_client")  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def remote_app_with(remote_store: RemoteStore, catalog: dict[str, NamedQuery], remote_index: EntityIndex):  # type: ignore[no-untyped-def]
    """An app over the remote store (or another RemoteStore) with some settings changed."""

    def build(store: Store | None = None, **settings: object) -> FastAPI:
        return make_app(remote_store if store is None else store, catalog, remote_index, **settings)

    return build


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    """Debian's Virtuoso with its shipped limits, loaded by the real `nkc-kg load` through its Graph Store
    Protocol service (Digest authentication, credentials from the environment)."""
    require_virtuoso()
    server = start_virtuoso(tmp_path_factory.mktemp("virtuoso"), free_port(), free_port())
    try:
        credentials = {"NKC_KG_STORE_USER": USER, "NKC_KG_STORE_PASSWORD": PASSWORD}
        loaded = nkc_kg("load", "--endpoint", server.query, "--graph-store", server.graph_store, env=credentials)
        assert loaded.returncode == 0, loaded.stdout + loaded.stderr
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def virtuoso_store(virtuoso: Virtuoso) -> Iterator[RemoteStore]:
    # Virtuoso plans a query of many joins for seconds on a busy machine: more time than the default
    store = RemoteStore.connect(virtuoso.query, timeout=60.0)
    yield store
    store.close()


@pytest.fixture(scope="session")
def virtuoso_client(virtuoso_store: RemoteStore, catalog: dict[str, NamedQuery], iris: Iris) -> TestClient:
    return TestClient(make_app(virtuoso_store, catalog, EntityIndex.build(virtuoso_store, iris), query_timeout=60.0))


@pytest.fixture(scope="session")
def oxigraph_process():  # type: ignore[no-untyped-def]
    """Start (``start(location, port=…)`` -> (process, base URL)) and stop `oxigraph serve` processes."""
    return start_oxigraph, stop


@pytest.fixture
def empty_oxigraph() -> Iterator[str]:
    """A fresh in-memory Oxigraph server holding nothing; its base URL."""
    proc, base = start_oxigraph(None)
    yield base
    stop(proc)


@pytest.fixture
def union_oxigraph() -> Iterator[str]:
    """A fresh in-memory `oxigraph serve --union-default-graph`; its base URL."""
    proc, base = start_oxigraph(None, "--union-default-graph")
    yield base
    stop(proc)


@pytest.fixture(scope="session")
def cli():  # type: ignore[no-untyped-def]
    """Run `nkc-kg …` as a user does, in a new process."""
    return nkc_kg


@pytest.fixture
def unused_port() -> int:
    return free_port()


@contextmanager
def running_server(*args: str, start_within: float = 60, **env: str) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`nkc-kg serve` as a new user runs it, on a free loopback port, with extra options and NKC_KG_* settings."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "nkc_kg.service.cli", "serve", "--port", str(port), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, **env},
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + start_within
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
            proc.terminate()
            said = proc.communicate(timeout=30)[0].decode(errors="replace")
            raise RuntimeError(f"server did not start within {start_within:g} s; it said:\n{said[-5000:]}")
        yield url, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="session")
def start_server():  # type: ignore[no-untyped-def]
    """Another server with some options and NKC_KG_* settings: ``with start_server("--workers", "2", NKC_KG_X="1")
    as (url, process)``."""
    return running_server


@pytest.fixture(scope="session")
def live_server() -> Iterator[str]:
    with running_server() as (url, _):
        yield url
