"""A jobseeker's conversation on Boussole's own page, with JavaScript and without it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, expect

from tests.browser.conftest import LiveApp
from tests.browser.pages import (
    PROFILE,
    send,
    send_and_wait,
    take_added,
    turns,
    watch_live_region,
)

pytestmark = [pytest.mark.browser, pytest.mark.model]


def test_conversation_with_javascript(
    live_app: LiveApp, new_context: Callable[..., BrowserContext]
) -> None:
    page = new_context().new_page()
    navigations: list[str] = []
    page.on("framenavigated", lambda f: navigations.append(f.url) if f == page.main_frame else None)
    page.goto(live_app.url + "/")
    expect(page.locator("h1")).to_have_text("Trouver une formation qui vous convient")
    navigations.clear()
    page.evaluate("() => { window.__samePage = 'still here'; }")
    watch_live_region(page)

    first = send_and_wait(page, PROFILE)
    expect(first.locator(".msg-user .said")).to_have_text(PROFILE)
    expect(first.locator(".msg-assistant .summary")).to_contain_text("Gosselies")
    cards = first.locator("ol.cards > li.card")
    expect(cards.first).to_be_visible()
    assert 3 <= cards.count() <= 5
    expect(cards.locator('h3.card-title a[href^="/modules/"]')).to_have_count(cards.count())
    expect(first.locator("details.edit-profile form input[name=place]")).to_have_value("Gosselies")
    assert take_added(page) == ["li.turn latest"], "the live region gets one insertion per reply"
    # The box is emptied and keeps the focus, ready for the next message.
    expect(page.locator("#message")).to_have_value("")
    expect(page.locator("#message")).to_be_focused()

    second = send_and_wait(page, "plutôt à distance")
    expect(second.locator(".msg-user .said")).to_have_text("plutôt à distance")
    expect(second.locator(".summary")).to_contain_text("distance")
    expect(second.locator("ol.cards > li.card").first).to_be_visible()
    assert take_added(page) == ["li.turn latest"]

    # "What I understood", corrected in its form: the place changes.
    edit = second.locator("details.edit-profile")
    edit.locator("summary").click()
    edit.locator("input[name=place]").fill("Namur")
    edit.locator("button[type=submit]").click()
    expect(turns(page)).to_have_count(3)
    third = turns(page).nth(2)
    expect(third.locator(".msg-user")).to_have_count(0)
    expect(third.locator(".summary")).to_contain_text("Namur")
    expect(third.locator("details.edit-profile input[name=place]")).to_have_value("Namur")
    assert take_added(page) == ["li.turn latest"]

    assert page.evaluate("() => window.__samePage") == "still here"
    assert navigations == [], f"the chat navigated: {navigations}"
    assert page.url == live_app.url + "/"

    link = third.locator("ol.cards > li.card h3.card-title a").first
    title = link.inner_text()
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url(live_app.url + str(href))
    expect(page.locator("h1")).to_have_text(title)
    assert page.evaluate("() => window.__samePage") is None


def test_conversation_without_javascript(
    live_app: LiveApp, new_context: Callable[..., BrowserContext]
) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto(live_app.url + "/")

    with page.expect_navigation():
        send(page, PROFILE)
    expect(turns(page)).to_have_count(1)
    expect(turns(page).first.locator(".msg-user .said")).to_have_text(PROFILE)
    expect(turns(page).first.locator("ol.cards > li.card").first).to_be_visible()
    conversation = page.locator("#chat-form input[name=conversation_id]").input_value()
    assert conversation

    with page.expect_navigation():
        send(page, "plutôt à distance")
    expect(turns(page)).to_have_count(2)
    said = turns(page).locator(".msg-user .said")
    expect(said).to_have_text([PROFILE, "plutôt à distance"])
    expect(turns(page).nth(1).locator(".summary")).to_contain_text("distance")
    assert page.locator("#chat-form input[name=conversation_id]").input_value() == conversation

    # The edit form is a plain <details> and form: it works without script too.
    edit = turns(page).nth(1).locator("details.edit-profile")
    edit.locator("summary").click()
    edit.locator("input[name=place]").fill("Namur")
    with page.expect_navigation():
        edit.locator("button[type=submit]").click()
    expect(turns(page)).to_have_count(3)
    expect(turns(page).nth(2).locator(".summary")).to_contain_text("Namur")
    expect(turns(page).locator(".msg-user .said")).to_have_text([PROFILE, "plutôt à distance"])

    # Forgetting the conversation lands on an empty chat.
    with page.expect_navigation():
        page.locator("form.forget-form button").click()
    expect(turns(page)).to_have_count(0)
