"""The console's administration: accounts, partners, usage, audit, erasure and purge.

The catalog upload and rebuild are in ``test_console_admin_catalog.py``.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import select, update

from assistant.console import Actor, utcnow
from assistant.db.models import AuditEvent, PartnerRow, Shortlist
from tests.web.console_fixtures import PASSWORD, ConsoleApp, csrf_of, sign_in
from tests.web.html_tools import Node, parse

ADMIN = "admin@forem.be"


def post(
    client: TestClient, page: str, action: str, data: dict[str, str] | None = None
) -> Response:
    """Post a form of ``page`` the way a browser would, with the page's CSRF token."""
    token = csrf_of(client.get(page).text)
    return client.post(action, data={"csrf": token, **(data or {})}, follow_redirects=False)


def flash(client: TestClient, r: Response) -> str:
    assert r.status_code == 303, r.text
    return parse(client.get(r.headers["location"]).text).find(cls="flash").text


def error_of(r: Response) -> str:
    return parse(r.text).find(cls="error").text


def actions(console_app: ConsoleApp) -> list[tuple[str, str, str, str]]:
    with console_app.console.db() as db:
        rows = db.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    return [(e.actor, e.action, e.target_kind, e.detail) for e in rows if e.action != "signin"]


def user_id(console_app: ConsoleApp, email: str) -> int:
    return next(u.id for u in console_app.console.accounts.list() if u.email == email)


def rows(page: Node) -> dict[str, list[str]]:
    return {
        tr.find("th").text: [td.text for td in tr.find_all("td")]
        for tr in page.find("tbody").find_all("tr")
    }


# -- access and overview ---------------------------------------------------------------------


def test_the_overview_links_every_section(console_app: ConsoleApp) -> None:
    admin = console_app.signed_in(ADMIN)
    r = admin.get("/console/admin")
    assert r.status_code == 200 and r.headers["cache-control"] == "no-store"
    page = parse(r.text)
    assert [h.text for h in page.find_all("h1")] == ["Administration"]
    sections = page.find("nav", aria_labelledby="sections-title").find_all("a")
    assert [a.attrs["href"] for a in sections] == [
        f"/console/admin/{name}" for name in ("users", "partners", "catalog", "usage", "audit")
    ]
    assert page.find("a", href="/console/admin").attrs.get("aria-current") == "page"
    assert "gen-" in page.find("dl").text and "fake" in page.find("dl").text


