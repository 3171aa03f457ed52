"""Every kind of page on a phone (390 px) and a laptop (1366 px): no sideways scrolling, no serious axe-core finding.

The pages are the ones a person reaches from the home page's links, plus one IRI of every shape the graph
has (a step, a slide, a role assignment, a recorded source problem, …). axe-core comes from the
axe-playwright-python package (its bundled axe.min.js), evaluated in the page. Screenshots of the main
pages at both widths go to tests/pages/screenshots/ (ignored by git), for a person to look at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from nkc_kg.loaders.iris import Iris
from nkc_kg.service.store.embedded import EmbeddedStore
from page_checks import overflow, serious_axe_violations
from playwright.sync_api import Browser, Page, expect

SCREENSHOTS = Path(__file__).parent / "screenshots"
WIDTHS = {"phone": (390, 844), "laptop": (1366, 900)}
PLAN = "zeldzame-kankers-2025"
# Path segments that name a kind of part (kept when grouping IRIs by shape); every other segment is an id.
KIND_WORDS = """plan activity step role canvas item issue cause subcause result initiative-mention timeframe subgoal
party member doc slide section finding abbreviations curated initiative cancer-type euracan-domain framework principle
expert-panel campaign figure mission concept date goal aim definition bottleneck scheme change choice problem-summary"""
KIND_SEGMENTS = set(KIND_WORDS.split())
# Not pages for people: machine formats and downloads the home page links to.
NOT_PAGES = re.compile(r"^/(dumps/|void|sparql|api/|releases/.+\.(?:ttl|nt|jsonld|gz)|feed)")
RICH_PAGE = re.compile(r"/plan/[^/]+(/(subgoal|activity)/\d+)?|/party/[^/]+")
MAIN_PAGES = [
    "/",
    f"/plan/{PLAN}",
    f"/plan/{PLAN}/activity/12",
    f"/plan/{PLAN}/subgoal/5",
    "/party/nfk",
    "/matrix",
    "/timeline",
    f"/voortgang?plan={PLAN}",
    f"/voortgang/rapport?plan={PLAN}",
    "/diff",
    "/search?q=nfk",
    "/vragen",
    "/valideren",
    "/query",
    "/docs",
]


def one_iri_per_shape(store: EmbeddedStore, iris: Iris) -> list[str]:
    """A path of one IRI of every shape the graph's subjects have (``plan/*/activity/*/step/*`` …)."""
    rows = store.select("SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s ?p ?o } FILTER(isIRI(?s)) }").rows
    shapes: dict[str, str] = {}
    for row in rows:
        iri = str(row["s"])
        if not iri.startswith(iris.base) or "#" in iri:
            continue
        path = iri[len(iris.base) :]
        shape = "/".join(part if part in KIND_SEGMENTS else "*" for part in path.split("/"))
        shapes.setdefault(shape, "/" + path)
    return sorted(shapes.values())


@pytest.fixture(scope="module")
def shape_paths(store: EmbeddedStore, iris: Iris) -> list[str]:
    paths = one_iri_per_shape(store, iris)
    assert len(paths) > 40, paths
    return paths


