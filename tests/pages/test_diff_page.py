"""The page comparing plan versions, in a real browser: what policy staff choose, click and see."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

OLD, NEW = "zeldzame-kankers-2024", "zeldzame-kankers-2025"


def test_the_newest_revision_is_compared_by_default(page: Page) -> None:
    page.goto("/")
    page.get_by_role("link", name="Versies", exact=True).click()
    page.wait_for_url(re.compile(r"/diff$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Verschillen tussen planversies")
    expect(page.get_by_label("Oude versie")).to_have_value(OLD)
    expect(page.get_by_label("Nieuwe versie")).to_have_value(NEW)
    expect(page.locator(".summary-activities")).to_contain_text("2 nieuw, 0 vervallen")
    expect(page.get_by_role("heading", level=2, name="Nieuwe activiteiten (2)")).to_be_visible()
    expect(page.locator("ul.added > li")).to_have_count(2)
    expect(page.locator("article.diff-activity")).to_have_count(13)
    # the link the curators derived: another title, and their note on why
    derived = page.locator('article.diff-activity[data-from="5"][data-to="7"]')
    expect(derived.locator(".badge").first).to_have_text("voortgezet")
    expect(derived.locator(".title-change del")).to_contain_text("Opstellen advies over rol")
    expect(derived.locator(".title-change ins")).to_contain_text("Betrokkenheid zeldzame kankers")
    expect(derived.locator(".title-change")).to_contain_text("afgeleid door curatoren")
    expect(page.get_by_role("note")).to_contain_text("alleen bekend uit een verslag")
    expect(page.locator("ol.stated-changes > li")).to_have_count(8)


def test_choosing_two_versions_and_switching_language(page: Page) -> None:
    page.goto("/diff")
    page.get_by_label("Oude versie").select_option(NEW)
    page.get_by_label("Nieuwe versie").select_option(OLD)
    page.get_by_role("button", name="Vergelijk").click()
    page.wait_for_url(re.compile(rf"/diff\?from={NEW}&to={OLD}$"))
    expect(page.get_by_role("heading", level=2, name="Vervallen activiteiten (2)")).to_be_visible()
    expect(page.locator(".kicker")).to_contain_text("vergeleken van nieuw naar oud")
    page.get_by_role("link", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Differences between plan versions")
    expect(page.get_by_label("Old version")).to_have_value(NEW)
    expect(page.get_by_role("heading", level=2, name="Removed activities (2)")).to_be_visible()
    json_link = page.get_by_role("link", name="The same comparison as JSON")
    expect(json_link).to_have_attribute("href", f"/api/diff?from={NEW}&to={OLD}")


def test_a_plan_against_itself(page: Page) -> None:
    page.goto(f"/diff?from={NEW}&to={NEW}")
    expect(page.locator(".no-differences")).to_have_text("Geen verschillen.")
    expect(page.locator("article.diff-activity")).to_have_count(0)


def test_an_unknown_plan_in_the_address(page: Page, allow_console_error) -> None:  # type: ignore[no-untyped-def]
    allow_console_error("404")
    response = page.goto(f"/diff?from=zeldzame-kankers-2026&to={NEW}")
    assert response is not None and response.status == 404
    expect(page.get_by_role("alert")).to_contain_text("unknown plan 'zeldzame-kankers-2026'")
    expect(page.get_by_role("alert")).to_contain_text("zeldzame-kankers-2025")
    expect(page.get_by_role("button", name="Vergelijk")).to_be_visible()
