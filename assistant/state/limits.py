"""Rate limits counted by the ``limits`` library, in memory or in Redis (shared by every worker).

:class:`SharedRateLimiter` answers like :class:`~assistant.ratelimit.RateLimiter` (a
:class:`~assistant.ratelimit.Decision` per request) with a sliding-window counter: at most
``limit_per_minute`` requests in any minute, whichever worker or replica they reach.
:class:`SharedSignInThrottle` is the console's :class:`~assistant.console.SignInThrottle` on the
same storage: failed sign-ins per account and per address, counted across replicas.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from functools import partial
from typing import TypeVar

from limits import RateLimitItemPerMinute, RateLimitItemPerSecond
from limits.storage import Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter, SlidingWindowCounterRateLimiter

from assistant.console.accounts import KNOWN_ADDRESS_SECONDS
from assistant.ratelimit import Decision
from assistant.state.kv import StateError

T = TypeVar("T")


def limits_storage(redis_url: str | None) -> Storage:
    """Where the counters live: Redis at ``redis_url``, or this process's memory."""
    storage = storage_from_string(redis_url or "memory://")
    assert isinstance(storage, Storage)  # a plain URL gives the synchronous storage
    return storage


def _guarded(call: Callable[[], T]) -> T:
    try:
        return call()
    except StateError:
        raise
    except Exception as exc:  # the storage's own errors (redis.ConnectionError, ...)
        raise StateError(
            f"the rate-limit counters cannot be read ({exc.__class__.__name__}): check "
            "BOUSSOLE_REDIS_URL and that Redis runs"
        ) from None


class SharedRateLimiter:
    """``check(bucket, limit_per_minute)`` over a ``limits`` storage."""

    def __init__(self, storage: Storage, clock: Callable[[], float] = time.time) -> None:
        self._limiter = SlidingWindowCounterRateLimiter(storage)
        self._clock = clock

    def check(self, bucket: str, limit_per_minute: int) -> Decision:
        """Count one request against ``bucket``; refused past ``limit_per_minute`` a minute."""
        if limit_per_minute < 1:
            raise ValueError(f"limit_per_minute must be at least 1, not {limit_per_minute}")
        item = RateLimitItemPerMinute(limit_per_minute)
        allowed = _guarded(lambda: self._limiter.hit(item, "rate", bucket))
        stats = _guarded(lambda: self._limiter.get_window_stats(item, "rate", bucket))
        if allowed:
            return Decision(allowed=True, retry_after=0, remaining=max(0, stats.remaining))
        wait = max(1, math.ceil(stats.reset_time - self._clock()))
        return Decision(allowed=False, retry_after=wait, remaining=0)


class SharedSignInThrottle:
    """At most ``limit`` failed sign-ins per key in ``window`` seconds (a moving window)."""

    def __init__(
        self,
        storage: Storage,
        limit: int = 5,
        window: float = 900.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._storage = storage
        self._limiter = MovingWindowRateLimiter(storage)
        self._item = RateLimitItemPerSecond(limit, max(1, int(window)))
        self._clock = clock

    def retry_after(self, *keys: str) -> int:
        """Seconds to wait before trying again (0: may try now)."""
        wait = 0.0
        for key in keys:
            if not _guarded(partial(self._limiter.test, self._item, "signin", key)):
                stats = _guarded(partial(self._limiter.get_window_stats, self._item, "signin", key))
                wait = max(wait, stats.reset_time - self._clock())
        return int(wait) + 1 if wait > 0 else 0

    def failed(self, *keys: str) -> None:
        for key in keys:
            _guarded(partial(self._limiter.hit, self._item, "signin", key))

    def succeeded(self, *keys: str) -> None:
        for key in keys:
            _guarded(partial(self._limiter.clear, self._item, "signin", key))

    def known(self, account: str, address: str) -> bool:
        """Whether ``account`` signed in from ``address`` in the last 30 days."""
        return _guarded(partial(self._storage.get, _known_key(account, address))) > 0

    def remember(self, account: str, address: str) -> None:
        key = _known_key(account, address)
        _guarded(partial(self._storage.incr, key, KNOWN_ADDRESS_SECONDS))


def _known_key(account: str, address: str) -> str:
    return f"signin-known/{account}/{address}"
