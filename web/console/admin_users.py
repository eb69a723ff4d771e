"""Administration of the console's accounts: list, add, change role, disable, enable, sign out.

The last active admin can be neither demoted nor disabled, so the console always keeps
someone who can manage it.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response

from assistant.console import Console
from assistant.console.accounts import MIN_PASSWORD, ROLES, AccountError, SignedIn
from assistant.db.models import User
from web.console.admin import (
    N_,
    AdminCsrfDep,
    admin_page,
    admin_router,
    audit,
    done,
    gettext,
    not_found,
)
from web.console.auth import AdminDep, console_of
from web.routes.deps import posted_fields

router = admin_router()


def _page(
    request: Request, session: SignedIn, *, status_code: int = 200, **context: Any
) -> HTMLResponse:
    context.setdefault("form", {"email": "", "role": "counsellor"})
    return admin_page(
        request,
        "console/admin_users.html",
        session,
        status_code=status_code,
        users=console_of(request).accounts.list(),
        roles=ROLES,
        min_password=MIN_PASSWORD,
        **context,
    )


def _user(console: Console, user_id: int) -> User | None:
    return next((u for u in console.accounts.list() if u.id == user_id), None)


def _is_last_admin(console: Console, user: User) -> bool:
    return (
        user.role == "admin" and user.disabled_at is None and console.accounts.count_admins() <= 1
    )


def _last_admin_error(request: Request, change: str) -> str:
    # Only oneself can be the last active admin: whoever acts is an active admin.
    _ = gettext(request)
    if change == "role":
        return _(
            "Impossible de vous retirer le rôle d'administrateur : vous êtes le dernier "
            "administrateur actif. Donnez d'abord ce rôle à un autre compte."
        )
    return _(
        "Impossible de désactiver votre compte : vous êtes le dernier administrateur actif. "
        "Donnez d'abord le rôle d'administrateur à un autre compte."
    )


@router.get("/users")
def users(request: Request, session: AdminDep) -> Response:
    return _page(request, session)


@router.post("/users")
def add_user(request: Request, session: AdminCsrfDep) -> Response:
    fields = posted_fields(request)
    email, role = fields.get("email", "")[:254], fields.get("role", "")
    console = console_of(request)
    try:
        user = console.accounts.add(email, fields.get("password", "")[:1000], role)
    except AccountError as exc:
        form = {"email": email, "role": role}
        return _page(request, session, status_code=422, error=str(exc), form=form)
    audit(
        console, session.actor, "user_add", target_kind="user", target_id=str(user.id), detail=role
    )
    return done("/users", "user_added")


@router.post("/users/{user_id}/role")
def set_role(request: Request, user_id: int, session: AdminCsrfDep) -> Response:
    console = console_of(request)
    user = _user(console, user_id)
    if user is None:
        return not_found(request, session, N_("Ce compte n'existe pas."))
    role = posted_fields(request).get("role", "")
    if role == user.role:
        return done("/users", "unchanged")
    if role != "admin" and _is_last_admin(console, user):
        error = _last_admin_error(request, "role")
        return _page(request, session, status_code=409, error=error)
    try:
        console.accounts.set_role(user.email, role)
    except AccountError as exc:
        return _page(request, session, status_code=422, error=str(exc))
    target = {"target_kind": "user", "target_id": str(user.id)}
    audit(console, session.actor, "user_change", detail=f"role: {role}", **target)
    return done("/users", "role_changed")


@router.post("/users/{user_id}/disable")
def disable(request: Request, user_id: int, session: AdminCsrfDep) -> Response:
    return _set_disabled(request, session, user_id, disabled=True)


@router.post("/users/{user_id}/enable")
def enable(request: Request, user_id: int, session: AdminCsrfDep) -> Response:
    return _set_disabled(request, session, user_id, disabled=False)


def _set_disabled(request: Request, session: SignedIn, user_id: int, *, disabled: bool) -> Response:
    console = console_of(request)
    user = _user(console, user_id)
    if user is None:
        return not_found(request, session, N_("Ce compte n'existe pas."))
    if disabled and _is_last_admin(console, user):
        error = _last_admin_error(request, "disable")
        return _page(request, session, status_code=409, error=error)
    console.accounts.set_disabled(user.email, disabled)
    what = "disabled" if disabled else "enabled"
    audit(
        console,
        session.actor,
        "user_change",
        target_kind="user",
        target_id=str(user.id),
        detail=what,
    )
    return done("/users", what)


@router.post("/users/{user_id}/signout")
def sign_out(request: Request, user_id: int, session: AdminCsrfDep) -> Response:
    console = console_of(request)
    user = _user(console, user_id)
    if user is None:
        return not_found(request, session, N_("Ce compte n'existe pas."))
    closed = console.accounts.close_all(user.id)
    target = {"target_kind": "user", "target_id": str(user.id)}
    audit(console, session.actor, "signout_everywhere", detail=f"{closed} sessions", **target)
    return done("/users", "signed_out", n=closed)
