"""The partner widget on the demo portal, served from another port than Boussole (cross-origin)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Frame, Page, expect

from tests.browser.conftest import DemoPartner, LiveApp
from tests.browser.pages import WIDGET, send_and_wait

pytestmark = [pytest.mark.browser, pytest.mark.model]

DEMO_COLOR = "rgb(11, 110, 79)"  # data-color="#0b6e4f" in the demo portal's widget tag
# Everything the iframe posts to the host page, as the host receives it.
RECORD_MESSAGES = """
window.__messages = [];
window.addEventListener('message', e => window.__messages.push(e.data));
"""


def panel_height(page: Page) -> float:
    height: float = page.locator(f"{WIDGET} .panel").evaluate(
        "e => e.getBoundingClientRect().height"
    )
    return height


def posted(page: Page, kind: str) -> list[dict[str, Any]]:
    messages: list[dict[str, Any]] = page.evaluate("() => window.__messages")
    return [m for m in messages if isinstance(m, dict) and m.get("type") == kind]


def widget_frame(page: Page) -> Frame:
    handle = page.locator(f"{WIDGET} iframe").element_handle()
    frame = handle.content_frame()
    assert frame is not None
    return frame


def test_widget_opens_chats_themes_resizes_and_closes(
    live_app: LiveApp,
    demo_partner: Callable[[], DemoPartner],
    new_context: Callable[..., BrowserContext],
) -> None:
    portal = demo_partner()
    assert portal.origin != live_app.url
    context = new_context()
    context.add_init_script(RECORD_MESSAGES)
    page = context.new_page()
    page.goto(portal.url)

    launcher = page.locator(f"{WIDGET} button.launcher")
    panel = page.locator(f"{WIDGET} .panel")
    expect(launcher).to_have_text("Trouver une formation")
    expect(launcher).to_have_attribute("aria-expanded", "false")
    assert launcher.evaluate("e => getComputedStyle(e).backgroundColor") == DEMO_COLOR
    expect(panel).to_be_hidden()
    # The launcher lives in an open shadow root: the host page's styles cannot reach it.
    assert page.evaluate(f"() => !!document.querySelector('{WIDGET}').shadowRoot")

    launcher.click()
    expect(panel).to_be_visible()
    expect(launcher).to_have_attribute("aria-expanded", "true")
    iframe = page.locator(f"{WIDGET} iframe")
    assert (iframe.get_attribute("src") or "").startswith(
        f"{live_app.url}/embed/chat?key={portal.key}"
    )
    chat = page.frame_locator(f"{WIDGET} iframe")
    expect(chat.locator("#chat-form")).to_be_visible()
    page.wait_for_function("() => window.__messages.some(m => m.type === 'boussole:ready')")
    # Once ready, the widget asks the chat to take the focus: the person can type at once.
    expect(chat.locator("#message")).to_be_focused()

    # Theme: the partner's colour, through /embed/theme.css, with a readable text colour.
    header = chat.locator("header.embed-header")
    assert header.evaluate("e => getComputedStyle(e).backgroundColor") == DEMO_COLOR
    assert header.evaluate("e => getComputedStyle(e).color") == "rgb(255, 255, 255)"
    expect(chat.locator('link[href^="/embed/theme.css?color=0b6e4f"]')).to_have_count(1)
    expect(chat.locator("h1.embed-title")).to_have_text("Trouver une formation")

    # Resize: the panel starts at 320 px and follows the height the chat reports (240-640 px,
    # at most the window's height less 104 px). The empty chat is already taller than 640 px
    # at the panel's 400 px width, so the panel reaches its cap on load; after a reply the
    # chat reports its new, greater height and the panel stays at what that allows.
    page.wait_for_function("() => window.__messages.some(m => m.type === 'boussole:resize')")
    max_height = page.viewport_size["height"] - 104 if page.viewport_size else 640

    def expected_height() -> float:
        reported = float(posted(page, "boussole:resize")[-1]["height"])
        return min(max(240.0, min(640.0, reported)), max_height)

    assert panel_height(page) != 320
    assert panel_height(page) == pytest.approx(expected_height(), abs=1)
    sizes_before = len(posted(page, "boussole:resize"))
    height_before = float(posted(page, "boussole:resize")[-1]["height"])

    turn = send_and_wait(chat, "J'habite à Namur et je voudrais apprendre la comptabilité")
    expect(turn.locator("ol.cards > li.card").first).to_be_visible()
    page.wait_for_function(
        "n => window.__messages.filter(m => m.type === 'boussole:resize').length > n",
        arg=sizes_before,
    )
    assert float(posted(page, "boussole:resize")[-1]["height"]) > height_before
    assert panel_height(page) == pytest.approx(expected_height(), abs=1)

    # "I choose this module": the host page hears of it (window event boussole:module).
    choose = turn.locator("button.choose").first
    title = choose.get_attribute("data-module-title")
    choose.click()
    expect(choose).to_have_attribute("aria-pressed", "true")
    expect(page.locator("ol#events > li")).to_have_count(1)
    expect(page.locator("ol#events > li")).to_contain_text(str(title))
    expect(page.locator("#events-empty")).to_be_hidden()

    # Close from inside the frame: the panel hides and the focus goes back to the launcher.
    chat.locator("#embed-close").click()
    expect(panel).to_be_hidden()
    expect(launcher).to_have_attribute("aria-expanded", "false")
    expect(launcher).to_be_focused()

    # Reopening keeps the conversation; Escape in the chat closes it too.
    launcher.click()
    expect(panel).to_be_visible()
    expect(chat.locator("ol#transcript > li.turn")).to_have_count(1)
    expect(chat.locator("#message")).to_be_focused()
    chat.locator("#message").press("Escape")
    expect(panel).to_be_hidden()
    expect(launcher).to_be_focused()


def test_widget_refused_on_a_site_not_allowed(
    live_app: LiveApp,
    demo_partner: Callable[[], DemoPartner],
    new_context: Callable[..., BrowserContext],
) -> None:
    portal = demo_partner()
    # The key stays valid, but the portal's origin is no longer one of the partner's.
    live_app.store.set_origins("demo", ["http://127.0.0.1:1"])
    page = new_context().new_page()
    page.clock.install()  # the widget gives up after 8 s: run its clock instead of waiting
    policies: list[str] = []
    page.on(
        "response",
        lambda r: (
            policies.append(r.headers.get("content-security-policy", ""))
            if "/embed/chat?" in r.url
            else None
        ),
    )
    page.goto(portal.url)
    with page.expect_event("requestfailed", lambda r: "/embed/chat?" in r.url) as refused:
        page.locator(f"{WIDGET} button.launcher").click()
    assert refused.value.failure == "net::ERR_BLOCKED_BY_RESPONSE"
    assert policies and "frame-ancestors http://127.0.0.1:1" in policies[0]
    frame = widget_frame(page)
    frame.wait_for_load_state()
    assert not frame.url.startswith(live_app.url)
    assert frame.locator("#chat-form").count() == 0
    assert frame.locator("#message").count() == 0

    failed = page.locator(f"{WIDGET} .panel p.failed")
    page.clock.run_for(7_000)
    expect(failed).to_have_count(0)
    page.clock.run_for(1_500)
    expect(failed).to_be_visible()
    expect(failed).to_have_attribute("role", "alert")
    expect(failed).to_contain_text("ne peut pas s'afficher")
    expect(page.locator(f"{WIDGET} iframe")).to_have_count(0)


def test_unknown_key_gets_the_error_page(
    live_app: LiveApp, new_context: Callable[..., BrowserContext]
) -> None:
    page = new_context().new_page()
    response = page.goto(live_app.url + "/embed/chat?key=pk_nope")
    assert response is not None
    assert response.status == 403
    expect(page.locator("h1")).to_have_text("Assistant indisponible ici")
    expect(page.locator("#chat-form")).to_have_count(0)
    expect(page.locator("#message")).to_have_count(0)
