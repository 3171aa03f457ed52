"""`nkc-kg serve` over a remote store (NKC_KG_STORE=remote): follow the release the store holds.

Any number of processes may serve one store; `nkc-kg load --release` switches the store from one
release to the next in one update request that also rewrites the release record (releases/remote.py).
Each process notices the switch by reading the record's version every NKC_KG_RELEASE_POLL seconds,
loads the new release's service beside the old one (the store's graphs listed again, so a document
added or removed is seen, the entity index and the answer caches built anew), warms it up and swaps
it in by one assignment.

Every answer is wholly old or wholly new: a request is answered by one release's service, into a
buffer, and the record is read again before the answer is sent. The switch changes graphs and record
together, so an unchanged record means every query of the request saw the release the service was
built for. A changed one means the store switched before or during the request: it is answered again
by the new release's service, once that is loaded (within SWITCH_WITHIN seconds, else a 503 that
says so). A store loaded without --release has no record; its graphs are then
served as they were at start-up, without the extra read.

The process also tells whether the store answers: /health says since when it does not, and the
service answers again as soon as the store does.
"""

from __future__ import annotations

import functools
import json
import logging
import socket
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

import anyio
from fastapi import FastAPI
from nkc_kg.loaders.command_line import FAILED, OK, fail
from nkc_kg.loaders.iris import Iris
from nkc_kg.service.app import create_app
from nkc_kg.service.graph.served import Service, load_service
from nkc_kg.service.serve.following import Watcher, get_in_process, now_iso, retire_when_idle
from nkc_kg.service.settings import Settings
from nkc_kg.service.store.embedded import QueryTimeout, StoreUnavailable
from nkc_kg.service.store.remote import RemoteStore

log = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

WARM_UP = ("/", "/api/plans", "/api/parties", "/api/abbreviations")
SWITCH_WITHIN = 60.0  # seconds a request waits for the new release's service before a 503
UNCHECKED = ("/static/", "/docs", "/openapi.json")  # never ask the store


@dataclass
class Served:
    version: str | None  # the store's release record when this service was built (None: no record)
    service: Service
    app: FastAPI
    since: str
    active: int = 0

    @property
    def store(self) -> RemoteStore:
        assert isinstance(self.service.store, RemoteStore)
        return self.service.store


