"""What leaves the person's browser: requests only to Boussole and the partner's own site, and
their words in no log line and no URL."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote_plus, urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.conftest import LAST_TEST, Capture, DemoPartner, LiveApp, RequestLog
from tests.browser.pages import WIDGET, send_and_wait, turns

pytestmark = [pytest.mark.browser, pytest.mark.model]

SECRET = "Zorglub"  # a token found nowhere else: any trace of it comes from the typed text
PHRASE = "magasinier pendant 15 ans"
PRIVATE_PROFILE = (
    f"Je suis {SECRET}, j'habite à Gosselies, j'ai été {PHRASE} et je voudrais apprendre "
    "l'informatique, je débute"
)


def converse(page: Page, live_app: LiveApp, portal: DemoPartner) -> None:
    """The private profile through every way a person can type it in."""
    page.goto(live_app.url + "/")
    send_and_wait(page, PRIVATE_PROFILE)
    send_and_wait(page, f"plutôt à distance, {SECRET}")
    edit = turns(page).nth(1).locator("details.edit-profile")
    edit.locator("summary").click()
    edit.locator("input[name=place]").fill(f"{SECRET}ville")
    edit.locator("button[type=submit]").click()
    expect(turns(page)).to_have_count(3)

    page.goto(live_app.url + "/modules")
    page.locator("#q").fill(f"{SECRET} {PHRASE}")
    with page.expect_navigation():
        page.locator("form.search-form button[type=submit]").click()
    expect(page.locator("h1")).to_be_visible()

    page.goto(portal.url)
    page.locator(f"{WIDGET} button.launcher").click()
    chat = page.frame_locator(f"{WIDGET} iframe")
    send_and_wait(chat, PRIVATE_PROFILE)


def test_profile_text_in_no_log_line_and_no_url(
    live_app: LiveApp,
    demo_partner: Callable[[], DemoPartner],
    new_context: Callable[..., BrowserContext],
    request_log: RequestLog,
    every_log_line: Capture,
    request: pytest.FixtureRequest,
) -> None:
    portal = demo_partner()
    converse(new_context().new_page(), live_app, portal)
    # And once more without JavaScript: every message is a plain form post.
    page = new_context(java_script_enabled=False).new_page()
    page.goto(live_app.url + "/")
    page.locator("#message").fill(PRIVATE_PROFILE)
    with page.expect_navigation():
        page.locator("#chat-form button[type=submit]").click()
    expect(turns(page)).to_have_count(1)

    lines = every_log_line.lines
    # The capture works: uvicorn's access log saw the posts (it logs method and path only).
    assert any("POST /chat " in line for line in lines), lines[-20:]
    assert any("POST /embed/chat " in line for line in lines), lines[-20:]
    assert any("POST /modules " in line for line in lines), lines[-20:]
    urls = [url for test, url in request_log.entries if test == request.node.nodeid]
    assert len(urls) > 10
    for needle in (SECRET, PHRASE):
        logged = [line for line in lines if needle.lower() in line.lower()]
        assert not logged, f"{needle!r} is in the log:\n" + "\n".join(logged)
        leaked = [url for url in urls if needle.lower() in unquote_plus(url).lower()]
        assert not leaked, f"{needle!r} is in a URL:\n" + "\n".join(leaked)


def test_no_request_to_another_host(
    live_app: LiveApp,
    demo_partner: Callable[[], DemoPartner],
    new_context: Callable[..., BrowserContext],
    request_log: RequestLog,
) -> None:
    """Every request of every browser test went to the app or to a demo partner portal.

    Runs last (see conftest); it browses the main pages itself too, so it checks something
    when run alone.
    """
    assert test_no_request_to_another_host.__name__ == LAST_TEST
    page = new_context().new_page()
    converse(page, live_app, demo_partner())
    paths = ("/modules", "/accessibilite", "/confidentialite", "/modules/nope", "/console", "/docs")
    for path in paths:
        page.goto(live_app.url + path)
    # Swagger UI has drawn the page (after fetching /openapi.json): its requests are counted.
    expect(page.locator("#swagger-ui > *")).not_to_have_count(0)
    page.goto(live_app.url + "/modules")
    page.locator("ul.module-list a").first.click()
    page.wait_for_url(f"{live_app.url}/modules/*")

    allowed = request_log.allowed
    assert live_app.netloc in allowed
    assert len(allowed) >= 2, "a demo partner portal was visited"
    outside = [
        f"{test}: {url}"
        for test, url in request_log.entries
        if urlsplit(url).scheme != "data" and urlsplit(url).netloc not in allowed
    ]
    assert not outside, "requests to another host:\n" + "\n".join(outside)
    hosts = {urlsplit(url).netloc for _, url in request_log.entries}
    assert live_app.netloc in hosts
    assert hosts - {live_app.netloc}, "the log holds the demo portals' requests too"
