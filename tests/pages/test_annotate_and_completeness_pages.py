"""/annoteren and /volledigheid in a real browser: what an editor pastes, clicks and sees."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

MEMO = 'Het IKNL-rapport komt bij ZIN en de CieOOM terecht. <img src=x onerror="document.title=1"> Amsterdam UMC.'


def test_a_pasted_text_comes_back_highlighted_and_escaped(page: Page) -> None:
    page.goto("/")
    page.get_by_role("link", name="Afkortingen in je eigen tekst").click()
    page.wait_for_url(re.compile(r"/annoteren$"))
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    page.get_by_label("Tekst").fill(MEMO)
    page.get_by_role("button", name="Markeren").click()
    text = page.locator("div.annotated")
    expect(text).to_be_visible()
    # the text is shown as text: no element from it, the page title untouched
    expect(text.locator("img")).to_have_count(0)
    expect(text).to_contain_text('<img src=x onerror="document.title=1">')
    assert page.title() != "1"
    marks = text.locator("mark.ann")
    expect(marks).to_have_count(4)
    expect(marks.nth(0)).to_have_text("IKNL")
    expect(marks.nth(0)).to_have_attribute("title", "Integraal Kankercentrum Nederland")  # shown on hover
    expect(marks.nth(1)).to_have_class(re.compile("ann-ambiguous"))  # ZIN: the plan and the curators differ
    expect(text.locator("mark.ann-party")).to_have_text(["Amsterdam UMC"])
    table = page.locator("table.annotations")
    expect(table.locator("tbody tr")).to_have_count(4)
    expect(table.locator("tr.ambiguous li")).to_have_count(2)
    # the textarea keeps the text for another try
    expect(page.get_by_label("Tekst")).to_have_value(MEMO)
    marks.nth(2).locator("a").click()
    page.wait_for_url(re.compile(r"/abbreviations/actieplan-zeldzame-kankers-2025/cieoom$"))


def test_the_annotation_page_in_english(page: Page) -> None:
    page.goto("/annoteren?lang=en")
    page.get_by_label("Text").fill("No abbreviations here.")
    page.get_by_role("button", name="Highlight").click()
    expect(page.get_by_text("No abbreviations or party names found.")).to_be_visible()


def test_the_plan_page_leads_to_its_completeness(page: Page) -> None:
    page.goto("/plan/late-gevolgen-2025")
    page.get_by_role("link", name="Volledigheid van de gegevens").click()
    page.wait_for_url(re.compile(r"/volledigheid\?plan=late-gevolgen-2025$"))
    expect(page.locator("h1")).to_contain_text("Actieplan (Late) Gevolgen 2025")
    row = page.locator("table.completeness-activities tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Activiteit 2")
    expect(row.locator("td.status-in-development")).to_have_text("in uitwerking")
    expect(row).to_contain_text("data/late-gevolgen-2025.yaml:")  # the served data is this checkout's
    undefined = page.locator('table[data-kind="undefined-abbreviation"] tbody tr')
    expect(undefined.filter(has_text="IKNL")).to_contain_text("Integraal Kankercentrum Nederland")
    # another plan from the picker
    page.get_by_label("Actieplan").select_option("zeldzame-kankers-2024")
    page.get_by_role("button", name="Toon").click()
    page.wait_for_url(re.compile(r"plan=zeldzame-kankers-2024"))
    expect(page.locator("table.completeness-activities td.status-not-in-source")).to_have_count(13)
