"""What the two ways of following a release share: a releases folder (releases.py) and a triple store
(replica.py). Both look for a new release on a thread of their own, warm a new release's app up with a few
requests made in-process before it is swapped in, and retire the old one once its requests are answered."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import anyio
import httpx

if TYPE_CHECKING:  # the apps are driven through httpx's ASGI transport: this module needs no web framework
    from fastapi import FastAPI


def now_iso() -> str:
    """The time now, as /health reports it (UTC, to the second)."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


class Watcher:
    """Calls ``check`` every ``poll`` seconds, or at once when woken, on a daemon thread, until stopped."""

    def __init__(self, check: Callable[[], object], poll: float, name: str) -> None:
        self._check, self._poll, self._name = check, poll, name
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, daemon=True, name=self._name)
            self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stopping.set()
        self._wake.set()

    def _run(self) -> None:
        while not self._stopping.is_set():
            self._wake.wait(self._poll)
            self._wake.clear()
            if not self._stopping.is_set():
                self._check()


def retire_when_idle(active: Callable[[], int], close: Callable[[], None], grace: float) -> None:
    """Call ``close`` once ``active()`` (the old release's requests in flight) is 0, or after ``grace`` seconds,
    on a thread of its own."""

    def wait_and_close() -> None:
        deadline = time.monotonic() + grace
        while active() > 0 and time.monotonic() < deadline:
            time.sleep(0.1)
        close()

    threading.Thread(target=wait_and_close, daemon=True, name="nkc-kg-retire").start()


def get_in_process(app: FastAPI, paths: Iterable[str], timeout: float = 120) -> list[tuple[str, int | None]]:
    """GET each path of ``app`` in-process, without its lifespan (which would close the SPARQL workers
    afterwards): (path, status), None where there was no answer. Fills the caches a new release builds lazily."""

    async def get_all() -> list[tuple[str, int | None]]:
        transport = httpx.ASGITransport(app=app)
        statuses: list[tuple[str, int | None]] = []
        async with httpx.AsyncClient(transport=transport, base_url="http://release", timeout=timeout) as client:
            for path in paths:
                try:
                    statuses.append((path, (await client.get(path)).status_code))
                except httpx.HTTPError:
                    statuses.append((path, None))
        return statuses

    # on a thread of its own: the factory of `serve --workers N` runs inside uvicorn's event loop
    with ThreadPoolExecutor(1, thread_name_prefix="nkc-kg-warm-up") as pool:
        return pool.submit(anyio.run, get_all).result()
