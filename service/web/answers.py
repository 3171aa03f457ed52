"""JSON answers computed once: the graph does not change while it is served, so a route keeps the JSON
bytes of each answer in a bounded LRU cache keyed by route and normalised parameters (one per router
and app: see :class:`JsonCaches` and web/deps.py)."""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

CACHE_ENTRIES = 4096
# answers that may be kept by clients and proxies for a while (the graph changes only with a release)
CACHEABLE = {"Cache-Control": "public, max-age=300"}
# an answer that depends on the request's path and query string alone: kept whole and sent again before
# routing, with ETag and Last-Modified (web/cached_answers.py)
KEPT = {"x-nkc-kg-cached-answer": "1"}


class JsonCache:
    """Serialised answers, least recently used dropped first. Used from the event loop only."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[Hashable, bytes] = OrderedDict()

    def get(self, key: Hashable) -> bytes | None:
        body = self._entries.get(key)
        if body is not None:
            self._entries.move_to_end(key)
        return body

    def put(self, key: Hashable, body: bytes) -> None:
        self._entries[key] = body
        self._entries.move_to_end(key)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)


class JsonCaches:
    """An app's answer caches by name, each of ``size`` entries, made on first use."""

    def __init__(self, size: int = CACHE_ENTRIES) -> None:
        self.size = size
        self._caches: dict[str, JsonCache] = {}

    def __getitem__(self, name: str) -> JsonCache:
        cache = self._caches.get(name)
        if cache is None:
            cache = self._caches[name] = JsonCache(self.size)
        return cache


def encode(answer: Any) -> bytes:
    return json.dumps(answer, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
