"""The progress page of a plan (/voortgang) in a real browser on a laptop (1366 px) and a phone (390 px):
a bar per subgoal in four states, the overdue steps linked to their activities; the whole page (menu
included), the printable report and the activity and party pages with their progress block neither scroll
sideways nor have a serious axe-core finding (axe.min.js of the axe-playwright-python package, evaluated in
the page). The progress page is reached by links: from a plan's page and from the home page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from page_checks import overflow, serious_axe_violations
from playwright.sync_api import Browser, Page

WIDTHS = {"laptop": (1366, 800), "phone": (390, 844)}
# the steps of the rare-cancer plan 2025 whose timeframe ends before 31 December 2025 (slides 18-29);
# the shipped data has no 2025 report yet, so all of them are overdue
OVERDUE_2025 = {(2, 1), (2, 2), (3, 1), (4, 1), (6, 1), (10, 1), (12, 1), (13, 1)}


@pytest.fixture(scope="module", params=list(WIDTHS))
def sized_page(request: pytest.FixtureRequest, browser: Browser, site_url: str) -> Iterator[Page]:
    width, height = WIDTHS[request.param]
    context = browser.new_context(base_url=site_url, locale="nl-NL", viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(20_000)
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield page
    context.close()
    assert errors == []


def test_progress_page_shows_bars_and_the_overdue_steps(sized_page: Page) -> None:
    page = sized_page
    response = page.goto("/voortgang?plan=zeldzame-kankers-2025&at=2025-12-31")
    assert response is not None and response.status == 200
    assert page.locator("h3.subgoal-bar").count() == 7  # subgoals 1-6 and "Aan alle subdoelen"
    assert page.locator("svg.progress-bar").count() == 8  # and the whole plan
    items = page.locator("li.overdue-item")
    assert items.count() == len(OVERDUE_2025)
    links = {items.nth(i).locator("a").first.get_attribute("href") for i in range(items.count())}
    assert links == {f"/plan/zeldzame-kankers-2025/activity/{a}" for a, _ in OVERDUE_2025}
    assert "184 dagen te laat" in items.first.inner_text()
    assert overflow(page) == 0
    assert serious_axe_violations(page) == []


def test_progress_report_page_and_blocks_fit(sized_page: Page) -> None:
    page = sized_page
    for path in (
        "/voortgang?plan=zeldzame-kankers-2024&at=2024-12-31",
        "/voortgang/rapport?plan=zeldzame-kankers-2024&at=2024-12-31",
        "/plan/zeldzame-kankers-2024/activity/1",
        "/party/iknl",
    ):
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        if "/voortgang" not in path:
            assert page.locator("section.progress-block").count() == 1, path
        assert overflow(page) == 0, path
        assert serious_axe_violations(page) == [], path
    page.goto("/voortgang/rapport?plan=zeldzame-kankers-2024&at=2024-12-31")
    assert page.locator("section.progress-section").count() == 13
    assert "Wordt voortgezet als" in page.inner_text("main")
    page.goto("/plan/zeldzame-kankers-2024/activity/1")
    assert "loopt" in page.locator("section.progress-block").inner_text()


def test_a_bad_date_or_plan_gets_a_page_that_says_so(browser: Browser, site_url: str) -> None:
    # a context of its own: the 400 and 404 it asks for are console errors on purpose
    context = browser.new_context(base_url=site_url, locale="nl-NL", viewport={"width": 390, "height": 844})
    page = context.new_page()
    bad = page.goto("/voortgang?plan=zeldzame-kankers-2025&at=2025-31-12")
    assert bad is not None and bad.status == 400
    assert "not a date: '2025-31-12'" in page.inner_text("main")
    unknown = page.goto("/voortgang?plan=zeldzame-kankers-2052")
    assert unknown is not None and unknown.status == 404
    context.close()


def test_the_progress_page_is_reached_by_links(sized_page: Page) -> None:
    """From the home page's overviews, and from a plan's page to that plan's progress."""
    page = sized_page
    page.goto("/")
    page.get_by_role("link", name="Voortgang van de plannen").click()
    page.wait_for_url("**/voortgang")
    assert page.locator("h1").inner_text().startswith("Voortgang")
    page.goto("/plan/zeldzame-kankers-2025")
    page.get_by_role("link", name="Voortgang van dit plan").click()
    page.wait_for_url("**/voortgang?plan=zeldzame-kankers-2025")
    assert page.locator("svg.progress-bar").count() == 8
