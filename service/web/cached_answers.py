"""Cached answers served before routing, with ETag / Last-Modified validators and 304s.

A route whose answer depends only on the request's path and query string, and whose JSON bytes it keeps
in its answer cache (web/answers.py: the REST API, the named queries), marks its 200 response with
``ANSWER_MARK``. This middleware, the outermost of the app, keeps such a response whole, as it was sent
(status, every header the inner middleware added, body), keyed by the exact path and query string, and
sends it again for the next GET of the same target without going through routing and dependency
resolution: profiled on the benchmark's question, those took three quarters of a cached answer's time,
for bytes that cannot differ (the graph does not change while an app serves it; a new release is a new
app with its own cache).

Every kept answer gets an ``ETag`` (the release served, or the dataset file, or ``data`` for data/ built
at start-up, and a digest of the body) and a ``Last-Modified`` (when the release's dataset was written, or
when this app was made, i.e. when the served graph was loaded). A GET whose ``If-None-Match`` names the ETag is
answered ``304 Not Modified`` with the same validators and caching headers and no body.
"""

from __future__ import annotations

import hashlib
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from email.utils import formatdate
from pathlib import Path
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# set by a route on an answer that depends on the path and query string alone; never sent to clients
ANSWER_MARK = b"x-nkc-kg-cached-answer"
ENTRIES = 4096  # answers kept (each body is also held by its route's answer cache: the same bytes object)
TARGET_MAX = 2048  # longer paths and query strings are answered, not kept
# headers a 304 repeats (RFC 9110 15.4.5); the others describe a body it does not have
NOT_MODIFIED_HEADERS = {b"cache-control", b"etag", b"last-modified", b"vary", b"expires", b"content-location"}


class Kept:
    __slots__ = ("body", "etag", "not_modified", "start")

    def __init__(self, headers: list[tuple[bytes, bytes]], body: bytes, etag: bytes) -> None:
        self.start: Message = {"type": "http.response.start", "status": 200, "headers": headers}
        self.body: Message = {"type": "http.response.body", "body": body}
        self.etag = etag
        self.not_modified: Message = {
            "type": "http.response.start",
            "status": 304,
            "headers": [(k, v) for k, v in headers if k in NOT_MODIFIED_HEADERS or k.startswith(b"x-")],
        }


class CachedAnswers:
    """ASGI middleware: marked answers kept whole and sent again before routing; ETag, Last-Modified, 304."""

    def __init__(self, app: ASGIApp, entries: int = ENTRIES) -> None:
        self.app = app
        self.entries = entries
        self._kept: OrderedDict[tuple[str, bytes], Kept] = OrderedDict()
        self._created = time.time()
        self._validators: tuple[bytes, bytes] | None = None  # (ETag prefix, Last-Modified)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        key = (scope["path"], scope["query_string"])
        kept = self._kept.get(key)
        if kept is not None:
            self._kept.move_to_end(key)
            if _matches(_if_none_match(scope), kept.etag):
                await send(kept.not_modified)
                await send({"type": "http.response.body", "body": b""})
                return
            await send(kept.start)
            await send(kept.body)
            return
        if len(key[0]) + len(key[1]) > TARGET_MAX:
            await self.app(scope, receive, send)
            return
        await self.app(scope, receive, self._keeping(scope, key, send))

    def _keeping(self, scope: Scope, key: tuple[str, bytes], send: Send) -> Send:
        """``send``, except that a marked answer is held until its body is known, then kept and sent."""
        held: Message | None = None

        async def send_keeping(message: Message) -> None:
            nonlocal held
            if message["type"] == "http.response.start":
                headers = message.get("headers", [])
                if message["status"] == 200 and any(k == ANSWER_MARK for k, _ in headers):
                    held = message
                    return
            elif held is not None and message["type"] == "http.response.body":
                if message.get("more_body", False):  # not one body: sent as it is, not kept
                    start, held = held, None
                    start["headers"] = [(k, v) for k, v in start["headers"] if k != ANSWER_MARK]
                    await send(start)
                else:
                    kept = self._keep(scope, key, held, message.get("body", b""))
                    held = None
                    await self._send_kept(scope, kept, send)
                    return
            await send(message)

        return send_keeping

    def _keep(self, scope: Scope, key: tuple[str, bytes], start: Message, body: bytes) -> Kept:
        prefix, last_modified = self._validators_for(scope)
        etag = b'"' + prefix + b"-" + hashlib.blake2b(body, digest_size=12).hexdigest().encode() + b'"'
        headers = [
            (k, v)
            for k, v in start["headers"]
            if k not in (ANSWER_MARK, b"etag", b"last-modified")  # the route's marker; validators are ours
        ]
        headers += [(b"etag", etag), (b"last-modified", last_modified)]
        kept = Kept(headers, body, etag)
        self._kept[key] = kept
        while len(self._kept) > self.entries:
            self._kept.popitem(last=False)
        return kept

    async def _send_kept(self, scope: Scope, kept: Kept, send: Send) -> None:
        if _matches(_if_none_match(scope), kept.etag):
            await send(kept.not_modified)
            await send({"type": "http.response.body", "body": b""})
        else:
            await send(kept.start)
            await send(kept.body)

    def _validators_for(self, scope: Scope) -> tuple[bytes, bytes]:
        """Read at the first kept answer: a release's version and the time its dataset was written, or for
        another dataset file its name and time, or for data/ built at start-up the time this app was made."""
        if self._validators is None:
            service = getattr(getattr(scope.get("app"), "state", None), "service", None)
            dataset = getattr(getattr(service, "settings", None), "dataset", None)
            prefix, modified = b"data", self._created
            if isinstance(dataset, Path) and dataset.is_file():
                release = dataset.parent
                is_release = (release / "SHA256SUMS").is_file()
                prefix = (f"release-{release.name}" if is_release else f"dataset-{_tag(str(dataset))}").encode()
                modified = dataset.stat().st_mtime
            self._validators = (prefix, formatdate(modified, usegmt=True).encode())
        return self._validators


def _tag(text: str) -> str:
    """A short token for a name, safe inside an entity tag."""
    return hashlib.blake2b(text.encode(), digest_size=6).hexdigest()


def _if_none_match(scope: Scope) -> bytes | None:
    for name, value in scope["headers"]:
        if name == b"if-none-match":
            return value
    return None


def _matches(if_none_match: bytes | None, etag: bytes) -> bool:
    """Weak comparison (RFC 9110 13.1.2): ``*``, or one of the listed tags, with or without ``W/``."""
    if if_none_match is None:
        return False
    if if_none_match.strip() == b"*":
        return True
    return any(tag.strip().removeprefix(b"W/") == etag for tag in if_none_match.split(b","))
