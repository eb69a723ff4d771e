"""Liveness and readiness of the service."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from assistant.health import problems
from assistant.search import SearchService
from web.routes.deps import SettingsDep
from web.schemas import Health, Unhealthy

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

router = APIRouter(tags=["health"])

# Its own thread slot: a readiness check never queues behind searches in the shared pool.
_CHECKS = anyio.CapacityLimiter(1)


class Readiness:
    """The readiness checks (database round trip, index folder), run at most once per
    ``max_age`` seconds: probes in between get the last result on the event loop, without a
    trip through a worker thread (which, while searches hold the interpreter lock, costs
    several lock hand-overs). One check at a time; probes arriving meanwhile share it."""

    def __init__(self, max_age: float = 1.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.max_age = max_age
        self.checks = 0  # how many times the checks ran
        self._clock = clock
        self._lock = asyncio.Lock()
        self._last: tuple[tuple[object, ...], float, list[str]] | None = None

    async def problems(self, engine: Engine | None, index_dir: Path, generation: Path) -> list[str]:
        """What makes the service unready now (or ``max_age`` ago at most); empty: ready."""
        key = (engine, str(index_dir), str(generation))  # a new generation is checked at once
        async with self._lock:
            last = self._last
            if last is not None and last[0] == key and self._clock() - last[1] < self.max_age:
                return last[2]
            reasons = await anyio.to_thread.run_sync(
                problems, engine, index_dir, generation, limiter=_CHECKS
            )
            self.checks += 1
            self._last = (key, self._clock(), reasons)
            return reasons


@router.get(
    "/healthz",
    response_model=Health,
    responses={503: {"model": Unhealthy, "description": "The database or the index is unusable."}},
)
async def healthz(request: Request, settings: SettingsDep) -> Any:
    """Ready: an index generation is loaded and on disk, and the database answers (checked
    at most once a second).

    The handler stays on the event loop; only the checks (a ``SELECT 1``, the index folder)
    run in a thread slot of their own, so it answers at once however busy the search threads
    are.
    """
    search: SearchService = request.state.live.current()
    index = search.index
    console = getattr(request.state, "console", None)
    engine = getattr(console, "engine", None)
    readiness: Readiness = request.state.readiness
    reasons = await readiness.problems(engine, settings.index_dir, index.generation.path)
    if reasons:
        return JSONResponse(Unhealthy(reasons=reasons).model_dump(), status_code=503)
    return Health(
        status="ok", generation=index.generation.name, encoder=index.encoder.id, modules=index.size
    )
