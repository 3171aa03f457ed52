"""Credentials for a triple store that asks for them (Virtuoso's Graph Store Protocol, a protected endpoint).

They come from NKC_KG_STORE_USER / NKC_KG_STORE_PASSWORD (read by Settings) or, failing that, from
the netrc file (``$NETRC``, read by Settings, else ``~/.netrc``) entry of the store's host. They are sent only after the
store challenges a request (HTTP 401), in the scheme it asks for (Digest or Basic), and they never
appear in a message: URLs are shown without user information, and a URL that carries a password is
refused rather than echoed.
"""

from __future__ import annotations

import base64
import netrc
from collections.abc import Generator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx


class CredentialsError(ValueError):
    """Credentials given in a way the service will not use (in a URL, half of a pair)."""


@dataclass(frozen=True)
class Credentials:
    user: str
    password: str = field(repr=False)


def redacted(url: str) -> str:
    """``url`` without its user information, for messages."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def refuse_credentials_in(url: str, what: str) -> None:
    """A password in a URL ends up in shell histories, process lists and logs: refuse it, without echoing it."""
    parts = urlsplit(url)
    if parts.username is not None or parts.password is not None:
        raise CredentialsError(
            f"{what} {redacted(url)}: do not put a user name or password in the URL; "
            "set NKC_KG_STORE_USER and NKC_KG_STORE_PASSWORD, or add the host to your netrc file"
        )


def credentials_for(
    url: str, user: str | None, password: str | None, netrc_file: Path | None = None
) -> Credentials | None:
    """The explicit pair if given, else the netrc entry of the URL's host, else None (no authentication)."""
    if user or password:
        if not (user and password):
            missing = "NKC_KG_STORE_PASSWORD" if user else "NKC_KG_STORE_USER"
            raise CredentialsError(f"{missing} is not set: set both NKC_KG_STORE_USER and NKC_KG_STORE_PASSWORD")
        return Credentials(user, password)
    host = urlsplit(url).hostname
    path = netrc_file or Path.home() / ".netrc"
    if host is None or not path.is_file():
        return None
    try:
        entry = netrc.netrc(str(path)).authenticators(host)
    except (netrc.NetrcParseError, OSError) as exc:
        # the parser's message can quote the offending line, which may hold a password: say where only
        line = getattr(exc, "lineno", None)
        raise CredentialsError(f"cannot read the netrc file {path}" + (f" (line {line})" if line else "")) from None
    if entry is None or not entry[0] or not entry[2]:
        return None
    return Credentials(entry[0], entry[2])


class ChallengeAuth(httpx.Auth):
    """Answers the store's challenge in its scheme: Digest (Virtuoso, GraphDB) or Basic (Fuseki, proxies).

    Nothing is sent before the first 401; after a Digest challenge, later requests are authorised
    at once (httpx's DigestAuth keeps the challenge)."""

    requires_response_body = True

    def __init__(self, credentials: Credentials) -> None:
        self._credentials = credentials
        self._digest = httpx.DigestAuth(credentials.user, credentials.password)
        self._scheme: str | None = None

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self._scheme == "digest":
            yield from self._digest.auth_flow(request)
            return
        if self._scheme == "basic":
            request.headers["Authorization"] = self._basic()
            yield request
            return
        response = yield request
        if response.status_code != 401:
            return
        challenge = response.headers.get("www-authenticate", "").split(" ", 1)[0].lower()
        if challenge == "digest":
            self._scheme = "digest"
            flow = self._digest.auth_flow(request)
            next(flow)  # the unauthorised request, already sent
            try:
                retry = flow.send(response)
                while True:
                    retry = flow.send((yield retry))
            except StopIteration:
                return
        if challenge == "basic":
            self._scheme = "basic"
            request.headers["Authorization"] = self._basic()
            yield request

    def _basic(self) -> str:
        token = base64.b64encode(f"{self._credentials.user}:{self._credentials.password}".encode()).decode()
        return f"Basic {token}"


def store_auth(url: str, user: str | None, password: str | None, netrc_file: Path | None = None) -> httpx.Auth | None:
    """``netrc_file``: None for ``~/.netrc``."""
    credentials = credentials_for(url, user, password, netrc_file)
    return ChallengeAuth(credentials) if credentials else None
