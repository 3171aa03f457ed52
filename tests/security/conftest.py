"""Fixtures for replaying the findings of issue 19: the app over the real curated data, a live
`nkc-kg serve`, and a listener on 127.0.0.1 that records every connection (so a test can prove that
nothing was contacted). All traffic stays on the loopback interface."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from nkc_kg.loaders.iris import Iris
from nkc_kg.service.app import Service, create_app
from nkc_kg.service.graph.catalog import NamedQuery
from nkc_kg.service.graph.runner import EntityIndex
from nkc_kg.service.settings import Settings
from nkc_kg.service.store.embedded import EmbeddedStore
from security_helpers import Listener


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.2)
    found = Listener(server.getsockname()[1])
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with conn:
                conn.settimeout(1)
                try:
                    found.requests.append(conn.recv(4096))
                except OSError:
                    found.requests.append(b"")
                body = b'{"@context": {}, "head": {"vars": []}, "results": {"bindings": []}}'
                conn.sendall(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                    + str(len(body)).encode()
                    + b"\r\nConnection: close\r\n\r\n"
                    + body
                )

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield found
    stop.set()
    server.close()
    thread.join(2)


def make_app(store: EmbeddedStore, catalog: dict[str, NamedQuery], index: EntityIndex, **settings: object) -> FastAPI:
    service = Service(Settings(**settings), Iris(), store, catalog, index, 0.0)  # type: ignore[arg-type]
    return create_app(service.settings, service)


@pytest.fixture(scope="session")
def app_with(store: EmbeddedStore, catalog: dict[str, NamedQuery], index: EntityIndex):  # type: ignore[no-untyped-def]
    def build(**settings: object) -> FastAPI:
        return make_app(store, catalog, index, **settings)

    return build
