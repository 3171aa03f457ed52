"""English pages (?lang=en) name parties and plans by the graph's English labels wherever it has them,
on every kind of page that lists them (not only activity, subgoal, matrix and timeline pages)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

NFK_EN = "Dutch Federation of Cancer Patient Organisations"
NFK_NL = "Nederlandse Federatie van Kankerpatiëntenorganisaties"


def test_party_and_plan_pages_in_english(page: Page) -> None:
    page.goto("/party/nfk?lang=en")
    expect(page.locator("h1")).to_have_text(NFK_EN)
    expect(page.locator("main")).to_contain_text("Rare Cancers Action Plan 2025")
    page.goto("/plan/zeldzame-kankers-2025?lang=en")
    expect(page.locator("h1")).to_have_text("Rare Cancers Action Plan 2025")


def test_search_hits_in_english(page: Page) -> None:
    page.goto("/search?q=nfk&lang=en")
    expect(page.get_by_role("link", name=NFK_EN, exact=True)).to_have_count(1)
    expect(page.get_by_role("link", name=NFK_NL, exact=True)).to_have_count(0)


def test_progress_page_leads_in_english(page: Page) -> None:
    page.goto("/voortgang?plan=zeldzame-kankers-2025&at=2025-12-31&lang=en")
    expect(page.locator("h1")).to_have_text("Progress: Rare Cancers Action Plan 2025")
    overdue = page.locator("ul.overdue")
    expect(overdue.get_by_role("link", name=NFK_EN).first).to_be_visible()
    expect(overdue).not_to_contain_text(NFK_NL)


def test_question_table_in_english(page: Page) -> None:
    page.goto("/vragen/parties-in-subgoal?plan=zeldzame-kankers-2025&subgoal=5&lang=en")
    table = page.locator("main table").first
    expect(table).to_contain_text(NFK_EN)
    expect(table).not_to_contain_text(NFK_NL)
    expect(table).to_contain_text("Dutch Cancer Society")
