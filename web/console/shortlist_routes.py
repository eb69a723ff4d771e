"""A counsellor's shortlists: list, create, open, add to, annotate, rename, empty, delete,
share. Every post carries the session's CSRF token and answers with a redirect (303) to a
page that says what was done (``?done=``, a code and counts, never content); the share link is
the one exception, shown once in the answer to its post. Someone else's list is "not found"
(404), for a counsellor; an admin may open every list.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from datetime import date, timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.routing import APIRoute

from assistant.console import Entry, SignedIn
from assistant.console.shortlists import (
    NameLikeReferenceError,
    NotFoundError,
    ShortlistError,
)
from assistant.db.models import Shortlist
from web.console.auth import CONSOLE_PATH, CsrfDep, SessionDep, console_of, current
from web.console.pages import console_language, console_page
from web.i18n import translations
from web.public_url import public_base
from web.render import make_href
from web.routes.deps import posted

LISTS = CONSOLE_PATH + "/shortlists"
# A page under the app-wide "no-referrer" makes the browser post its forms with "Origin: null",
# which the CSRF check refuses; same-origin keeps the origin in our own posts only.
FORM_PAGE = {"Referrer-Policy": "same-origin"}


def gettext(request: Request) -> Callable[[str], str]:
    return translations(console_language(request)).gettext


def not_found(request: Request) -> Response:
    _ = gettext(request)
    return console_page(
        request,
        "console/message.html",
        session=current(request),
        status_code=404,
        headers=FORM_PAGE,
        title=_("Liste introuvable"),
        message=_("Cette liste n'existe pas, a expiré ou ne vous est pas confiée."),
    )


class ShortlistRoute(APIRoute):
    """A route whose :class:`NotFoundError` becomes the console's 404 page."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def run(request: Request) -> Response:
            try:
                return await handler(request)
            except NotFoundError:
                return not_found(request)

        return run


router = APIRouter(prefix=LISTS, include_in_schema=False, route_class=ShortlistRoute)


def problem(request: Request, exc: ShortlistError) -> str:
    """The service's reason, said in the page's language."""
    _ = gettext(request)
    text = str(exc)
    known = {
        "give a reference": _(
            "Donnez une référence (par exemple votre numéro de dossier), pas un nom."
        ),
        "the reference may hold": _(
            "La référence peut contenir des lettres, des chiffres, des espaces et . - / # "
            "seulement, 40 caractères au plus."
        ),
        "the reference must not": _(
            "La référence ne doit pas identifier la personne : ni adresse e-mail, ni numéro de "
            "registre national."
        ),
        "the reference looks like": _(
            "Cette référence ressemble au nom d'une personne. Une référence ne doit pas "
            "identifier la personne : utilisez un numéro de dossier. Si ce n'est pas un nom, "
            "cochez la case sous le champ et envoyez à nouveau."
        ),
        "a note holds": _("Une note contient 2000 caractères au plus."),
        "a shortlist holds": _("Une liste contient 50 formations au plus."),
    }
    return next((message for start, message in known.items() if text.startswith(start)), text)


def done(request: Request, path: str, code: str, anchor: str = "", **counts: int) -> Response:
    href = make_href(console_language(request))
    given = {name: n for name, n in counts.items() if n}
    return RedirectResponse(href(path, done=code, **given) + anchor, status_code=303)


def _count(request: Request, name: str) -> int:
    value = request.query_params.get(name, "")
    return int(value) if value.isdigit() and len(value) <= 3 else 0


def _added(request: Request) -> str:
    """What an add did: how many modules went in, how many were there already."""
    words = translations(console_language(request))
    added, already = _count(request, "n"), _count(request, "already")
    if not added:
        return words.ngettext(
            "La formation cochée était déjà dans la liste.",
            "Les %(num)d formations cochées étaient déjà dans la liste.",
            already,
        ) % {"num": already}
    said = words.ngettext(
        "%(num)d formation ajoutée à la liste.", "%(num)d formations ajoutées à la liste.", added
    ) % {"num": added}
    if already:
        said += " " + words.ngettext(
            "%(num)d autre y était déjà.", "%(num)d autres y étaient déjà.", already
        ) % {"num": already}
    return said


def flash(request: Request) -> str | None:
    _ = gettext(request)
    code = request.query_params.get("done", "")
    if code in ("added", "created_added"):
        created = _("La liste est créée.") + " " if code == "created_added" else ""
        return created + _added(request)
    messages = {
        "created": _("La liste est créée."),
        "note": _("La note est enregistrée."),
        "removed": _("La formation est retirée de la liste."),
        "reference": _("La référence est changée."),
        "deleted": _("La liste est supprimée."),
    }
    return messages.get(code)


def entries(request: Request, shortlist: Shortlist) -> list[Entry]:
    """The list's modules as the jobseeker may see them: as the catalog has them now
    (``None`` for one that left it), with the shared notes only (a private note never
    reaches the print view, the PDF or the share link)."""
    search = request.state.live.current()
    return [
        Entry(i.title, i.note if i.note_shared else "", search.module(i.module_id))
        for i in shortlist.items
    ]


def shared_choice(request: Request) -> bool:
    """Whether the posted note is to be shown to the jobseeker (``visibility=shared``)."""
    return field(request, "visibility", 10) == "shared"


