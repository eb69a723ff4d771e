"""A small key-value storage with expiry: in memory, or in Redis shared by every worker."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Protocol

from assistant.errors import AssistantError


class StateError(AssistantError):
    """Redis cannot be reached (or answered wrongly); the message says what to check."""


class KeyValue(Protocol):
    """Bytes under string keys, each forgotten ``ttl_seconds`` after it was last put."""

    def get(self, key: str) -> bytes | None: ...

    def put(self, key: str, value: bytes, ttl_seconds: float) -> None: ...

    def delete(self, key: str) -> None: ...


class MemoryKeyValue:
    """In one process's memory; at most ``max_items`` kept (the least recently put go first)."""

    def __init__(
        self, max_items: int = 20_000, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if max_items < 1:
            raise ValueError(f"max_items must be at least 1, not {max_items}")
        self._max_items = max_items
        self._clock = clock
        self._lock = threading.Lock()
        self._items: OrderedDict[str, tuple[float, bytes]] = OrderedDict()

    def get(self, key: str) -> bytes | None:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            if self._clock() >= item[0]:
                del self._items[key]
                return None
            return item[1]

    def put(self, key: str, value: bytes, ttl_seconds: float) -> None:
        with self._lock:
            self._items.pop(key, None)
            self._items[key] = (self._clock() + ttl_seconds, value)
            while len(self._items) > self._max_items:
                self._items.popitem(last=False)

    def delete(self, key: str) -> None:
        with self._lock:
            self._items.pop(key, None)

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)


class RedisKeyValue:
    """In Redis, under ``prefix``; Redis itself forgets a key when its time to live is over."""

    def __init__(self, client: Any, prefix: str = "boussole:") -> None:
        self._client = client
        self._prefix = prefix

    def get(self, key: str) -> bytes | None:
        value = self._call(self._client.get, self._prefix + key)
        return bytes(value) if value is not None else None

    def put(self, key: str, value: bytes, ttl_seconds: float) -> None:
        ttl_ms = max(1, int(ttl_seconds * 1000))
        self._call(self._client.set, self._prefix + key, value, px=ttl_ms)

    def delete(self, key: str) -> None:
        self._call(self._client.delete, self._prefix + key)

    def _call(self, method: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        import redis

        try:
            return method(*args, **kwargs)
        except redis.RedisError as exc:
            raise StateError(f"Redis did not answer ({exc.__class__.__name__}): {exc}") from None


def open_redis(url: str) -> Any:
    """A client for ``url`` (``redis://host:port/db``), checked with a ping.

    Raises:
        StateError: the URL is wrong or no Redis answers there.
    """
    import redis

    try:
        client = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5)
        client.ping()
    except (ValueError, redis.RedisError) as exc:
        raise StateError(
            f"cannot use Redis at {_safe(url)}: {exc}; check BOUSSOLE_REDIS_URL "
            "(redis://host:6379/0) and that the server runs"
        ) from None
    return client


def _safe(url: str) -> str:
    """``url`` without its password, for messages."""
    if "@" not in url:
        return url
    scheme, _, rest = url.partition("://")
    return f"{scheme}://***@{rest.rpartition('@')[2]}"
