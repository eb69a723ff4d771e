"""The counsellor console in a real browser: a counsellor's whole journey (search, shortlist,
note, print, PDF, share link), signing out everywhere, forged posts from another origin and
another site, a catalog rebuild while a counsellor searches, axe-core on every console page
(French and Dutch, and 320 px wide), and what the console keeps of the words typed in it."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote_plus, urlsplit

import pytest
from playwright.sync_api import BrowserContext, Error, Page, Response, expect

from assistant.console import Console, ShareLinks, load_secret, open_console
from corpus.demo import demo_catalog_path
from tests.browser.conftest import Capture, LiveApp, RequestLog
from tests.browser.console_pages import (
    keep_in_new_list,
    make_account,
    query,
    results,
    search,
    share_link,
    shortlist_id,
    sign_in,
    stray_page,
)
from tests.browser.pages import PROFILE, axe_violations, describe

pytestmark = [pytest.mark.browser, pytest.mark.model]

REFERENCE = "DOS-2026-0042"
NOTE = "Appeler l'organisme avant le 15 janvier : il reste des places."
SCORE_NAMES = ["Score", "Mots (BM25)", "Sens (embeddings)", "Fusion", "Contraintes (facteur)"]


def tampered(token: str) -> str:
    """``token`` with one character of its payload changed."""
    at = 3
    return token[:at] + ("B" if token[at] != "B" else "C") + token[at + 1 :]


def statuses_of(page: Page, base: str) -> list[tuple[int, str]]:
    """Every response the page gets from ``base`` from now on: (status, method and URL)."""
    seen: list[tuple[int, str]] = []

    def record(response: Response) -> None:
        if response.url.startswith(base):
            seen.append((response.status, f"{response.request.method} {response.url}"))

    page.on("response", record)
    return seen


# -- a counsellor's journey ---------------------------------------------------------------


def test_counsellor_journey(
    live_app: LiveApp, console: Console, new_context: Callable[..., BrowserContext]
) -> None:
    base = live_app.url
    page = new_context().new_page()
    sign_in(page, base, make_account(console))

    found = search(page, base, PROFILE, place="Charleroi")
    expect(found.first).to_be_visible()
    expect(page.locator("dl.understood")).to_contain_text("Charleroi (6000)")
    first = found.first
    # Reasons quote the module where it matches the person's words (not every module does).
    expect(found.locator("ul.reasons > li").first).to_be_visible()
    expect(first.locator("table.checks tbody tr").first).to_be_visible()
    expect(first.locator("dl.scores dt")).to_have_text(SCORE_NAMES)
    for value in first.locator("dl.scores dd").all_inner_texts()[:4]:
        assert re.fullmatch(r"\d+,\d{3}", value.strip()), value
    titles = [found.nth(n).locator(".card-title").inner_text() for n in (0, 1)]

    list_id = shortlist_from_results(page, titles)
    assert f"{base}/console/shortlists/{list_id}" in page.url

    # A note on the first module, shared with the person (a note is private by default).
    page.locator("#i1-note").fill(NOTE)
    page.locator("#i1-shared").check()
    with page.expect_navigation():
        page.locator("#i1 form[action*='/note'] button[type=submit]").click()
    expect(page.locator("p.flash")).to_have_text("La note est enregistrée.")
    expect(page.locator("#i1-note")).to_have_value(NOTE)
    # Printed from the list's own page, the console's header and menu stay off the paper.
    page.emulate_media(media="print")
    expect(page.locator("header.console-header")).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()
    page.emulate_media(media="screen")

    check_print_view(page, list_id, titles)
    check_pdf(page)
    check_share_links(page, live_app, new_context, titles)


def shortlist_from_results(page: Page, titles: list[str]) -> str:
    """Keep the first two results in a new list filed under REFERENCE; its public id."""
    for n in (0, 1):
        results(page).nth(n).locator("input[type=checkbox][name=module_id]").check()
    form = page.locator("#keep-form")
    expect(form.locator("#keep-list")).to_have_value("new")  # no list yet: a new one
    form.locator("#keep-ref").fill(REFERENCE)
    with page.expect_navigation():
        form.locator("fieldset.keep-to button[type=submit]").click()
    expect(page.locator("h1")).to_have_text(f"Liste {REFERENCE}")
    expect(page.locator("p.flash")).to_contain_text("La liste est créée.")
    expect(page.locator("ol.shortlist-items > li h3")).to_have_text(titles)
    return shortlist_id(page)


def check_print_view(page: Page, list_id: str, titles: list[str]) -> None:
    page.get_by_role("link", name="Version à imprimer").click()
    page.wait_for_url(f"**/console/shortlists/{list_id}/print")
    expect(page.locator(".doc-meta")).to_contain_text(f"Référence : {REFERENCE}")
    expect(page.locator("li.doc-item h2")).to_have_text(titles)
    expect(page.locator(".doc-note p")).to_have_text([NOTE])  # the second module has none
    bar = page.locator("nav.print-bar")
    expect(bar).to_be_visible()
    page.emulate_media(media="print")
    expect(bar).to_be_hidden()
    # Nothing of the console on paper: no header, no menu, no form; the modules all there.
    expect(page.locator("header.site-header:visible, nav:visible, form:visible")).to_have_count(0)
    expect(page.locator("li.doc-item h2")).to_have_text(titles)
    expect(page.locator(".doc-note")).to_be_visible()
    page.emulate_media(media="screen")


def check_pdf(page: Page) -> None:
    with page.expect_download() as info:
        page.get_by_role("link", name="Télécharger en PDF").click()
    download = info.value
    assert download.suggested_filename == f"formations-{REFERENCE}.pdf"
    body = Path(download.path()).read_bytes()
    assert body.startswith(b"%PDF-"), body[:20]
    assert body.rstrip().endswith(b"%%EOF")
    page.get_by_role("link", name="Retour à la liste").click()
    expect(page.locator("h1")).to_have_text(f"Liste {REFERENCE}")


def check_share_links(
    page: Page, live_app: LiveApp, new_context: Callable[..., BrowserContext], titles: list[str]
) -> None:
    base = live_app.url
    link = share_link(page)
    assert link.startswith(f"{base}/s/"), link
    token = link.rsplit("/", 1)[1]

    # The jobseeker, in a browser that never signed in anywhere.
    jobseeker = new_context()
    person = jobseeker.new_page()
    response = person.goto(link)
    assert response is not None and response.status == 200
    assert response.headers["referrer-policy"] == "no-referrer"
    assert "noindex" in response.headers["x-robots-tag"]
    assert "no-store" in response.headers["cache-control"]
    expect(person.locator("h1")).to_have_text("Les formations choisies avec votre conseiller")
    expect(person.locator(".doc-meta")).to_contain_text(f"Référence : {REFERENCE}")
    expect(person.locator("li.doc-item h2")).to_have_text(titles)
    expect(person.locator(".doc-note p")).to_have_text([NOTE])
    # Read-only: nothing to fill in or press, no way into the console.
    expect(person.locator("form, input, textarea, select, button")).to_have_count(0)
    expect(person.locator("a[href^='/console']")).to_have_count(0)
    assert jobseeker.cookies() == []

    response = person.goto(f"{base}/s/{tampered(token)}")
    assert response is not None and response.status == 404
    expect(person.locator("h1")).to_have_text("Lien non valable")
    expect(person.locator("li.doc-item")).to_have_count(0)

    # A link made 31 days ago with the server's own key: expired (the links last 30 days).
    secret = load_secret(live_app.settings.secret_key_file)
    links = ShareLinks(secret, live_app.settings.share_days)
    public_id, version = links.read(token)
    days = live_app.settings.share_days + 1
    old = ShareLinks(secret, live_app.settings.share_days, clock=lambda: time.time() - days * 86400)
    response = person.goto(f"{base}/s/{old.token(public_id, version)}")
    assert response is not None and response.status == 410
    expect(person.locator("h1")).to_have_text("Lien expiré")
    expect(person.locator("li.doc-item")).to_have_count(0)

    # A new link that cancels the ones given before: the first link stops working.
    page.locator("#share-renew").check()
    renewed = share_link(page)
    expect(page.locator(".share-result")).to_contain_text("Les liens donnés avant")
    response = person.goto(link)
    assert response is not None and response.status == 404
    response = person.goto(renewed)
    assert response is not None and response.status == 200
    expect(person.locator("li.doc-item h2")).to_have_text(titles)


# -- signing out everywhere ---------------------------------------------------------------


def test_sign_out_everywhere(
    live_app: LiveApp, console: Console, new_context: Callable[..., BrowserContext]
) -> None:
    base = live_app.url
    counsellor = make_account(console)
    office, laptop = new_context().new_page(), new_context().new_page()
    sign_in(office, base, counsellor)
    sign_in(laptop, base, counsellor)
    laptop.locator("#s-text").fill(PROFILE)  # a search typed, not yet sent
    expect(search(office, base, PROFILE).first).to_be_visible()  # one the Back button keeps

    office.get_by_role("link", name="Mon compte").click()
    office.wait_for_url(f"{base}/console/account")
    expect(office.locator("dl.facts")).to_contain_text(counsellor.email)
    with office.expect_navigation():
        office.get_by_role("button", name="Se déconnecter partout (tous les appareils)").click()
    expect(office).to_have_url(re.compile(r"/console/login(\?|$)"))
    assert not [c for c in office.context.cookies() if c["name"] == "boussole_session"]
    # Signing out emptied the browser's cache: Back no longer shows the search's answer.
    office.go_back()
    expect(office).to_have_url(f"{base}/console/login?next=%2Fconsole%2Faccount")
    try:
        office.go_back()
    except Error as exc:  # Chromium would have to post the search again: it does not
        assert "ERR_CACHE_MISS" in exc.message, exc.message
    expect(results(office)).to_have_count(0)

    # The other browser's next step lands on the sign-in page: its post is not carried out...
    with laptop.expect_navigation():
        laptop.locator("form.console-search button[type=submit]").click()
    expect(laptop).to_have_url(re.compile(r"/console/login\?next=%2Fconsole$"))
    expect(laptop.locator("ol.cards")).to_have_count(0)
    # ... and a plain page asks to sign in again, then comes back.
    laptop.goto(f"{base}/console/shortlists")
    expect(laptop).to_have_url(f"{base}/console/login?next=%2Fconsole%2Fshortlists")
    laptop.locator("#email").fill(counsellor.email)
    laptop.locator("#password").fill(counsellor.password)
    with laptop.expect_navigation():
        laptop.locator("main form button[type=submit]").click()
    expect(laptop).to_have_url(f"{base}/console/shortlists")


# -- forged posts ------------------------------------------------------------------------

FORGED = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Offre</title></head>
<body><form method="post" action="{action}">
<input type="hidden" name="reference" value="{reference}">{token}
</form><script>document.forms[0].submit()</script></body></html>"""


