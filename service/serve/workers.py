"""``nkc-kg serve --workers N``: N uvicorn worker processes, each given the app's settings as an argument.

uvicorn starts its workers with multiprocessing's *spawn* and pickles its ``Config`` to each of them;
a worker builds its app by calling ``Config.load_app()``. Here that returns a factory bound to the
service's ``Settings`` (a picklable ``functools.partial``), so each worker builds the same app the
parent was asked for: the settings travel as a value, not through the environment.
"""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Callable
from typing import Any

import uvicorn
from nkc_kg.service.serve.listen import KEEP_ALIVE
from uvicorn.supervisors import Multiprocess


class _FactoryConfig(uvicorn.Config):
    """uvicorn's Config whose app is a picklable factory instead of an import string."""

    def __init__(self, factory: Callable[[], Any], **options: Any) -> None:
        super().__init__(f"{__name__}:unused", factory=True, **options)
        self.app_factory = factory

    def load_app(self) -> Any:
        return self.app_factory  # uvicorn calls it (factory=True) in the worker process


def run_workers(factory: Callable[[], Any], sock: socket.socket, workers: int) -> None:
    """Serve ``factory()`` from ``workers`` processes on the bound, listening ``sock`` (listen.py) until
    interrupted (as ``uvicorn.run``)."""
    config = _FactoryConfig(factory, workers=workers, log_level="warning", timeout_keep_alive=KEEP_ALIVE)
    with contextlib.suppress(KeyboardInterrupt):
        Multiprocess(config, sockets=[sock]).run()
