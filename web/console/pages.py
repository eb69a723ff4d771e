"""Rendering console pages (French first, ``?lang=`` like the public pages).

A counsellor who picks a language with ``?lang=`` keeps it on the following pages, form posts
and redirects included: the choice is kept in a console-only cookie (no personal data).
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from assistant.console import SignedIn
from web.i18n import PAGE_LANGUAGES, PageLanguage, page_language
from web.render import Pages

NO_STORE = {"Cache-Control": "no-store"}
LANG_COOKIE = "boussole_console_lang"


def console_language(request: Request) -> PageLanguage:
    """``?lang=`` when given, else the language chosen before (cookie), else French."""
    asked = request.query_params.get("lang")
    if asked in PAGE_LANGUAGES:
        return page_language(asked)
    return page_language(request.cookies.get(LANG_COOKIE))


def console_page(
    request: Request,
    name: str,
    *,
    session: SignedIn | None,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
    **context: Any,
) -> HTMLResponse:
    """A console page; never cached (it shows a counsellor's data)."""
    pages: Pages = request.state.pages
    context.setdefault("flash", None)
    context.setdefault("active", "")
    language = console_language(request)
    response = pages.response(
        request,
        name,
        language,
        status_code=status_code,
        headers={**NO_STORE, **(headers or {})},
        session=session,
        **context,
    )
    if request.query_params.get("lang") in PAGE_LANGUAGES:
        response.set_cookie(
            LANG_COOKIE, language, max_age=365 * 86400, path="/console", samesite="lax"
        )
    return response
