"""Serving published releases: follow ``releases/current`` and switch to a new release atomically.

Each release gets its own app (``create_app`` over the release's N-Quads: store, entity index, SPARQL
workers). A small ASGI dispatcher forwards every request to the app of the current release. A new
``current`` (seen by polling every NKC_KG_RELEASE_POLL seconds, or at once on SIGHUP) is loaded
fully in a background thread: its checksums verified, its app built, its SPARQL workers started
and a few pages requested to fill the caches. Only then is it swapped in, by one assignment, so a
request is answered wholly by the old release or wholly by the new one. Requests in flight finish
on the old app; its worker processes are stopped when they are done. A release that fails to load
leaves the running one serving, and /health shows the failure until a release loads.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import signal
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from nkc_kg.service.app import Service, create_app, load_service
from nkc_kg.service.releases.bundles import CURRENT, Release, ReleaseError, current_version, read_release, releases_dir
from nkc_kg.service.releases.partials import sweep_stale_partials
from nkc_kg.service.serve.following import Watcher, get_in_process, now_iso, retire_when_idle
from nkc_kg.service.settings import Settings
from nkc_kg.service.store.embedded import StoreUnavailable
from nkc_kg.service.store.pool import QueryPool, QueryWorkersFailed

log = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]

# requested on a new release before it is swapped in: they fill the lazily built indexes
WARM_UP = ("/", "/api/plans", "/api/parties", "/api/abbreviations", "/api/search?q=kanker")
WORKERS_READY_WITHIN = 120.0  # seconds for a new release's SPARQL workers to load its dataset


@dataclass
class LoadedRelease:
    release: Release
    app: FastAPI
    service: Service
    loaded_at: str
    active: int = 0  # requests in flight (changed on the event loop thread only)

    def close(self) -> None:
        if isinstance(self.service.sparql, QueryPool):
            self.service.sparql.close()


class ReleaseServer:
    """The ASGI app of `nkc-kg serve --releases`: the current release's app, swapped when ``current`` changes."""

    def __init__(self, settings: Settings, folder: Path) -> None:
        self.settings = dataclasses.replace(settings, releases=folder)
        self.folder = folder
        self.failure: dict[str, str] | None = None
        self._failed: str | None = None  # the version that failed, not tried again until current changes
        self._lock = threading.Lock()  # one load at a time
        self._retiring: list[LoadedRelease] = []
        self._watcher = Watcher(self.check, self.settings.release_poll, "nkc-kg-releases")
        sweep_stale_partials(folder)  # left by a publish killed half-way (releases/partials.py)
        self.loaded = self._load(read_release(folder, CURRENT))  # start-up fails (ReleaseError) without one

    # ------------------------------------------------------------------------------------------ ASGI

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        loaded = self.loaded  # the release this request is answered by, whatever happens meanwhile
        loaded.active += 1
        try:
            await loaded.app(scope, receive, send)
        finally:
            loaded.active -= 1

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                self.start()
                # no SIGHUP on Windows or off the main thread: polling still works there
                with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                    asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, self.reload_now)
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                self.close()
                await send({"type": "lifespan.shutdown.complete"})
                return

    # ------------------------------------------------------------------------------------------ switching

    def start(self) -> None:
        self._watcher.start()

    def reload_now(self) -> None:
        """SIGHUP: look at ``current`` now, and try a release that failed before once more."""
        self._failed = None
        self._watcher.wake()

    def check(self) -> bool:
        """Switch to the release ``current`` points at if it is new and loads; True if it switched."""
        with self._lock:
            version = current_version(self.folder)
            if version == self.loaded.release.version:
                self.failure = self._failed = None  # `current` is back at the release served: nothing is wrong
                return False
            if version is None or version == self._failed:
                return False
            began = time.perf_counter()
            try:
                new = self._load(read_release(self.folder, version))
            except (ReleaseError, OSError, SyntaxError, ValueError, StoreUnavailable, QueryWorkersFailed) as exc:
                self._fail(version, str(exc))
                return False
            except Exception as exc:
                # A bug while loading must not stop the watcher or the running release: keep serving, say so.
                log.exception("loading release %s failed", version)
                self._fail(version, f"internal error: {type(exc).__name__}: {exc}")
                return False
            old, self.loaded = self.loaded, new
            self.failure, self._failed = None, None
            log.warning(
                "nkc-kg: now serving release %s (was %s; loaded in %.1f s)",
                version,
                old.release.version,
                time.perf_counter() - began,
            )
            self._retire(old)
            return True

    def _fail(self, version: str, reason: str) -> None:
        self._failed = version
        self.failure = {"version": version, "error": reason, "at": now_iso()}
        log.error("nkc-kg: release %s not loaded, still serving %s: %s", version, self.loaded.release.version, reason)

    def _load(self, release: Release) -> LoadedRelease:
        problems = release.verify()
        if problems:
            shown = "; ".join(problems[:5]) + ("; …" if len(problems) > 5 else "")
            raise ReleaseError(f"release {release.version} does not match its checksums: {shown}")
        settings = dataclasses.replace(self.settings, store="embedded", dataset=release.file("nkc-kg.nq"))
        service = load_service(settings)
        loaded = LoadedRelease(release, create_app(settings, service), service, now_iso())
        try:
            loaded.app.state.release_status = self.status
            self._warm_up(loaded)
        except BaseException:
            loaded.close()
            raise
        return loaded

    def _warm_up(self, loaded: LoadedRelease) -> None:
        pool = loaded.service.sparql
        if isinstance(pool, QueryPool):
            deadline = time.monotonic() + WORKERS_READY_WITHIN
            while pool.idle() < self.settings.sparql_workers and pool.failure is None:
                if time.monotonic() > deadline:
                    raise ReleaseError(f"the SPARQL workers did not load release {loaded.release.version} in time")
                time.sleep(0.05)
            if pool.failure:
                raise QueryWorkersFailed(pool.failure)

        for path, status in get_in_process(loaded.app, WARM_UP):
            if status != 200:
                answered = f"answered {status}" if status else "gave no answer"
                raise ReleaseError(f"release {loaded.release.version}: GET {path} {answered}")

    def _retire(self, old: LoadedRelease) -> None:
        """Stop the old release's workers once its requests are answered (at most after a grace period)."""
        self._retiring.append(old)

        def close() -> None:
            old.close()
            self._retiring.remove(old)

        retire_when_idle(lambda: old.active, close, self.settings.query_timeout + 5.0)

    def status(self) -> dict[str, Any]:
        """For /health: the release served, and the last release that failed to load (if any)."""
        release = self.loaded.release
        status: dict[str, Any] = {
            "release": {
                "version": release.version,
                "issued": release.issued,
                "checksum": release.checksum,
                "servedSince": self.loaded.loaded_at,
            }
        }
        if self.failure:
            status["releaseFailure"] = self.failure
        return status

    def close(self) -> None:
        self._watcher.stop()
        for loaded in [self.loaded, *self._retiring]:
            loaded.close()


def release_app_from_env() -> ReleaseServer:
    """App factory for ``uvicorn --factory``, settings from NKC_KG_* (``nkc-kg serve --releases`` lives in serve/)."""
    settings = Settings.from_env()
    return ReleaseServer(settings, releases_dir(settings))
