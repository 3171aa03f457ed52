"""Request bodies read up to a limit: refused with 413 as soon as they are over it (declared or streamed)."""

from __future__ import annotations

from fastapi import Request
from nkc_kg.service.web.errors import ApiError


async def read_limited(request: Request, limit: int, too_large: str = "upload too large") -> bytes:
    """The request body; ``ApiError(413, too_large, …)`` when it is over ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise ApiError(413, too_large, f"the limit is {limit} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise ApiError(413, too_large, f"the limit is {limit} bytes")
    return bytes(body)
