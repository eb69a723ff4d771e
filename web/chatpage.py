"""The chat as pages: one message or one profile edit in, a turn (or a whole page) out.

The jobseeker's page (``/chat``) and the partner's embed (``/embed/chat``) share this. A plain
form post answers with the whole page; a post sent by ``chat.js`` (header
``X-Boussole-Fragment: 1``) answers with the new turn only, which the script appends to the
transcript. ``chat.js`` keeps the conversation id in the tab (``sessionStorage``) and, after a
reload or Back, posts it to ``…/transcript`` to get the turns so far (:meth:`ChatPages.restore`).
The person's text travels in the body only, and is never logged.

The newest turn shows its cards; earlier turns keep theirs behind a "Voir les formations
proposées" disclosure, and a follow-up shows the summary only when it changed
(:mod:`web.followups`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup

from assistant.dialogue import (
    ConversationStore,
    ForeignConversationError,
    editable_fields,
    looks_like_id,
)
from assistant.dialogue.turns import MAX_MESSAGE_CHARS, Dialogue, Reply
from assistant.errors import AssistantError
from assistant.ratelimit import Limiter
from web.chat_context import Embed, card_helpers
from web.i18n import PageLanguage, page_language, translations
from web.render import Pages
from web.routes.deps import count_search, posted_fields
from web.transcripts import TranscriptStore, Turn, last_summary

FRAGMENT_HEADER = "x-boussole-fragment"
LEVELS = ("none", "basic", "comfortable", "professional")
MAX_PLACE_CHARS = 100


@dataclass
class ChatForm:
    """The fields a chat form posts; every one optional in the HTML, checked here."""

    conversation_id: str | None = None
    lang: PageLanguage = "fr"
    message: str = ""
    fields: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def read(cls, request: Request) -> ChatForm:
        values = posted_fields(request)
        conversation_id = values.get("conversation_id", "").strip()
        return cls(
            conversation_id=conversation_id if looks_like_id(conversation_id) else None,
            lang=page_language(values.get("lang")),
            message=values.get("message", ""),
            fields={k: values[k] for k in ("place", "max_hours", "level") if k in values},
        )


def wants_fragment(request: Request) -> bool:
    return request.headers.get(FRAGMENT_HEADER) == "1"


class ChatPages:
    """Renders and answers the chat for pages; ``form_action`` is where its forms post."""

    def __init__(
        self,
        pages: Pages,
        dialogue: Dialogue,
        store: ConversationStore,
        transcripts: TranscriptStore,
        limiter: Limiter,
        rate_limit: int,
    ) -> None:
        self.pages = pages
        self.dialogue = dialogue
        self.store = store
        self.transcripts = transcripts
        self.limiter = limiter
        self.rate_limit = rate_limit

    def page(
        self,
        request: Request,
        lang: PageLanguage,
        *,
        template: str,
        form_action: str,
        embed: Embed | None = None,
        conversation_id: str | None = None,
        error: str | None = None,
        status_code: int = 200,
        headers: dict[str, str] | None = None,
    ) -> HTMLResponse:
        turns = self.transcripts.turns(conversation_id)
        shown = self.turns_html(turns, lang, conversation_id, form_action, embed, anchor=True)
        return self.pages.response(
            request,
            template,
            lang,
            status_code=status_code,
            headers=headers,
            turns=turns,
            turns_html=shown,
            conversation_id=conversation_id if turns else None,
            form_action=form_action,
            embed=embed,
            error=error,
            active="chat",
            switch_path="/" if embed is None else request.url.path,
        )

    def post(
        self,
        request: Request,
        *,
        kind: str,
        template: str,
        form_action: str,
        embed: Embed | None = None,
    ) -> Response:
        """Answer a posted message (``kind="message"``) or profile edit (``"profile"``)."""
        form = ChatForm.read(request)
        _ = translations(form.lang).gettext
        refused = self.refused(request, form.lang)
        if refused is not None:
            return refused
        error = check(form, kind, _)
        status = 422
        if error is None:
            try:
                reply = self._answer(form, kind, embed)
            except ForeignConversationError:  # started elsewhere: as if it did not exist
                error = _("Cette conversation est terminée. Écrivez à nouveau votre situation.")
                status = 404
            except AssistantError:
                error = _("Votre message n'a pas pu être lu. Envoyez-le à nouveau.")
        if error is not None:
            if wants_fragment(request):
                return HTMLResponse(error, status_code=status)
            return self.page(
                request,
                form.lang,
                template=template,
                form_action=form_action,
                embed=embed,
                conversation_id=form.conversation_id,
                error=error,
                status_code=status,
            )
        count_search(request, reply.guidance)
        user_text = form.message.strip() if kind == "message" else None
        earlier = [] if reply.restarted else self.transcripts.turns(form.conversation_id)
        turn = Turn.of(
            len(earlier) + 1,
            user_text,
            reply,
            editable_fields(reply.profile),
            previous_summary=last_summary(earlier),
        )
        self.transcripts.add(form.conversation_id, turn)
        if wants_fragment(request):
            html = self.turn_html(turn, form.lang, reply.conversation_id, form_action, embed)
            return HTMLResponse(html, headers={"X-Conversation-Id": reply.conversation_id})
        return self.page(
            request,
            form.lang,
            template=template,
            form_action=form_action,
            embed=embed,
            conversation_id=reply.conversation_id,
        )

    def turns_html(
        self,
        turns: list[Turn],
        lang: PageLanguage,
        conversation_id: str | None,
        form_action: str,
        embed: Embed | None,
        *,
        anchor: bool = False,
    ) -> list[Markup]:
        """Every turn; only the last one shows its cards open (and, with ``anchor``, carries
        the ``#latest`` target that the forms' addresses scroll to)."""
        last = len(turns) - 1
        return [
            self.turn_html(
                t, lang, conversation_id, form_action, embed, latest=i == last, anchor=anchor
            )
            for i, t in enumerate(turns)
        ]

    def turn_html(
        self,
        turn: Turn,
        lang: PageLanguage,
        conversation_id: str | None,
        form_action: str,
        embed: Embed | None,
        *,
        latest: bool = True,
        anchor: bool = False,
    ) -> Markup:
        """One turn, written in the reply's language (a Dutch message on the French page
        gets its cards in Dutch); its forms and links keep the page's language."""
        html = self.pages.render_text(
            "_turn.html",
            page_language(turn.reply.language),
            lang=lang,
            turn=turn,
            latest=latest,
            anchor=anchor and latest,
            conversation_id=conversation_id,
            form_action=form_action,
            embed=embed,
            **card_helpers(embed, lang),
        )
        return Markup(html)  # rendered with autoescape: safe to insert as it is

    def restore(self, request: Request, *, embed: Embed | None = None) -> Response:
        """The turns so far of the posted conversation, for ``chat.js`` after a reload or Back
        (the id comes from the tab's storage, in the body). 404 when the conversation is over,
        unknown or another owner's: the script then forgets the id."""
        form = ChatForm.read(request)
        cid = form.conversation_id
        conversation = self.store.get(cid) if cid else None
        turns = self.transcripts.turns(cid)
        if cid is None or conversation is None or conversation.owner != _owner(embed) or not turns:
            return HTMLResponse("", status_code=404, headers={"Cache-Control": "no-store"})
        form_action = "/chat" if embed is None else "/embed/chat"
        html = Markup("\n").join(self.turns_html(turns, form.lang, cid, form_action, embed))
        headers = {"X-Conversation-Id": cid, "Cache-Control": "no-store"}
        return HTMLResponse(html, headers=headers)

    def forget(self, request: Request, *, redirect_to: str) -> Response:
        """Drop the conversation and its turns now; back to an empty chat."""
        form = ChatForm.read(request)
        if form.conversation_id:
            self.store.delete(form.conversation_id)
            self.transcripts.forget(form.conversation_id)
        return RedirectResponse(redirect_to, status_code=303)

    def _answer(self, form: ChatForm, kind: str, embed: Embed | None) -> Reply:
        lang = form.lang
        owner = _owner(embed)
        if kind == "message":
            reply = self.dialogue.reply(form.conversation_id, form.message, lang, owner=owner)
            if embed and embed.region and reply.intent == "profile" and not reply.profile.place:
                # The partner's region is the default place until the person names one.
                placed = self.dialogue.amend(
                    reply.conversation_id, place=embed.region, language=lang, owner=owner
                )
                # A region that names no known town is the partner's mistake, not the
                # person's: keep the first answer rather than say "town not recognised".
                if not placed.unresolved:
                    return placed
            return reply
        f = form.fields
        hours = f.get("max_hours", "").strip()
        return self.dialogue.amend(
            form.conversation_id or "",
            place=f.get("place", "").strip() or None,
            max_hours=float(hours.replace(",", ".")) if hours else None,
            level=f.get("level") or None,
            language=lang,
            owner=owner,
        )

    def refused(
        self, request: Request, lang: PageLanguage, *, active: str = "chat"
    ) -> Response | None:
        """429 when this address has used up its chat turns and searches for now (one
        allowance per address for the chat and the catalogue's search box), else ``None``."""
        client = request.client.host if request.client else "unknown"
        decision = self.limiter.check(f"page:{client}", self.rate_limit)
        if decision.allowed:
            return None
        words = translations(lang)
        _ = words.gettext
        message = words.ngettext(
            "Trop de messages en peu de temps. Attendez %(seconds)s seconde, puis renvoyez "
            "votre message.",
            "Trop de messages en peu de temps. Attendez %(seconds)s secondes, puis renvoyez "
            "votre message.",
            decision.retry_after,
        ) % {"seconds": decision.retry_after}
        headers = {"Retry-After": str(decision.retry_after)}
        if wants_fragment(request):
            return HTMLResponse(message, status_code=429, headers=headers)
        return self.pages.response(
            request,
            "error.html",
            lang,
            status_code=429,
            headers=headers,
            title=_("Un instant, s'il vous plaît"),
            message=message,
            bare=False,
            active=active,
        )


def _owner(embed: Embed | None) -> str:
    """The jobseeker's pages and each partner's widget keep their conversations apart."""
    return "page" if embed is None else f"embed:{embed.partner}"


def check(form: ChatForm, kind: str, _: Any) -> str | None:
    """What is wrong with the posted form, in the page's language, or ``None``."""
    if kind == "message":
        text = form.message.strip()
        if not text:
            return str(_("Écrivez d'abord votre situation ou votre question."))
        if len(form.message) > MAX_MESSAGE_CHARS:
            return str(
                _("Votre message est trop long : écrivez au plus %(max)s caractères.")
                % {"max": MAX_MESSAGE_CHARS}
            )
        return None
    if not form.conversation_id:
        return str(_("Cette conversation est terminée. Écrivez à nouveau votre situation."))
    f = form.fields
    if len(f.get("place", "")) > MAX_PLACE_CHARS:
        return str(_("Le nom de la commune est trop long."))
    hours = f.get("max_hours", "").strip().replace(",", ".")
    if hours:
        try:
            value = float(hours)
        except ValueError:
            value = -1.0
        if not 0 < value <= 5000:
            return str(_("Le nombre d'heures doit être un nombre entre 1 et 5000, par exemple 40."))
    if f.get("level") and f["level"] not in LEVELS:
        return str(_("Choisissez un niveau dans la liste."))
    return None
