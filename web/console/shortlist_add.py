"""Adding the modules checked in the console's search results to a list (a chosen one, or a
new one under a reference), each with the same note and its visibility; all of them or none.

A refused reference (an e-mail, a national number, a name-like reference not confirmed) or a
note too long shows the form again with the checked modules, what was typed, and the reason
beside its field; a module gone from the catalog or a full list says why, with the results
one Back away.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from assistant.console import SignedIn
from assistant.console.shortlists import (
    MAX_ITEMS,
    NameLikeReferenceError,
    NotFoundError,
    ShortlistError,
    clean_note,
    clean_reference,
)
from corpus.model import Module
from web.console.auth import CsrfDep, console_of
from web.console.pages import console_language, console_page
from web.console.shortlist_routes import (
    FORM_PAGE,
    LISTS,
    ShortlistRoute,
    done,
    gettext,
    not_a_name,
    problem,
    shared_choice,
)
from web.i18n import translations
from web.routes.deps import posted

router = APIRouter(prefix=LISTS, include_in_schema=False, route_class=ShortlistRoute)


def _not_added(request: Request, session: SignedIn, title: str, message: str) -> Response:
    """Nothing was added: say why, and that the results are one Back away."""
    _ = gettext(request)
    back = _(
        "Revenez aux résultats avec le bouton Retour de votre navigateur : ils y sont encore, "
        "avec les cases que vous aviez cochées."
    )
    return console_page(
        request,
        "console/message.html",
        session=session,
        status_code=422,
        headers=FORM_PAGE,
        title=title,
        message=f"{message} {back}",
    )


def _checked(request: Request, ids: list[str]) -> tuple[list[Module], str]:
    """The checked modules as the current index has them, or what is wrong with the ids."""
    _ = gettext(request)
    if not ids:
        return [], _(
            "Cochez « Retenir cette formation » sous chaque formation à garder, puis ajoutez-les."
        )
    search = request.state.live.current()
    found = [(module_id, search.module(module_id)) for module_id in ids]
    modules = [m for _id, m in found if m is not None]
    unknown = [module_id for module_id, m in found if m is None]
    if unknown:
        return [], _(
            "La formation « %(id)s » n'est plus au catalogue : rien n'a été ajouté. Relancez "
            "la recherche, ou décochez-la."
        ) % {"id": unknown[0][:80]}
    return modules, ""


def _room(request: Request, has: int, adding: int) -> str:
    """Why ``adding`` modules do not fit beside ``has``; empty when they do."""
    if has + adding <= MAX_ITEMS:
        return ""
    words = translations(console_language(request))
    holds = words.gettext(
        "Une liste contient %(max)s formations au plus : celle-ci en a %(has)s."
    ) % {"max": MAX_ITEMS, "has": has}
    checked = words.ngettext(
        "%(num)s de plus était cochée. Rien n'a été ajouté.",
        "%(num)s de plus étaient cochées. Rien n'a été ajouté.",
        adding,
    ) % {"num": adding}
    return f"{holds} {checked}"


@router.post("/add")
def add(request: Request, session: CsrfDep) -> Response:
    """From the search results: every checked module into a chosen list, or into a new one
    filed under ``reference``, each with the same optional note (private unless
    ``visibility=shared``); all of them, or none. A refused reference or note shows the form
    again, with what was typed and the reason beside the field (:func:`_add_again`).

    Titles come from the current index, never from the post.
    """
    _ = gettext(request)
    form = posted(request)
    ids = list(dict.fromkeys(str(v)[:200] for v in form.getlist("module_id") if str(v).strip()))
    modules, wrong = _checked(request, ids)
    if wrong:
        title = _("Formation introuvable") if ids else _("Aucune formation cochée")
        return _not_added(request, session, title, wrong)
    target = str(form.get("shortlist") or "")[:40]
    reference = str(form.get("reference") or "")[:200]
    note = str(form.get("note") or "")[:4000]
    shared = shared_choice(request)
    lists = console_of(request).shortlists
    new, added = target in ("", "new"), 0
    try:
        clean_note(note)
    except ShortlistError as exc:
        return _add_again(request, session, modules, target, reference, note, shared, exc, "note")
    try:
        if new:
            clean_reference(reference, not_a_name=not_a_name(request))
    except ShortlistError as exc:
        return _add_again(
            request, session, modules, target, reference, note, shared, exc, "reference"
        )
    try:
        present = set() if new else {i.module_id for i in lists.get(session.actor, target).items}
        fresh = [m for m in modules if m.id not in present]
        if wrong := _room(request, len(present), len(fresh)):
            return _not_added(request, session, _("Formations non ajoutées"), wrong)
        if new:
            target = lists.create(session.actor, reference, not_a_name=True).public_id
        for module in fresh:
            lists.add_item(session.actor, target, module.id, module.title, note, shared=shared)
            added += 1
    except NotFoundError:
        raise
    except ShortlistError as exc:  # a list another tab filled meanwhile
        said = problem(request, exc)
        if added:
            said += " " + translations(console_language(request)).ngettext(
                "Seule la première formation cochée a été ajoutée.",
                "Seules les %(num)d premières formations cochées ont été ajoutées.",
                added,
            ) % {"num": added}
        return _not_added(request, session, _("Formations non ajoutées"), said)
    code = "created_added" if new else "added"
    already = len(modules) - len(fresh)
    return done(request, f"{LISTS}/{target}", code, n=len(fresh), already=already)


def _add_again(
    request: Request,
    session: SignedIn,
    modules: list[Module],
    chosen: str,
    reference: str,
    note: str,
    shared: bool,
    exc: ShortlistError,
    error_field: str,
) -> Response:
    """The add form again (422): the checked modules, what was typed, the reason beside the
    field it is about; nothing was added."""
    return console_page(
        request,
        "console/add.html",
        session=session,
        status_code=422,
        headers=FORM_PAGE,
        active="search",
        modules=modules,
        shortlists=console_of(request).shortlists.list(session.actor),
        chosen=chosen or "new",
        reference=reference,
        note=note,
        shared=shared,
        error=problem(request, exc),
        error_field=error_field,
        name_warning=isinstance(exc, NameLikeReferenceError),
    )
