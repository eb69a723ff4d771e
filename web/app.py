"""The application factory.

``create_app(settings=None, *, services=None)`` builds the FastAPI app; its lifespan opens the
search service once (unless one is handed in) and hands it, the dialogue, the page renderer,
the partner store, the rate limiter and the search gate to handlers through ``request.state``.
``boussole serve`` runs uvicorn in factory mode on it, in one or several worker processes.

Conversations, transcripts and rate limits live in this process's memory, or in Redis when
``redis_url`` is set (then every worker and replica shares them). Searches run in worker threads
behind a :class:`~web.capacity.SearchGate`; past it, 503 with ``Retry-After``.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import fastapi_offline
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.requests import ClientDisconnect

from assistant.console import Console, open_console
from assistant.db.engine import DatabaseError, DatabaseGoneError
from assistant.dialogue import (
    ConversationStore,
    Dialogue,
    ForeignConversationError,
    MemoryStore,
    default_text,
)
from assistant.errors import AssistantError, InvalidQueryError
from assistant.partners import PartnerStore
from assistant.ratelimit import Limiter, RateLimiter
from assistant.search import SearchService
from assistant.services import LiveGuide, LiveService, open_service
from assistant.settings import Settings
from assistant.state import (
    RedisKeyValue,
    Sealed,
    SharedConversations,
    SharedRateLimiter,
    SharedSignInThrottle,
    StateError,
    limits_storage,
    open_redis,
)
from assistant.understanding import load_word_lists
from web.capacity import SWITCH_INTERVAL, OverloadedError, SearchGate
from web.chatpage import ChatPages
from web.console import admin, admin_catalog, admin_partners, admin_users, session_routes
from web.console import pdf as console_exports
from web.console import search as console_search
from web.console import share as console_share
from web.console import shortlist_add as console_add
from web.console import shortlist_routes as console_shortlists
from web.console.admin_catalog import UPLOAD_BODY_BYTES, UPLOAD_PATH, remove_stale_uploads
from web.console.auth import Forbidden, LoginRequired, current
from web.console.pages import console_language, console_page
from web.i18n import translations
from web.jsonld import CatalogDocument
from web.limits import BodyLimitMiddleware
from web.partner_api import PreflightMiddleware
from web.render import Pages
from web.routes import api, catalogue, chat, embed, health, pages
from web.routes.health import Readiness
from web.security import SecurityHeadersMiddleware
from web.slow_clients import BodyDeadlineMiddleware
from web.transcripts import SharedTranscripts, Transcripts, TranscriptStore

logger = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"
# Swagger UI 5 (it reads OpenAPI 3.1), shipped inside the fastapi-offline package: no CDN.
SWAGGER = Path(fastapi_offline.__file__).parent / "static"

API_DESCRIPTION = """\
Match a jobseeker's own words to Belgian training modules.

