"""Console sign-in, sessions and CSRF.

The session cookie (``boussole_session``) holds a random token (the database keeps its hash):
HttpOnly, SameSite=Strict, Secure unless ``BOUSSOLE_COOKIE_SECURE=false``, scoped to
``/console`` and ``/s``. Every form that changes something carries the session's CSRF token
(``csrf`` field), compared in constant time; a post whose ``Origin`` is another site is
refused too. The sign-in form, before any session, uses a double-submit cookie.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Depends, HTTPException, Request

from assistant.console import Console, SignedIn

SESSION_COOKIE = "boussole_session"


def N_(message: str) -> str:  # noqa: N802 (the gettext marker Babel extracts)
    """Marks a message for translation; it is translated where it is shown."""
    return message


LOGIN_CSRF_COOKIE = "boussole_login"
CONSOLE_PATH = "/console"


class LoginRequired(Exception):  # noqa: N818 (a control-flow signal, handled as a redirect)
    """No valid session: the page answers with a redirect to the sign-in page."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


FORM_EXPIRED = N_(
    "Ce formulaire a expiré ou ne vient pas de Boussole. Rechargez la page et recommencez."
)


class Forbidden(Exception):  # noqa: N818
    """Signed in, but this needs another role, or the form's CSRF token is wrong."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def console_of(request: Request) -> Console:
    return request.state.console  # type: ignore[no-any-return]


def current(request: Request) -> SignedIn | None:
    """The request's live session, if any (looked up once per request)."""
    cached: SignedIn | bool | None = getattr(request.state, "signed_in", False)
    if cached is not False:
        return cached  # type: ignore[return-value]
    found = console_of(request).accounts.session(request.cookies.get(SESSION_COOKIE))
    request.state.signed_in = found
    return found


def require_session(request: Request) -> SignedIn:
    found = current(request)
    if found is None:
        path = request.url.path if request.method == "GET" else CONSOLE_PATH
        raise LoginRequired(path)
    return found


def require_admin(session: Annotated[SignedIn, Depends(require_session)]) -> SignedIn:
    if not session.actor.is_admin:
        raise Forbidden(N_("Cette page est réservée aux administrateurs."))
    return session


SessionDep = Annotated[SignedIn, Depends(require_session)]
AdminDep = Annotated[SignedIn, Depends(require_admin)]


def same_origin(request: Request) -> bool:
    """A browser's post says where it comes from; it must be this site (or say nothing)."""
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        return origin is None
    host = request.headers.get("host", "")
    return urlsplit(origin).netloc == host


async def check_csrf(request: Request, session: SessionDep) -> SignedIn:
    """For every state-changing console post: the form's token must be the session's."""
    form = await request.form()
    given = form.get("csrf")
    if (
        not isinstance(given, str)
        or not hmac.compare_digest(given.encode(), session.csrf.encode())
        or not same_origin(request)
    ):
        raise Forbidden(FORM_EXPIRED)
    return session


CsrfDep = Annotated[SignedIn, Depends(check_csrf)]


def new_login_token() -> str:
    return secrets.token_urlsafe(32)


def check_login_csrf(request: Request, given: str) -> None:
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not cookie or not hmac.compare_digest(cookie.encode(), given.encode()):
        raise HTTPException(403, "sign-in form expired: reload the page")
