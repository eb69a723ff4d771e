"""Browsing the catalog: the list with filters, and one page per module, each with a JSON twin.

``GET /modules`` filters by level, format, place and radius, hours and certificate, in an
order, a page at a time (bookmarkable; no free text in the address). Words typed in the
search box are posted and answered at once, so they never land in a URL or a log; their
pages are buttons of the same form, posted again (the words stay in the body). The listing
itself (place by distance, the relevance gate on the words, the orders) is
:mod:`assistant.catalogue`. ``/modules.json`` and ``/modules/{id}.json`` give the same data as
JSON, from the same service call. A search of the box counts against the address's chat
allowance (``public_rate_limit``): 429 with ``Retry-After`` past it.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from assistant.catalogue import (
    DEFAULT_RADIUS_KM,
    RADII_KM,
    SORTS,
    Browse,
    BrowseQuery,
    Catalogue,
    Sort,
)
from assistant.errors import InvalidQueryError
from assistant.filters import Filters
from corpus.contact import provider_contact
from corpus.freshness import Freshness
from corpus.places import default_gazetteer
from corpus.places.outline import belgium_outline
from web.chatpage import ChatPages
from web.i18n import PageLanguage, page_language, translations
from web.jsonld import MEDIA_TYPE, CatalogDocument, module_script
from web.problems import INVALID_ERRORS, NOT_FOUND_ERRORS
from web.public_url import public_base
from web.render import Pages, make_href
from web.routes.deps import FreshnessDep, GuidanceDep, SearchDep, SearchSlot, posted_fields
from web.schemas import ModuleOut

router = APIRouter(tags=["catalogue"], responses=INVALID_ERRORS)
PAGE_SIZE = 25


class BrowseFilters:
    """The list's filters and order, read from a query string or a form; bad values are
    reported when :meth:`to_query` is called."""

    def __init__(self, values: dict[str, str]) -> None:
        self.level = values.get("level") or None
        self.format = values.get("format") or None
        self.city = (values.get("city") or "").strip()[:100] or None
        self.certification = values.get("certification") in ("1", "true", "on")
        self.max_hours, self.bad_hours = _number(values.get("max_hours"))
        radius, self.bad_radius = _number(values.get("radius_km"))
        self.radius_km = int(radius) if radius else DEFAULT_RADIUS_KM
        sort = values.get("sort") or None
        self.sort: Sort | None = next((s for s in SORTS if s == sort), None)
        self.bad_sort = sort is not None and self.sort is None

    def query(self) -> dict[str, Any]:
        """The filters as query parameters (those left at their default omitted)."""
        q = {
            "level": self.level,
            "format": self.format,
            "city": self.city,
            "radius_km": self.radius_km
            if self.city and self.radius_km != DEFAULT_RADIUS_KM
            else None,
            "max_hours": None if self.max_hours is None else f"{self.max_hours:g}",
            "certification": "1" if self.certification else None,
            "sort": self.sort,
        }
        return {k: v for k, v in q.items() if v}

    def to_query(self, words: str | None = None, hide_before: date | None = None) -> BrowseQuery:
        if self.bad_hours:
            raise InvalidQueryError("max_hours must be a number of hours, e.g. 40")
        if self.bad_radius or self.bad_sort:
            raise InvalidQueryError("radius_km or sort is not one of the choices offered")
        filters = Filters(
            city=self.city,
            max_hours=self.max_hours,
            level=self.level,
            format=self.format,
            certification=True if self.certification else None,
        )
        return BrowseQuery(filters, self.radius_km, words or None, self.sort, hide_before)


def _number(value: str | None) -> tuple[float | None, bool]:
    """``value`` as a number (a comma allowed), and whether it was given but not a number."""
    text = (value or "").strip().replace(",", ".")
    if not text:
        return None, False
    try:
        number = float(text)
    except ValueError:
        return None, True
    return (number, False) if math.isfinite(number) else (None, True)


def page_numbers(page: int, pages: int) -> list[int | None]:
    """The page links to show: the first, the last, and two either side of ``page``; ``None``
    where pages are left out."""
    shown = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
    out: list[int | None] = []
    for n in shown:
        if out and n - (out[-1] or 0) > 1:
            out.append(None)
        out.append(n)
    return out


def _pages(request: Request) -> Pages:
    return request.state.pages  # type: ignore[no-any-return]


def _browse_page(
    request: Request,
    lang: PageLanguage,
    catalogue: Catalogue,
    form: BrowseFilters,
    freshness: Freshness,
    *,
    page: int = 1,
    words: str | None = None,
) -> HTMLResponse:
    _ = translations(lang).gettext
    error = None
    found = Browse((), "title")
    today = freshness.today()
    try:
        found = catalogue.browse(form.to_query(words, freshness.cutoff()), today)
    except InvalidQueryError:
        error = _(
            "Un filtre n'est pas valable : vérifiez la commune (nom ou code postal belge), le "
            "nombre d'heures et les choix des listes."
        )
    pages = max(1, math.ceil(len(found.listed) / PAGE_SIZE))
    page = min(max(page, 1), pages)
    href = make_href(lang)
    query = form.query()
    return _pages(request).response(
        request,
        "modules.html",
        lang,
        status_code=200 if error is None else 422,
        found=found,
        listed=found.listed[(page - 1) * PAGE_SIZE : page * PAGE_SIZE],
        total=len(found.listed),
        first=(page - 1) * PAGE_SIZE + 1,
        page=page,
        pages=pages,
        page_numbers=page_numbers(page, pages),
        page_url=lambda n: href("/modules", **query, page=n if n > 1 else None),
        json_url="/modules.json" + ("?" + urlencode(query) if query else ""),
        filters=form,
        radii=RADII_KM,
        today=today,
        q=words,
        error=error,
        active="modules",
    )


@router.get("/modules", response_class=HTMLResponse, include_in_schema=False)
def browse(
    request: Request,
    guidance: GuidanceDep,
    freshness: FreshnessDep,
    lang: str | None = None,
    page: int = 1,
) -> HTMLResponse:
    form = BrowseFilters(dict(request.query_params))
    catalogue = Catalogue(guidance)
    return _browse_page(request, page_language(lang), catalogue, form, freshness, page=page)


@router.post("/modules", include_in_schema=False, dependencies=[SearchSlot])
def browse_search(request: Request, guidance: GuidanceDep, freshness: FreshnessDep) -> Response:
    values = posted_fields(request)
    lang = page_language(values.get("lang"))
    form = BrowseFilters(values)
    page, _bad = _number(values.get("page"))
    words = (values.get("q") or "").strip()[:200]
    if not words:  # filters only: the bookmarkable address
        where = make_href(lang)("/modules", **form.query(), page=int(page) if page else None)
        return RedirectResponse(where, status_code=303)
    # A search of the box costs as much as a chat turn: same allowance per address.
    chat_pages: ChatPages = request.state.chat_pages
    refused = chat_pages.refused(request, lang, active="modules")
    if refused is not None:
        return refused
    catalogue = Catalogue(guidance)
    return _browse_page(request, lang, catalogue, form, freshness, page=int(page or 1), words=words)


@router.get("/modules.json")
def browse_json(
    guidance: GuidanceDep,
    freshness: FreshnessDep,
    page: Annotated[int, Query(ge=1)] = 1,
    level: str | None = None,
    format: Annotated[str | None, Query(alias="format")] = None,  # noqa: A002
    city: str | None = None,
    radius_km: Annotated[int, Query(ge=1, le=200)] = DEFAULT_RADIUS_KM,
    max_hours: Annotated[float | None, Query(gt=0)] = None,
    certification: bool = False,
    sort: Sort | None = None,
) -> dict[str, Any]:
    """The catalog list as JSON, with the same filters and orders as ``/modules``, 25 a page
    (``relevance`` is the title order here: words are searched with ``POST /api/v1/search``).

    ``city`` keeps the modules within ``radius_km`` of it, and the distance courses; each
    module then has its ``distance_km`` (``null`` for a distance course).
    """
    filters = Filters(
        city=city,
        max_hours=max_hours,
        level=level,
        format=format,
        certification=True if certification else None,
    )
    query = BrowseQuery(filters, radius_km, None, sort, freshness.cutoff())
    found = Catalogue(guidance).browse(query, freshness.today())
    pages = max(1, math.ceil(len(found.listed) / PAGE_SIZE))
    chunk = found.listed[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    return {
        "total": len(found.listed),
        "page": page,
        "pages": pages,
        "sort": found.sort,
        "place": found.place,
        "modules": [
            {**ModuleOut(**x.module.to_dict()).model_dump(), "distance_km": x.distance_km}
            if found.place
            else ModuleOut(**x.module.to_dict()).model_dump()
            for x in chunk
        ],
    }


@router.get(
    "/modules.jsonld",
    response_class=Response,
    responses={200: {"content": {MEDIA_TYPE: {}}, "description": "schema.org ItemList"}},
)
def catalog_jsonld(request: Request, service: SearchDep, freshness: FreshnessDep) -> Response:
    """The whole catalog as schema.org JSON-LD: an ``ItemList`` of ``Course`` s, each with its
    ``CourseInstance`` s (the modules the catalogue lists: past ones left out when
    ``hide_past_modules`` is set)."""
    document: CatalogDocument = request.state.jsonld
    body = document.body(public_base(request), service, freshness)
    return Response(body, media_type=MEDIA_TYPE)


@router.get("/modules/{module_id}.json", response_model=ModuleOut, responses=NOT_FOUND_ERRORS)
def module_json(module_id: str, service: SearchDep) -> ModuleOut:
    """One module as JSON (the twin of its page)."""
    found = service.module(module_id)
    if found is None:
        raise HTTPException(404, f"no module with id {module_id!r}")
    return ModuleOut(**found.to_dict())


@router.get("/modules/{module_id}", response_class=HTMLResponse, include_in_schema=False)
def module_page(
    request: Request,
    module_id: str,
    service: SearchDep,
    freshness: FreshnessDep,
    lang: str | None = None,
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
    row = service.rows[found.id]
    lat, lon = (float(v) for v in service.facets.coords[row])
    remote = bool(service.facets.distance_learning[row])
    outline = belgium_outline()
    placed = not (remote or math.isnan(lat) or math.isnan(lon))
    gazetteer = default_gazetteer()
    capital = gazetteer.by_postal_code("1000")[0]  # Brussels: a landmark to read the map by
    return _pages(request).response(
        request,
        "module.html",
        language,
        module=found,
        stale=freshness.stale(found),
        jsonld=module_script(request, service, found),
        contact=provider_contact(found),
        outline=outline,
        marker=outline.point(lat, lon) if placed else None,
        landmark=(gazetteer.name_in(capital, language), outline.point(capital.lat, capital.lon)),
        active="modules",
    )
