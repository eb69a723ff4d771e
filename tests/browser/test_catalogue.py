"""The catalogue in a browser, at 1280 and 360 px: numbered pages, a word search paged by
posting the form (the words never reach the address bar), the town with its radius, the
notice when nothing on the words is near, and the module page's map. axe-core finds no
serious or critical violation in any of these states; each is saved as a screenshot."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from corpus.demo import demo_catalog_path
from corpus.loaders import load_catalog
from tests.browser.conftest import LiveApp
from tests.browser.pages import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.model]

WIDTHS = [1280, 360]


def check(page: Page, state: str, width: int, output_dir: Path) -> None:
    """axe finds nothing serious, nothing is wider than the screen; save a screenshot."""
    assert_accessible(page, where=f"the catalogue ({state}, {width} px)")
    scroll = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll <= width, f"{state} is {scroll} px wide at {width} px"
    page.screenshot(path=output_dir / f"catalogue-{state}-{width}.png", full_page=True)


def open_at(new_context: Callable[..., BrowserContext], width: int) -> Page:
    return new_context(viewport={"width": width, "height": 900}).new_page()


@pytest.mark.parametrize("width", WIDTHS)
def test_catalogue_pages_with_and_without_words(
    width: int, live_app: LiveApp, new_context: Callable[..., BrowserContext], output_dir: Path
) -> None:
    page = open_at(new_context, width)
    page.goto(f"{live_app.url}/modules?level=initiation")
    count = page.locator("#results-title")
    expect(count).to_contain_text("formations")
    nav = page.get_by_role("navigation", name="Pages de résultats")
    expect(nav.locator("[aria-current=page]")).to_have_text("Page 1")
    check(page, "page-1", width, output_dir)

    nav.get_by_role("link", name="Page suivante").click()
    expect(page).to_have_url(f"{live_app.url}/modules?level=initiation&page=2")
    expect(nav.locator("[aria-current=page]")).to_have_text("Page 2")
    expect(nav.get_by_role("link", name="Page précédente")).to_be_visible()
    expect(page.locator("#f-level")).to_have_value("initiation")  # the filter is kept
    check(page, "page-2", width, output_dir)

    page.select_option("#f-level", "")
    page.fill("#q", "programmation")
    page.get_by_role("button", name="Afficher").click()
    expect(page).to_have_url(f"{live_app.url}/modules")  # posted: no words, no page in it
    titles = page.locator("ul.module-list > li > a")
    first = titles.first.inner_text()
    nav.get_by_role("button", name="Page suivante").click()
    expect(nav.locator("[aria-current=page]")).to_have_text("Page 2")
    expect(page).to_have_url(f"{live_app.url}/modules")
    expect(page.locator("#q")).to_have_value("programmation")
    assert first not in titles.all_inner_texts()
    check(page, "words-page-2", width, output_dir)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_town_filter_and_the_nearest_notice(
    width: int, live_app: LiveApp, new_context: Callable[..., BrowserContext], output_dir: Path
) -> None:
    page = open_at(new_context, width)
    page.goto(f"{live_app.url}/modules")
    page.fill("#f-city", "Charleroi")
    page.select_option("#f-radius", "15")
    page.get_by_role("button", name="Afficher").click()
    expect(page).to_have_url(f"{live_app.url}/modules?city=Charleroi")
    expect(page.locator("#results-title")).to_contain_text("15 km au plus de Charleroi")
    wheres = page.locator("ul.module-list .where")
    expect(wheres.first).to_contain_text("Charleroi · à 0 km")
    check(page, "town", width, output_dir)

    page.fill("#f-city", "Arlon")
    page.fill("#q", "soudure")
    page.get_by_role("button", name="Afficher").click()
    notice = page.get_by_role("status")
    expect(notice).to_have_text(
        "Aucune formation sur « soudure » à Arlon : voici les plus proches."
    )
    expect(page.locator("ul.module-list > li").first).to_be_visible()
    check(page, "nearest", width, output_dir)


def placed_module_id() -> str:
    """A classroom module of the demo catalog with a town and an enrolment link."""
    for m in load_catalog(demo_catalog_path()):
        if m.format_key == "presentiel" and m.city and m.url and m.start_dates:
            return m.id
    raise AssertionError("no classroom module in the demo catalog")


@pytest.mark.parametrize("width", WIDTHS)
def test_module_page_map(
    width: int, live_app: LiveApp, new_context: Callable[..., BrowserContext], output_dir: Path
) -> None:
    page = open_at(new_context, width)
    module_id = placed_module_id()
    page.goto(f"{live_app.url}/modules/{module_id}")
    figure = page.locator("figure.place-map")
    expect(figure).to_be_visible()
    svg = figure.get_by_role("img")
    city = next(m.city for m in load_catalog(demo_catalog_path()) if m.id == module_id)
    expect(svg).to_have_accessible_name(f"Carte de la Belgique : {city} est marqué d'un point.")
    box = svg.bounding_box()
    town = figure.locator("circle.town").bounding_box()
    assert box and town and box["width"] <= width
    assert box["x"] <= town["x"] and town["x"] + town["width"] <= box["x"] + box["width"]
    assert box["y"] <= town["y"] and town["y"] + town["height"] <= box["y"] + box["height"]
    alternate = page.locator("link[rel=alternate][type='application/json']")
    expect(alternate).to_have_attribute("href", f"/modules/{module_id}.json")
    expect(page.locator("footer").get_by_role("link", name="Cette fiche en JSON")).to_be_visible()
    check(page, "module-map", width, output_dir)
