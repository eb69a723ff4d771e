"""An in-memory rate limiter: one token bucket per key (a partner, an address).

Each bucket holds up to ``limit_per_minute`` tokens and refills at ``limit_per_minute / 60``
tokens a second, so a client may burst up to its whole minute's allowance and then goes at the
steady rate. A request takes one token; with none left it is refused and told how long to wait.

Memory stays bounded: a bucket left alone for a minute is full again, which is the same as
having no bucket, so it is dropped; past ``max_buckets`` the least recently used buckets are
dropped too (they start afresh, the price of a bound under a flood of distinct keys). State
lives in one process: several workers each count on their own (with Redis, they share
:class:`assistant.state.SharedRateLimiter`, which answers the same :class:`Limiter` protocol).
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

DEFAULT_MAX_BUCKETS = 100_000
# A bucket idle this long has refilled completely, whatever its limit.
_REFILL_SECONDS = 60.0


@dataclass(frozen=True)
class Decision:
    """The answer to one request.

    Attributes:
        allowed: whether the request may go ahead.
        retry_after: when refused, whole seconds to wait before a token is back (at least 1);
            0 when allowed.
        remaining: requests still allowed right now, after this one.
    """

    allowed: bool
    retry_after: int
    remaining: int


class Limiter(Protocol):
    """Counts requests per bucket and says whether one more is allowed."""

    def check(self, bucket: str, limit_per_minute: int) -> Decision: ...


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """Thread-safe token buckets keyed by name; see the module docstring."""

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        *,
        max_buckets: int = DEFAULT_MAX_BUCKETS,
    ) -> None:
        """Make an empty limiter.

        Args:
            clock: seconds from a monotonic clock (a fake one in tests).
            max_buckets: most buckets kept at once; the least recently used go first.
        """
        if max_buckets < 1:
            raise ValueError(f"max_buckets must be at least 1, not {max_buckets}")
        self._clock = clock
        self._max_buckets = max_buckets
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()
        self._lock = threading.Lock()

    def check(self, bucket: str, limit_per_minute: int) -> Decision:
        """Take one token from ``bucket`` if it has one.

        Args:
            bucket: what is limited, e.g. ``"partner:forem"`` or ``"ip:203.0.113.7"``.
            limit_per_minute: requests a minute allowed for it (at least 1). A bucket whose
                limit changes keeps its tokens, capped at the new limit.

        Returns:
            Whether the request is allowed, how long to wait if not, and what is left.
        """
        if limit_per_minute < 1:
            raise ValueError(f"limit_per_minute must be at least 1, not {limit_per_minute}")
        rate = limit_per_minute / _REFILL_SECONDS
        with self._lock:
            now = self._clock()
            self._evict_idle(now)
            state = self._buckets.pop(bucket, None)
            if state is None:
                state = _Bucket(tokens=float(limit_per_minute), updated=now)
            elapsed = max(0.0, now - state.updated)
            state.tokens = min(float(limit_per_minute), state.tokens + elapsed * rate)
            state.updated = now
            # Re-inserted at the end: the dict stays ordered from least to most recently used.
            self._buckets[bucket] = state
            while len(self._buckets) > self._max_buckets:
                self._buckets.popitem(last=False)
            if state.tokens >= 1.0:
                state.tokens -= 1.0
                return Decision(allowed=True, retry_after=0, remaining=int(state.tokens))
            wait = math.ceil((1.0 - state.tokens) / rate)
            return Decision(allowed=False, retry_after=max(1, wait), remaining=0)

    def __len__(self) -> int:
        """Buckets currently kept (for tests and monitoring)."""
        with self._lock:
            return len(self._buckets)

    def _evict_idle(self, now: float) -> None:
        while self._buckets:
            oldest = next(iter(self._buckets.values()))
            if now - oldest.updated < _REFILL_SECONDS:
                break
            self._buckets.popitem(last=False)
