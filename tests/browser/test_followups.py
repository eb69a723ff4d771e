"""Issue 13 in a browser: the transcript across reload and Back with JavaScript on, earlier
answers' cards collapsed, the module view inside the partner's panel, and the panel taking the
whole screen at 360 px. axe checks each new state; each is saved under screenshots/."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Frame, Page, expect

from tests.browser.conftest import DemoPartner, LiveApp
from tests.browser.pages import (
    PROFILE,
    WIDGET,
    assert_accessible,
    send,
    send_and_wait,
    turns,
)

pytestmark = [pytest.mark.browser, pytest.mark.model]


def proposals_open(page: Page | Frame) -> list[bool]:
    opened: list[bool] = page.locator("ol#transcript > li.turn details.proposals").evaluate_all(
        "ds => ds.map(d => d.open)"
    )
    return opened


def test_transcript_survives_reload_and_back_and_earlier_cards_collapse(
    live_app: LiveApp, new_context: Callable[..., BrowserContext], output_dir: Path
) -> None:
    page = new_context().new_page()
    page.goto(live_app.url + "/")
    forget = page.locator("form#forget-form")
    expect(forget).to_be_hidden()
    expect(page.locator("#message-help")).to_be_visible()

    send_and_wait(page, PROFILE)
    # After the first turn: "Effacer" shows, the first-message example goes.
    expect(forget).to_be_visible()
    expect(page.locator("#message-help")).to_have_count(0)
    second = send_and_wait(page, "plutôt à distance")
    # The follow-up says what changed, not the whole summary again.
    expect(second.locator(".summary-change ul.added")).to_contain_text("distance")
    expect(second.locator("details.summary-whole")).not_to_have_attribute("open", "")
    # Only the newest answer shows its cards; the earlier one keeps them behind a disclosure.
    assert proposals_open(page) == [False, True]
    earlier = turns(page).first.locator("details.proposals")
    expect(earlier.locator("li.card").first).to_be_hidden()
    expect(earlier.locator("summary")).to_contain_text("Voir les formations proposées")
    page.screenshot(path=output_dir / "issue13-chat-earlier-collapsed.png", full_page=True)
    assert_accessible(page)

    # The disclosure works (a plain <details>).
    earlier.locator("summary").click()
    expect(earlier.locator("li.card").first).to_be_visible()
    earlier.locator("summary").click()

    said = [PROFILE, "plutôt à distance"]
    page.reload()
    expect(turns(page)).to_have_count(2)
    expect(turns(page).locator(".msg-user .said")).to_have_text(said)
    assert proposals_open(page) == [False, True]
    expect(forget).to_be_visible()
    expect(page.locator("#message-help")).to_have_count(0)
    expect(page.locator(".message-label")).to_have_text("Votre réponse ou une nouvelle question")
    # The newest answer is in view.
    expect(turns(page).nth(1).locator(".msg-assistant")).to_be_in_viewport()
    page.screenshot(path=output_dir / "issue13-chat-after-reload.png")
    assert_accessible(page)

    # Back from a module page: the conversation is there again (reload or back/forward cache).
    link = turns(page).nth(1).locator("ol.cards > li.card h3.card-title a").first
    title = link.inner_text()
    link.click()
    expect(page.locator("h1")).to_have_text(title)
    page.go_back()
    expect(turns(page)).to_have_count(2)
    expect(turns(page).locator(".msg-user .said")).to_have_text(said)

    # It goes on under the same conversation after the reload.
    third = send_and_wait(page, "et à Namur ?")
    expect(third.locator(".msg-user .said")).to_have_text("et à Namur ?")
    expect(turns(page)).to_have_count(3)

    # "Effacer" really clears: empty now, and still empty after a reload.
    with page.expect_navigation():
        forget.locator("button").click()
    expect(turns(page)).to_have_count(0)
    page.reload()
    page.wait_for_load_state("networkidle")
    expect(turns(page)).to_have_count(0)
    expect(forget).to_be_hidden()
    # Nothing the person wrote ever went into an address.
    assert "Namur" not in page.url and "distance" not in page.url


def widget_frame(page: Page) -> Frame:
    handle = page.locator(f"{WIDGET} iframe").element_handle()
    frame = handle.content_frame() if handle else None
    assert frame is not None
    return frame


def test_widget_module_view_keeps_the_panel_and_leads_back(
    live_app: LiveApp,
    demo_partner: Callable[[], DemoPartner],
    new_context: Callable[..., BrowserContext],
    output_dir: Path,
) -> None:
    portal = demo_partner()
    page = new_context().new_page()
    page.goto(portal.url)
    page.locator(f"{WIDGET} button.launcher").click()
    chat = page.frame_locator(f"{WIDGET} iframe")
    turn = send_and_wait(chat, PROFILE)

    # Every outside link of the answer opens a new tab, never inside the panel.
    for link in turn.locator("a[href^='http']").all():
        expect(link).to_have_attribute("target", "_blank")
        assert "noopener" in (link.get_attribute("rel") or "").split()

    card_link = turn.locator("ol.cards > li.card h3.card-title a").first
    title = card_link.inner_text()
    assert (card_link.get_attribute("href") or "").startswith("/embed/modules/")
    card_link.click()
    expect(chat.locator("h1")).to_have_text(title)
    frame = widget_frame(page)
    assert frame.url.startswith(live_app.url + "/embed/modules/")
    expect(page.locator(f"{WIDGET} .panel")).to_be_visible()
    enrol = chat.locator("article.module a.button")
    if enrol.count():
        expect(enrol).to_have_attribute("target", "_blank")
    expect(chat.locator("#embed-close")).to_be_visible()
    page.screenshot(path=output_dir / "issue13-widget-module-view.png")
    assert_accessible(page, frame)

    # Back to the conversation: the turns come back, the panel never broke.
    chat.locator("#back-to-chat").click()
    expect(chat.locator("ol#transcript > li.turn")).to_have_count(1)
    expect(chat.locator("ol#transcript .msg-user .said")).to_have_text(PROFILE)
    expect(chat.locator("form#forget-form")).to_be_visible()


def test_widget_panel_takes_the_whole_screen_at_360_px(
    demo_partner: Callable[[], DemoPartner],
    new_context: Callable[..., BrowserContext],
    output_dir: Path,
) -> None:
    portal = demo_partner()
    page = new_context(viewport={"width": 360, "height": 740}).new_page()
    page.goto(portal.url)
    launcher = page.locator(f"{WIDGET} button.launcher")
    launcher.click()
    panel = page.locator(f"{WIDGET} .panel")
    chat = page.frame_locator(f"{WIDGET} iframe")
    close = chat.locator("#embed-close")
    expect(close).to_be_visible()
    box = panel.bounding_box()
    assert box == {"x": 0, "y": 0, "width": 360, "height": 740}, box
    # The panel is above everything of the host page, its header included.
    # (elementFromPoint answers the widget's host element: its shadow root holds the panel.)
    for x, y in ((180, 10), (5, 735), (355, 370)):
        assert page.evaluate(
            "([x, y]) => document.elementFromPoint(x, y).hasAttribute('data-boussole-widget')",
            [x, y],
        ), (x, y)
    close_box = chat.locator("#embed-close").bounding_box()
    assert (
        close_box is not None and close_box["y"] >= 0 and close_box["x"] + close_box["width"] <= 360
    )
    expect(chat.locator("#message")).to_be_focused()
    page.screenshot(path=output_dir / "issue13-widget-360-open.png")
    assert_accessible(page, widget_frame(page))

    close.click()
    expect(panel).to_be_hidden()
    expect(launcher).to_be_visible()
    expect(launcher).to_be_focused()


def test_without_javascript_the_answer_page_opens_at_the_newest_turn(
    live_app: LiveApp, new_context: Callable[..., BrowserContext], output_dir: Path
) -> None:
    page = new_context(java_script_enabled=False, viewport={"width": 360, "height": 740}).new_page()
    page.goto(live_app.url + "/")
    with page.expect_navigation():
        send(page, PROFILE)
    with page.expect_navigation():
        send(page, "plutôt à distance")
    assert page.url.endswith("/chat#latest")
    expect(turns(page)).to_have_count(2)
    newest = turns(page).nth(1)
    expect(newest.locator(".msg-user")).to_be_in_viewport()
    assert proposals_open(page) == [False, True]
    expect(page.locator("form#forget-form")).to_be_visible()
    expect(page.locator("#message-help")).to_have_count(0)
    # (axe needs script: the same markup is checked with script on, in the test above.)
    page.screenshot(path=output_dir / "issue13-chat-no-js-newest-in-view.png")
