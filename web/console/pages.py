"""Rendering console pages (French first, ``?lang=`` like the public pages)."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from assistant.accounts import SignedIn
from web.i18n import page_language
from web.render import Pages

NO_STORE = {"Cache-Control": "no-store"}


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
    return pages.response(
        request,
        name,
        page_language(request.query_params.get("lang")),
        status_code=status_code,
        headers={**NO_STORE, **(headers or {})},
        session=session,
        **context,
    )
