"""Issue 13 in a real browser: a counsellor's private note never reaches the jobseeker (print
view, share page), a shared one does; a refused reference comes back with its reason beside
the field; axe finds no serious or critical violation on these pages; screenshots of each
new state in ``test-output/screenshots/``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from assistant.console import Console
from tests.browser.conftest import LiveApp
from tests.browser.console_pages import (
    make_account,
    results,
    search,
    share_link,
    shortlist_id,
    sign_in,
)
from tests.browser.pages import PROFILE, assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.model]

PRIVATE = "Entretien difficile avec l'ancien employeur : ne pas en parler."
SHARED = "Apportez votre CV et une pièce d'identité le premier jour."


def checked_axe(page: Page, shots: Path, name: str) -> None:
    page.screenshot(path=shots / f"test_console_notes-{name}.png", full_page=True)
    assert_accessible(page, where=name)


def save_note(page: Page, n: int, text: str, visibility: str) -> None:
    page.locator(f"#i{n}-note").fill(text)
    page.locator(f"#i{n}-{visibility}").check()
    with page.expect_navigation():
        page.locator(f"#i{n} form[action*='/note'] button[type=submit]").click()
    expect(page.locator("p.flash")).to_have_text("La note est enregistrée.")


def test_a_private_note_stays_in_the_console(
    live_app: LiveApp,
    console: Console,
    new_context: Callable[..., BrowserContext],
    output_dir: Path,
) -> None:
    base = live_app.url
    page = new_context().new_page()
    sign_in(page, base, make_account(console))
    found = search(page, base, PROFILE, place="Charleroi")
    expect(found.first).to_be_visible()
    for n in (0, 1):
        results(page).nth(n).locator("input[type=checkbox][name=module_id]").check()
    form = page.locator("#keep-form")
    form.locator("#keep-list").select_option("new")

    # An e-mail as the reference: the form again, the reason beside the field, input kept.
    form.locator("#keep-ref").fill("marie.dupont@example.be")
    with page.expect_navigation():
        form.locator("fieldset.keep-to button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Formations non ajoutées")
    expect(page.locator("#keep-ref-error")).to_contain_text("adresse e-mail")
    expect(page.locator("#keep-ref")).to_have_value("marie.dupont@example.be")
    expect(page.locator("#keep-ref")).to_have_attribute("aria-invalid", "true")
    checked_axe(page, output_dir, "reference-refused")

    # A name: held back, with a box to confirm it is not one.
    page.locator("#keep-ref").fill("Marie Dupont")
    with page.expect_navigation():
        page.locator("fieldset.keep-to button[type=submit]").click()
    expect(page.locator("#keep-ref-error")).to_contain_text("nom d'une personne")
    expect(page.locator("#keep-ref-not-a-name")).to_be_visible()
    checked_axe(page, output_dir, "reference-looks-like-a-name")

    page.locator("#keep-ref").fill("DOS-2026-0077")
    with page.expect_navigation():
        page.locator("fieldset.keep-to button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Liste DOS-2026-0077")
    list_id = shortlist_id(page)

    # The form says who sees a note; one private, one shared.
    expect(page.locator("#i1-visibility legend")).to_contain_text("Qui voit cette note ?")
    expect(page.locator("#i1-private")).to_be_checked()
    save_note(page, 1, PRIVATE, "private")
    save_note(page, 2, SHARED, "shared")
    expect(page.locator("#i1 .note-badge")).to_have_text("Note privée")
    expect(page.locator("#i2 .note-badge")).to_have_text("Note partagée avec la personne")
    checked_axe(page, output_dir, "shortlist-private-and-shared-notes")

    page.goto(f"{base}/console/shortlists/{list_id}/print")
    expect(page.locator(".doc-note p")).to_have_text([SHARED])
    expect(page.locator("body")).not_to_contain_text(PRIVATE)
    expect(page.locator("section.doc-contacts h2")).to_have_text("Qui contacter ?")
    checked_axe(page, output_dir, "print-view-shared-note-only")

    page.goto(f"{base}/console/shortlists/{list_id}")
    link = share_link(page)
    person = new_context().new_page()
    response = person.goto(link)
    assert response is not None and response.status == 200
    expect(person.locator(".doc-note p")).to_have_text([SHARED])
    expect(person.locator("body")).not_to_contain_text(PRIVATE)
    expect(person.locator("section.doc-contacts")).to_contain_text("Votre conseiller")
    checked_axe(person, output_dir, "share-page-shared-note-only")