class ReplicaServer:
    """The ASGI app over a remote store: the current release's app, swapped when the store switches."""

    def __init__(self, settings: Settings, iris: Iris | None = None) -> None:
        self.settings = settings
        self.record = str((iris or Iris(settings.base_iri)).graph("release"))
        self.unreachable: dict[str, str] | None = None  # since when and why the store does not answer
        self.failure: dict[str, str] | None = None  # the last release that could not be loaded
        self._changed = threading.Condition()
        self._loading = threading.Lock()
        self._watcher = Watcher(self.check, settings.release_poll, "nkc-kg-release-watch")
        self.served = self._load()  # StoreUnavailable at start-up: the caller says what to do

    # ------------------------------------------------------------------------------------------ loading

    def _load(self) -> Served:
        """The service of the release the store holds now (built again if the store switched meanwhile)."""
        for _ in range(3):
            service = load_service(self.settings)
            store = service.store
            assert isinstance(store, RemoteStore)
            before = store.release_version(self.record)
            app = create_app(self.settings, service)
            served = Served(before, service, app, now_iso())
            app.state.release_status = self.status
            get_in_process(app, WARM_UP)  # fills the caches; an answer that fails here is tried again later
            if store.release_version(self.record) == before:
                return served
            store.close()
        raise StoreUnavailable("the triple store switched releases three times while this one was loading")

    def check(self) -> bool:
        """Look at the store's release record; load and swap in the release it names if it is new."""
        with self._loading:
            try:
                version = self.served.store.release_version(self.record)
            except (StoreUnavailable, QueryTimeout) as exc:
                self._unreachable(str(exc))
                return False
            self._reachable()
            if version == self.served.version:
                return False
            began = time.perf_counter()
            try:
                new = self._load()
            except (StoreUnavailable, QueryTimeout, OSError, ValueError) as exc:
                self.failure = {"version": str(version), "error": str(exc), "at": now_iso()}
                log.error("nkc-kg: release %s not loaded, still serving %s: %s", version, self.served.version, exc)
                return False
            old, self.served = self.served, new
            self.failure = None
            log.warning(
                "nkc-kg: now serving release %s (was %s; loaded in %.1f s)",
                new.version,
                old.version,
                time.perf_counter() - began,
            )
            self._retire(old)
        with self._changed:
            self._changed.notify_all()
        return True

    def _unreachable(self, reason: str) -> None:
        if self.unreachable is None:
            log.error("nkc-kg: the triple store does not answer: %s", reason)
            self.unreachable = {"since": now_iso(), "error": reason}

    def _reachable(self) -> None:
        if self.unreachable is not None:
            log.warning("nkc-kg: the triple store answers again (it did not since %s)", self.unreachable["since"])
            self.unreachable = None

    def _retire(self, old: Served) -> None:
        """Close the old release's connections once its requests are answered (at most after a grace period)."""
        retire_when_idle(lambda: old.active, old.store.close, self.settings.query_timeout + 5.0)

    def wait_for(self, version: str | None, seconds: float) -> bool:
        """Wake the watcher and wait until ``version`` is served (False if it is not within ``seconds``)."""
        deadline = time.monotonic() + seconds
        with self._changed:
            while self.served.version != version:
                self._watcher.wake()
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._changed.wait(min(left, 0.5))
        return True

    def status(self) -> dict[str, Any]:
        """For /health: the release served and, when something is wrong, what."""
        status: dict[str, Any] = {"release": {"version": self.served.version, "servedSince": self.served.since}}
        if self.failure:
            status["releaseFailure"] = self.failure
        if self.unreachable:
            status["status"] = "triple store unreachable"
            status["store"] = self.unreachable
        return status

    # ------------------------------------------------------------------------------------------ ASGI

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        served = self.served
        if scope["type"] != "http" or served.version is None or scope["path"].startswith(UNCHECKED):
            served.active += 1
            try:
                await served.app(scope, receive, send)
            finally:
                served.active -= 1
            return
        body = await _request_body(receive)
        for _ in range(2):
            served = self.served
            answer = await _answer(served, scope, body)
            try:
                now = await anyio.to_thread.run_sync(served.store.release_version, self.record)
            except (StoreUnavailable, QueryTimeout) as exc:
                answer = _problem(502, "triple store unavailable", f"{exc}; the answer could not be confirmed")
                break
            if now == served.version:
                break
            # the store switched during (or before) this request: answer it again from the new release
            if not await anyio.to_thread.run_sync(self.wait_for, now, SWITCH_WITHIN):
                answer = _problem(
                    503,
                    "release switch in progress",
                    f"the triple store now holds release {now}, which this process has not loaded yet; try again",
                )
                break
        for message in answer:
            await send(message)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                self._watcher.start()
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                self._watcher.stop()
                self.served.store.close()
                await send({"type": "lifespan.shutdown.complete"})
                return


async def _request_body(receive: Receive) -> list[Message]:
    """The request's messages, read once so the request can be answered twice."""
    messages = []
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request" or not message.get("more_body"):
            return messages


async def _answer(served: Served, scope: Scope, body: list[Message]) -> list[Message]:
    """The app's answer, buffered (it is sent only once the release is confirmed)."""
    pending = list(body)
    answer: list[Message] = []

    async def replay() -> Message:
        if pending:
            return pending.pop(0)
        await anyio.sleep_forever()  # the answer is complete before the app would ask for more
        raise AssertionError  # pragma: no cover

    async def keep(message: Message) -> None:
        answer.append(message)

    served.active += 1
    try:
        await served.app(scope, replay, keep)
    finally:
        served.active -= 1
    return answer


def _problem(status: int, error: str, detail: str) -> list[Message]:
    body = json.dumps({"error": error, "detail": detail}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    start = {"type": "http.response.start", "status": status, "headers": headers}
    return [start, {"type": "http.response.body", "body": body}]


def serve_replica(settings: Settings, sock: socket.socket, host: str, port: int, workers: int) -> int:
    """`nkc-kg serve` with NKC_KG_STORE=remote, on ``sock`` (bound by the caller, listen.py)."""
    from nkc_kg.service.serve.listen import listen, serve

    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    if workers > 1:
        from nkc_kg.service.serve.workers import run_workers

        # every worker process follows the store's release on its own
        listen(sock)
        print(f"nkc-kg: {workers} workers serving {settings.endpoint} on http://{host}:{port}/", flush=True)
        run_workers(functools.partial(ReplicaServer, settings), sock, workers)
        return OK
    try:
        server = ReplicaServer(settings)
    except StoreUnavailable as exc:
        return fail(str(exc), FAILED)
    served = server.served
    release = f", release {served.version}" if served.version else ""
    quads = len(served.service.store)
    listen(sock)  # announced below only once clients can connect
    print(
        f"nkc-kg: {settings.endpoint} ({quads} quads{release}) in {served.service.started_in:.2f} s; "
        f"serving on http://{host}:{port}/ (SPARQL at /sparql); following the store's release every "
        f"{settings.release_poll:g} s",
        flush=True,
    )
    serve(server, sock)
    return OK