def test_counsellors_are_refused_and_strangers_sent_to_sign_in(console_app: ConsoleApp) -> None:
    ana = console_app.signed_in("ana@forem.be")
    for path in ("/console/admin", "/console/admin/users", "/console/admin/audit"):
        r = ana.get(path)
        assert r.status_code == 403 and "réservée aux administrateurs" in r.text
    assert 'href="/console/admin"' not in ana.get("/console/account").text
    with console_app.client() as anonymous:
        r = anonymous.get("/console/admin/users", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/console/login?next=")


# -- accounts --------------------------------------------------------------------------------


def test_the_accounts_list(console_app: ConsoleApp) -> None:
    admin = console_app.signed_in(ADMIN)
    console_app.console.accounts.set_disabled("bob@forem.be", True)
    table = rows(parse(admin.get("/console/admin/users").text))
    assert table["ana@forem.be"][:3] == ["Conseiller", "Actif", "—"]
    assert table["bob@forem.be"][:2] == ["Conseiller", "Désactivé"]
    assert table[f"{ADMIN} (vous)"][:2] == ["Administrateur", "Actif"]
    assert table[f"{ADMIN} (vous)"][2].count("/") == 2  # signed in just now: a date


def test_add_an_account(console_app: ConsoleApp) -> None:
    admin = console_app.signed_in(ADMIN)
    data = {"email": "Cleo@Forem.be", "role": "counsellor", "password": "un autre mot de passe"}
    r = post(admin, "/console/admin/users", "/console/admin/users", data)
    assert "Le compte est créé" in flash(admin, r)
    assert "Cleo" not in r.headers["location"] and "cleo" not in r.headers["location"]
    with console_app.client() as cleo:
        sign_in(cleo, "cleo@forem.be", "un autre mot de passe")
    new_id = str(user_id(console_app, "cleo@forem.be"))
    assert (ADMIN, "user_add", "user", "counsellor") in actions(console_app)
    with console_app.console.db() as db:
        assert db.scalar(select(AuditEvent.target_id).where(AuditEvent.action == "user_add")) == (
            new_id
        )


def test_a_bad_account_is_refused_next_to_the_form(console_app: ConsoleApp) -> None:
    admin = console_app.signed_in(ADMIN)
    short = {"email": "dan@forem.be", "role": "counsellor", "password": "court"}
    r = post(admin, "/console/admin/users", "/console/admin/users", short)
    assert r.status_code == 422 and "at least 12 characters" in error_of(r)
    assert parse(r.text).find("input", id="new-email").attrs["value"] == "dan@forem.be"
    assert "court" not in r.text  # the password is never sent back
    taken = {"email": "ana@forem.be", "role": "admin", "password": PASSWORD}
    r = post(admin, "/console/admin/users", "/console/admin/users", taken)
    assert r.status_code == 422 and "already exists" in error_of(r)
    role = {"email": "eve@forem.be", "role": "root", "password": PASSWORD}
    assert post(admin, "/console/admin/users", "/console/admin/users", role).status_code == 422
    emails = [u.email for u in console_app.console.accounts.list()]
    assert "dan@forem.be" not in emails and "eve@forem.be" not in emails


def test_change_a_role(console_app: ConsoleApp) -> None:
    admin = console_app.signed_in(ADMIN)
    ana = user_id(console_app, "ana@forem.be")
    r = post(admin, "/console/admin/users", f"/console/admin/users/{ana}/role", {"role": "admin"})
    assert "Le rôle du compte est modifié" in flash(admin, r)
    assert console_app.signed_in("ana@forem.be").get("/console/admin").status_code == 200
    assert (ADMIN, "user_change", "user", "role: admin") in actions(console_app)
    same = post(
        admin, "/console/admin/users", f"/console/admin/users/{ana}/role", {"role": "admin"}
    )
    assert "Rien n'a changé" in flash(admin, same)
    missing = post(
        admin, "/console/admin/users", "/console/admin/users/9999/role", {"role": "admin"}
    )
    assert missing.status_code == 404


def test_disable_signs_out_and_enable_lets_back_in(console_app: ConsoleApp) -> None:
    admin = console_app.signed_in(ADMIN)
    ana_client = console_app.signed_in("ana@forem.be")
    ana = user_id(console_app, "ana@forem.be")
    r = post(admin, "/console/admin/users", f"/console/admin/users/{ana}/disable")
    assert "désactivé" in flash(admin, r)
    assert ana_client.get("/console/account", follow_redirects=False).status_code == 303
    with console_app.client() as c:
        form = c.get("/console/login")
        data = {"email": "ana@forem.be", "password": PASSWORD}
        r = c.post("/console/login", data={**data, "login_csrf": csrf_of(form.text, "login_csrf")})
        assert r.status_code == 401
    r = post(admin, "/console/admin/users", f"/console/admin/users/{ana}/enable")
    assert "réactivé" in flash(admin, r)
    assert console_app.signed_in("ana@forem.be").get("/console/account").status_code == 200
    details = [a[3] for a in actions(console_app) if a[1] == "user_change"]
    assert details == ["disabled", "enabled"]


def test_sign_an_account_out_everywhere(console_app: ConsoleApp) -> None:
    admin = console_app.signed_in(ADMIN)
    first, second = console_app.signed_in("bob@forem.be"), console_app.signed_in("bob@forem.be")
    bob = user_id(console_app, "bob@forem.be")
    r = post(admin, "/console/admin/users", f"/console/admin/users/{bob}/signout")
    assert "(2 sessions fermées)" in flash(admin, r)
    for client in (first, second):
        assert client.get("/console/account", follow_redirects=False).status_code == 303
    assert (ADMIN, "signout_everywhere", "user", "2 sessions") in actions(console_app)


def test_the_last_admin_can_be_neither_demoted_nor_disabled(console_app: ConsoleApp) -> None:
    admin = console_app.signed_in(ADMIN)
    me = user_id(console_app, ADMIN)
    demote = {"role": "counsellor"}
    r = post(admin, "/console/admin/users", f"/console/admin/users/{me}/role", demote)
    assert r.status_code == 409 and "vous êtes le dernier administrateur actif" in error_of(r)
    r = post(admin, "/console/admin/users", f"/console/admin/users/{me}/disable")
    assert r.status_code == 409 and "dernier administrateur actif" in error_of(r)
    assert console_app.console.accounts.count_admins() == 1
    # Once another admin exists, stepping down is allowed.
    ana = user_id(console_app, "ana@forem.be")
    post(admin, "/console/admin/users", f"/console/admin/users/{ana}/role", {"role": "admin"})
    r = post(admin, "/console/admin/users", f"/console/admin/users/{me}/role", demote)
    assert r.status_code == 303
    assert admin.get("/console/admin").status_code == 403  # no longer an admin


def test_admin_posts_need_the_csrf_token(console_app: ConsoleApp) -> None:
    admin = console_app.signed_in(ADMIN)
    data = {"email": "zoe@forem.be", "role": "admin", "password": PASSWORD}
    assert admin.post("/console/admin/users", data=data).status_code == 403
    assert admin.post("/console/admin/users", data={**data, "csrf": "forged"}).status_code == 403
    assert "zoe@forem.be" not in [u.email for u in console_app.console.accounts.list()]


# -- partners --------------------------------------------------------------------------------


def _add_partner(admin: TestClient, **fields: str) -> Response:
    data = {"name": "Maison de l'emploi", "origins": "https://portail.example\n", **fields}
    return post(admin, "/console/admin/partners", "/console/admin/partners", data)


def _keys(r: Response) -> tuple[str, str, str]:
    section = parse(r.text).find("section", cls="keys")
    codes = [c.text for c in section.find_all("code")]
    return codes[0], codes[1], section.find("textarea").text


def test_add_a_partner_shows_its_keys_once(console_app: ConsoleApp) -> None:
    admin = console_app.signed_in(ADMIN)
    r = _add_partner(admin, rate_limit="120")
    assert r.status_code == 200 and r.headers["cache-control"] == "no-store"
    publishable, secret, tag = _keys(r)
    assert publishable.startswith("pk_") and secret.startswith("sk_")
    assert f'data-key="{publishable}"' in tag and "/widget.js" in tag
    assert "plus jamais affichées" in r.text
    again = admin.get("/console/admin/partners").text
    assert publishable not in again and secret not in again
    assert publishable[:11] in again and secret[:11] in again  # the prefixes tell them apart
    with console_app.console.db() as db:
        row = db.scalars(select(PartnerRow)).one()
    assert row.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert row.publishable_hash == hashlib.sha256(publishable.encode()).hexdigest()
    assert row.rate_limit == 120 and row.origins == "https://portail.example"
    stored = " ".join(str(v) for v in vars(row).values())
    assert secret not in stored and publishable not in stored
    with console_app.client() as api:
        auth = {"Authorization": f"Bearer {secret}"}
        assert api.post("/api/v1/search", json={"text": "excel"}, headers=auth).status_code == 200
    assert (ADMIN, "partner_add", "partner", "") in actions(console_app)
    table = rows(parse(again))
    assert table["Maison de l'emploi"][0] == "maison-de-l-emploi"
    assert table["Maison de l'emploi"][3] == "Actif" and table["Maison de l'emploi"][4] == "120"


def test_a_bad_partner_is_refused_next_to_the_form(console_app: ConsoleApp) -> None:
    admin = console_app.signed_in(ADMIN)
    r = _add_partner(admin, origins="pas une origine")
    assert r.status_code == 422 and "origin" in error_of(r)
    assert parse(r.text).find("input", id="partner-name").attrs["aria-invalid"] == "true"
    assert "pk_" not in r.text.replace('"pk_', "")
    assert _add_partner(admin, rate_limit="beaucoup").status_code == 422
    assert _add_partner(admin, origins="").status_code == 422
    assert _add_partner(admin).status_code == 200
    r = _add_partner(admin)
    assert r.status_code == 422 and "already exists" in error_of(r)
    assert len(console_app.console.partners.list()) == 1


def test_revoke_rotate_and_set_origins(console_app: ConsoleApp) -> None:
    admin = console_app.signed_in(ADMIN)
    _, old_secret, _ = _keys(_add_partner(admin))
    page, pid = "/console/admin/partners", "maison-de-l-emploi"
    r = post(admin, page, f"{page}/{pid}/rotate")
    assert r.status_code == 200 and "Nouvelles clés" in r.text
    _, new_secret, _ = _keys(r)
    with console_app.client() as api:
        for key, status in ((old_secret, 401), (new_secret, 200)):
            headers = {"Authorization": f"Bearer {key}"}
            assert api.post("/api/v1/search", json={"text": "x"}, headers=headers).status_code == (
                status
            )
    origins = {"origins": "https://a.example\nhttps://b.example:8443"}
    assert "origines" in flash(admin, post(admin, page, f"{page}/{pid}/origins", origins))
    assert console_app.console.partners.get(pid).origins == (
        "https://a.example",
        "https://b.example:8443",
    )
    r = post(admin, page, f"{page}/{pid}/origins", {"origins": "ftp://nope"})
    assert r.status_code == 422
    assert parse(r.text).find("textarea", id=f"origins-{pid}").attrs["aria-invalid"] == "true"
    assert "révoqué" in flash(admin, post(admin, page, f"{page}/{pid}/revoke"))
    assert not console_app.console.partners.get(pid).active
    assert post(admin, page, f"{page}/{pid}/revoke").status_code == 422  # already revoked
    assert post(admin, page, f"{page}/{pid}/rotate").status_code == 422
    assert post(admin, page, f"{page}/nobody/revoke").status_code == 404
    assert [a[1] for a in actions(console_app) if a[1].startswith("partner")] == [
        "partner_add",
        "partner_rotate",
        "partner_origins",
        "partner_revoke",
    ]


# -- usage and audit -------------------------------------------------------------------------


def test_usage_shows_counts_and_topics_never_text(console_app: ConsoleApp) -> None:
    _, _, secret = console_app.console.partners.add("Portail", ["https://portail.example"])
    words = "Je voudrais apprendre Excel, je suis magasinier à Mons"
    with console_app.client() as api:
        for text in (words, "xyzzy plugh"):
            api.post(
                "/api/v1/search", json={"text": text}, headers={"Authorization": f"Bearer {secret}"}
            )
    r = console_app.signed_in(ADMIN).get("/console/admin/usage")
    assert r.status_code == 200
    page = parse(r.text)
    tables = page.find_all("table")
    assert len(tables) == 2
    (day,) = rows(tables[0]).values()
    assert int(day[0]) == 2
    assert "excel" in rows(tables[1]) or "tableur" in rows(tables[1])
    assert "magasinier" not in r.text.lower() and "xyzzy" not in r.text
    assert "Aucun texte" in page.find("main").text


def test_the_audit_log_lists_recent_actions(console_app: ConsoleApp) -> None:
    admin = console_app.signed_in(ADMIN)
    bob = user_id(console_app, "bob@forem.be")
    post(admin, "/console/admin/users", f"/console/admin/users/{bob}/signout")
    page = parse(admin.get("/console/admin/audit").text)
    assert [th.text for th in page.find("thead").find_all("th")] == [
        "Quand",
        "Qui",
        "Action",
        "Type de cible",
        "Cible",
        "Détail",
    ]
    first = page.find("tbody").find("tr")
    cells = [first.find("th").text] + [td.text for td in first.find_all("td")]
    assert cells[1:] == [ADMIN, "signout_everywhere", "user", str(bob), "0 sessions"]


# -- erasure and purge -----------------------------------------------------------------------


def test_erase_a_reference_needs_confirmation(console_app: ConsoleApp) -> None:
    ana = Actor(user_id(console_app, "ana@forem.be"), "ana@forem.be", "counsellor")
    bob = Actor(user_id(console_app, "bob@forem.be"), "bob@forem.be", "counsellor")
    lists = console_app.console.shortlists
    lists.create(ana, "DOS-2026-117")
    lists.create(bob, "DOS-2026-117")
    kept = lists.create(ana, "DOS-2026-118")
    admin = console_app.signed_in(ADMIN)
    r = post(admin, "/console/admin", "/console/admin/erase", {"reference": "DOS-2026-117"})
    assert r.status_code == 422 and "Cochez la case" in error_of(r)
    assert parse(r.text).find("input", id="erase-reference").attrs["value"] == "DOS-2026-117"
    assert len(lists.list(ana)) == 2
    data = {"reference": "DOS-2026-117", "confirm": "yes"}
    r = post(admin, "/console/admin", "/console/admin/erase", data)
    assert "DOS" not in r.headers["location"]
    assert "2 listes effacées pour cette référence." in flash(admin, r)
    assert [s.public_id for s in lists.list(ana)] == [kept.public_id] and lists.list(bob) == []
    assert (ADMIN, "erase_reference", "reference", "2 shortlists") in actions(console_app)
    assert (
        post(admin, "/console/admin", "/console/admin/erase", {"confirm": "yes"}).status_code == 422
    )


def test_purge_removes_what_expired(console_app: ConsoleApp) -> None:
    ana = Actor(user_id(console_app, "ana@forem.be"), "ana@forem.be", "counsellor")
    old = console_app.console.shortlists.create(ana, "DOS-1")
    console_app.console.shortlists.create(ana, "DOS-2")
    with console_app.console.db.begin() as db:
        past = utcnow() - timedelta(days=1)
        db.execute(update(Shortlist).where(Shortlist.id == old.id).values(expires_at=past))
    admin = console_app.signed_in(ADMIN)
    r = post(admin, "/console/admin", "/console/admin/purge")
    assert "1 liste expirée supprimée." in flash(admin, r)
    assert [s.reference for s in console_app.console.shortlists.list(ana)] == ["DOS-2"]
    purges = [a for a in actions(console_app) if a[1] == "purge"]
    assert purges == [
        (ADMIN, "purge", "shortlist", "1 expired"),
        (ADMIN, "purge", "session", "0 expired"),
    ]
