"""Dependency aliases shared by the routers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from anyio import from_thread
from fastapi import Depends, Request
from starlette.datastructures import FormData

from assistant.guidance import Guidance, GuidanceService
from assistant.search import SearchService
from assistant.settings import Settings
from corpus.freshness import Freshness


def _search(request: Request) -> SearchService:
    return request.state.live.current()  # type: ignore[no-any-return]


def _guidance(request: Request) -> GuidanceService:
    return request.state.live.guidance()  # type: ignore[no-any-return]


def _freshness(request: Request) -> Freshness:
    return request.state.live.freshness  # type: ignore[no-any-return]


def _settings(request: Request) -> Settings:
    return request.state.settings  # type: ignore[no-any-return]


SearchDep = Annotated[SearchService, Depends(_search)]
SettingsDep = Annotated[Settings, Depends(_settings)]
GuidanceDep = Annotated[GuidanceService, Depends(_guidance)]
# Whether jobseekers see modules whose sessions are all past, and today's date.
FreshnessDep = Annotated[Freshness, Depends(_freshness)]


def count_search(request: Request, guidance: Guidance | None) -> None:
    """Tally one search in the anonymous usage counts (a number and a catalogue tag only)."""
    console = getattr(request.state, "console", None)
    if console is None or guidance is None:
        return
    shown = guidance.pathway.steps if guidance.pathway else ()
    top = (
        shown[0].match.module
        if shown
        else (guidance.matches[0].module if guidance.matches else None)
    )
    console.usage.searched(len(guidance.matches), top.tags if top else ())


async def form_fields(request: Request) -> dict[str, str]:
    """The posted text fields of a form (uploaded files left out)."""
    return {k: v for k, v in (await request.form()).items() if isinstance(v, str)}


def posted(request: Request) -> FormData:
    """The posted form, from a sync handler (which runs in a worker thread): the body is read
    on the event loop, so the handler's database and CPU work stays off it."""

    async def read() -> FormData:
        return await request.form()

    return from_thread.run(read)


def posted_fields(request: Request) -> dict[str, str]:
    """:func:`form_fields` from a sync handler."""
    return {k: v for k, v in posted(request).items() if isinstance(v, str)}


async def search_slot(request: Request) -> AsyncIterator[None]:
    """Hold one of the app's search slots while the handler runs (503 when none is free)."""
    async with request.state.gate.slot():
        yield


SearchSlot = Depends(search_slot)
