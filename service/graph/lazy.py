"""Things of the served graph that are built on first use, once (the graph does not change while served)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def built_once(factory: Callable[[], T]) -> Callable[[], T]:
    """``factory()`` on the first call, its result ever after (threads wait for the one that builds)."""
    lock = threading.Lock()
    built: list[T] = []

    def get() -> T:
        if not built:
            with lock:
                if not built:
                    built.append(factory())
        return built[0]

    return get
