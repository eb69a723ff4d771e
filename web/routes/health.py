"""Liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter

from web.routes.deps import SearchDep
from web.schemas import Health

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health)
def healthz(search: SearchDep) -> Health:
    """Ready: an index generation is loaded and answering."""
    index = search.index
    return Health(
        status="ok", generation=index.generation.name, encoder=index.encoder.id, modules=index.size
    )
