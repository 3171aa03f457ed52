"""Uploads are validated under bounds: a few at a time, each in a process of its own.

A validation reads hostile bytes with rdflib, PyYAML, openpyxl and pyshacl: parsers whose time and
memory grow with what the input declares (entities, aliases, nesting), not with its size. So each
validation runs in a child process (forked from a server that has the validation modules loaded,
warm.py):

- at most ``validate_concurrency`` at a time; another upload is answered 503 with Retry-After at once,
  instead of queueing work nobody will wait for;
- the child may use ``validate_memory`` MiB of address space (RLIMIT_AS): past it, 413;
- it is killed after ``validate_timeout`` seconds: 503;
- when it ends, all it allocated goes back to the system: the service's own memory stays where it was;
- a child that dies (a parser's crash) is a 400 naming the signal, not a dead service.

Empty bodies are refused (400) before any of this. The refusals are :class:`UploadRefused`, which the
routes turn into the service's error answer (routes.py) or the page's message (pages.py).
"""

from __future__ import annotations

import errno
import gc
import multiprocessing as mp
import os
import shutil
import signal
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

import anyio
from nkc_kg.service.validate.uploads import SUFFIX_FOR

if TYPE_CHECKING:
    from nkc_kg.loaders.iris import Iris
    from nkc_kg.loaders.validation import Report
    from nkc_kg.service.settings import Settings

# forked from a server that has these loaded (pyshacl, rdflib, the loaders: seconds of imports)
PRELOAD = ["nkc_kg.service.validate.warm"]
RETRY_AFTER = 30  # seconds a client is asked to wait when every validation slot is taken
MEMORY_EXIT = 75  # a child's exit code when it ran out of memory before it could answer


class UploadRefused(Exception):
    """An upload that is not validated: its status, error, detail and headers (Retry-After) for the answer."""

    def __init__(self, status: int, error: str, detail: Any = None, headers: dict[str, str] | None = None) -> None:
        super().__init__(error)
        self.status, self.error, self.detail, self.headers = status, error, detail, headers or {}

    @property
    def busy(self) -> bool:
        """Every validation slot was taken (the client may try again later)."""
        return "Retry-After" in self.headers


class ValidationGate:
    """At most ``slots`` validations at a time (counted on the event loop thread, so no lock is needed)."""

    def __init__(self, slots: int) -> None:
        self.slots = slots
        self.running = 0

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        if self.running >= self.slots:
            raise UploadRefused(
                503,
                "validation busy",
                f"{self.running} validations are running, the most at a time (NKC_KG_VALIDATE_CONCURRENCY); "
                f"try again in {RETRY_AFTER} s",
                headers={"Retry-After": str(RETRY_AFTER)},
            )
        self.running += 1
        try:
            yield
        finally:
            self.running -= 1


def refuse_empty(body: bytes) -> None:
    if not body.strip():
        raise UploadRefused(400, "empty upload", "the request body is empty: send the file's contents")


_context: Any = None


def _forkserver() -> Any:
    global _context
    if _context is None:
        _context = mp.get_context("forkserver")
        _context.set_forkserver_preload(PRELOAD)
    return _context


def start_validation_server() -> None:
    """Start the process validations are forked from, at the service's start rather than at the first upload:
    it imports the validation modules and validates the service's data once (warm.py), in the background and
    while this process loads the graph, so the first upload is answered as fast as the next. Started once per
    process; later calls do nothing."""
    from multiprocessing import forkserver

    _forkserver()
    forkserver.ensure_running()


async def validate_bounded(
    gate: ValidationGate, settings: Settings, body: bytes, name: str, data_dir: Path, iris: Iris
) -> Report:
    """``validate_upload(body, name, data_dir, iris)`` in a child process, within the gate, time and memory
    bounds (uploads.py does the validating)."""
    refuse_empty(body)
    async with gate.slot():
        timeout, memory = settings.validate_timeout, settings.validate_memory
        return await anyio.to_thread.run_sync(_run_child, body, name, data_dir, iris.base, timeout, memory)


