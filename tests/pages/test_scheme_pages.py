"""A concept scheme's page is titled by its label in the page's language, also where a concept links to it; the
build names every scheme it makes (a scheme without a label is named by the class of its concepts:
tests/service/test_linked_data.py)."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def test_a_labelled_scheme_in_both_languages(page: Page) -> None:
    page.goto("/concept/euracan/scheme")
    expect(page.locator("h1")).to_have_text("EURACAN-domeinen")
    page.goto("/concept/euracan/scheme?lang=en")
    expect(page.locator("h1")).to_have_text("EURACAN domains")
    page.goto("/euracan-domain/G10?lang=en")
    expect(page.get_by_role("link", name="EURACAN domains", exact=True)).to_have_attribute(
        "href", "/concept/euracan/scheme"
    )


def test_every_scheme_the_build_makes_is_titled_by_its_name(page: Page) -> None:
    page.goto("/concept/progress-status/scheme")
    expect(page.locator("h1")).to_have_text("Voortgangsstatus")
    expect(page).to_have_title("Voortgangsstatus — NKC-kennisgraaf")
    page.goto("/concept/progress-status/scheme?lang=en")
    expect(page.locator("h1")).to_have_text("Progress status")
    page.goto("/concept/theme/zeldzame-kankers?lang=en")
    expect(page.get_by_role("link", name="Themes of the action plans", exact=True)).to_have_attribute(
        "href", "/concept/theme/scheme"
    )
    for scheme in ("theme", "domain", "panel-requirement", "team-role"):
        page.goto(f"/concept/{scheme}/scheme")
        expect(page.locator("h1")).not_to_have_text("scheme")
        expect(page.locator("h1")).not_to_contain_text("Begrippenlijst scheme")
