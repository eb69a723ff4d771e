"""The console's administration: overview, erasure and purge, usage counts, audit log.

Every route here and in ``admin_users``, ``admin_partners`` and ``admin_catalog`` is for admins
(the routers depend on :func:`~web.console.auth.require_admin`), every post carries the
session's CSRF token, and every change is audited (ids and counts, never content). A post
that worked redirects (303) to a page showing a fixed message picked by a code in the query
(``?ok=erased&n=3``): nothing typed by anyone is ever put in a URL.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from assistant.console import Actor, Console, SignedIn, recent, record, utcnow
from web.console.auth import CONSOLE_PATH, AdminDep, CsrfDep, console_of, require_admin
from web.console.pages import console_language, console_page
from web.i18n import translations
from web.routes.deps import posted_fields

ADMIN_PATH = CONSOLE_PATH + "/admin"
LOCAL_TIME = ZoneInfo("Europe/Brussels")


def admin_router() -> APIRouter:
    """A router under ``/console/admin`` whose every route needs an admin's session."""
    return APIRouter(
        prefix=ADMIN_PATH, include_in_schema=False, dependencies=[Depends(require_admin)]
    )


def _admin_csrf(checked: CsrfDep, admin: AdminDep) -> SignedIn:
    return admin


# For every admin post: an admin's session, and the form's CSRF token.
AdminCsrfDep = Annotated[SignedIn, Depends(_admin_csrf)]
router = admin_router()


def N_(text: str) -> str:  # noqa: N802 (the name Babel looks for)
    """Marks ``text`` for the translation catalogs; it is translated when shown."""
    return text


def gettext(request: Request) -> Callable[[str], str]:
    """The page language's translations, for the messages said from here."""
    return translations(console_language(request)).gettext


# What a redirect after a post may say; ``n`` and ``m`` are counts from the query, said with
# the plural rules of the page's language (:func:`counted_flash`).
FLASHES = {
    "user_added": N_("Le compte est créé. Communiquez le mot de passe initial de vive voix."),
    "role_changed": N_("Le rôle du compte est modifié."),
    "disabled": N_("Le compte est désactivé et toutes ses sessions sont fermées."),
    "enabled": N_("Le compte est réactivé."),
    "unchanged": N_("Rien n'a changé."),
    "partner_revoked": N_("Le partenaire est révoqué : ses clés sont refusées dès maintenant."),
    "origins_set": N_("Les origines du partenaire sont enregistrées."),
}
COUNTED = ("signed_out", "erased", "purged")


def counted_flash(request: Request, code: str, n: int, m: int) -> str:
    """The message of a flash that counts (sessions closed, lists erased or purged)."""
    words = translations(console_language(request))
    if code == "signed_out":
        return words.ngettext(
            "Le compte est déconnecté partout (%(n)s session fermée).",
            "Le compte est déconnecté partout (%(n)s sessions fermées).",
            n,
        ) % {"n": n}
    if code == "erased":
        return words.ngettext(
            "%(n)s liste effacée pour cette référence.",
            "%(n)s listes effacées pour cette référence.",
            n,
        ) % {"n": n}
    lists = words.ngettext(
        "%(n)s liste expirée supprimée.", "%(n)s listes expirées supprimées.", n
    ) % {"n": n}
    sessions = words.ngettext(
        "%(m)s session expirée supprimée.", "%(m)s sessions expirées supprimées.", m
    ) % {"m": m}
    return f"{lists} {sessions}"


def when(value: datetime | None) -> str:
    """A moment as a counsellor in Belgium reads it: ``29/11/2026 11:08``."""
    if value is None:
        return "—"
    return value.astimezone(LOCAL_TIME).strftime("%d/%m/%Y %H:%M")


def flash_of(request: Request) -> str | None:
    code = request.query_params.get("ok", "")
    counts = {k: request.query_params.get(k, "0") for k in ("n", "m")}
    n, m = (int(v) if v.isdigit() and len(v) < 10 else 0 for v in counts.values())
    if code in COUNTED:
        return counted_flash(request, code, n, m)
    template = FLASHES.get(code)
    return None if template is None else gettext(request)(template)


def done(path: str, code: str, **counts: int) -> RedirectResponse:
    """The redirect after a post that worked: back to ``path``, saying ``code``."""
    assert code in FLASHES or code in COUNTED
    query = urlencode({"ok": code, **{k: str(v) for k, v in counts.items()}})
    return RedirectResponse(f"{ADMIN_PATH}{path}?{query}", status_code=303)


def admin_page(
    request: Request, name: str, session: SignedIn, *, status_code: int = 200, **context: Any
) -> HTMLResponse:
    context.setdefault("error", None)
    return console_page(
        request,
        name,
        session=session,
        status_code=status_code,
        active="admin",
        flash=flash_of(request) if status_code < 400 else None,
        when=when,
        **context,
    )


def not_found(request: Request, session: SignedIn, message: str) -> HTMLResponse:
    """The 404 page; ``message`` is translated (mark it with :func:`N_`)."""
    _ = gettext(request)
    return console_page(
        request,
        "console/message.html",
        session=session,
        status_code=404,
        title=_("Introuvable"),
        message=_(message),
    )


def audit(console: Console, actor: Actor, action: str, **details: str) -> None:
    with console.db.begin() as db:
        record(db, actor, action, utcnow(), **details)


# -- overview, erasure and purge -------------------------------------------------------------


def _overview(
    request: Request, session: SignedIn, *, status_code: int = 200, **context: Any
) -> HTMLResponse:
    index = request.state.live.current().index
    context.setdefault("reference", "")
    return admin_page(
        request,
        "console/admin.html",
        session,
        status_code=status_code,
        generation=index.generation.name,
        modules=index.size,
        encoder=index.encoder.id,
        **context,
    )


@router.get("")
def overview(request: Request, session: AdminDep) -> Response:
    return _overview(request, session)


@router.post("/erase")
def erase(request: Request, session: AdminCsrfDep) -> Response:
    _ = gettext(request)
    fields = posted_fields(request)
    reference = " ".join(fields.get("reference", "").split())[:100]
    if not reference:
        error = _("Indiquez la référence dont il faut effacer les listes.")
    elif fields.get("confirm") != "yes":
        error = _("Cochez la case pour confirmer l'effacement : il ne peut pas être annulé.")
    else:
        erased = console_of(request).shortlists.erase_reference(session.actor, reference)
        return done("", "erased", n=erased)
    return _overview(request, session, status_code=422, error=error, reference=reference)


@router.post("/purge")
def purge(request: Request, session: AdminCsrfDep) -> Response:
    console = console_of(request)
    shortlists = console.shortlists.purge(session.actor)
    sessions = console.accounts.purge_sessions()
    audit(console, session.actor, "purge", target_kind="session", detail=f"{sessions} expired")
    return done("", "purged", n=shortlists, m=sessions)


# -- usage and audit -------------------------------------------------------------------------


@router.get("/usage")
def usage(request: Request, session: AdminDep) -> Response:
    report = console_of(request).usage.report(days=30, topics=20)
    return admin_page(request, "console/admin_usage.html", session, report=report)


@router.get("/audit")
def audit_log(request: Request, session: AdminDep) -> Response:
    events = recent(console_of(request).db, limit=200)
    return admin_page(request, "console/admin_audit.html", session, events=events)
