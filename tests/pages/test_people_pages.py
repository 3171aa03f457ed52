"""Pages written for people (issue 15): words instead of codes, one thing once, pages that work without JavaScript."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from nkc_kg.loaders.workbook.exporter import export_plan
from playwright.sync_api import Browser, Page, expect

PLAN = "zeldzame-kankers-2025"
VALIDATION_TIME = 180_000  # ms: the SHACL run takes ~15 s alone, more on a busy machine


@pytest.fixture
def no_js_page(browser: Browser, site_url: str) -> Iterator[Page]:
    context = browser.new_context(base_url=site_url, locale="nl-NL", java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def test_query_page_runs_an_example_without_javascript(no_js_page: Page) -> None:
    page = no_js_page
    page.goto("/query")
    page.locator("#examples").select_option("parties-in-subgoal")
    page.get_by_role("button", name="Laad voorbeeld").click()
    box = page.locator("#query")
    expect(box).to_contain_text("VALUES")  # the example's values are bound
    expect(box).not_to_contain_text("#+")
    page.get_by_role("button", name="Uitvoeren").click()
    expect(page.locator("#status")).to_contain_text("rij(en)")
    expect(page.locator("#result table a[href='/party/ciebag']").first).to_be_visible()
    assert page.locator("#examples option").filter(has_text="Welke partijen").count() >= 1


def test_copy_buttons_only_with_javascript(no_js_page: Page, page: Page) -> None:
    no_js_page.goto(f"/plan/{PLAN}/activity/12")
    expect(no_js_page.locator(".citation-text").first).to_be_visible()
    expect(no_js_page.locator("button.copy").first).to_be_hidden()
    page.goto(f"/plan/{PLAN}/activity/12")
    expect(page.locator("button.copy").first).to_be_visible()


def test_search_says_kinds_in_words_with_plan_and_merges_duplicates(page: Page) -> None:
    page.goto("/search?q=nfk")
    results = page.locator("ul.results")
    expect(results).not_to_contain_text("CanvasOutput")
    expect(results).not_to_contain_text("InitiativeMention")
    expect(results.locator("li", has_text="NFK = Nederlandse Federatie")).to_have_count(1)
    expect(results.locator("li", has_text="NFK = Nederlandse Federatie")).to_contain_text("ook in")
    page.goto("/search?q=activiteit+12+2025")
    page.get_by_role("link", name="Activiteit 12 — Actieplan Zeldzame Kankers 2025").click()
    page.wait_for_url(re.compile(rf"/plan/{PLAN}/activity/12$"))


def test_subgoal_page_has_its_text_and_cross_cutting_parties_apart(page: Page) -> None:
    page.goto(f"/plan/{PLAN}/subgoal/5")
    expect(page.locator(".subgoal-text")).to_contain_text("geneesmiddelen")
    expect(page.locator("#cross-cutting")).to_be_visible()
    direct = page.locator("section.role-group[aria-labelledby='role-lead']")
    expect(direct.locator("li.cross-cutting")).to_have_count(0)


def test_activity_lists_each_initiative_once(page: Page) -> None:
    page.goto(f"/plan/{PLAN}/activity/12")
    initiatives = page.locator("#initiatives + ul")
    expect(initiatives.locator("li", has_text="Drug Rediscovery Protocol")).to_have_count(1)
    expect(initiatives.locator("li").filter(has_text=re.compile(r"^DRUP$"))).to_have_count(0)


def test_matrix_of_all_plans_of_a_year(page: Page) -> None:
    page.goto("/matrix?plan=year-2025")
    headers = page.locator("table.matrix-table thead th")
    expect(headers.filter(has_text="ZK 2025")).not_to_have_count(0)
    expect(headers.filter(has_text="LG 2025")).not_to_have_count(0)
    expect(page.locator(".legend")).to_contain_text("via activiteiten voor alle subdoelen")


def test_timeline_table_has_headers_and_who(page: Page) -> None:
    page.goto(f"/timeline?from=2025-01-01&to=2025-12-31&plan={PLAN}")
    expect(page.locator("#timeline-table thead th")).to_have_text(["Stap", "Wat", "Wanneer", "Wie"])
    expect(page.locator("svg.timeline .today, svg.timeline text.caption").first).to_be_attached()


def test_clean_export_puts_the_sources_own_problems_apart(page: Page, tmp_path: Path) -> None:
    export_plan(PLAN, tmp_path / "plan.xlsx")
    page.goto("/valideren")
    page.get_by_label("Bestand").set_input_files(tmp_path / "plan.xlsx")
    page.get_by_role("button", name="Valideren").click()
    recorded = page.locator("details.recorded")
    expect(recorded).to_be_attached(timeout=VALIDATION_TIME)
    expect(recorded).not_to_have_attribute("open", "")
    assert page.locator("section.report section.group").count() <= 2  # what is new stays short, first
    expect(page.locator("p.verdict")).to_contain_text("waarschuwingen")
    recorded.locator("summary").click()
    expect(recorded).not_to_contain_text("Bron (")
    expect(recorded).not_to_contain_text("Source (")
