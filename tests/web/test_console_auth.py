"""Console sign-in: cookies, throttling, sign out (everywhere), CSRF, roles."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.console_fixtures import PASSWORD, ConsoleApp, csrf_of
from tests.web.html_tools import parse


def test_pages_need_a_sign_in(console_app: ConsoleApp) -> None:
    with console_app.client() as c:
        r = c.get("/console/account", follow_redirects=False)
        assert r.status_code == 303
        assert r.headers["location"] == "/console/login?next=%2Fconsole%2Faccount"


def test_sign_in_sets_a_strict_http_only_cookie(console_app: ConsoleApp) -> None:
    with console_app.client() as c:
        form = c.get("/console/login")
        data = {
            "email": "Ana@Forem.be",
            "password": "un mot de passe assez long",
            "login_csrf": csrf_of(form.text, "login_csrf"),
            "next": "/console/account",
        }
        r = c.post("/console/login", data=data, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/console/account"
        cookie = next(
            v for k, v in r.headers.multi_items() if k == "set-cookie" and "boussole_session" in v
        )
        lowered = cookie.lower()
        assert "httponly" in lowered and "secure" in lowered and "samesite=strict" in lowered
        page = parse(c.get("/console/account").text)
        assert "ana@forem.be" in page.find("main").text


def test_wrong_password_then_throttled(console_app: ConsoleApp) -> None:
    with console_app.client() as c:
        for _ in range(5):
            form = c.get("/console/login")
            r = c.post(
                "/console/login",
                data={
                    "email": "ana@forem.be",
                    "password": "wrong password!",
                    "login_csrf": csrf_of(form.text, "login_csrf"),
                },
            )
            assert r.status_code == 401 and "incorrect" in r.text
        form = c.get("/console/login")
        r = c.post(
            "/console/login",
            data={
                "email": "ana@forem.be",
                "password": "un mot de passe assez long",
                "login_csrf": csrf_of(form.text, "login_csrf"),
            },
        )
        assert r.status_code == 429 and int(r.headers["retry-after"]) > 0


def test_the_login_form_needs_its_cookie(console_app: ConsoleApp) -> None:
    with console_app.client() as c:
        r = c.post(
            "/console/login",
            data={
                "email": "ana@forem.be",
                "password": "un mot de passe assez long",
                "login_csrf": "forged",
            },
        )
        assert r.status_code == 403


def test_sign_out_everywhere_ends_every_session(console_app: ConsoleApp) -> None:
    first = console_app.signed_in("ana@forem.be")
    second = console_app.signed_in("ana@forem.be")
    page = first.get("/console/account")
    r = first.post(
        "/console/logout-everywhere", data={"csrf": csrf_of(page.text)}, follow_redirects=False
    )
    assert r.status_code == 303
    assert second.get("/console/account", follow_redirects=False).status_code == 303
    assert first.get("/console/account", follow_redirects=False).status_code == 303


def test_a_forged_post_is_refused(console_app: ConsoleApp) -> None:
    c = console_app.signed_in("ana@forem.be")
    assert c.post("/console/logout", data={"csrf": "forged"}).status_code == 403
    token = csrf_of(c.get("/console/account").text)
    other_site = {"Origin": "https://evil.example"}
    assert c.post("/console/logout", data={"csrf": token}, headers=other_site).status_code == 403
    assert c.get("/console/account").status_code == 200  # still signed in


def test_signing_out_clears_the_browser_cache(console_app: ConsoleApp) -> None:
    c = console_app.signed_in("ana@forem.be")
    token = csrf_of(c.get("/console/account").text)
    r = c.post("/console/logout", data={"csrf": token}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["clear-site-data"] == '"cache"'


def test_the_chosen_language_stays_across_posts(console_app: ConsoleApp) -> None:
    c = console_app.signed_in("ana@forem.be")
    page = c.get("/console/account?lang=nl")
    assert parse(page.text).find("html").attrs["lang"] == "nl"
    again = c.get("/console/account")  # no ?lang=: the choice was kept
    assert parse(again.text).find("html").attrs["lang"] == "nl"
    r = c.get("/console/admin")  # a counsellor: refused, in the chosen language
    assert r.status_code == 403 and parse(r.text).find("html").attrs["lang"] == "nl"


def _try(client: TestClient, email: str, password: str) -> int:
    form = client.get("/console/login")
    data = {"email": email, "password": password, "login_csrf": csrf_of(form.text, "login_csrf")}
    return client.post("/console/login", data=data, follow_redirects=False).status_code


def test_a_stranger_cannot_lock_an_account_out_of_its_usual_address(
    console_app: ConsoleApp,
) -> None:
    def at(address: str) -> TestClient:
        return TestClient(console_app.app, base_url="https://testserver", client=(address, 1))  # type: ignore[arg-type]

    with at("198.51.100.7") as home:
        assert _try(home, "ana@forem.be", PASSWORD) == 303  # her usual address, known from now on
    with at("198.51.100.7") as home, at("203.0.113.66") as stranger, at("192.0.2.44") as newcomer:
        _locked_out_by_a_stranger(home, stranger, newcomer)


def _locked_out_by_a_stranger(home: TestClient, stranger: TestClient, newcomer: TestClient) -> None:
    for _ in range(5):
        assert _try(stranger, "ana@forem.be", "wrong password!") == 401
    assert _try(stranger, "ana@forem.be", PASSWORD) == 429  # the stranger's address is throttled
    # The account is throttled: an address it never signed in from gets no password check...
    assert _try(newcomer, "ana@forem.be", PASSWORD) == 429
    # ...but the right password from the account's usual address still gets in.
    assert _try(home, "ana@forem.be", PASSWORD) == 303
