"""The JSON API, version 1."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request

from assistant.errors import InvalidQueryError
from assistant.filters import Filters
from assistant.guidance import Match, Pathway
from assistant.search import SearchService
from assistant.understanding import PlaceRef, Profile
from corpus.places import default_gazetteer
from web.partner_api import partner_for
from web.problems import BODY_ERRORS, BUSY_ERRORS, INVALID_ERRORS, NOT_FOUND_ERRORS, PARTNER_ERRORS
from web.routes.deps import (
    FreshnessDep,
    GuidanceDep,
    SearchDep,
    SearchSlot,
    SettingsDep,
    count_search,
)
from web.schemas import (
    CheckOut,
    HitOut,
    ModuleOut,
    NearMissOut,
    PathwayIn,
    PathwayOut,
    PathwayResultOut,
    ProfileIn,
    ReasonOut,
    RelaxationOut,
    ScoreParts,
    SearchIn,
    SearchOut,
)

router = APIRouter(
    prefix="/api/v1",
    tags=["search"],
    responses={**INVALID_ERRORS, **PARTNER_ERRORS, **BUSY_ERRORS},
)
# The gate first: a request refused for lack of a slot costs no key lookup.
PARTNER = Depends(partner_for)


@router.post(
    "/search", responses=BODY_ERRORS, response_model=SearchOut, dependencies=[SearchSlot, PARTNER]
)
def search(
    body: SearchIn,
    guidance: GuidanceDep,
    settings: SettingsDep,
    freshness: FreshnessDep,
    request: Request,
) -> SearchOut:
    """Rank modules for a free-text profile.

    The text goes through profile understanding (place, time, level, goal...), whose hard
    constraints apply before ranking, as do the explicit ``filters``.
    """
    f = body.filters
    k = body.k or settings.default_k
    if k > settings.max_k:
        raise InvalidQueryError(f"k: at most {settings.max_k} modules may be asked for, not {k}")
    if f.city is not None and not known_place(f.city, guidance.search):
        raise InvalidQueryError(unknown_place("filters.city", f.city))
    filters = Filters(
        city=f.city,
        max_hours=f.max_hours,
        level=f.level,
        format=f.format,
        certification=f.certification,
        provider=f.provider,
        starts_from=f.starts_from,
    )
    profile = guidance.understand(body.text)
    if body.profile is not None:
        profile = apply_profile(profile, body.profile)
    answer = guidance.guide(profile, k=k, filters=filters, hide_before=freshness.cutoff())
    count_search(request, answer)
    hits = [hit_out(rank, m) for rank, m in enumerate(answer.matches, 1)]
    pathway = pathway_out(answer.pathway)
    return SearchOut(
        results=hits,
        count=len(hits),
        allowed=answer.allowed,
        profile=public_profile(profile),
        filters=f.model_dump(mode="json", exclude_none=True),
        relaxations=[
            RelaxationOut(kind=r.kind, from_km=r.from_km, to_km=r.to_km) for r in answer.relaxations
        ],
        near_misses=[
            NearMissOut(
                module_id=n.module.id,
                title=n.module.title,
                why_not=list(n.why_not),
                distance_km=n.distance_km,
            )
            for n in answer.near_misses
        ],
        pathway=pathway,
        index=guidance.search.index.generation.name,
    )


@router.post(
    "/pathway",
    responses=BODY_ERRORS,
    response_model=PathwayResultOut,
    dependencies=[SearchSlot, PARTNER],
)
def pathway(
    body: PathwayIn, guidance: GuidanceDep, freshness: FreshnessDep, request: Request
) -> PathwayResultOut:
    """The path from where the person is to their goal: modules in order, basics first.

    ``text`` is read as in ``/search``; ``profile`` fields (a goal occupation, a level, a
    place...) override what was read. ``pathway`` is ``null`` when no module leads further
    than one step: ``matches`` then holds the best modules.
    """
    profile = guidance.understand(body.text)
    if body.profile is not None:
        profile = apply_profile(profile, body.profile)
    answer = guidance.guide(profile, k=5, hide_before=freshness.cutoff())
    count_search(request, answer)
    return PathwayResultOut(
        profile=public_profile(profile),
        pathway=pathway_out(answer.pathway),
        matches=[hit_out(rank, m) for rank, m in enumerate(answer.matches, 1)],
        relaxations=[
            RelaxationOut(kind=r.kind, from_km=r.from_km, to_km=r.to_km) for r in answer.relaxations
        ],
    )


def pathway_out(found: Pathway | None) -> PathwayOut | None:
    if found is None or not found.steps:
        return None
    return PathwayOut(
        goal=found.goal,
        total_hours=found.total_hours,
        steps=[hit_out(i, s.match) for i, s in enumerate(found.steps, 1)],
        weeks=found.weeks,
        notes=list(found.notes),
    )


def apply_profile(profile: Profile, given: ProfileIn) -> Profile:
    """``profile`` with the fields set explicitly in ``given``.

    Raises:
        InvalidQueryError: the place is not a Belgian town or postal code.
    """
    changes: dict[str, Any] = {}
    for name, value in given.model_dump(exclude_none=True).items():
        if name == "place":
            found = default_gazetteer().resolve(value)
            if found is None:
                raise InvalidQueryError(unknown_place("profile.place", value))
            changes["place"] = PlaceRef(
                found.name,
                found.postal_code,
                found.municipality,
                found.province,
                found.region,
                found.lat,
                found.lon,
            )
        elif name in ("formats", "statuses"):
            changes[name] = frozenset(value)
        elif name == "goals":
            changes[name] = tuple(value)
        else:
            changes[name] = value
    return profile.with_changes(**changes)


def unknown_place(field: str, value: str) -> str:
    """The one message for a place neither the gazetteer nor the catalog knows."""
    return f"{field}: {value!r} is not a Belgian town or postal code we know"


def known_place(value: str, search: SearchService) -> bool:
    """A town or postal code of the gazetteer, or one the catalog names (a foreign town)."""
    return default_gazetteer().resolve(value) is not None or search.facets.names_place(value)


def public_profile(profile: Profile) -> dict[str, Any]:
    """The structured profile, without the person's own words (``topic``, ``evidence``)."""
    data = profile.as_dict()
    data.pop("evidence", None)
    data.pop("topic", None)
    return data


def hit_out(rank: int, m: Match) -> HitOut:
    return HitOut(
        rank=rank,
        score=m.score,
        distance_km=m.distance_km,
        module=ModuleOut(**m.module.to_dict()),
        scores=ScoreParts(
            lexical_rank=None,
            lexical_score=m.scores.get("lexical"),
            semantic_rank=None,
            semantic_score=m.scores.get("semantic"),
        ),
        reasons=[ReasonOut(need=r.need, evidence=r.evidence) for r in m.reasons],
        checks=[CheckOut(name=c.name, ok=c.ok, value=c.value) for c in m.checks],
    )


@router.get(
    "/modules/{module_id}",
    response_model=ModuleOut,
    dependencies=[PARTNER],
    responses=NOT_FOUND_ERRORS,
)
def module(module_id: str, service: SearchDep) -> ModuleOut:
    """One module by id."""
    found = service.module(module_id)
    if found is None:
        raise HTTPException(404, f"no module with id {module_id!r}; ids come from search results")
    return ModuleOut(**found.to_dict())
