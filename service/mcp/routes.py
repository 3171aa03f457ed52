"""MCP over streamable HTTP at ``/mcp`` of the running service, sharing its store, caches and release.

:func:`mount` is the one hook the app calls: it routes ``/mcp`` to an MCP server over the app's own
:class:`Questions` (so the answers, their caches and, with ``serve --releases``, the release are the
service's) and runs the SDK's session manager within the app's lifespan.

Importing the MCP SDK takes longer than loading the graph, so the service does not wait for it: the
lifespan imports it and starts the manager in the background, and a request to /mcp that comes
sooner waits for that. An app driven without its lifespan (the release dispatcher of
``serve --releases`` forwards requests to each release's app but does not run its lifespan) starts
the manager at the first request instead, for as long as the event loop runs.

The manager is stateless and answers in JSON: the server never calls the client back, so no session
has to outlive a request, and ``serve --workers N`` may answer each request in another process. Its
DNS-rebinding guard stays off as for every other path of this public, read-only service (the Host
header of a deployment behind a proxy is not known in advance); the request body is bounded.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any, Protocol

import anyio
from anyio.abc import TaskGroup, TaskStatus
from fastapi import FastAPI
from nkc_kg.service.mcp.backend import Backend, SparqlAnswerer
from nkc_kg.service.questions.catalogue import Questions
from nkc_kg.service.web.security_headers import public_root
from starlette.requests import Request
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

if TYPE_CHECKING:
    from mcp.server import ServerRequestContext
    from mcp.server.streamable_http_manager import StreamableHTTPSessionManager

PATH = "/mcp"
MAX_BODY = 512 * 1024  # bytes of a request: the largest argument is a SPARQL query of 100 000 characters


class ServiceSettings(Protocol):
    query_timeout: float
    result_limit: int


class ServiceLike(Protocol):
    """What :func:`mount` reads of the app's Service: the /sparql answerer and its limits."""

    settings: ServiceSettings

    @property
    def sparql_answerer(self) -> SparqlAnswerer: ...


class McpEndpoint:
    """The ASGI app at /mcp: the SDK's session manager, started in the app's lifespan (or at the first request)."""

    def __init__(self, build: Callable[[], StreamableHTTPSessionManager]) -> None:
        self._build = build
        self._manager: StreamableHTTPSessionManager | None = None
        self._group: TaskGroup | None = None  # the app lifespan's, while it runs
        self._starting = anyio.Lock()
        self._detached: asyncio.Task[None] | None = None

    @asynccontextmanager
    async def lifespan(self) -> AsyncIterator[None]:
        async with anyio.create_task_group() as group:
            self._group = group
            group.start_soon(self.start)
            try:
                yield
            finally:
                self._group = None
                group.cancel_scope.cancel()  # stops the manager and its requests' tasks

    async def start(self) -> StreamableHTTPSessionManager:
        async with self._starting:
            if self._manager is None:
                manager = await anyio.to_thread.run_sync(self._build)
                if self._group is not None:
                    await self._group.start(_run, manager)
                else:
                    started = anyio.Event()
                    self._detached = asyncio.get_running_loop().create_task(_run_detached(manager, started))
                    await started.wait()
                self._manager = manager
            return self._manager

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        manager = self._manager or await self.start()
        await manager.handle_request(scope, receive, send)


async def _run(manager: StreamableHTTPSessionManager, *, task_status: TaskStatus[None]) -> None:
    async with manager.run():
        task_status.started()
        await anyio.sleep_forever()


async def _run_detached(manager: StreamableHTTPSessionManager, started: anyio.Event) -> None:
    async with manager.run():
        started.set()
        await anyio.sleep_forever()


def request_site(ctx: ServerRequestContext[Any, Any]) -> str | None:
    """The service's configured public address (NKC_KG_PUBLIC_URL) that page URLs in answers are made
    absolute on; None (links relative to the service) without one. Never the Host header the client
    sent: a client could make the answers point anywhere."""
    request = ctx.request
    if isinstance(request, Request):
        return public_root(request).rstrip("/") or None
    return None


def session_manager(backend: Backend) -> StreamableHTTPSessionManager:
    from mcp.server.streamable_http_manager import StreamableHTTPSessionManager
    from nkc_kg.service.mcp.server import build_server

    return StreamableHTTPSessionManager(
        app=build_server(backend, site_of=request_site),
        json_response=True,
        stateless=True,
        max_request_body_size=MAX_BODY,
    )


def mount(app: FastAPI, service: ServiceLike, questions: Questions) -> McpEndpoint:
    """Serve MCP at /mcp of ``app``, over the app's question catalogue and its /sparql answerer and limits."""
    settings = service.settings
    backend = Backend(questions, service.sparql_answerer, settings.query_timeout, settings.result_limit)
    endpoint = McpEndpoint(lambda: session_manager(backend))
    # first, so that no catch-all route of the pages can shadow it
    app.router.routes.insert(0, Route(PATH, endpoint=endpoint, name="mcp", include_in_schema=False))
    inner = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(application: Any) -> AsyncIterator[Any]:
        async with endpoint.lifespan(), inner(application) as state:
            yield state

    app.router.lifespan_context = lifespan
    return endpoint
