"""Searching on a jobseeker's behalf: their words and the counsellor's corrections in, the
guidance's matches with reasons, checklist and score breakdown out.

The words are posted, never put in an address; they and the fields are read, used for this
one answer and written back into the form of the response only: nothing is kept, logged or
counted but a tally (a number and a catalogue tag, see :func:`web.routes.deps.count_search`).

The answer to the post may be kept in the counsellor's own browser (``private, no-cache``, not
``no-store``): Chromium then shows it again, without posting anew, when the counsellor comes
back from adding modules to a shortlist, where ``no-store`` gives "confirm form resubmission".
It stays in that cache until the browser drops it: Back shows it even after signing out, unless
the sign-out answers ``Clear-Site-Data: "cache"`` (Chromium then asks to post again instead).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import ValidationError
from starlette.datastructures import FormData

from assistant.console import SignedIn
from assistant.errors import InvalidQueryError
from assistant.filters import Filters
from assistant.guidance import GuidanceService
from assistant.understanding import Profile, default_lexicon
from web.console.auth import CONSOLE_PATH, CsrfDep, SessionDep, console_of
from web.console.pages import console_language, console_page
from web.console.shortlist_routes import FORM_PAGE
from web.i18n import page_language, translations
from web.routes.api import apply_profile
from web.routes.deps import SearchSlot, count_search, posted
from web.schemas import ProfileIn

router = APIRouter(prefix=CONSOLE_PATH, include_in_schema=False)

SINGLE = (
    "text",
    "place",
    "radius_km",
    "max_hours",
    "digital_level",
    "domain_level",
    "goal",
    "provider",
    "certificate",
    "starts_from",
    "k",
)
MULTIPLE = ("formats", "statuses")
CHECKED = ("format_required", "certified")
STATUSES = ("jobseeker", "worker", "young", "over_45", "woman", "student", "newcomer")
LEVELS = ("none", "basic", "comfortable", "professional")
COUNTS = (5, 10, 20)
MAX_FIELD = 100
# In no shared cache; in the browser's own, reused without asking only for Back and Forward.
HISTORY = {**FORM_PAGE, "Cache-Control": "private, no-cache"}


@dataclass
class SearchForm:
    """The posted values, as typed (to write them back into the form), and what is wrong."""

    values: dict[str, str] = field(default_factory=dict)
    lists: dict[str, list[str]] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, form: FormData) -> SearchForm:
        values = {name: str(form.get(name) or "") for name in SINGLE}
        for name in SINGLE:
            if name != "text":
                values[name] = values[name].strip()[:MAX_FIELD]
        lists = {name: [str(v) for v in form.getlist(name)][:10] for name in MULTIPLE}
        for name in CHECKED:
            values[name] = "1" if form.get(name) else ""
        return cls(values, lists)

    @property
    def refined(self) -> bool:
        """Whether anything beyond the text and the goal was given (the form shows it open)."""
        given = [v for k, v in self.values.items() if k not in ("text", "goal", "k") and v]
        return bool(given or any(self.lists.values()) or set(self.errors) - {"text"})

    @property
    def k(self) -> int:
        value = self.values.get("k", "")
        return int(value) if value.isdigit() and int(value) in COUNTS else COUNTS[1]


def _errors_of(exc: ValidationError, gettext: Callable[[str], str]) -> dict[str, str]:
    _ = gettext
    messages = {
        "place": _("Écrivez une commune ou un code postal, en 100 caractères au plus."),
        "radius_km": _("Le rayon doit être un nombre de kilomètres entre 1 et 300."),
        "max_hours": _("Le nombre d'heures doit être un nombre positif, par exemple 40."),
    }
    out: dict[str, str] = {}
    for error in exc.errors():
        name = str(error["loc"][0]) if error.get("loc") else "text"
        out.setdefault(name, messages.get(name, _("Choisissez dans la liste proposée.")))
    return out


def read_profile(
    form: SearchForm, guidance: GuidanceService, lang: str
) -> tuple[Profile, Filters] | None:
    """The profile and filters the form asks for; ``None`` with ``form.errors`` filled."""
    _ = translations(page_language(lang)).gettext
    v = form.values
    text = v["text"]
    if not text.strip() and not v["goal"]:
        form.errors["text"] = _("Décrivez la situation de la personne ou indiquez un métier visé.")
        return None
    given: dict[str, Any] = {k: v[k] for k in ("place", "radius_km", "max_hours") if v[k]}
    given.update({k: v[k] for k in ("digital_level", "domain_level") if v[k]})
    given.update({k: form.lists[k] for k in MULTIPLE if form.lists[k]})
    if form.lists["formats"] and v["format_required"]:
        given["format_required"] = True
    try:
        fields = ProfileIn.model_validate(given)
    except ValidationError as exc:
        form.errors.update(_errors_of(exc, _))
        fields = None
    starts_from = None
    if v["starts_from"]:
        try:
            starts_from = date.fromisoformat(v["starts_from"])
        except ValueError:
            form.errors["starts_from"] = _("Écrivez une date, par exemple 2027-01-15.")
    try:
        profile = guidance.understand(text) if text.strip() else Profile()
    except InvalidQueryError:
        limit = guidance.search.config.max_query_chars
        form.errors["text"] = _("Le texte est trop long : %(max)s caractères au plus.") % {
            "max": limit
        }
        return None
    if fields is None or form.errors:
        return None
    if v["goal"]:
        found = default_lexicon().lookup(v["goal"])
        fields.goals = [found.label if found else v["goal"]]
    try:
        profile = apply_profile(profile, fields)
    except InvalidQueryError:
        form.errors["place"] = _(
            "Commune ou code postal inconnu : écrivez par exemple Mons ou 7000."
        )
        return None
    certification: bool | str | None = v["certificate"] or (True if v["certified"] else None)
    filters = Filters(
        provider=v["provider"] or None, certification=certification, starts_from=starts_from
    )
    return profile, filters


def _page(
    request: Request,
    session: SignedIn,
    form: SearchForm,
    status_code: int = 200,
    headers: dict[str, str] = FORM_PAGE,
    **context: Any,
) -> Response:
    lists = console_of(request).shortlists.list(session.actor)
    context.setdefault("answer", None)
    return console_page(
        request,
        "console/search.html",
        session=session,
        status_code=status_code,
        headers=headers,
        active="search",
        form=form,
        shortlists=lists,
        statuses=STATUSES,
        levels=LEVELS,
        counts=COUNTS,
        today=request.state.live.freshness.today(),
        **context,
    )


@router.get("/search")
def search_form(request: Request, session: SessionDep) -> Response:
    return _page(request, session, SearchForm.read(FormData()))


@router.post("/search", dependencies=[SearchSlot])
def search(request: Request, session: CsrfDep) -> Response:
    form = SearchForm.read(posted(request))
    guidance: GuidanceService = request.state.live.guidance()
    read = read_profile(form, guidance, console_language(request))
    if read is None:
        return _page(request, session, form, status_code=422, headers=HISTORY)
    profile, filters = read
    answer = guidance.guide(profile, k=form.k, filters=filters)
    count_search(request, answer)
    return _page(request, session, form, headers=HISTORY, answer=answer, profile=profile)
