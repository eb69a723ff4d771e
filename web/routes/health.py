"""Liveness and readiness."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from assistant.health import problems
from web.routes.deps import SearchDep, SettingsDep
from web.schemas import Health, Unhealthy

router = APIRouter(tags=["health"])


@router.get(
    "/healthz",
    response_model=Health,
    responses={503: {"model": Unhealthy, "description": "The database or the index is unusable."}},
)
def healthz(request: Request, search: SearchDep, settings: SettingsDep) -> Any:
    """Ready: an index generation is loaded and on disk, and the database answers."""
    index = search.index
    console = getattr(request.state, "console", None)
    engine = getattr(console, "engine", None)
    reasons = problems(engine, settings.index_dir, index.generation.path)
    if reasons:
        return JSONResponse(Unhealthy(reasons=reasons).model_dump(), status_code=503)
    return Health(
        status="ok", generation=index.generation.name, encoder=index.encoder.id, modules=index.size
    )
