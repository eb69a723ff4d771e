"""Dependency aliases shared by the routers."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from assistant.search import SearchService


def _search(request: Request) -> SearchService:
    return request.state.live.current()  # type: ignore[no-any-return]


SearchDep = Annotated[SearchService, Depends(_search)]