def _run_child(body: bytes, name: str, data_dir: Path, base: str, timeout: float, memory_mib: int) -> Report:
    context = _forkserver()
    parent, child = context.Pipe(duplex=False)
    # the child's temporary files (the upload) go here: removed even when the child is killed at its time
    # limit or runs out of memory while cleaning up
    scratch = tempfile.mkdtemp(prefix="nkc-kg-validation-")
    process = context.Process(
        target=_child,
        args=(child, body, name, data_dir, base, memory_mib, scratch),
        daemon=True,
        name="nkc-kg-validate",
    )
    process.start()
    child.close()
    try:
        if not parent.poll(timeout):
            raise UploadRefused(
                503,
                "validation timed out",
                f"validating this upload took longer than {timeout:g} s (NKC_KG_VALIDATE_TIMEOUT); "
                "split it or make it smaller",
            )
        try:
            status, value = parent.recv()
        except (EOFError, OSError):
            process.join(5)
            if process.exitcode == MEMORY_EXIT:
                raise _too_much_memory(memory_mib) from None
            raise _died(process.exitcode) from None
    finally:
        if process.is_alive():
            process.kill()
        process.join(5)
        parent.close()
        shutil.rmtree(scratch, ignore_errors=True)
    if status == "memory":
        raise _too_much_memory(memory_mib)
    return value  # type: ignore[no-any-return]


def _child(conn: Connection, body: bytes, name: str, data_dir: Path, base: str, memory_mib: int, scratch: str) -> None:
    import resource

    tempfile.tempdir = scratch  # the parent removes it, however this process ends
    limit = memory_mib * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    outcome = _validate_in_child(body, name, data_dir, base)
    gc.collect()  # what the validation left (a half-built graph) goes before the answer is pickled
    try:
        conn.send(outcome)
    except MemoryError:
        os._exit(MEMORY_EXIT)  # no memory even to answer: the exit code says it


def _validate_in_child(body: bytes, name: str, data_dir: Path, base: str) -> tuple[str, Report | None]:
    from nkc_kg.loaders.iris import Iris
    from nkc_kg.service.validate.uploads import validate_upload

    try:
        return "report", validate_upload(body, name, data_dir, Iris(base))
    except MemoryError:
        return "memory", None  # (leaving the handler frees the frames the traceback held)
    except OSError as exc:
        # out of memory while cleaning up after a MemoryError (the temporary folder's removal)
        if exc.errno == errno.ENOMEM or isinstance(exc.__context__, MemoryError):
            return "memory", None
        raise
    except RecursionError:  # nesting deeper than the parsers' recursion: the upload is what is wrong
        return "report", _input_error(name, "the data nests too deeply to be read")


def _input_error(name: str, message: str) -> Report:
    from nkc_kg.loaders.curated.yamlio import CurationError, Location
    from nkc_kg.loaders.validation import Report

    return Report(errors=[CurationError(Location(name, 1), message)])


def _too_much_memory(memory_mib: int) -> UploadRefused:
    return UploadRefused(
        413,
        "upload needs too much memory",
        f"validating this upload needs more than {memory_mib} MiB (NKC_KG_VALIDATE_MEMORY)",
    )


def _died(exitcode: int | None) -> UploadRefused:
    if exitcode is not None and exitcode < 0:
        try:
            how = signal.Signals(-exitcode).name
        except ValueError:
            how = f"signal {-exitcode}"
        return UploadRefused(
            400,
            "upload could not be read",
            f"the validator stopped ({how}) while reading this upload; check that it is a well-formed file",
        )
    return UploadRefused(
        502, "validation failed", f"the validation process ended with exit code {exitcode} (see the service's log)"
    )


# The request body of POST /api/validate in the OpenAPI description (the route reads it itself).
UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "description": "the file's bytes, with its media type",
        "content": {media: {"schema": {"type": "string", "format": "binary"}} for media in SUFFIX_FOR},
    }
}
