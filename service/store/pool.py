"""Client SPARQL queries in worker processes that can be killed at the time limit.

pyoxigraph cannot cancel a running query, and a thread cannot be stopped: a runaway
query on a thread keeps a core busy long after its client got a 503. A worker process
can be terminated, so the limit frees the machine as well as the client. Each worker
holds its own copy of the (read-only) dataset, loaded from an N-Quads or TriG file, or opens the
service's on-disk store read-only (NKC_KG_STORE_DIR).
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import queue
import signal
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path

from nkc_kg.service.store.embedded import (
    EmbeddedStore,
    QueryDataset,
    QueryFailed,
    QueryRefused,
    QueryTimeout,
    QueryTooLarge,
    StoreUnavailable,
)

_READY = "ready"
log = logging.getLogger(__name__)


class QueryWorkersFailed(RuntimeError):
    """No worker process could load the dataset: /sparql cannot answer (the rest of the service can)."""


def _serve(dataset: Path, conn: Connection) -> None:
    """Worker main loop: answer (sparql, media type, limit, dataset, base) requests until the parent goes away."""
    store = EmbeddedStore.open(dataset)
    conn.send(_READY)
    while True:
        try:
            sparql, media_type, limit, graphs, base = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("ok", store.answer(sparql, media_type, limit, float("inf"), graphs, base)))
        except QueryTooLarge as exc:
            conn.send(("too-large", str(exc)))
        except QueryRefused as exc:
            conn.send(("refused", str(exc)))
        except QueryFailed as exc:
            conn.send(("failed", str(exc)))
        except ValueError as exc:
            conn.send(("malformed", str(exc)))
        except StoreUnavailable as exc:
            conn.send(("unavailable", str(exc)))
        except Exception as exc:  # the parent answers 502 and says what it was; this worker keeps serving
            log.exception("query worker: unexpected error")
            conn.send(("unavailable", f"the query engine failed: {type(exc).__name__}: {exc}"))


class _Worker:
    def __init__(self, context: mp.context.SpawnContext, dataset: Path) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(dataset, child), daemon=True, name="nkc-kg-sparql")
        self.process.start()
        child.close()

    def wait_ready(self) -> bool:
        try:
            return bool(self.conn.recv() == _READY)
        except (EOFError, OSError):  # the worker died while loading the dataset
            return False

    def stop(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


def raise_for(status: str, value: object) -> None:
    """Raise the exception a worker reported (as the embedded store would have raised it)."""
    errors: dict[str, type[Exception]] = {
        "too-large": QueryTooLarge,
        "refused": QueryRefused,
        "failed": QueryFailed,
        "malformed": ValueError,
        "unavailable": StoreUnavailable,
    }
    if status in errors:
        raise errors[status](value)


def _exit_of(worker: _Worker) -> str:
    """How a stopped worker ended, in words: "signal SIGSEGV", "exit code 1"."""
    worker.process.join(1)
    code = worker.process.exitcode
    if code is None:
        return "still running"
    if code < 0:
        try:
            return f"signal {signal.Signals(-code).name}"
        except ValueError:
            return f"signal {-code}"
    return f"exit code {code}"


class QueryPool:
    """A fixed number of worker processes; a worker whose query overruns is killed and replaced."""

    def __init__(self, dataset: Path, workers: int = 2, start_after: float = 0.0) -> None:
        """``start_after``: seconds before the workers start, unless a query comes first. Each worker is a
        new Python process loading the dataset; started at once, they compete with the service's own
        start-up for the same cores."""
        self._context = mp.get_context("spawn")
        self._dataset = dataset
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._closed = False
        self.failure: str | None = None
        self._wanted = threading.Event()

        def start_workers() -> None:
            self._wanted.wait(start_after)
            for _ in range(workers):
                if not self._closed:
                    self._replace()

        threading.Thread(target=start_workers, daemon=True, name="nkc-kg-sparql-pool").start()

    def _replace(self) -> None:
        """Start a worker and hand it out once its dataset is loaded (in the background: start-up stays fast)."""

        def start() -> None:
            worker = _Worker(self._context, self._dataset)
            if worker.wait_ready() and not self._closed:
                self._idle.put(worker)
                return
            worker.process.join(5)
            if not self._closed:
                # not retried: a worker that cannot load the dataset once will not load it next time
                self.failure = (
                    f"a query worker exited with code {worker.process.exitcode} while loading {self._dataset}"
                )
                log.error(self.failure)
            worker.stop()

        threading.Thread(target=start, daemon=True, name="nkc-kg-sparql-start").start()

    def answer(
        self,
        sparql: str,
        media_type: str | None,
        limit: int,
        timeout: float,
        dataset: QueryDataset | None = None,
        base: str | None = None,
    ) -> tuple[bytes, str]:
        """Same contract as Store.answer; the time spent waiting for a free worker counts too."""
        self._wanted.set()
        deadline = time.monotonic() + timeout
        while True:
            if self.failure and self._idle.empty():
                raise QueryWorkersFailed(self.failure)
            try:
                worker = self._idle.get(timeout=min(0.5, max(0.0, deadline - time.monotonic())))
                break
            except queue.Empty:
                if time.monotonic() >= deadline:
                    raise QueryTimeout("every query worker stayed busy for the whole time limit") from None
        try:
            worker.conn.send((sparql, media_type, limit, dataset, base))
        except OSError:  # the worker died while it was idle (BrokenPipeError)
            how = _exit_of(worker)
            self._discard(worker)
            raise StoreUnavailable(f"a query worker had stopped ({how}); it is being replaced") from None
        if not worker.conn.poll(max(0.0, deadline - time.monotonic())):
            self._discard(worker)
            raise QueryTimeout(f"the query ran longer than {timeout:g} s")
        try:
            status, value = worker.conn.recv()
        except (EOFError, OSError):
            how = _exit_of(worker)
            self._discard(worker)
            raise StoreUnavailable(f"the query worker stopped while answering ({how}); it has been replaced") from None
        self._idle.put(worker)
        raise_for(status, value)
        return value  # type: ignore[no-any-return]

    def _discard(self, worker: _Worker) -> None:
        worker.stop()
        if not self._closed:
            self._replace()

    def idle(self) -> int:
        """Workers loaded and waiting for a query (for /health)."""
        return self._idle.qsize()

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                self._idle.get_nowait().stop()
            except queue.Empty:
                return
