"""A real browser against a real server: `nkc-kg serve` in a subprocess, Debian's headless Chromium via Playwright.

Playwright's own browser download cannot reach the network here, so it drives /usr/bin/chromium.
Every page a test opens is watched: console errors and requests to other hosts fail the test.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def site_url() -> Iterator[str]:
    """The service as a user starts it, on a free loopback port."""
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "nkc_kg.service.cli", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(proc.stdout.read().decode() if proc.stdout else "server exited")
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    else:
        proc.kill()
        raise RuntimeError("server did not start within 60 s")
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is not installed (apt-get install chromium chromium-driver)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"CI needs the browser tests: {reason}")
        pytest.skip(reason)
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@dataclass
class Watch:
    """What the pages of one test did that a user would not want: console errors, requests off this host."""

    host: str
    console_errors: list[str] = field(default_factory=list)
    off_host: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    allowed: list[str] = field(default_factory=list)

    def allow(self, text: str) -> None:
        """A console error this test provokes on purpose (e.g. the 404 of a page it asks for)."""
        self.allowed.append(text)

    def unexpected_errors(self) -> list[str]:
        return [e for e in self.console_errors if not any(a in e for a in self.allowed)]

    def on_console(self, msg: ConsoleMessage) -> None:
        if msg.type == "error":
            self.console_errors.append(f"{msg.text} ({msg.location.get('url')})")

    def on_request(self, url: str) -> None:
        self.requests.append(url)
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if parts.netloc != self.host:
            self.off_host.append(url)


@pytest.fixture
def watch(site_url: str) -> Watch:
    return Watch(urlsplit(site_url).netloc)


@pytest.fixture
def allow_console_error(watch: Watch) -> Callable[[str], None]:
    """For a test that provokes a console error on purpose (e.g. the 404 of a page it asks for)."""
    return watch.allow


@pytest.fixture
def page(browser: Browser, site_url: str, watch: Watch) -> Iterator[Page]:
    """A fresh browser context per test (no cookies carried over), with its console and requests watched."""
    context = browser.new_context(base_url=site_url, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.on("console", watch.on_console)
    page.on("pageerror", lambda exc: watch.console_errors.append(f"uncaught: {exc}"))
    page.on("request", lambda request: watch.on_request(request.url))
    yield page
    context.close()
    assert not watch.unexpected_errors(), watch.unexpected_errors()
    assert not watch.off_host, watch.off_host
