"""Shared state: sealed values, conversations on a key-value store, rate limits with `limits`,
in memory and in a real redis-server."""

from __future__ import annotations

import pytest

from assistant.dialogue import Conversation
from assistant.state import (
    MemoryKeyValue,
    RedisKeyValue,
    Sealed,
    SharedConversations,
    SharedRateLimiter,
    SharedSignInThrottle,
    StateError,
    limits_storage,
    open_redis,
)
from assistant.understanding import Profile

SECRET = b"k" * 40


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_sealed_values_come_back_and_foreign_bytes_read_as_nothing() -> None:
    sealed = Sealed(SECRET, "conversation")
    data = sealed.seal({"turns": [1, 2]})
    assert sealed.open(data) == {"turns": [1, 2]}
    tampered = data[:-1] + bytes([data[-1] ^ 1])
    assert sealed.open(tampered) is None
    assert Sealed(b"x" * 40, "conversation").open(data) is None  # another server's key
    assert Sealed(SECRET, "transcript").open(data) is None  # another purpose
    assert sealed.open(None) is None and sealed.open(b"short") is None
    with pytest.raises(ValueError, match="at least 32 bytes"):
        Sealed(b"short", "x")


def test_conversations_on_a_memory_store_expire_with_their_ttl() -> None:
    clock = Clock()
    store = SharedConversations(MemoryKeyValue(clock=clock), Sealed(SECRET, "c"), ttl_seconds=60)
    talk = Conversation.start(clock(), "nl").evolve(profile=Profile(max_hours=40), turns=2)
    store.put(talk)
    found = store.get(talk.id)
    assert found == talk and found is not talk and found.profile.max_hours == 40
    clock.now += 61
    assert store.get(talk.id) is None
    store.put(talk)
    store.delete(talk.id)
    assert store.get(talk.id) is None and store.purge_expired() == 0


def test_memory_store_is_bounded() -> None:
    kv = MemoryKeyValue(max_items=2)
    for key in ("a", "b", "c"):
        kv.put(key, key.encode(), 60)
    assert len(kv) == 2 and kv.get("a") is None and kv.get("c") == b"c"


def test_rate_limit_in_memory_refuses_past_the_limit_and_says_how_long() -> None:
    limiter = SharedRateLimiter(limits_storage(None))
    decisions = [limiter.check("key:a", 2) for _ in range(3)]
    assert [d.allowed for d in decisions] == [True, True, False]
    assert decisions[0].remaining == 1 and 1 <= decisions[2].retry_after <= 60
    assert limiter.check("key:b", 2).allowed  # another bucket counts on its own
    with pytest.raises(ValueError, match="at least 1"):
        limiter.check("key:a", 0)


def test_sign_in_throttle_in_memory() -> None:
    throttle = SharedSignInThrottle(limits_storage(None), limit=2, window=900)
    assert throttle.retry_after("email:a") == 0
    throttle.failed("email:a", "ip:1")
    throttle.failed("email:a", "ip:1")
    assert 1 < throttle.retry_after("email:a") <= 901
    assert throttle.retry_after("ip:1") > 0 and throttle.retry_after("email:b") == 0
    throttle.succeeded("email:a")
    assert throttle.retry_after("email:a") == 0
    assert not throttle.known("email:a", "ip:2")
    throttle.remember("email:a", "ip:2")
    assert throttle.known("email:a", "ip:2")
    assert not throttle.known("email:a", "ip:1") and not throttle.known("email:b", "ip:2")


def test_everything_works_the_same_on_a_real_redis(redis_clean: str) -> None:
    clock = Clock()
    kv = RedisKeyValue(open_redis(redis_clean))
    store = SharedConversations(kv, Sealed(SECRET, "c"), ttl_seconds=60)
    talk = Conversation.start(clock())
    store.put(talk)
    assert store.get(talk.id) == talk
    other_worker = SharedConversations(
        RedisKeyValue(open_redis(redis_clean)), Sealed(SECRET, "c"), ttl_seconds=60
    )
    assert other_worker.get(talk.id) == talk
    import redis

    with redis.Redis.from_url(redis_clean) as client:
        assert 0 < client.pttl(f"boussole:conversation:{talk.id}") <= 60_000
    first = SharedRateLimiter(limits_storage(redis_clean))
    second = SharedRateLimiter(limits_storage(redis_clean))
    assert [first.check("k", 2).allowed, second.check("k", 2).allowed] == [True, True]
    assert not first.check("k", 2).allowed and not second.check("k", 2).allowed


def test_an_unreachable_redis_is_one_clear_error() -> None:
    with pytest.raises(StateError, match="BOUSSOLE_REDIS_URL") as caught:
        open_redis("redis://nobody:pw@127.0.0.1:1/0")
    assert "pw" not in str(caught.value)
    with pytest.raises(StateError, match="BOUSSOLE_REDIS_URL"):
        open_redis("not a url")
