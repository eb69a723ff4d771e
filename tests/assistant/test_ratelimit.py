from __future__ import annotations

import threading

import pytest

from assistant.ratelimit import Decision, RateLimiter


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def test_allows_the_limit_then_refuses_with_retry_after(clock: FakeClock) -> None:
    limiter = RateLimiter(clock)
    decisions = [limiter.check("p", 3) for _ in range(3)]
    assert [d.allowed for d in decisions] == [True, True, True]
    assert [d.remaining for d in decisions] == [2, 1, 0]
    assert all(d.retry_after == 0 for d in decisions)
    refused = limiter.check("p", 3)
    assert refused == Decision(allowed=False, retry_after=20, remaining=0)


def test_tokens_come_back_at_the_steady_rate(clock: FakeClock) -> None:
    limiter = RateLimiter(clock)
    for _ in range(60):
        assert limiter.check("p", 60).allowed
    assert not limiter.check("p", 60).allowed
    clock.advance(0.5)
    refused = limiter.check("p", 60)
    assert not refused.allowed and refused.retry_after == 1  # never 0 when refused
    clock.advance(0.5)
    assert limiter.check("p", 60).allowed
    assert not limiter.check("p", 60).allowed
    clock.advance(60)
    assert limiter.check("p", 60).remaining == 59


def test_buckets_are_independent(clock: FakeClock) -> None:
    limiter = RateLimiter(clock)
    assert limiter.check("a", 1).allowed
    assert not limiter.check("a", 1).allowed
    assert limiter.check("b", 1).allowed


def test_refusals_do_not_consume(clock: FakeClock) -> None:
    limiter = RateLimiter(clock)
    assert limiter.check("p", 1).allowed
    for _ in range(10):
        assert not limiter.check("p", 1).allowed
    clock.advance(60)
    assert limiter.check("p", 1).allowed


def test_a_lowered_limit_caps_the_tokens(clock: FakeClock) -> None:
    limiter = RateLimiter(clock)
    assert limiter.check("p", 100).remaining == 99
    assert limiter.check("p", 2).remaining == 1


def test_idle_buckets_are_dropped(clock: FakeClock) -> None:
    limiter = RateLimiter(clock)
    for i in range(50):
        limiter.check(f"ip:{i}", 10)
    assert len(limiter) == 50
    clock.advance(61)
    limiter.check("other", 10)
    assert len(limiter) == 1


def test_memory_is_bounded_least_recently_used_first(clock: FakeClock) -> None:
    limiter = RateLimiter(clock, max_buckets=3)
    for name in ("a", "b", "c"):
        limiter.check(name, 1)
    limiter.check("a", 1)  # "a" is used again; "b" is now the least recent
    limiter.check("d", 1)
    assert len(limiter) == 3
    assert not limiter.check("a", 1).allowed  # kept: still empty
    assert limiter.check("b", 1).allowed  # dropped: starts afresh


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="limit_per_minute"):
        RateLimiter().check("p", 0)
    with pytest.raises(ValueError, match="max_buckets"):
        RateLimiter(max_buckets=0)


def test_thread_safe_exact_count(clock: FakeClock) -> None:
    limiter = RateLimiter(clock)
    allowed: list[bool] = []
    lock = threading.Lock()

    def hammer() -> None:
        for _ in range(100):
            ok = limiter.check("shared", 250).allowed
            with lock:
                allowed.append(ok)

    threads = [threading.Thread(target=hammer) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(allowed) == 250