def forge(page: Page, base: str, url: str) -> Response:
    """Open the forged page at ``url``; the answer to the post it makes to the console."""
    with page.expect_response(
        lambda r: r.url.startswith(f"{base}/console/shortlists") and r.request.method == "POST"
    ) as posted:
        page.goto(url)
    page.wait_for_load_state()
    return posted.value


@pytest.mark.parametrize(
    ("host", "with_token", "reference"),
    [
        # Another origin of the same site (a partner's page on another port): the session
        # cookie goes along, but the form carries no CSRF token.
        ("127.0.0.1", False, "FORGE-1"),
        # Same, with the right token (stolen somehow): its Origin is not the console's.
        ("127.0.0.1", True, "FORGE-2"),
        # Another site (localhost is not 127.0.0.1): the SameSite=Strict cookie stays home,
        # even with the right token.
        ("localhost", True, "FORGE-3"),
    ],
    ids=["other-origin-no-token", "other-origin-with-token", "other-site-with-token"],
)
def test_forged_post_from_another_origin_is_refused(
    host: str,
    with_token: bool,
    reference: str,
    live_app: LiveApp,
    console: Console,
    request_log: RequestLog,
    new_context: Callable[..., BrowserContext],
) -> None:
    base = live_app.url
    page = new_context().new_page()
    sign_in(page, base, make_account(console))
    page.goto(f"{base}/console/shortlists")
    csrf = page.locator("main input[name=csrf]").first.input_value()
    token = f'<input type="hidden" name="csrf" value="{csrf}">' if with_token else ""
    html = FORGED.format(action=f"{base}/console/shortlists", reference=reference, token=token)

    with stray_page(html) as port:
        request_log.allowed.add(f"{host}:{port}")  # the test's own page, on loopback
        answer = forge(page, base, f"http://{host}:{port}/")
    if host == "localhost":
        # No cookie, no session: the console asks to sign in, and nothing is created.
        assert answer.status == 303, answer.status
        expect(page).to_have_url(f"{base}/console/login?next=%2Fconsole")
    else:
        assert answer.status == 403, answer.status
        expect(page.locator("h1")).to_have_text("Accès refusé")
        expect(page.locator("main")).to_contain_text("ne vient pas de Boussole")

    page.goto(f"{base}/console/shortlists")
    expect(page.locator("h1")).to_have_text("Mes listes")  # still signed in
    expect(page.locator("main table")).to_have_count(0)  # no list at all
    # The same form, sent from the console's own page, does create the list.
    page.locator("#new-reference").fill(reference)
    with page.expect_navigation():
        page.get_by_role("button", name="Créer la liste").click()
    expect(page.locator("h1")).to_have_text(f"Liste {reference}")


