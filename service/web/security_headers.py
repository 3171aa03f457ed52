"""Security headers on every response, and a cap on every request body.

Every response gets ``X-Content-Type-Options: nosniff``, a ``Referrer-Policy``, frame protection
(``X-Frame-Options`` and CSP ``frame-ancestors``) and a Content-Security-Policy. Scripts run only from
this service's own files; an inline ``<script>`` in an HTML page (the Swagger UI page of /docs has one)
runs only because its SHA-256 is listed in that page's policy, computed here from the page itself, so
a script injected into a page would not run. Styles may be inline (the role swatches, ReDoc's
generated styles): a style cannot run code.

Request bodies are capped before a route reads them: a declared Content-Length over the cap is
answered 413 at once, and a body that streams past it is cut off with 413 too.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

HEADERS = {
    b"x-content-type-options": b"nosniff",
    b"referrer-policy": b"same-origin",
    b"x-frame-options": b"DENY",
    b"cross-origin-opener-policy": b"same-origin",
}
POLICY = (
    "default-src 'self'; script-src 'self'{hashes}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# an executable inline script: no src, and no type or a JavaScript one (JSON data blocks never run)
_INLINE_SCRIPT = re.compile(
    rb"<script(?![^>]*\bsrc\s*=)(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.IGNORECASE | re.DOTALL
)
_DATA_TYPE = re.compile(rb"""\btype\s*=\s*["']?(?!(?:text|application)/(?:javascript|ecmascript)|module)""", re.I)


def content_security_policy(html: bytes = b"") -> bytes:
    """The policy for a response; for an HTML page, with the hash of each inline script it has."""
    hashes = "".join(f" 'sha256-{_digest(m['body'])}'" for m in _INLINE_SCRIPT.finditer(html) if _runs(m["attrs"]))
    return POLICY.format(hashes=hashes).encode()


def _runs(attrs: bytes) -> bool:
    return not _DATA_TYPE.search(attrs)


def _digest(body: bytes) -> str:
    return base64.b64encode(hashlib.sha256(body).digest()).decode()


class SecurityHeaders:
    """ASGI middleware: the headers above on every HTTP response (HTML pages are hashed whole)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        html = bytearray()

        async def send_with_headers(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in HEADERS]
                headers += list(HEADERS.items())
                message["headers"] = headers
                if _is_html(headers):
                    start = message  # held back until the whole page is known (its scripts are hashed)
                    return
                message["headers"].append((b"content-security-policy", content_security_policy()))
                await send(message)
                return
            if start is not None and message["type"] == "http.response.body":
                html.extend(message.get("body", b""))
                if message.get("more_body", False):
                    return
                start["headers"].append((b"content-security-policy", content_security_policy(bytes(html))))
                await send(start)
                await send({"type": "http.response.body", "body": bytes(html)})
                return
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _is_html(headers: list[tuple[bytes, bytes]]) -> bool:
    return any(k.lower() == b"content-type" and v.lower().startswith(b"text/html") for k, v in headers)


class _BodyTooLarge(Exception):
    pass


class BodyLimit:
    """ASGI middleware: request bodies over ``limit_for(path)`` bytes get 413 before a route reads them."""

    def __init__(self, app: ASGIApp, limit_for: Callable[[str], int | None]) -> None:
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope.get("path", ""))
        if limit is None:  # a route that bounds its body itself
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            await _too_large(send, limit)
            return
        received = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _BodyTooLarge
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except _BodyTooLarge:
            if not started:
                await _too_large(send, limit)


async def _too_large(send: Send, limit: int) -> None:
    body = json.dumps({"error": "request body too large", "detail": f"the limit is {limit:,} bytes"}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


def install_security(app: Any, settings: Any) -> None:
    """Headers and body caps on every request, refused queries as JSON, links from the configured URL.

    ``app`` is the FastAPI app, ``settings`` its Settings (typed loosely: the web layer imports no app)."""
    from fastapi import Request
    from fastapi.responses import JSONResponse
    from nkc_kg.service.store.embedded import QueryRefused
    from nkc_kg.service.store.query_guard import QueryRejected

    sparql_limit = settings.query_max_bytes * 3 + 64 * 1024  # a form-encoded query is up to 3× its text (%XX)
    upload_limit = settings.upload_limit + 64 * 1024  # a multipart form's boundaries and headers

    def limit_for(path: str) -> int | None:
        if path == "/valideren":
            return None  # the page reads with its own limit and answers a person in HTML, not JSON
        return sparql_limit if path.startswith("/sparql") else upload_limit

    app.add_middleware(BodyLimit, limit_for=limit_for)
    app.add_middleware(SecurityHeaders)  # outermost: also on the 413s of BodyLimit
    app.state.public_url = settings.public_url or ""

    @app.exception_handler(QueryRejected)
    async def rejected(_: Request, exc: QueryRejected) -> JSONResponse:
        return JSONResponse({"error": exc.error, "detail": exc.detail}, status_code=exc.status)

    @app.exception_handler(QueryRefused)
    async def refused(_: Request, exc: QueryRefused) -> JSONResponse:
        return JSONResponse({"error": "query refused", "detail": str(exc)}, status_code=403)


def public_root(request: Any) -> str:
    """The service's URL for absolute links (NKC_KG_PUBLIC_URL), or "" for links relative to the host the
    client used: never the Host header, which a client can set to anything."""
    return str(getattr(request.app.state, "public_url", ""))
