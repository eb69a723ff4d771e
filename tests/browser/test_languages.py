"""The language switch: the page, its forms and the assistant's replies change language."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, expect

from tests.browser.conftest import LiveApp
from tests.browser.pages import send_and_wait, summary_heading
from web.i18n import LANGUAGE_NAMES, PageLanguage, translations

pytestmark = [pytest.mark.browser, pytest.mark.model]

FRENCH_H1 = "Trouver une formation qui vous convient"
# A profile in each language, in a town the demo catalog covers, on a subject named alike in
# every language (the relevance gate reads the catalog's words: "boekhouding" is not
# "comptabilité" to its lexical side, and a need it cannot match is answered as not found).
PROFILES: dict[PageLanguage, str] = {
    "nl": "Ik woon in Namen en ik wil Excel leren, ik ben beginner",
    "de": "Ich wohne in Eupen und möchte Excel lernen",
}


@pytest.mark.parametrize("lang", ["nl", "de"])
def test_language_switch(
    lang: PageLanguage, live_app: LiveApp, new_context: Callable[..., BrowserContext]
) -> None:
    _ = translations(lang).gettext
    page = new_context().new_page()
    page.goto(live_app.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("h1")).to_have_text(FRENCH_H1)

    page.locator("nav.languages").get_by_role("link", name=LANGUAGE_NAMES[lang]).click()
    page.wait_for_url(f"{live_app.url}/?lang={lang}")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    translated = _(FRENCH_H1)
    assert translated != FRENCH_H1, f"the {lang} catalog does not translate the page's title"
    expect(page.locator("h1")).to_have_text(translated)
    expect(page.locator(f'nav.languages a[hreflang="{lang}"]')).to_have_attribute(
        "aria-current", "true"
    )
    expect(page.locator("#chat-form button[type=submit]")).to_have_text(_("Envoyer"))

    turn = send_and_wait(page, PROFILES[lang])
    summary = turn.locator(".summary")
    expect(summary).to_contain_text(summary_heading(lang))
    expect(summary).not_to_contain_text(summary_heading("fr"))
    expect(turn.locator("details.edit-profile summary")).to_have_text(
        _("Corriger ce que j'ai compris")
    )
    expect(turn.locator("ol.cards > li.card").first).to_be_visible()
    expect(turn.locator("p.listing-title")).to_have_text(_("Des formations pour vous :"))

    # Links keep the language: the catalogue opens in it too.
    page.locator("nav.site-nav").get_by_role("link", name=_("Catalogue")).click()
    page.wait_for_url(f"{live_app.url}/modules?lang={lang}")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("h1")).to_have_text(_("Catalogue des formations"))