def field(request: Request, name: str, limit: int = 4000) -> str:
    return str(posted(request).get(name) or "")[:limit]


# -- the lists ----------------------------------------------------------------------------


def _lists_page(
    request: Request, session: SignedIn, status_code: int = 200, **context: Any
) -> Response:
    everyone = session.actor.is_admin and request.query_params.get("all") == "1"
    context.setdefault("error", None)
    context.setdefault("reference", "")
    context.setdefault("pending", None)
    context.setdefault("name_warning", False)
    return console_page(
        request,
        "console/shortlists.html",
        session=session,
        status_code=status_code,
        headers=FORM_PAGE,
        active="shortlists",
        flash=flash(request),
        everyone=everyone,
        shortlists=console_of(request).shortlists.list(session.actor, everyone=everyone),
        **context,
    )


@router.get("")
def shortlists(request: Request, session: SessionDep) -> Response:
    return _lists_page(request, session)


def not_a_name(request: Request) -> bool:
    """The counsellor confirmed that a reference looking like a name is not one."""
    return bool(field(request, "not_a_name", 10))


@router.post("")
def create(request: Request, session: CsrfDep) -> Response:
    reference = field(request, "reference", 200)
    try:
        made = console_of(request).shortlists.create(
            session.actor, reference, not_a_name=not_a_name(request)
        )
    except ShortlistError as exc:
        return _lists_page(
            request,
            session,
            422,
            error=problem(request, exc),
            reference=reference,
            name_warning=isinstance(exc, NameLikeReferenceError),
        )
    return done(request, f"{LISTS}/{made.public_id}", "created")


# -- one list -----------------------------------------------------------------------------


def _list_page(
    request: Request,
    session: SignedIn,
    public_id: str,
    status_code: int = 200,
    **context: Any,
) -> Response:
    shortlist = console_of(request).shortlists.get(session.actor, public_id)
    for name in ("error", "error_item", "share_link", "share_until", "renewed", "reference"):
        context.setdefault(name, None)
    context.setdefault("name_warning", False)
    return console_page(
        request,
        "console/shortlist.html",
        session=session,
        status_code=status_code,
        headers=FORM_PAGE,
        active="shortlists",
        flash=flash(request),
        shortlist=shortlist,
        entries=list(zip(shortlist.items, entries(request, shortlist), strict=True)),
        share_days=console_of(request).links.days,
        **context,
    )


@router.get("/{public_id}")
def shortlist(request: Request, session: SessionDep, public_id: str) -> Response:
    return _list_page(request, session, public_id)


@router.post("/{public_id}/note")
def note(request: Request, session: CsrfDep, public_id: str) -> Response:
    module_id = field(request, "module_id", 200)
    try:
        console_of(request).shortlists.set_note(
            session.actor,
            public_id,
            module_id,
            field(request, "note", 4000),
            shared=shared_choice(request),
        )
    except NotFoundError:
        raise
    except ShortlistError as exc:
        return _list_page(
            request, session, public_id, 422, error=problem(request, exc), error_item=module_id
        )
    return done(request, f"{LISTS}/{public_id}", "note")


@router.post("/{public_id}/remove")
def remove(request: Request, session: CsrfDep, public_id: str) -> Response:
    module_id = field(request, "module_id", 200)
    console_of(request).shortlists.remove_item(session.actor, public_id, module_id)
    return done(request, f"{LISTS}/{public_id}", "removed")


@router.post("/{public_id}/reference")
def rename(request: Request, session: CsrfDep, public_id: str) -> Response:
    reference = field(request, "reference", 200)
    try:
        console_of(request).shortlists.set_reference(
            session.actor, public_id, reference, not_a_name=not_a_name(request)
        )
    except NotFoundError:
        raise
    except ShortlistError as exc:
        return _list_page(
            request,
            session,
            public_id,
            422,
            error=problem(request, exc),
            error_item="reference",
            reference=reference,
            name_warning=isinstance(exc, NameLikeReferenceError),
        )
    return done(request, f"{LISTS}/{public_id}", "reference")


@router.post("/{public_id}/delete")
def delete(request: Request, session: CsrfDep, public_id: str) -> Response:
    lists = console_of(request).shortlists
    if not field(request, "confirm", 10):
        lists.get(session.actor, public_id)  # 404 first if it is not one's own
        _ = gettext(request)
        return _list_page(
            request,
            session,
            public_id,
            422,
            error=_("Cochez la case pour confirmer la suppression de toute la liste."),
            error_item="delete",
        )
    lists.delete(session.actor, public_id)
    return done(request, LISTS, "deleted")


@router.post("/{public_id}/share")
def share(request: Request, session: CsrfDep, public_id: str) -> Response:
    """A link for the jobseeker, shown once; ``renew`` revokes the links given before."""
    console = console_of(request)
    renew = bool(field(request, "renew", 10))
    version = console.shortlists.share(session.actor, public_id, renew=renew)
    token = console.links.token(public_id, version)
    base = public_base(request)
    return _list_page(
        request,
        session,
        public_id,
        share_link=f"{base}/s/{token}",
        share_until=date.today() + timedelta(days=console.links.days),
        renewed=renew,
    )
