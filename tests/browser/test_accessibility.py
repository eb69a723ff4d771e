"""axe-core (the copy shipped in axe-playwright-python) on every page: no serious or critical
WCAG 2.0/2.1/2.2 A and AA violation, in French and in Dutch, and at 320 px wide."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Frame, Page, expect

from corpus.demo import demo_catalog_path
from corpus.loaders import load_catalog
from tests.browser.conftest import DemoPartner, LiveApp
from tests.browser.pages import PROFILE, WIDGET, axe_violations, describe, send_and_wait

pytestmark = [pytest.mark.browser, pytest.mark.model]

PAGES = [
    "home",
    "chat-reply",
    "modules",
    "module",
    "accessibility",
    "privacy",
    "embed",
    "embed-reply",
    "embed-module",
    "error-key",
    "error-module",
    "demo-partner",
]


def rich_module_id() -> str:
    """A demo module with every optional part of its page (dates, prerequisites, tags...)."""
    for m in load_catalog(demo_catalog_path()):
        if m.start_dates and m.prerequisites and m.tags and m.url and m.audience:
            return m.id
    raise AssertionError("no demo module has every field")


def open_page(
    name: str, lang: str, page: Page, live_app: LiveApp, partner: Callable[[], DemoPartner]
) -> list[Page | Frame]:
    """Open the page called ``name`` in ``lang``; return the documents to check."""
    q = "" if lang == "fr" else f"lang={lang}"
    base = live_app.url
    if name in ("home", "chat-reply"):
        page.goto(f"{base}/?{q}")
        if name == "chat-reply":
            turn = send_and_wait(page, PROFILE)
            turn.locator("details.edit-profile summary").click()
            expect(turn.locator("details.edit-profile input[name=place]")).to_be_visible()
    elif name == "modules":
        page.goto(f"{base}/modules?{q}")
    elif name == "module":
        page.goto(f"{base}/modules/{rich_module_id()}?{q}")
    elif name == "accessibility":
        page.goto(f"{base}/accessibilite?{q}")
    elif name == "privacy":
        page.goto(f"{base}/confidentialite?{q}")
    elif name in ("embed", "embed-reply"):
        key = partner().key
        page.goto(f"{base}/embed/chat?key={key}&color=0b6e4f&{q}")
        if name == "embed-reply":
            send_and_wait(page, PROFILE)
    elif name == "embed-module":
        key = partner().key
        page.goto(f"{base}/embed/modules/{rich_module_id()}?key={key}&color=0b6e4f&{q}")
        expect(page.locator("#back-to-chat")).to_be_visible()
    elif name == "error-key":
        response = page.goto(f"{base}/embed/chat?key=pk_nope&{q}")
        assert response is not None and response.status == 403
    elif name == "error-module":
        response = page.goto(f"{base}/modules/no-such-module?{q}")
        assert response is not None and response.status == 404
    elif name == "demo-partner":
        page.goto(partner().url)
        page.locator(f"{WIDGET} button.launcher").click()
        chat = page.frame_locator(f"{WIDGET} iframe")
        send_and_wait(chat, PROFILE)
        frame = page.locator(f"{WIDGET} iframe").element_handle().content_frame()
        assert frame is not None
        return [page, frame]
    else:
        raise AssertionError(name)
    expect(page.locator("html")).to_have_attribute("lang", lang)
    return [page]


# The demo portal's page is in French only (its widget tag says data-lang="fr").
CASES = [
    (lang, name)
    for lang in ("fr", "nl")
    for name in PAGES
    if lang == "fr" or name != "demo-partner"
]


@pytest.mark.parametrize(("lang", "name"), CASES, ids=[f"{lang}-{name}" for lang, name in CASES])
def test_axe(
    lang: str,
    name: str,
    live_app: LiveApp,
    demo_partner: Callable[[], DemoPartner],
    new_context: Callable[..., BrowserContext],
) -> None:
    page = new_context().new_page()
    documents = open_page(name, lang, page, live_app, demo_partner)
    found = [(d.url, v) for d in documents for v in axe_violations(d)]
    assert not found, f"axe on {name} ({lang}):\n" + "\n".join(
        f"{url}\n{describe([v])}" for url, v in found
    )


@pytest.mark.parametrize("name", ["chat-reply", "modules", "module", "embed-reply", "embed-module"])
def test_axe_at_320_px(
    name: str,
    live_app: LiveApp,
    demo_partner: Callable[[], DemoPartner],
    new_context: Callable[..., BrowserContext],
) -> None:
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    documents = open_page(name, "fr", page, live_app, demo_partner)
    found = [v for d in documents for v in axe_violations(d)]
    assert not found, f"axe on {name} at 320 px:\n{describe(found)}"
    # Nothing wider than the screen (WCAG 1.4.10 reflow): no sideways scrolling.
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 320, f"{name} is {width} px wide at 320 px"