# -- axe-core on every console page ------------------------------------------------------


class AxeWalk:
    """Runs axe on each page visited; keeps what it finds, and a screenshot of each page."""

    def __init__(self, lang: str, shots: Path, prefix: str) -> None:
        self.lang = lang
        self.shots = shots
        self.prefix = prefix
        self.found: list[str] = []

    def check(self, page: Page, name: str, *, lang: str | None = "") -> None:
        """Run axe on ``page``, in ``lang`` (by default the walk's; ``None``: any language)."""
        if lang is not None:
            expect(page.locator("html")).to_have_attribute("lang", lang or self.lang)
        violations = axe_violations(page)
        if violations:
            self.found.append(f"{name} ({page.url}):\n{describe(violations)}")
        page.screenshot(path=self.shots / f"{self.prefix}-{name}.png", full_page=True)

    def report(self) -> str:
        return f"axe on the console in {self.lang}:\n" + "\n".join(self.found)


def expect_status(page: Page, url: str, status: int) -> None:
    response = page.goto(url)
    assert response is not None and response.status == status, (url, response and response.status)


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_axe_console(
    lang: str,
    live_app: LiveApp,
    console: Console,
    output_dir: Path,
    new_context: Callable[..., BrowserContext],
) -> None:
    base = live_app.url
    q = query(lang)
    walk = AxeWalk(lang, output_dir, f"test_axe_console-{lang}")

    # Someone else's list, for the 404.
    others = console.shortlists.create(make_account(console).actor, "AUTRE-1").public_id
    page = new_context().new_page()
    counsellor = make_account(console)
    page.goto(f"{base}/console/login{q}")
    page.locator("#email").fill(counsellor.email)
    page.locator("#password").fill("pas le bon mot de passe")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page.locator("#login-error")).to_be_visible()
    # The sign-in form posts to an address without ?lang=: its answer is in French.
    walk.check(page, "login-error", lang=None)

    sign_in(page, base, counsellor, lang)
    page.goto(f"{base}/console/search{q}")  # signing in opens the console in French
    walk.check(page, "search-empty")
    search(page, base, PROFILE, place="Charleroi", count=5, lang=lang)
    expect(results(page).first).to_be_visible()
    walk.check(page, "search-results")
    list_id = keep_in_new_list(page, [1], f"AXE-{lang}")
    walk.check(page, "shortlist")
    link = share_link(page)
    walk.check(page, "share-result")
    page.goto(f"{base}/console/shortlists/{list_id}/print{q}")
    walk.check(page, "print")
    page.goto(f"{base}/console/shortlists{q}")
    walk.check(page, "shortlists")
    page.goto(f"{base}/console/account{q}")
    walk.check(page, "account")
    expect_status(page, f"{base}/console/shortlists/{others}{q}", 404)
    walk.check(page, "shortlist-404")
    expect_status(page, f"{base}/console/admin{q}", 403)
    walk.check(page, "admin-403")

    public = new_context().new_page()
    public.goto(f"{link}{q}")
    walk.check(public, "shared")
    expect_status(public, f"{base}/s/{tampered(link.rsplit('/', 1)[1])}{q}", 404)
    walk.check(public, "shared-not-valid")

    admin = new_context().new_page()
    sign_in(admin, base, make_account(console, "admin"))
    for name, path in [
        ("admin", ""),
        ("admin-users", "/users"),
        ("admin-partners", "/partners"),
        ("admin-catalog", "/catalog"),
        ("admin-usage", "/usage"),
        ("admin-audit", "/audit"),
    ]:
        admin.goto(f"{base}/console/admin{path}{q}")
        walk.check(admin, name)
    admin.goto(f"{base}/console/admin/partners{q}")
    admin.locator("#partner-name").fill(f"Maison de l'emploi {lang}")
    admin.locator("#partner-origins").fill("https://emploi.example.be")
    with admin.expect_navigation():
        admin.locator("form:has(#partner-name) button[type=submit]").click()
    expect(admin.locator("section.keys code").first).to_contain_text("pk_")
    # The admin forms post to addresses without ?lang=: the answer is in French.
    walk.check(admin, "admin-partner-keys", lang=None)

    assert not walk.found, walk.report()


