"""Signing in and out of the console."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from assistant.console import Actor, record, utcnow
from web.console.auth import (
    CONSOLE_PATH,
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    CsrfDep,
    SessionDep,
    check_login_csrf,
    console_of,
    current,
    new_login_token,
)
from web.console.pages import console_page
from web.routes.deps import posted

router = APIRouter(prefix=CONSOLE_PATH, include_in_schema=False)
COOKIE_PATHS = (CONSOLE_PATH,)


def _safe_next(value: str | None) -> str:
    """Only a console path: never an open redirect to another site."""
    if value and value.startswith(CONSOLE_PATH + "/") and "//" not in value and "\\" not in value:
        return value
    return CONSOLE_PATH + "/search"


def _login_page(
    request: Request,
    *,
    error: str | None = None,
    email: str = "",
    next_path: str = "",
    status_code: int = 200,
) -> Response:
    token = new_login_token()
    response = console_page(
        request,
        "console/login.html",
        session=None,
        status_code=status_code,
        error=error,
        email=email,
        next_path=_safe_next(next_path),
        login_csrf=token,
    )
    secure = request.state.settings.cookie_secure
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        httponly=True,
        secure=secure,
        samesite="strict",
        path=CONSOLE_PATH,
        max_age=3600,
    )
    return response


@router.get("")
def console_home(request: Request) -> Response:
    target = "/search" if current(request) else "/login"
    return RedirectResponse(CONSOLE_PATH + target, status_code=303)


@router.get("/login")
def login_form(request: Request, next: str = "") -> Response:  # noqa: A002
    if current(request) is not None:
        return RedirectResponse(_safe_next(next), status_code=303)
    return _login_page(request, next_path=next)


@router.post("/login")
def login(request: Request) -> Response:
    form = posted(request)
    email = str(form.get("email", ""))[:254]
    password = str(form.get("password", ""))[:256]
    check_login_csrf(request, str(form.get("login_csrf", "")))
    console = console_of(request)
    client = request.client.host if request.client else "unknown"
    account, address = f"email:{email.strip().lower()}", f"ip:{client}"
    # A throttled address waits. A throttled account (anyone knowing its e-mail can cause it)
    # still lets its own known addresses try, so a stranger cannot lock its owner out.
    wait = console.throttle.retry_after(address)
    if not wait and not console.throttle.known(account, address):
        wait = console.throttle.retry_after(account)
    if wait:
        return _throttled(request, email, wait)
    user = console.accounts.authenticate(email, password)
    if user is None:
        console.throttle.failed(account, address)
        with console.db.begin() as db:
            record(db, Actor(None, "anonymous", ""), "signin_failed", utcnow())
        return _login_page(
            request,
            error="Adresse ou mot de passe incorrect.",
            email=email,
            next_path=str(form.get("next", "")),
            status_code=401,
        )
    console.throttle.succeeded(account)
    console.throttle.remember(account, address)
    token, signed = console.accounts.open_session(user)
    with console.db.begin() as db:
        record(db, signed.actor, "signin", utcnow(), target_kind="user", target_id=str(user.id))
    response = RedirectResponse(_safe_next(str(form.get("next", ""))), status_code=303)
    secure = request.state.settings.cookie_secure
    response.set_cookie(
        SESSION_COOKIE,
        token,
        httponly=True,
        secure=secure,
        samesite="strict",
        path=CONSOLE_PATH,
        max_age=int((signed.expires_at - utcnow()).total_seconds()),
    )
    response.delete_cookie(LOGIN_CSRF_COOKIE, path=CONSOLE_PATH)
    return response


def _throttled(request: Request, email: str, wait: int) -> Response:
    minutes = wait // 60 + 1
    response = _login_page(
        request,
        error=f"Trop d'essais manqués. Réessayez dans {minutes} minute(s).",
        email=email,
        status_code=429,
    )
    response.headers["Retry-After"] = str(wait)
    return response


@router.post("/logout")
def logout(request: Request, session: CsrfDep) -> Response:
    console = console_of(request)
    console.accounts.close_session(session.session_id)
    with console.db.begin() as db:
        record(db, session.actor, "signout", utcnow())
    response = RedirectResponse(CONSOLE_PATH + "/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path=CONSOLE_PATH)
    # Search results may stay in the browser's cache for the Back button: drop them now.
    response.headers["Clear-Site-Data"] = '"cache"'
    return response


@router.post("/logout-everywhere")
def logout_everywhere(request: Request, session: CsrfDep) -> Response:
    console = console_of(request)
    assert session.actor.user_id is not None
    closed = console.accounts.close_all(session.actor.user_id)
    with console.db.begin() as db:
        record(db, session.actor, "signout_everywhere", utcnow(), detail=f"{closed} sessions")
    response = RedirectResponse(CONSOLE_PATH + "/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path=CONSOLE_PATH)
    # Search results may stay in the browser's cache for the Back button: drop them now.
    response.headers["Clear-Site-Data"] = '"cache"'
    return response


@router.get("/account")
def account(request: Request, session: SessionDep) -> Response:
    return console_page(request, "console/account.html", session=session, active="account")
