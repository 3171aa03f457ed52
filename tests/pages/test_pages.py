"""The pages for policy staff, in a real browser: what a user types, clicks and sees."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest
from nkc_kg.loaders.iris import Iris
from nkc_kg.service.graph.plan_data import PlanData
from nkc_kg.service.graph.runner import EntityIndex
from nkc_kg.service.store.embedded import EmbeddedStore
from playwright.sync_api import Page, expect

PLAN = "zeldzame-kankers-2025"


@pytest.fixture(scope="module")
def data(store: EmbeddedStore, iris: Iris, index: EntityIndex) -> PlanData:
    """The same data source as the pages, for expected values."""
    return PlanData(store, iris, index)


def test_home_search_reaches_the_party_page(page: Page) -> None:
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    page.get_by_label("Zoek een partij, plan, activiteit of afkorting").fill("iknl")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=iknl"))
    page.get_by_role("link", name=re.compile("Integraal Kankercentrum Nederland")).first.click()
    page.wait_for_url(re.compile(r"/party/iknl$"))
    expect(page.locator("h1")).to_have_text("Integraal Kankercentrum Nederland")


def test_subgoal_page_groups_parties_by_role(page: Page) -> None:
    page.goto(f"/plan/{PLAN}/subgoal/5")
    expect(page.get_by_role("heading", level=2, name="Wie is betrokken?")).to_be_visible()
    lead = page.locator('section.role-group[data-role="lead"]')
    expect(lead.get_by_role("link", name="DRCP werkgroep geneesmiddelen", exact=True)).to_be_visible()
    # activities 1 and 2 serve all subgoals: their parties are here too, marked as cross-cutting
    crossing = page.locator("li.party.cross-cutting")
    assert crossing.count() > 0
    expect(crossing.first.locator(".badge")).to_have_text("subdoel-overstijgend")
    not_crossing = lead.locator(
        "li.party", has=page.get_by_role("link", name="DRCP werkgroep geneesmiddelen", exact=True)
    )
    expect(not_crossing.locator(".badge")).to_have_count(0)


def test_activity_page_shows_every_step_on_the_timeline(page: Page, data: PlanData) -> None:
    steps = data.activity(PLAN, 12)["steps"]
    page.goto(f"/plan/{PLAN}/activity/12")
    picture = page.locator("figure svg.timeline")
    expect(picture).to_be_visible()
    expect(picture.locator(".step")).to_have_count(len(steps))
    expect(page.locator("ol.steps > li")).to_have_count(len(steps))
    assert page.locator("svg.timeline title").first.text_content()


def test_party_page_lists_sub_organisations(page: Page) -> None:
    page.goto("/party/nvmo")
    expect(page.locator("h1")).to_have_text("Nederlandse Vereniging voor Medische Oncologie")
    children = page.locator("ul.children")
    for abbreviation in ("CieKNT", "CieBOM", "CieOOM"):
        expect(children).to_contain_text(abbreviation)


def test_matrix_has_a_cell_for_party_and_subgoal(page: Page) -> None:
    page.goto(f"/matrix?plan={PLAN}")
    cell = page.locator('svg.matrix rect.cell[data-party="DRCP werkgroep geneesmiddelen"][data-subgoal="5"]')
    expect(cell).to_have_count(1)
    expect(cell).to_have_attribute("data-role", "lead")
    assert "DRCP werkgroep geneesmiddelen" in (cell.locator("title").text_content() or "")


def test_language_switch_persists_across_navigation(page: Page) -> None:
    page.goto(f"/plan/{PLAN}")
    expect(page.get_by_role("heading", level=2, name="Subdoelen")).to_be_visible()
    page.get_by_role("link", name="Switch to English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=2, name="Subgoals")).to_be_visible()
    expect(page.locator("h1")).to_have_text("Rare Cancers Action Plan 2025")
    page.locator("ol.subgoals a").nth(4).click()
    page.wait_for_url(re.compile(r"/subgoal/5$"))
    expect(page.get_by_role("heading", level=2, name="Who is involved?")).to_be_visible()
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=2, name="Action plans")).to_be_visible()


def test_timeline_view_draws_the_steps_of_a_window(page: Page, data: PlanData) -> None:
    expected = data.timeline(date(2025, 1, 1), date(2025, 12, 31), PLAN, None)["steps"]
    page.goto(f"/timeline?from=2025-01-01&to=2025-12-31&plan={PLAN}")
    expect(page.locator("svg.timeline .step")).to_have_count(len(expected))


def test_unknown_entity_gets_a_friendly_page(
    page: Page, allow_console_error: Callable[[str], None], site_url: str
) -> None:
    allow_console_error(f"404 (Not Found) ({site_url}/party/bestaat-niet)")
    response = page.goto("/party/bestaat-niet")
    assert response is not None and response.status == 404
    expect(page.locator("h1")).to_have_text("Niet gevonden")
    expect(page.get_by_role("search").first).to_be_visible()


def test_query_page_runs_an_example(page: Page) -> None:
    page.goto("/query")
    page.locator("#examples").select_option("parties-in-subgoal")
    expect(page.locator("#query")).to_contain_text("SELECT")
    page.get_by_role("button", name="Uitvoeren").click()
    expect(page.locator("#result table")).to_be_visible()
    expect(page.locator("#status")).to_contain_text("rij(en)")
