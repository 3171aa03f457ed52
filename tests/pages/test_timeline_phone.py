"""The timeline on a phone (390 px) is drawn to fit the screen: every step a line of text above its bar, no
sideways scrolling inside the picture's box, the table below; a laptop keeps the wide picture."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

PATHS = (
    "/timeline",
    "/timeline?plan=zeldzame-kankers-2025&from=2025-01-01&to=2026-12-31",
    "/plan/zeldzame-kankers-2025/activity/12",
)


def _open(browser: Browser, site_url: str, width: int) -> Page:
    context = browser.new_context(base_url=site_url, locale="nl-NL", viewport={"width": width, "height": 844})
    return context.new_page()


@pytest.mark.parametrize("path", PATHS)
def test_on_a_phone_the_picture_fits_and_shows_every_step(browser: Browser, site_url: str, path: str) -> None:
    page = _open(browser, site_url, 390)
    page.goto(path)
    assert not page.locator("figure.timeline-wide").is_visible()
    narrow = page.locator("figure.timeline-narrow")
    assert narrow.is_visible()
    fits = page.evaluate(
        """() => { const f = document.querySelector('figure.timeline-narrow');
                   const box = f.querySelector('svg').getBoundingClientRect();
                   return [f.scrollWidth - f.clientWidth, Math.ceil(box.right - window.innerWidth), box.width]; }"""
    )
    assert fits[0] <= 0 and fits[1] <= 0 and fits[2] > 300, fits
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    steps = narrow.locator("svg .step")
    wide_steps = page.locator("figure.timeline-wide svg .step")
    assert steps.count() == wide_steps.count() > 0
    # each step's line of text is legible: at least 10 px high on the screen
    assert narrow.locator("svg .step text").first.bounding_box()["height"] >= 10
    if path.startswith("/timeline"):
        assert page.locator("#timeline-table tbody tr").count() == steps.count()
    page.context.close()


def test_on_a_laptop_the_wide_picture_is_shown(browser: Browser, site_url: str) -> None:
    page = _open(browser, site_url, 1366)
    page.goto(PATHS[1])
    assert page.locator("figure.timeline-wide svg.timeline").is_visible()
    assert not page.locator("figure.timeline-narrow").is_visible()
    page.context.close()
