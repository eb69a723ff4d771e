"""The application factory.

``create_app(settings=None, *, services=None)`` builds the FastAPI app; its lifespan opens the
search service once (unless one is handed in) and hands it to handlers through
``request.state``. ``boussole serve`` runs uvicorn in factory mode on it.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from assistant.conversations import MemoryStore
from assistant.dialogue import Dialogue
from assistant.errors import AssistantError, InvalidQueryError
from assistant.search import SearchService
from assistant.services import LiveGuide, LiveService, open_service
from assistant.settings import Settings
from web.limits import BodyLimitMiddleware
from web.routes import api, chat, health

logger = logging.getLogger(__name__)


def create_app(
    settings: Settings | None = None, *, services: SearchService | LiveService | None = None
) -> FastAPI:
    """Build the app.

    Args:
        settings: defaults to ``Settings()`` (environment variables ``BOUSSOLE_*``).
        services: a ready search service (tests); otherwise opened from ``settings``.
    """
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[dict[str, Any]]:
        live = services
        if live is None:
            live = LiveService(settings, open_service(settings))
        elif isinstance(live, SearchService):
            live = LiveService(settings, live, check_seconds=float("inf"))
        logger.info("serving index generation %s", live.current().index.generation.name)
        dialogue = Dialogue(
            LiveGuide(live),
            MemoryStore(ttl_seconds=settings.conversation_ttl_seconds),
            live.guidance().parser.parse,
        )
        yield {"live": live, "settings": settings, "dialogue": dialogue}

    app = FastAPI(
        title="Boussole",
        summary="Match a jobseeker's own words to Belgian training modules.",
        version="1.0",
        lifespan=lifespan,
    )
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.include_router(health.router)
    app.include_router(api.router)
    app.include_router(chat.router)
    _handle_errors(app)
    return app


def _handle_errors(app: FastAPI) -> None:
    @app.exception_handler(InvalidQueryError)
    async def invalid_query(request: Request, exc: InvalidQueryError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=422)

    @app.exception_handler(AssistantError)
    async def assistant_error(request: Request, exc: AssistantError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.exception_handler(RequestValidationError)
    async def validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        # Say which field is wrong and why, never echo the submitted values back.
        errors = [
            {
                "field": ".".join(str(p) for p in e.get("loc", ()) if p != "body"),
                "problem": e.get("msg", "invalid"),
            }
            for e in exc.errors()
        ]
        return JSONResponse({"detail": "invalid request", "errors": errors}, status_code=422)
