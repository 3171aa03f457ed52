"""The question pages in a real browser: choose a question, pick or type values, read the answer and its source."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Page, expect

PLAN = "zeldzame-kankers-2025"


def test_choose_a_question_pick_values_and_read_the_answer(page: Page) -> None:
    page.goto("/")
    page.get_by_role("navigation").get_by_role("link", name="Vragen").click()
    page.wait_for_url(re.compile(r"/vragen$"))
    expect(page.locator("h1")).to_have_text("Vragen in gewone taal")
    page.get_by_role("link", name="Welke partijen zijn betrokken bij subdoel N van een plan?").click()
    page.wait_for_url(re.compile(r"/vragen/parties-in-subgoal$"))
    expect(page.get_by_text("Kies de waarden en klik op ‘Beantwoord’.")).to_be_visible()
    page.get_by_label("Actieplan").select_option(label="Actieplan Zeldzame Kankers 2025")
    page.get_by_label("Subdoel").select_option("5")
    page.get_by_role("button", name="Beantwoord").click()
    page.wait_for_url(re.compile(r"plan=zeldzame-kankers-2025&subgoal=5"))
    answer = page.locator("section.answer")
    expect(answer.locator("h2")).to_have_text(
        "Welke partijen zijn betrokken bij subdoel 5 van het Actieplan Zeldzame Kankers 2025?"
    )
    expect(answer.locator("p.sentence")).to_contain_text(
        "Bij subdoel 5 van het Actieplan Zeldzame Kankers 2025 zijn 24 partijen betrokken"
    )
    expect(answer.locator("table.answer-table tbody tr")).to_have_count(24)
    expect(answer.locator("details.sparql pre")).to_contain_text("VALUES (?plan ?subgoal)")
    answer.get_by_role("link", name="DRCP werkgroep geneesmiddelen", exact=True).click()
    page.wait_for_url(re.compile(r"/party/drcp-wg-geneesmiddelen$"))
    expect(page.locator("h1")).to_have_text("DRCP werkgroep geneesmiddelen")


def test_another_plan_lists_its_own_subgoals(page: Page) -> None:
    page.goto("/vragen/parties-in-subgoal")
    expect(page.get_by_label("Subdoel").locator("option")).to_have_count(7)
    page.get_by_label("Actieplan").select_option("late-gevolgen-2025")
    page.wait_for_url(re.compile(r"plan=late-gevolgen-2025"))
    expect(page.get_by_label("Subdoel").locator("option")).to_have_count(5)
    expect(page.locator("section.answer")).to_have_count(0)


def test_typed_values_are_understood(page: Page) -> None:
    page.goto("/vragen/party-leads")
    page.get_by_label("Partij", exact=True).fill("Zorginstituut")
    page.get_by_label("Jaar").select_option("2025")
    page.get_by_role("button", name="Beantwoord").click()
    expect(page.locator("p.sentence")).to_have_text(
        "In de plannen van 2025 trekt ZIN 1 stap, in het Actieplan Zeldzame Kankers 2025 (activiteit 6)."
    )
    page.goto("/vragen/steps-in-quarter")
    page.get_by_label("Kwartaal").fill("4e kwartaal 2025")
    page.get_by_role("button", name="Beantwoord").click()
    expect(page.locator("section.answer h2")).to_have_text("Wat staat er gepland voor Q4 2025?")


def test_an_unknown_value_offers_the_closest_ones(
    page: Page, allow_console_error: Callable[[str], None], site_url: str
) -> None:
    allow_console_error("404 (Not Found)")
    page.goto("/vragen/party-leads?party=IKNLL&year=2025")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Onbekende waarde voor Partij: ‘IKNLL’")
    alert.get_by_role("link", name="IKNL", exact=True).click()
    expect(page.locator("p.sentence")).to_contain_text("In de plannen van 2025 trekt IKNL 22 stappen")


def test_the_citation_is_copied_and_the_page_speaks_english(page: Page, site_url: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    page.goto("/vragen/abbreviation?abbr=cieoom&lang=en")
    expect(page.locator("p.sentence")).to_have_text(
        "CieOOM stands for ‘Commissie indicatiestelling Off-label in de Oncologie gebruikte Middelen’ "
        "(Rare Cancers Action Plan 2025, slide 34)."
    )
    sources = page.locator("section.sources")
    expect(sources.get_by_role("heading", level=3)).to_have_text("Source")
    citation = "Nederlands Kanker Collectief (2025). Actieplan Zeldzame Kankers 2025 [Rare Cancers Action Plan 2025], slide 34."
    expect(sources.locator(".citation-text")).to_have_text(citation)
    sources.get_by_role("button", name="Copy citation").click()
    expect(sources.get_by_role("button", name="Copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == citation


def test_an_entity_page_shows_where_its_facts_come_from(page: Page) -> None:
    page.goto(f"/plan/{PLAN}/activity/12?lang=nl")
    sources = page.locator("section.sources")
    expect(sources.get_by_role("heading", level=2)).to_have_text("Bron")
    expect(sources.locator(".citation-text")).to_have_text(
        "Nederlands Kanker Collectief (2025). Actieplan Zeldzame Kankers 2025, dia 8 en 28."
    )
    sources.get_by_role("link", name="Actieplan Zeldzame Kankers 2025, dia 28").click()
    page.wait_for_url(re.compile(r"/doc/actieplan-zeldzame-kankers-2025/slide/28"))
