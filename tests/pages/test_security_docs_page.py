"""The API documentation pages work in a browser under the service's Content-Security-Policy (issue 19):
the Swagger UI page starts itself with an inline script that runs only because its hash is in the
policy. Any CSP violation is a console error, which the ``page`` fixture fails on. (ReDoc, on /redoc,
asks a CDN for the Redocly logo: the policy blocks that, so /redoc no longer tells a third party of
each visit, and a browser test of it would fail on that blocked request.)"""

from __future__ import annotations

from playwright.sync_api import Page, expect


def test_swagger_ui_renders_under_the_policy(page: Page) -> None:
    page.goto("/docs")
    expect(page.locator(".opblock-tag").first).to_be_visible(timeout=60_000)  # rendered from /openapi.json