Partners call `/api/v1` with their **secret key** (`Authorization: Bearer sk_...`, given by
`boussole partners add`). Each key has a rate limit (429 with `Retry-After` past it); browsers
may call only from the partner's registered origins. `GET /healthz` and the catalogue's JSON
twins (`/modules.json`, `/modules/{id}.json`) need no key.
"""


def create_app(
    settings: Settings | None = None,
    *,
    services: SearchService | LiveService | None = None,
    partners: PartnerStore | None = None,
    console: Console | None = None,
) -> FastAPI:
    """Build the app.

    Args:
        settings: defaults to ``Settings()`` (environment variables ``BOUSSOLE_*``).
        services: a ready search service (tests); otherwise opened from ``settings``.
        partners: the partner accounts; by default those in the console's database.
        console: the console's database and services; by default opened from ``settings``.
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
        remove_stale_uploads(Path(settings.index_dir))
        # The loop waits at most this long for the interpreter lock a search thread holds.
        sys.setswitchinterval(SWITCH_INTERVAL)
        renderer = Pages()
        await asyncio.to_thread(_warm_up, live)  # seconds of work, off the loop
        # Every page and dialogue template, compiled beside the first requests rather than in
        # them (10 % of a worker's time under chat load went to compiling them one by one) and
        # not before serving (about 10 s of CPU on a busy machine would delay start-up).
        threading.Thread(target=_compile_templates, args=(renderer,), daemon=True).start()
        opened = console or open_console(settings)
        store, transcripts, limiter = _shared_state(settings, opened)
        dialogue = Dialogue(LiveGuide(live), store, live.guidance().parser.parse)
        chat_pages = ChatPages(
            renderer, dialogue, store, transcripts, limiter, settings.public_rate_limit
        )
        # One search at a time per process by default: its Python part (understanding,
        # guidance, BM25) holds the GIL, so a second thread mostly waits and starves the event
        # loop; cores are used by running one worker per core (measured: bench/bench_load.py).
        slots = settings.search_slots or 1
        gate = SearchGate(slots, settings.search_queue, settings.search_wait_seconds)
        yield {
            "gate": gate,
            "readiness": Readiness(),
            "live": live,
            "settings": settings,
            "dialogue": dialogue,
            "pages": renderer,
            "chat_pages": chat_pages,
            "limiter": limiter,
            "partners": partners or opened.partners,
            "console": opened,
            "jsonld": CatalogDocument(),
        }
        if console is None:
            opened.close()

    app = FastAPI(
        title="Boussole",
        summary="Match a jobseeker's own words to Belgian training modules.",
        description=API_DESCRIPTION,
        version="1.0",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.add_middleware(PreflightMiddleware)
    app.add_middleware(
        BodyLimitMiddleware,
        max_bytes=settings.max_body_bytes,
        larger={UPLOAD_PATH: UPLOAD_BODY_BYTES},
    )
    app.add_middleware(BodyDeadlineMiddleware, seconds=settings.body_timeout_seconds)
    app.add_middleware(SecurityHeadersMiddleware)
    app.mount("/static/swagger", StaticFiles(directory=SWAGGER))
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for module in (health, api, chat, pages, catalogue, embed, session_routes):
        app.include_router(module.router)
    for admin_module in (admin, admin_users, admin_partners, admin_catalog):
        app.include_router(admin_module.router)
    # The exports first: "/shortlists/{id}.pdf" is not a shortlist id.
    for console_module in (
        console_search,
        console_exports,
        console_add,
        console_shortlists,
        console_share,
    ):
        app.include_router(console_module.router)
    _docs(app)
    _handle_errors(app)
    return app


def _warm_up(live: LiveService) -> None:
    """One search before the first request: the model, the parser, the gazetteer and the
    speller's word lists of every language load now, not in some person's first search
    (seconds, with every slot waiting behind it)."""
    load_word_lists()
    guidance = live.guidance()
    guidance.guide(guidance.understand("formation en informatique à Namur"), k=1)


def _compile_templates(pages: Pages) -> None:
    try:
        pages.compile_all()
        default_text().compile_all()
    except Exception:  # a broken template still fails where it is rendered, with its request
        logger.exception("compiling the templates ahead of use failed")


def _shared_state(
    settings: Settings, console: Console
) -> tuple[ConversationStore, TranscriptStore, Limiter]:
    """Conversations, transcripts and rate limits: in Redis when ``redis_url`` is set (every
    worker and replica then shares them, sealed with the server's secret key), else in memory."""
    ttl = settings.conversation_ttl_seconds
    if not settings.redis_url:
        half = settings.state_memory_bytes // 2  # one budget for conversations and turns
        return (
            MemoryStore(ttl_seconds=ttl, max_bytes=half),
            Transcripts(ttl, max_bytes=half),
            RateLimiter(),
        )
    kv = RedisKeyValue(open_redis(settings.redis_url))
    storage = limits_storage(settings.redis_url)
    console.throttle = SharedSignInThrottle(storage, settings.signin_attempts)
    return (
        SharedConversations(kv, Sealed(console.secret, "conversation"), ttl),
        SharedTranscripts(kv, Sealed(console.secret, "transcript"), ttl),
        SharedRateLimiter(storage),
    )


def _docs(app: FastAPI) -> None:
    """The API's interactive documentation, with Swagger UI served by the app (no CDN)."""

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(
            "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            "<title>Boussole API</title>"
            "<link rel='stylesheet' href='/static/swagger/swagger-ui.css'></head>"
            "<body><main id='swagger-ui'></main>"
            "<script src='/static/swagger/swagger-ui-bundle.js'></script>"
            "<script src='/static/docs.js'></script></body></html>"
        )


def _handle_errors(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired) -> RedirectResponse:
        return RedirectResponse(
            "/console/login?" + urlencode({"next": exc.next_path}), status_code=303
        )

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, exc: Forbidden) -> HTMLResponse:
        gettext = translations(console_language(request)).gettext
        return console_page(
            request,
            "console/message.html",
            session=current(request),
            status_code=403,
            title=gettext("Accès refusé"),
            message=gettext(exc.message),
        )

    @app.exception_handler(ClientDisconnect)
    async def client_gone(request: Request, exc: ClientDisconnect) -> Response:
        # The client left while sending its body: nobody reads the answer, nothing to log
        # beyond one debug line (an error per request would let anyone flood the logs).
        logger.debug("client disconnected before its request body was read")
        return Response(status_code=400)

    @app.exception_handler(OverloadedError)
    async def overloaded(request: Request, exc: OverloadedError) -> Response:
        return _unavailable(request, exc.retry_after)

    @app.exception_handler(StateError)
    async def state_error(request: Request, exc: StateError) -> Response:
        logger.error("shared state unavailable: %s", exc)
        return _unavailable(request, 5)

    @app.exception_handler(InvalidQueryError)
    async def invalid_query(request: Request, exc: InvalidQueryError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=422)

    @app.exception_handler(DatabaseError)
    async def database_error(request: Request, exc: DatabaseError) -> JSONResponse:
        logger.error("database unusable: %s", exc)
        gone = isinstance(exc, DatabaseGoneError)  # the message names a server path: not shown
        what = "its file was deleted or replaced while the server was running" if gone else ""
        detail = f"the database is unusable{': ' + what if what else ''}; nothing was written"
        return JSONResponse({"detail": detail + ": restart the server"}, status_code=503)

    @app.exception_handler(ForeignConversationError)
    async def foreign_conversation(request: Request, exc: ForeignConversationError) -> Response:
        return JSONResponse({"detail": str(exc)}, status_code=404)

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


def _unavailable(request: Request, retry_after: int) -> Response:
    """503 at once: JSON for the API and the JSON twins, a short French page otherwise."""
    headers = {"Retry-After": str(retry_after), "Cache-Control": "no-store"}
    path = request.url.path
    if path.startswith("/api/") or path.endswith(".json"):
        detail = f"too many requests at once: retry in {retry_after} s"
        return JSONResponse({"detail": detail}, status_code=503, headers=headers)
    message = (
        "Beaucoup de personnes utilisent Boussole en ce moment. Réessayez dans quelques secondes."
    )
    if request.headers.get("x-boussole-fragment") == "1":
        return HTMLResponse(message, status_code=503, headers=headers)
    pages: Pages = request.state.pages
    return pages.response(
        request,
        "error.html",
        "fr",
        status_code=503,
        headers=headers,
        title="Service très demandé",
        message=message,
        bare=path.startswith("/embed/"),
        active=None,
    )