def test_console_at_320_px(
    live_app: LiveApp, console: Console, new_context: Callable[..., BrowserContext]
) -> None:
    """The search page with its results, and the jobseeker's page, on a 320 px wide screen."""
    base = live_app.url
    narrow = {"width": 320, "height": 640}
    page = new_context(viewport=narrow).new_page()
    sign_in(page, base, make_account(console))
    search(page, base, PROFILE, place="Charleroi", count=5)
    expect(results(page).first).to_be_visible()
    check_at_320_px(page, "search")
    keep_in_new_list(page, [1], "ETROIT-1")
    person = new_context(viewport=narrow).new_page()
    person.goto(share_link(page))
    expect(person.locator("li.doc-item")).to_have_count(1)
    check_at_320_px(person, "shared")


def check_at_320_px(page: Page, name: str) -> None:
    found = axe_violations(page)
    assert not found, f"axe on the console's {name} page at 320 px:\n{describe(found)}"
    # Nothing wider than the screen (WCAG 1.4.10 reflow): no sideways scrolling.
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 320, f"the console's {name} page is {width} px wide at 320 px"


# -- what the console keeps of a jobseeker's words ----------------------------------------

SECRET = "Quetzalcoatl"  # a word found nowhere else: any trace of it comes from the typed text
PRIVATE = (
    f"Je m'appelle {SECRET}, j'habite à Gosselies, j'ai été magasinier pendant 15 ans et je "
    "voudrais apprendre l'informatique"
)


