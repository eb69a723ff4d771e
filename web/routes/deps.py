"""Dependency aliases shared by the routers."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from assistant.guidance import GuidanceService
from assistant.search import SearchService
from assistant.settings import Settings


def _search(request: Request) -> SearchService:
    return request.state.live.current()  # type: ignore[no-any-return]


def _guidance(request: Request) -> GuidanceService:
    return request.state.live.guidance()  # type: ignore[no-any-return]


def _settings(request: Request) -> Settings:
    return request.state.settings  # type: ignore[no-any-return]


SearchDep = Annotated[SearchService, Depends(_search)]
SettingsDep = Annotated[Settings, Depends(_settings)]
GuidanceDep = Annotated[GuidanceService, Depends(_guidance)]
