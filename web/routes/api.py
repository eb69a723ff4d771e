"""The JSON API, version 1."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException

from assistant.filters import Filters
from web.routes.deps import SearchDep, SettingsDep
from web.schemas import HitOut, ModuleOut, ScoreParts, SearchIn, SearchOut

router = APIRouter(prefix="/api/v1", tags=["search"])


@router.post("/search", response_model=SearchOut)
def search(body: SearchIn, service: SearchDep, settings: SettingsDep) -> SearchOut:
    """Rank modules for a free-text profile, among those the filters allow (applied first)."""
    f = body.filters
    filters = Filters(
        city=f.city,
        max_hours=f.max_hours,
        level=f.level,
        format=f.format,
        certification=f.certification,
    )
    result = service.search(body.text, k=body.k or settings.default_k, filters=filters)
    hits = [
        HitOut(
            rank=rank,
            score=hit.score,
            module=ModuleOut(**hit.module.to_dict()),
            scores=ScoreParts(
                lexical_rank=hit.lexical_rank,
                lexical_score=hit.lexical_score,
                semantic_rank=hit.semantic_rank,
                semantic_score=hit.semantic_score,
            ),
        )
        for rank, hit in enumerate(result.hits, 1)
    ]
    return SearchOut(
        results=hits,
        count=len(hits),
        allowed=result.total_allowed,
        filters=f.model_dump(exclude_none=True),
        index=service.index.generation.name,
    )


@router.get("/modules/{module_id}", response_model=ModuleOut)
def module(module_id: str, service: SearchDep) -> ModuleOut:
    """One module by id."""
    found = service.module(module_id)
    if found is None:
        raise HTTPException(404, f"no module with id {module_id!r}; ids come from search results")
    return ModuleOut(**found.to_dict())