def test_console_search_words_in_no_url_no_log_line_and_not_stored(
    live_app: LiveApp,
    console: Console,
    new_context: Callable[..., BrowserContext],
    request_log: RequestLog,
    every_log_line: Capture,
    request: pytest.FixtureRequest,
) -> None:
    base = live_app.url
    page = new_context().new_page()
    statuses = statuses_of(page, base)
    sign_in(page, base, make_account(console))
    # A place the gazetteer does not know: the form comes back with the words still in it.
    search(page, base, PRIVATE, place=f"{SECRET}ville", goal=f"{SECRET} cariste")
    expect(page.locator("#err-place")).to_be_visible()
    expect(page.locator("#s-text")).to_have_value(PRIVATE)
    page.locator("#s-place").fill("Charleroi")
    with page.expect_navigation():
        page.locator("form.console-search button[type=submit]").click()
    expect(results(page).first).to_be_visible()
    list_id = keep_in_new_list(page, [1], "PRIV-1")
    link = share_link(page)
    page.goto(f"{base}/console/shortlists/{list_id}/print")
    with page.expect_download():
        page.get_by_role("link", name="Télécharger en PDF").click()
    page.goto(link)

    lines = every_log_line.lines
    assert any("POST /console/search " in line for line in lines), lines[-20:]
    assert any("POST /console/shortlists/add " in line for line in lines), lines[-20:]
    urls = [url for test, url in request_log.entries if test == request.node.nodeid]
    assert any(url.startswith(f"{base}/console/search") for url in urls)
    logged = [line for line in lines if SECRET.lower() in line.lower()]
    assert not logged, f"{SECRET!r} is in the log:\n" + "\n".join(logged)
    leaked = [url for url in urls if SECRET.lower() in unquote_plus(url).lower()]
    assert not leaked, f"{SECRET!r} is in a URL:\n" + "\n".join(leaked)
    # Nor in the database (accounts, lists, audit, usage counts): searched, never kept.
    database = Path(urlsplit(live_app.settings.database_url).path)  # sqlite:////tmp/...
    stored = b"".join(p.read_bytes() for p in database.parent.glob(database.name + "*"))
    assert stored and SECRET.encode() not in stored
    errors = [s for s in statuses if s[0] >= 500]
    assert not errors, errors


# -- a catalog rebuild while a counsellor searches ----------------------------------------

# Modules whose passage (title and first words) changes: embedded again, which gives the build
# some seconds; the others come from the index's embedding cache.
CHANGED = 80
NEW_MODULES = [
    {
        "id": "test-901",
        "title": "Apiculture urbaine : installer et suivre des ruches en ville",
        "description": "Installer des ruches sur un toit, suivre les colonies, récolter le miel.",
        "tags": ["apiculture", "ruches", "miel"],
    },
    {
        "id": "test-902",
        "title": "Horlogerie : entretien et réparation de montres mécaniques",
        "description": "Démonter, nettoyer et régler un mouvement de montre mécanique.",
        "tags": ["horlogerie", "montres"],
    },
]