@pytest.fixture(scope="module", params=list(WIDTHS))
def sized_page(request: pytest.FixtureRequest, browser: Browser, site_url: str) -> Iterator[tuple[str, Page]]:
    """One browser page per width for the whole module (one context: fast), Dutch."""
    width, height = WIDTHS[request.param]
    context = browser.new_context(base_url=site_url, locale="nl-NL", viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield request.param, page
    context.close()


def home_links(page: Page) -> list[str]:
    page.goto("/")
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    paths = []
    for href in hrefs:
        parts = urlsplit(href)
        if parts.netloc or not parts.path.startswith("/") or NOT_PAGES.match(parts.path):
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path not in paths:
            paths.append(path)
    return paths


def check(page: Page, path: str, with_axe: bool) -> list[str]:
    response = page.goto(path)
    problems = []
    if response is None or response.status >= 400:
        problems.append(f"{path}: HTTP {response.status if response else '?'}")
    wider = overflow(page)
    if wider > 0:
        problems.append(f"{path}: {wider} px wider than the window")
    if with_axe:
        problems += [f"{path}: {v}" for v in serious_axe_violations(page)]
    return problems


def test_pages_from_the_home_page_fit_and_pass_axe(sized_page: tuple[str, Page]) -> None:
    name, page = sized_page
    paths = [*MAIN_PAGES, *(p for p in home_links(page) if p not in MAIN_PAGES)]
    problems = [problem for path in paths for problem in check(page, path, with_axe=True)]
    SCREENSHOTS.mkdir(exist_ok=True)
    for path in MAIN_PAGES:
        page.goto(path)
        slug = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"
        page.screenshot(path=str(SCREENSHOTS / f"{slug}-{name}.png"), full_page=True)
    assert not problems, "\n".join(problems)


def test_one_iri_of_every_shape_fits_and_passes_axe(sized_page: tuple[str, Page], shape_paths: list[str]) -> None:
    """Every shape at both widths; axe-core once per shape (on the phone, where layouts differ most)."""
    name, page = sized_page
    problems = [problem for path in shape_paths for problem in check(page, path, with_axe=name == "phone")]
    assert not problems, "\n".join(problems)


def test_iri_pages_speak_to_people(page: Page, shape_paths: list[str]) -> None:
    """No prefixed predicate names, language tags or raw IRIs outside the 'technische gegevens' toggle."""
    raw = re.compile(r"\b(?:rdf|rdfs|prov|skos|dcterms|nkc|time|org|foaf):[A-Za-z]|@nl\b|@en\b|https?://w3id")
    for path in shape_paths:
        if path == "/def":  # the ontology's documentation names its terms on purpose
            continue
        page.goto(path)
        visible = page.evaluate(
            """() => { const main = document.querySelector('main').cloneNode(true);
                       main.querySelectorAll('details.technical, .sources').forEach(d => d.remove());
                       return main.innerText; }"""
        )
        assert not raw.search(visible), f"{path}: {raw.search(visible).group(0)!r} in {visible[:300]!r}"
        if not RICH_PAGE.fullmatch(path):  # plans, subgoals, activities and parties have pages of their own
            expect(page.locator("details.technical summary")).to_have_text("Technische gegevens")


def test_step_links_go_to_the_step_on_its_activity(page: Page) -> None:
    page.goto("/search?q=peniskanker")
    step = page.locator("ul.results a", has_text="stap 3").first
    assert re.search(r"/activity/8#step-3$", step.get_attribute("href") or "")
    page.goto(f"/plan/{PLAN}/activity/12/step/3")
    expect(page.get_by_role("link", name="Bekijk dit op de pagina van de activiteit")).to_have_attribute(
        "href", f"/plan/{PLAN}/activity/12#step-3"
    )


# -- the three tasks of policy staff, scripted ------------------------------------------------------------


def test_journey_who_leads_the_steps_of_activity_12_and_when(page: Page) -> None:
    """From the home page in two clicks: the plan, then activity 12, whose steps say who leads them and when."""
    page.goto("/")
    page.get_by_role("link", name="Actieplan Zeldzame Kankers 2025", exact=True).click()
    page.locator("ol.activities a", has_text="In gesprek gaan met veldpartijen").click()
    page.wait_for_url(re.compile(rf"/plan/{PLAN}/activity/12$"))
    step3 = page.locator("#step-3")
    expect(step3).to_contain_text("Radboudumc")
    expect(step3).to_contain_text("2025")
    expect(page.locator("#step-1")).to_contain_text("Q1 & Q2 2025")
    expect(page.locator("ul.parties")).to_contain_text("Radboudumc")


def test_journey_everything_nfk_does_in_2025_with_dates(page: Page) -> None:
    """From a search in two clicks (the search, the party): 2025's plans with NFK's steps and their dates."""
    page.goto("/")
    page.get_by_label("Zoek een partij, plan, activiteit of afkorting").fill("NFK")
    page.keyboard.press("Enter")
    page.get_by_role("link", name="Nederlandse Federatie van Kankerpatiëntenorganisaties", exact=True).first.click()
    page.wait_for_url(re.compile(r"/party/nfk$"))
    expect(page.locator(".summary-line")).to_contain_text("2025")
    expect(page.locator(".summary-line")).to_contain_text("trekker van")
    expect(page.locator("select[name=year]")).to_have_value("2025")
    expect(page.locator("h3", has_text="2024")).to_have_count(0)
    expect(page.locator(".step-dates .when").first).to_contain_text("2025")


def test_journey_what_changed_for_activity_12_since_2024(page: Page) -> None:
    """From the activity's page in one click: its part of the comparison with 2024, and nothing else."""
    page.goto(f"/plan/{PLAN}/activity/12")
    page.get_by_role("link", name="Wat veranderde").first.click()
    page.wait_for_url(re.compile(r"/diff\?.*activity=12"))
    expect(page.locator("article.diff-activity")).to_have_count(1)
    expect(page.locator("article#activity-12")).to_be_visible()
    expect(page.locator("select[name=activity]")).to_have_value("12")


def test_2024_activity_links_to_what_it_became(page: Page) -> None:
    page.goto("/plan/zeldzame-kankers-2024/activity/10")
    expect(page.locator("#achievement")).to_be_visible()
    page.get_by_role("link", name="activiteit 12 (2025)").click()
    page.wait_for_url(re.compile(rf"/plan/{PLAN}/activity/12$"))
    expect(page.get_by_role("link", name="activiteit 10 (2024)")).to_be_visible()


# -- the keyboard alone ---------------------------------------------------------------------------------


def test_search_form_by_keyboard_only(page: Page) -> None:
    page.goto("/")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Enter")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "home-q":
            break
    assert page.evaluate("document.activeElement.id") == "home-q"
    page.keyboard.type("iknl")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=iknl"))


def test_matrix_by_keyboard_only(page: Page) -> None:
    """The skip link jumps past the picture; a cell of the picture opens by Enter."""
    page.goto(f"/matrix?plan={PLAN}")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('skip-picture')"):
            break
    assert page.evaluate("document.activeElement.classList.contains('skip-picture')")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('#matrix-table') !== null")
    assert focused
    page.goto(f"/matrix?plan={PLAN}")
    page.locator("svg.matrix a").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/(party|plan)/"))


def test_timeline_form_by_keyboard_only(page: Page) -> None:
    page.goto("/timeline")
    page.locator("select[name=plan]").focus()
    page.keyboard.press("ArrowDown")  # the first plan after "alle"
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Toon":
            break
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/timeline\?.*plan=[a-z]"))
    expect(page.locator("#timeline-table thead th").first).to_have_text("Stap")
