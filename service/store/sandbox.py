"""Client queries run on a thread of their own that cannot reach the network and has a large stack.

pyoxigraph offers no option to turn federation off: a SERVICE clause that reaches the engine makes
it open an HTTP connection to wherever the query says. The query check (query_guard.py) refuses
SERVICE before that, and this module makes the engine unable to do it anyway: on Linux (x86-64,
AArch64) the thread that runs a client's query installs a seccomp filter on itself that fails
every ``socket(AF_INET | AF_INET6, …)`` with EACCES, so a SERVICE that slipped past the check ends
in PermissionError instead of a connection. The filter binds that thread only (threads it starts
inherit it); the rest of the process (uvicorn, the remote store's client) is untouched.

The thread also gets a stack far larger than the default 8 MiB: the engine's parser and optimiser
recurse per level of nesting and per link of an operator chain, and a query within the limits of
query_guard.py needs up to a few tens of MiB of it. Only the pages a query touches are ever
allocated, and they are returned when the thread ends (one thread per query).
"""

from __future__ import annotations

import ctypes
import errno
import logging
import platform
import socket
import sys
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
log = logging.getLogger(__name__)

STACK_SIZE = 256 * 1024 * 1024

# (AUDIT_ARCH_…, number of the socket syscall) per machine
_ARCHES = {
    "x86_64": (0xC000003E, 41),
    "amd64": (0xC000003E, 41),
    "aarch64": (0xC00000B7, 198),
    "arm64": (0xC00000B7, 198),
}
_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000
_LD_W_ABS, _JEQ_K, _RET_K = 0x20, 0x15, 0x06  # BPF_LD|BPF_W|BPF_ABS, BPF_JMP|BPF_JEQ|BPF_K, BPF_RET|BPF_K


class _SockFilter(ctypes.Structure):
    _fields_ = [("code", ctypes.c_ushort), ("jt", ctypes.c_ubyte), ("jf", ctypes.c_ubyte), ("k", ctypes.c_uint32)]


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_SockFilter))]


_stack_lock = threading.Lock()
_warned = False


def network_sandbox_supported() -> bool:
    return sys.platform == "linux" and platform.machine().lower() in _ARCHES


def deny_network_on_this_thread() -> bool:
    """Make ``socket(AF_INET|AF_INET6, …)`` fail with EACCES on the calling thread (and threads it starts).

    False where the platform has no seccomp (the caller then relies on the query check alone)."""
    if not network_sandbox_supported():
        return False
    arch, socket_nr = _ARCHES[platform.machine().lower()]
    deny = _RET_ERRNO | errno.EACCES
    program = [
        (_LD_W_ABS, 0, 0, 4),  # seccomp_data.arch
        (_JEQ_K, 1, 0, arch),
        (_RET_K, 0, 0, deny),  # another ABI (x32, compat): nothing of ours runs there
        (_LD_W_ABS, 0, 0, 0),  # seccomp_data.nr
        (_JEQ_K, 0, 3, socket_nr),  # not socket(): to the allow 3 further on
        (_LD_W_ABS, 0, 0, 16),  # seccomp_data.args[0] (low half): the address family
        (_JEQ_K, 2, 0, socket.AF_INET),
        (_JEQ_K, 1, 0, socket.AF_INET6),
        (_RET_K, 0, 0, _RET_ALLOW),
        (_RET_K, 0, 0, deny),
    ]
    filters = (_SockFilter * len(program))(*(_SockFilter(*instruction) for instruction in program))
    prog = _SockFprog(len(program), filters)
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    return bool(libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(prog), 0, 0) == 0)


def run_confined(work: Callable[[], T]) -> T:
    """``work()`` on a new thread with a large stack and no network; its result, or its exception re-raised.

    ``work`` must not let engine objects escape in an exception: an exception's traceback keeps the
    frames of the confined thread alive, and pyoxigraph objects may only be dropped on the thread that
    made them. The traceback is cut here, on that thread, before the exception is handed over."""
    outcome: list[object] = []

    def confined() -> None:
        global _warned
        if not deny_network_on_this_thread() and not _warned:
            _warned = True
            log.warning("no network sandbox on this platform: SERVICE is refused by the query check alone")
        try:
            outcome.append(work())
        except BaseException as exc:  # handed to the caller's thread, which raises it
            exc.__traceback__ = None
            exc.__context__ = exc.__cause__ = None
            outcome.append(_Raised(exc))

    with _stack_lock:
        previous = threading.stack_size(STACK_SIZE)
        try:
            thread = threading.Thread(target=confined, name="nkc-kg-query", daemon=True)
            thread.start()
        finally:
            threading.stack_size(previous)
    thread.join()
    result = outcome[0]
    if isinstance(result, _Raised):
        raise result.exc
    return result  # type: ignore[return-value]


class _Raised:
    __slots__ = ("exc",)

    def __init__(self, exc: BaseException) -> None:
        self.exc = exc