def new_catalog(path: Path) -> int:
    """The demo catalog with CHANGED modules reworded and two modules added; its size."""
    rows = [json.loads(line) for line in demo_catalog_path().read_text("utf-8").splitlines()]
    for row in rows[:CHANGED]:
        row["description"] = "Nouvelle session en 2027. " + row["description"]
    template = rows[0]
    rows += [{**template, "start_dates": [], **extra} for extra in NEW_MODULES]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return len(rows)


def health(page: Page, base: str) -> dict[str, Any]:
    answer = page.request.get(f"{base}/healthz")
    assert answer.ok, answer.status
    found: dict[str, Any] = answer.json()
    return found


def test_catalog_rebuild_while_a_counsellor_searches(
    rebuild_app: LiveApp,
    new_context: Callable[..., BrowserContext],
    output_dir: Path,
    tmp_path: Path,
) -> None:
    base = rebuild_app.url
    opened = open_console(rebuild_app.settings)
    try:
        admin_account = make_account(opened, "admin")
        counsellor_account = make_account(opened)
    finally:
        opened.close()
    catalog = tmp_path / "catalogue-2027.jsonl"
    size = new_catalog(catalog)
    walk = AxeWalk("fr", output_dir, "test_catalog_rebuild")

    counsellor = new_context().new_page()
    statuses = statuses_of(counsellor, base)
    sign_in(counsellor, base, counsellor_account)
    before = health(counsellor, base)
    assert before["modules"] == size - len(NEW_MODULES)

    admin = new_context().new_page()
    sign_in(admin, base, admin_account)
    admin.goto(f"{base}/console/admin/catalog")
    admin.locator("#catalog-file").set_input_files(catalog)
    with admin.expect_navigation():
        admin.get_by_role("button", name="Vérifier et reconstruire l'index").click()
    job_url = admin.url
    assert re.fullmatch(rf"{re.escape(base)}/console/admin/catalog/jobs/\d+", job_url), job_url
    walk.check(admin, "job-running")
    admin.get_by_role("link", name=re.compile("Suivre automatiquement")).click()

    # The counsellor searches again and again while the index is rebuilt.
    rounds: list[tuple[str, int, str, int]] = []
    deadline = time.monotonic() + 300
    while True:
        found = search(counsellor, base, PROFILE)
        expect(found.first).to_be_visible()
        now = health(counsellor, base)  # before the job: a job still running is not published
        job = admin.request.get(f"{job_url}.json").json()
        rounds.append((job["status"], job["done"], now["generation"], found.count()))
        if job["status"] != "running":
            break
        assert time.monotonic() < deadline, f"the rebuild is still running: {rounds}"
    assert job["status"] == "done", job
    assert (job["done"], job["total"]) == (size, size), job
    during = [r for r in rounds if r[0] == "running"]
    assert len(during) >= 3, f"too few searches during the rebuild: {rounds}"
    # The old index kept answering until the new one was published.
    assert {r[2] for r in during} == {before["generation"]}, rounds

    # The job's page stops reloading once the job is over; the app swaps to the new index.
    expect(admin.locator("dl.facts")).to_contain_text("Terminée", timeout=10_000)
    expect(admin.locator("meta[http-equiv=refresh]")).to_have_count(0)
    deadline = time.monotonic() + 60
    while (now := health(counsellor, base))["modules"] != size:
        assert time.monotonic() < deadline, f"still serving {now} after the rebuild"
        time.sleep(0.5)
    assert now["generation"] == job["generation"] != before["generation"]
    found = search(counsellor, base, "Je voudrais apprendre l'apiculture et installer des ruches")
    expect(found.first.locator(".card-title")).to_have_text(NEW_MODULES[0]["title"])

    bad = [s for s in statuses if s[0] >= 400]
    assert not bad, f"error answers to the counsellor: {bad}"
    searches = [s for s in statuses if s[1].startswith(f"POST {base}/console/search")]
    assert len(searches) == len(rounds) + 1

    admin.goto(job_url)
    walk.check(admin, "job-done")
    admin.goto(f"{job_url}?lang=nl")
    walk.check(admin, "job-done-nl", lang="nl")
    admin.goto(f"{base}/console/admin/catalog?lang=fr")  # the console keeps a chosen language
    expect(admin.locator("table")).to_contain_text(job["generation"])
    walk.check(admin, "catalog-with-jobs")
    admin.goto(f"{base}/console/admin/catalog?lang=nl")
    walk.check(admin, "catalog-with-jobs-nl", lang="nl")
    assert not walk.found, walk.report()
