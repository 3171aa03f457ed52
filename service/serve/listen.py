"""`nkc-kg serve` binds its port first, then says it is serving, then serves.

uvicorn.run binds inside, after the caller has printed "serving on …": a port in use gave that line
followed by ``[Errno 98]``. Here the socket is bound first, before the graph is loaded (a clean message
if it cannot be), it listens once the app is ready, the announcement comes after that, and uvicorn
serves on that socket (one process here, or several sharing it: workers.py).
"""

from __future__ import annotations

import contextlib
import socket
from typing import Any

# seconds an idle keep-alive connection stays open: longer than clients keep idle connections (httpx: 5 s,
# uvicorn's default too), so the server does not close a connection just as a client reuses it
KEEP_ALIVE = 30


class ListenError(Exception):
    """The service cannot listen where it was asked to (the port is taken, the address is not ours, …)."""


def bind(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port`` (as uvicorn binds it), or ListenError saying why not."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family=family)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        shown = f"[{host}]" if family == socket.AF_INET6 else host
        raise ListenError(f"cannot listen on http://{shown}:{port}/: {exc.strerror or exc}") from None
    sock.set_inheritable(True)
    return sock


def listen(sock: socket.socket) -> None:
    """Accept connections from now on (they wait in the backlog until the server takes them): call it
    right before announcing the address, after the app is loaded."""
    sock.listen(2048)


def serve(app: Any, sock: socket.socket) -> None:
    """Serve the ASGI ``app`` on the bound, listening ``sock`` until interrupted (as ``uvicorn.run``)."""
    import uvicorn

    config = uvicorn.Config(app, log_level="warning", timeout_keep_alive=KEEP_ALIVE)
    with contextlib.suppress(KeyboardInterrupt):
        uvicorn.Server(config).run(sockets=[sock])
