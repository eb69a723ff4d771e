"""The partner widget: ``/widget.js`` for the host page, ``/embed/chat`` inside its iframe.

The embed page is the chat with the partner's theme; ``/embed/modules/{id}`` shows one module
inside the panel, with a link back to the conversation (the module page itself may not be
framed). Both may be framed only by the partner's allowed origins (CSP ``frame-ancestors``).
An unknown or revoked publishable key gets an error page, never a chat. ``embed.js`` talks to
the host's ``widget.js`` by ``postMessage``, checking origins both ways.
"""

from __future__ import annotations

import re
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from assistant.partners import PartnerStore
from web.chat_context import Embed, module_href
from web.chatpage import ChatPages
from web.i18n import PageLanguage, page_language, translations
from web.jsonld import module_script
from web.routes.deps import FreshnessDep, SearchDep, SearchSlot, posted_fields
from web.security import FRAMEABLE_CSP, embed_csp

router = APIRouter(include_in_schema=False)
STATIC = Path(__file__).parent.parent / "static"
_COLOR = re.compile(r"#?([0-9a-fA-F]{6})")
MAX_TITLE = 60
MAX_REGION = 100


def _chat(request: Request) -> ChatPages:
    return request.state.chat_pages  # type: ignore[no-any-return]


def _partners(request: Request) -> PartnerStore:
    return request.state.partners  # type: ignore[no-any-return]


def color(value: str | None) -> str | None:
    """``#rrggbb`` from ``rrggbb`` or ``#rrggbb``; anything else: ``None`` (default theme)."""
    found = _COLOR.fullmatch((value or "").strip())
    return f"#{found.group(1).lower()}" if found else None


def contrast_text(hex_color: str) -> str:
    """White or near-black, whichever reads better on ``hex_color`` (WCAG contrast)."""

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    lum = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    on_white = 1.05 / (lum + 0.05)
    on_black = (lum + 0.05) / (0.0 + 0.05)
    return "#ffffff" if on_white >= on_black else "#111111"


def _embed(request: Request, values: dict[str, str]) -> Embed | None:
    key = values.get("key", "").strip()
    partner = _partners(request).by_publishable_key(key) if key else None
    if partner is None:
        return None
    return Embed(
        key=key,
        partner=partner.name,
        origins=partner.origins,
        color=color(values.get("color")),
        title=" ".join(values.get("title", "").split())[:MAX_TITLE] or None,
        region=" ".join(values.get("region", "").split())[:MAX_REGION] or None,
    )


def _refused(request: Request, lang: PageLanguage) -> HTMLResponse:
    _ = translations(lang).gettext
    response = request.state.pages.response(
        request,
        "error.html",
        lang,
        status_code=403,
        title=_("Assistant indisponible ici"),
        message=_(
            "Ce site n'a pas (ou plus) d'accès à l'assistant Boussole : sa clé de partenaire est "
            "inconnue ou a été révoquée. Le responsable du site doit demander une nouvelle clé."
        ),
        bare=True,
    )
    response.headers["Content-Security-Policy"] = FRAMEABLE_CSP
    return response  # type: ignore[no-any-return]


def _framed(response: Response, embed: Embed) -> Response:
    response.headers["Content-Security-Policy"] = embed_csp(embed.origins)
    return response


@router.get("/embed/chat", response_class=HTMLResponse)
def embed_chat(request: Request) -> Response:
    values = dict(request.query_params)
    lang = page_language(values.get("lang"))
    embed = _embed(request, values)
    if embed is None:
        return _refused(request, lang)
    page = _chat(request).page(
        request, lang, template="embed.html", form_action="/embed/chat", embed=embed
    )
    return _framed(page, embed)


def _post(request: Request, kind: str) -> Response:
    values = posted_fields(request)
    lang = page_language(values.get("lang"))
    embed = _embed(request, values)
    if embed is None:
        return _refused(request, lang)
    chat = _chat(request)
    if kind == "forget":
        target = "/embed/chat?" + embed.query(lang)
        return _framed(chat.forget(request, redirect_to=target), embed)
    if kind == "transcript":
        return _framed(chat.restore(request, embed=embed), embed)
    answer = chat.post(
        request, kind=kind, template="embed.html", form_action="/embed/chat", embed=embed
    )
    return _framed(answer, embed)


@router.post("/embed/chat", dependencies=[SearchSlot])
def embed_message(request: Request) -> Response:
    return _post(request, "message")


@router.post("/embed/chat/profile", dependencies=[SearchSlot])
def embed_profile(request: Request) -> Response:
    return _post(request, "profile")


@router.post("/embed/chat/forget")
def embed_forget(request: Request) -> Response:
    return _post(request, "forget")


@router.post("/embed/chat/transcript")
def embed_transcript(request: Request) -> Response:
    return _post(request, "transcript")


@router.get("/embed/modules/{module_id}", response_class=HTMLResponse)
def embed_module(
    request: Request, module_id: str, service: SearchDep, freshness: FreshnessDep
) -> Response:
    """One module inside the partner's panel, with the way back to the conversation."""
    values = dict(request.query_params)
    lang = page_language(values.get("lang"))
    embed = _embed(request, values)
    if embed is None:
        return _refused(request, lang)
    found = service.module(module_id)
    _ = translations(lang).gettext
    back = "/embed/chat?" + embed.query(lang)
    page = request.state.pages.response(
        request,
        "embed_module.html",
        lang,
        status_code=200 if found is not None else 404,
        module=found,
        stale=found is not None and freshness.stale(found),
        jsonld=module_script(request, service, found) if found is not None else None,
        embed=embed,
        back=back,
        module_href=module_href(embed, lang),
        title=found.title if found is not None else _("Formation introuvable"),
    )
    return _framed(page, embed)


@router.get("/embed/theme.css")
def theme(request: Request) -> Response:
    """The partner's colour as CSS variables, with a text colour that keeps AA contrast."""
    accent = color(request.query_params.get("color")) or "#0b5394"
    css = f":root {{ --accent: {accent}; --on-accent: {contrast_text(accent)}; }}\n"
    return Response(
        css,
        media_type="text/css",
        headers={"Cache-Control": "public, max-age=86400"},
    )


@router.get("/widget.js")
def widget() -> Response:
    """The one script a partner pastes; it only adds a launcher and an iframe."""
    return Response(
        (STATIC / "widget.js").read_bytes(),
        media_type="text/javascript",
        headers={"Cache-Control": "public, max-age=3600"},
    )
