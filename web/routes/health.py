"""Liveness and readiness of the service."""

from __future__ import annotations

from typing import Any

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from assistant.health import problems
from assistant.search import SearchService
from web.routes.deps import SettingsDep
from web.schemas import Health, Unhealthy

router = APIRouter(tags=["health"])

# Its own thread slot: a readiness check never queues behind searches in the shared pool.
_CHECKS = anyio.CapacityLimiter(1)


@router.get(
    "/healthz",
    response_model=Health,
    responses={503: {"model": Unhealthy, "description": "The database or the index is unusable."}},
)
async def healthz(request: Request, settings: SettingsDep) -> Any:
    """Ready: an index generation is loaded and on disk, and the database answers.

    The handler stays on the event loop; only the database round trip (a ``SELECT 1``) and
    the index folder's checks run in a thread slot of their own, so it answers at once however
    busy the search threads are.
    """
    search: SearchService = request.state.live.current()
    index = search.index
    console = getattr(request.state, "console", None)
    engine = getattr(console, "engine", None)
    reasons = await anyio.to_thread.run_sync(
        problems, engine, settings.index_dir, index.generation.path, limiter=_CHECKS
    )
    if reasons:
        return JSONResponse(Unhealthy(reasons=reasons).model_dump(), status_code=503)
    return Health(
        status="ok", generation=index.generation.name, encoder=index.encoder.id, modules=index.size
    )
