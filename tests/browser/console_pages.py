"""What the browser tests do in the counsellor console: accounts, signing in, searching on a
jobseeker's behalf, keeping results in a shortlist, and a stray page on another port."""

from __future__ import annotations

import contextlib
import itertools
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from playwright.sync_api import Locator, Page, expect

from assistant.console import Actor, Console

PASSWORD = "un mot de passe assez long"
SHORTLIST_URL = re.compile(r"/console/shortlists/(?P<id>[\w-]+)(\?[^#]*)?$")
_numbers = itertools.count(1)


@dataclass(frozen=True)
class Account:
    email: str
    password: str
    actor: Actor


def make_account(console: Console, role: str = "counsellor") -> Account:
    """A new account in the app's database (each test its own: the database is the session's)."""
    name = "admin" if role == "admin" else "conseiller"
    email = f"{name}-{next(_numbers)}@cpas.example.be"
    user = console.accounts.add(email, PASSWORD, role)
    return Account(email, PASSWORD, Actor.of(user))


def query(lang: str) -> str:
    return "" if lang == "fr" else f"?lang={lang}"


def sign_in(page: Page, base: str, account: Account, lang: str = "fr") -> None:
    """Sign in through the form; the console opens on its search page."""
    page.goto(f"{base}/console/login{query(lang)}")
    page.locator("#email").fill(account.email)
    page.locator("#password").fill(account.password)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/console/search(\?|$)"))


def search(
    page: Page,
    base: str,
    text: str,
    *,
    place: str = "",
    goal: str = "",
    count: int = 0,
    lang: str = "fr",
) -> Locator:
    """Open the search page, type ``text`` (and ``place``, ``goal``, the number of results
    ``count``), search; the results."""
    page.goto(f"{base}/console/search{query(lang)}")
    page.locator("#s-text").fill(text)
    if goal:
        page.locator("#s-goal").fill(goal)
    if place or count:
        page.locator("details.refine > summary").click()
    if place:
        page.locator("#s-place").fill(place)
    if count:
        page.locator("#s-k").select_option(str(count))
    with page.expect_navigation():
        page.locator("form.console-search button[type=submit]").click()
    return results(page)


def results(page: Page) -> Locator:
    return page.locator("ol.cards.results > li.card.result")


def keep_in_new_list(page: Page, numbers: list[int], reference: str, note: str = "") -> str:
    """Tick the results ``numbers`` (1-based), add them to a new list; the list's public id."""
    for n in numbers:
        results(page).nth(n - 1).locator("input[type=checkbox][name=module_id]").check()
    form = page.locator("#keep-form")
    form.locator("#keep-list").select_option("new")
    form.locator("#keep-ref").fill(reference)
    if note:
        form.locator("#keep-note").fill(note)
    with page.expect_navigation():
        form.locator("fieldset.keep-to button[type=submit]").click()
    return shortlist_id(page)


def shortlist_id(page: Page) -> str:
    found = SHORTLIST_URL.search(page.url)
    assert found, f"not on a shortlist's page: {page.url}"
    return found["id"]


def share_link(page: Page) -> str:
    """On a shortlist's page: ask for a link for the jobseeker; the link shown once."""
    with page.expect_navigation():
        page.locator("form[action*='/share'] button[type=submit]").click()
    link = page.locator("#share-link").input_value()
    assert "/s/" in link, link
    return link


class _Page(BaseHTTPRequestHandler):
    body = b""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        pass


@contextlib.contextmanager
def stray_page(html: str) -> Iterator[int]:
    """Serve ``html`` at every path of a free loopback port (another origin); yield the port."""
    handler = type("StrayPage", (_Page,), {"body": html.encode()})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="stray-page", daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
