"""Running a coroutine from a test: on an event loop of its own thread.

After the browser tests, Playwright's sync API leaves a loop marked as running in the main
thread for the rest of the session, where ``asyncio.run`` and ``anyio.run`` are refused.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import anyio

T = TypeVar("T")


def run_async(main: Callable[[], Awaitable[T]]) -> T:
    """``main()`` run to its end on a fresh event loop in a worker thread; its result."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(anyio.run, main).result()
