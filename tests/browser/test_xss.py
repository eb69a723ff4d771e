"""Markup typed by the person is shown as text, never run, with and without JavaScript."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Dialog, Page, expect

from tests.browser.conftest import LiveApp
from tests.browser.pages import PROFILE, XSS, send, turns

pytestmark = [pytest.mark.browser, pytest.mark.model]


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_markup_in_a_message_is_text(
    javascript: bool, live_app: LiveApp, new_context: Callable[..., BrowserContext]
) -> None:
    page = new_context(java_script_enabled=javascript).new_page()
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(live_app.url + "/")
    submit(page, javascript, lambda: send(page, XSS))
    expect(turns(page)).to_have_count(1)
    said = turns(page).first.locator(".msg-user .said")
    expect(said).to_have_text(XSS)
    transcript = page.locator("ol#transcript")
    expect(transcript.locator("img")).to_have_count(0)
    expect(transcript.locator("script")).to_have_count(0)
    expect(page.locator('img[src="x"]')).to_have_count(0)
    assert page.evaluate("() => window.__xss") is None
    assert dialogs == []

    # The place typed in the "what I understood" form comes back in the page too.
    submit(page, javascript, lambda: send(page, PROFILE))
    expect(turns(page)).to_have_count(2)
    edit = turns(page).nth(1).locator("details.edit-profile")
    edit.locator("summary").click()
    edit.locator("input[name=place]").fill(XSS[:100])
    submit(page, javascript, edit.locator("button[type=submit]").click)
    expect(turns(page)).to_have_count(3)
    expect(page.locator('img[src="x"]')).to_have_count(0)
    expect(page.locator("main script")).to_have_count(0)
    assert page.evaluate("() => window.__xss") is None
    assert dialogs == []


def submit(page: Page, javascript: bool, action: Callable[[], None]) -> None:
    """Do ``action``; without JavaScript it posts a form, so wait for the new page."""
    if javascript:
        action()
        return
    with page.expect_navigation():
        action()
