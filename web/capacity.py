"""Admission control for the costly requests: a few searches at once, a short queue, 503 past it.

A search (query embedding, guidance, a page of results) is CPU work. It runs in a worker thread,
never on the event loop, and at most ``slots`` run at once per process (the app uses one: the
Python part of a search holds the interpreter lock, so more threads only take turns and slow
the event loop; several worker processes use several cores). Up to ``queue`` more wait for a
slot, each for at most ``wait_seconds``. A request that finds the queue full, or that waited its
time, is refused at once with :class:`OverloadedError`, which the app answers with 503 and
``Retry-After`` (a French page for pages, JSON for the API): a quick "come back in a moment"
rather than a multi-second wait. Cheap requests (``/healthz``, static files, module pages) never
pass here, so they answer whatever the load.

State is per process (one event loop): with several workers, each has its own slots.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from functools import partial
from typing import TypeVar

from anyio import to_thread

T = TypeVar("T")


class OverloadedError(Exception):
    """Every slot is busy and the queue is full (or the wait was too long): try again later.

    Attributes:
        retry_after: whole seconds the client should wait before trying again.
    """

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"too many searches at once: retry in {retry_after} s")
        self.retry_after = retry_after


class SearchGate:
    """At most ``slots`` searches running and ``queue`` waiting; see the module docstring."""

    def __init__(self, slots: int, queue: int, wait_seconds: float = 1.0) -> None:
        if slots < 1:
            raise ValueError(f"slots must be at least 1, not {slots}")
        if queue < 0:
            raise ValueError(f"queue must be 0 or more, not {queue}")
        if wait_seconds <= 0:
            raise ValueError(f"wait_seconds must be positive, not {wait_seconds}")
        self.slots = slots
        self.queue = queue
        self.wait_seconds = wait_seconds
        self._free = asyncio.Semaphore(slots)
        self._admitted = 0  # running + waiting; only touched on the event loop

    @property
    def admitted(self) -> int:
        """Searches running or waiting now."""
        return self._admitted

    @property
    def retry_after(self) -> int:
        """A fair wait for a refused client: the time to drain a full queue, at least 1 s."""
        return max(1, math.ceil(self.wait_seconds))

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """Hold one slot for the duration of the block, or raise :class:`OverloadedError`."""
        if self._admitted >= self.slots + self.queue:
            raise OverloadedError(self.retry_after)
        self._admitted += 1
        try:
            try:
                await asyncio.wait_for(self._free.acquire(), self.wait_seconds)
            except TimeoutError:
                raise OverloadedError(self.retry_after) from None
            try:
                yield
            finally:
                self._free.release()
        finally:
            self._admitted -= 1

    async def run(self, fn: Callable[..., T], *args: object) -> T:
        """``fn(*args)`` in a worker thread, within a slot."""
        async with self.slot():
            return await to_thread.run_sync(partial(fn, *args))
