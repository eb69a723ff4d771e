"""Browsing the catalog: the list with filters, and one page per module, each with a JSON twin.

``GET /modules`` filters by level, format, place, hours and certificate (bookmarkable; no free
text in the address). Words typed in the search box are posted and answered at once, so they
never land in a URL or a log. ``/modules.json`` and ``/modules/{id}.json`` give the same data
as JSON, from the same service call. A search of the box counts against the address's chat
allowance (``public_rate_limit``): 429 with ``Retry-After`` past it.
"""

from __future__ import annotations

import math
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from assistant.errors import InvalidQueryError
from assistant.filters import Filters
from assistant.search import SearchService
from corpus.model import Module
from web.chatpage import ChatPages
from web.i18n import PageLanguage, page_language, translations
from web.problems import INVALID_ERRORS, NOT_FOUND_ERRORS
from web.render import Pages, make_href
from web.routes.deps import SearchDep, SearchSlot, posted_fields
from web.schemas import ModuleOut

router = APIRouter(tags=["catalogue"], responses=INVALID_ERRORS)
PAGE_SIZE = 25
MAX_WORDS_RESULTS = 50


class BrowseFilters:
    """The list's filters, read from a query string or a form; bad values are reported."""

    def __init__(self, values: dict[str, str]) -> None:
        self.level = values.get("level") or None
        self.format = values.get("format") or None
        self.city = (values.get("city") or "").strip()[:100] or None
        self.certification = values.get("certification") in ("1", "true", "on")
        hours = (values.get("max_hours") or "").strip().replace(",", ".")
        self.max_hours: float | None = None
        self.bad_hours = False
        if hours:
            try:
                self.max_hours = float(hours)
            except ValueError:
                self.bad_hours = True

    def query(self) -> dict[str, Any]:
        q = {
            "level": self.level,
            "format": self.format,
            "city": self.city,
            "max_hours": None if self.max_hours is None else f"{self.max_hours:g}",
            "certification": "1" if self.certification else None,
        }
        return {k: v for k, v in q.items() if v}

    def to_filters(self) -> Filters:
        if self.bad_hours:
            raise InvalidQueryError("max_hours must be a number of hours, e.g. 40")
        return Filters(
            city=self.city,
            max_hours=self.max_hours,
            level=self.level,
            format=self.format,
            certification=True if self.certification else None,
        )


def _pages(request: Request) -> Pages:
    return request.state.pages  # type: ignore[no-any-return]


def filtered(service: SearchService, filters: Filters) -> list[Module]:
    """The modules that pass ``filters``, in title order."""
    mask = service.facets.mask(filters)
    rows = range(service.index.size) if mask is None else mask.nonzero()[0]
    return sorted((service.index.modules[int(r)] for r in rows), key=lambda m: m.title.lower())


def _browse_page(
    request: Request,
    lang: PageLanguage,
    service: SearchService,
    form: BrowseFilters,
    *,
    page: int = 1,
    words: str | None = None,
) -> HTMLResponse:
    _ = translations(lang).gettext
    error = None
    modules: list[Module] = []
    try:
        filters = form.to_filters()
        if words:
            found = service.search(words, k=MAX_WORDS_RESULTS, filters=filters)
            modules = [h.module for h in found.hits]
        else:
            modules = filtered(service, filters)
    except InvalidQueryError:
        error = _(
            "Un filtre n'est pas valable : vérifiez la commune (nom ou code postal belge) et "
            "le nombre d'heures."
        )
    pages = max(1, math.ceil(len(modules) / PAGE_SIZE)) if not words else 1
    page = min(max(page, 1), pages)
    shown = modules if words else modules[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    href = make_href(lang)
    query = form.query()
    return _pages(request).response(
        request,
        "modules.html",
        lang,
        status_code=200 if error is None else 422,
        modules=shown,
        total=len(modules),
        page=page,
        pages=pages,
        page_url=lambda n: href("/modules", **query, page=n),
        json_url="/modules.json" + ("?" + urlencode(query) if query else ""),
        filters=form,
        q=words,
        error=error,
        active="modules",
    )


@router.get("/modules", response_class=HTMLResponse, include_in_schema=False)
def browse(
    request: Request, service: SearchDep, lang: str | None = None, page: int = 1
) -> HTMLResponse:
    form = BrowseFilters(dict(request.query_params))
    return _browse_page(request, page_language(lang), service, form, page=page)


@router.post("/modules", include_in_schema=False, dependencies=[SearchSlot])
def browse_search(request: Request, service: SearchDep) -> Response:
    values = posted_fields(request)
    lang = page_language(values.get("lang"))
    form = BrowseFilters(values)
    words = (values.get("q") or "").strip()[:200]
    if not words:  # filters only: the bookmarkable address
        return RedirectResponse(make_href(lang)("/modules", **form.query()), status_code=303)
    # A search of the box costs as much as a chat turn: same allowance per address.
    chat_pages: ChatPages = request.state.chat_pages
    refused = chat_pages.refused(request, lang, active="modules")
    if refused is not None:
        return refused
    return _browse_page(request, lang, service, form, words=words)


@router.get("/modules.json")
def browse_json(
    request: Request,
    service: SearchDep,
    page: Annotated[int, Query(ge=1)] = 1,
    level: str | None = None,
    format: Annotated[str | None, Query(alias="format")] = None,  # noqa: A002
    city: str | None = None,
    max_hours: Annotated[float | None, Query(gt=0)] = None,
    certification: bool = False,
) -> dict[str, Any]:
    """The catalog list as JSON, with the same filters as ``/modules``, 25 a page."""
    filters = Filters(
        city=city,
        max_hours=max_hours,
        level=level,
        format=format,
        certification=True if certification else None,
    )
    modules = filtered(service, filters)
    pages = max(1, math.ceil(len(modules) / PAGE_SIZE))
    chunk = modules[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    return {
        "total": len(modules),
        "page": page,
        "pages": pages,
        "modules": [ModuleOut(**m.to_dict()).model_dump() for m in chunk],
    }


@router.get("/modules/{module_id}.json", response_model=ModuleOut, responses=NOT_FOUND_ERRORS)
def module_json(module_id: str, service: SearchDep) -> ModuleOut:
    """One module as JSON (the twin of its page)."""
    found = service.module(module_id)
    if found is None:
        raise HTTPException(404, f"no module with id {module_id!r}")
    return ModuleOut(**found.to_dict())


@router.get("/modules/{module_id}", response_class=HTMLResponse, include_in_schema=False)
def module_page(
    request: Request, module_id: str, service: SearchDep, lang: str | None = None
) -> HTMLResponse:
    language = page_language(lang)
    found = service.module(module_id)
    if found is None:
        _ = translations(language).gettext
        return _pages(request).response(
            request,
            "error.html",
            language,
            status_code=404,
            title=_("Formation introuvable"),
            message=_(
                "Cette formation n'est pas (ou plus) au catalogue. Cherchez-en une autre dans le "
                "catalogue."
            ),
            bare=False,
            active="modules",
        )
    return _pages(request).response(
        request, "module.html", language, module=found, active="modules"
    )
