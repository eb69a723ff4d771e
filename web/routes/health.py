"""Liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter, Request

from assistant.search import SearchService
from web.schemas import Health

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health)
async def healthz(request: Request) -> Health:
    """Ready: an index generation is loaded and answering.

    On the event loop itself, with no thread to wait for: it reads a few attributes, so it
    answers at once however busy the search threads are.
    """
    search: SearchService = request.state.live.current()
    index = search.index
    return Health(
        status="ok", generation=index.generation.name, encoder=index.encoder.id, modules=index.size
    )
