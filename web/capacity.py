"""Admission control for the costly requests: a few searches at once, a short queue, 503 past it.

A search (query embedding, guidance, a page of results) is CPU work. It runs in a worker thread,
never on the event loop, and at most ``slots`` run at once per process (the app uses one: the
Python part of a search holds the interpreter lock, so more threads only take turns and slow
the event loop; several worker processes use several cores). Up to ``queue`` more wait for a
slot, each for at most ``wait_seconds``. A request is refused at once with
:class:`OverloadedError` (the app answers 503 with ``Retry-After``, a French page for pages,
JSON for the API) when the queue is full, or when the searches ahead of it would take longer
than ``wait_seconds`` at the pace of the recent ones (a moving average of how long a slot is
held): a quick "come back in a moment" rather than a wait that ends in a 503 anyway. One that
waited its whole time is refused too. Cheap requests (``/healthz``, static files, module pages)
never pass here, so they answer whatever the load.

The event loop gets the interpreter lock back quickly: :data:`SWITCH_INTERVAL` (1 ms, against
Python's 5 ms) is how long a search thread may keep the lock once the loop asks for it, and the
loop asks for it for every request it accepts and every ``/healthz`` it answers. Lowering the
search threads' scheduling priority (a nice value per thread) was measured and dropped: a
search thread holds the lock while it computes, so when the kernel pauses it for others the
event loop waits for the lock too (under load 17 it served 1.4 to 10 times fewer searches, and
``/healthz`` was not consistently faster).

State is per process (one event loop): with several workers, each has its own slots.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from functools import partial
from typing import TypeVar

from anyio import to_thread

T = TypeVar("T")
# How much the last search counts in the moving average of a slot's hold time.
PACE_WEIGHT = 0.2
# Seconds a thread may hold the interpreter lock once another asks for it (Python: 0.005).
SWITCH_INTERVAL = 0.001


class OverloadedError(Exception):
    """Every slot is busy and the queue is full (or the wait was too long): try again later.

    Attributes:
        retry_after: whole seconds the client should wait before trying again.
    """

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"too many searches at once: retry in {retry_after} s")
        self.retry_after = retry_after


class SearchGate:
    """At most ``slots`` searches running and ``queue`` waiting; see the module docstring.

    ``clock`` (seconds, monotonic) times how long each search holds its slot.
    """

    def __init__(
        self,
        slots: int,
        queue: int,
        wait_seconds: float = 1.0,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if slots < 1:
            raise ValueError(f"slots must be at least 1, not {slots}")
        if queue < 0:
            raise ValueError(f"queue must be 0 or more, not {queue}")
        if wait_seconds <= 0:
            raise ValueError(f"wait_seconds must be positive, not {wait_seconds}")
        self.slots = slots
        self.queue = queue
        self.wait_seconds = wait_seconds
        self._clock = clock
        self._free = asyncio.Semaphore(slots)
        self._admitted = 0  # running + waiting; only touched on the event loop
        self._pace = 0.0  # moving average of a slot's hold time, seconds (0: none measured)

    @property
    def admitted(self) -> int:
        """Searches running or waiting now."""
        return self._admitted

    @property
    def pace(self) -> float:
        """The moving average of how long a search holds its slot, in seconds (0 before
        the first one)."""
        return self._pace

    def expected_wait(self) -> float:
        """Seconds a search arriving now would wait for a slot, at the recent pace: the
        searches ahead of it (those waiting, and the one it waits behind) share the slots."""
        ahead = self._admitted - self.slots + 1
        return max(0, ahead) * self._pace / self.slots

    @property
    def retry_after(self) -> int:
        """A fair wait for a refused client: the time to drain a full queue, at least 1 s."""
        return max(1, math.ceil(self.wait_seconds))

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """Hold one slot for the duration of the block, or raise :class:`OverloadedError`."""
        if self._admitted >= self.slots + self.queue or self.expected_wait() > self.wait_seconds:
            raise OverloadedError(self.retry_after)
        self._admitted += 1
        try:
            try:
                await asyncio.wait_for(self._free.acquire(), self.wait_seconds)
            except TimeoutError:
                raise OverloadedError(self.retry_after) from None
            started = self._clock()
            try:
                yield
            finally:
                self._free.release()
                self._measure(self._clock() - started)
        finally:
            self._admitted -= 1

    def _measure(self, held: float) -> None:
        self._pace = held if not self._pace else self._pace + PACE_WEIGHT * (held - self._pace)

    async def run(self, fn: Callable[..., T], *args: object) -> T:
        """``fn(*args)`` in a worker thread, within a slot."""
        async with self.slot():
            return await to_thread.run_sync(partial(fn, *args))
