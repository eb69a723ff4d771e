"""The jobseeker's pages: the chat, and the statements about data and accessibility."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from web.chatpage import ChatPages
from web.i18n import page_language
from web.render import Pages, make_href
from web.routes.deps import SearchSlot, posted

router = APIRouter(include_in_schema=False)


def _chat(request: Request) -> ChatPages:
    return request.state.chat_pages  # type: ignore[no-any-return]


def _pages(request: Request) -> Pages:
    return request.state.pages  # type: ignore[no-any-return]


@router.get("/", response_class=HTMLResponse)
def home(request: Request, lang: str | None = None) -> HTMLResponse:
    """An empty chat. A conversation goes on only through posted forms, never a URL."""
    return _chat(request).page(
        request, page_language(lang), template="chat.html", form_action="/chat"
    )


@router.get("/chat")
def chat_get(request: Request, lang: str | None = None) -> Response:
    # Reloading the address of a posted answer lands on an empty chat, not an error.
    return home(request, lang)


@router.post("/chat", dependencies=[SearchSlot])
def chat_post(request: Request) -> Response:
    return _chat(request).post(request, kind="message", template="chat.html", form_action="/chat")


@router.post("/chat/profile", dependencies=[SearchSlot])
def chat_profile(request: Request) -> Response:
    return _chat(request).post(request, kind="profile", template="chat.html", form_action="/chat")


@router.post("/chat/transcript")
def chat_transcript(request: Request) -> Response:
    """The turns so far, for chat.js after a reload or Back (the id is posted, never in a URL)."""
    return _chat(request).restore(request)


@router.post("/chat/forget")
def chat_forget(request: Request) -> Response:
    form = posted(request)
    lang = page_language(str(form.get("lang", "")))
    return _chat(request).forget(request, redirect_to=make_href(lang)("/"))


@router.get("/accessibilite", response_class=HTMLResponse)
def accessibility(request: Request, lang: str | None = None) -> HTMLResponse:
    return _pages(request).response(
        request, "accessibility.html", page_language(lang), active="accessibility"
    )


@router.get("/confidentialite", response_class=HTMLResponse)
def privacy(request: Request, lang: str | None = None) -> HTMLResponse:
    return _pages(request).response(request, "privacy.html", page_language(lang), active="privacy")
