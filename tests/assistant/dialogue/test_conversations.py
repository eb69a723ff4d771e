"""The in-memory conversation store: expiry, size bound, purge, threads."""

from __future__ import annotations

import threading

import pytest

from assistant.dialogue import (
    Conversation,
    ConversationStore,
    MemoryStore,
    looks_like_id,
    new_conversation_id,
)
from assistant.understanding import Profile


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def conv(conversation_id: str | None = None) -> Conversation:
    c = Conversation.start(0.0)
    return c.evolve(id=conversation_id) if conversation_id else c


def test_memory_store_is_a_conversation_store() -> None:
    store: ConversationStore = MemoryStore()
    c = conv()
    store.put(c)
    assert store.get(c.id) == c
    assert store.get("unknown") is None


def test_put_replaces_the_previous_version() -> None:
    store = MemoryStore()
    c = conv()
    store.put(c)
    store.put(c.evolve(turns=3))
    found = store.get(c.id)
    assert found is not None and found.turns == 3
    assert len(store) == 1


def test_a_conversation_expires_after_its_ttl() -> None:
    clock = FakeClock()
    store = MemoryStore(ttl_seconds=10, clock=clock)
    c = conv()
    store.put(c)
    clock.now = 9.99
    assert store.get(c.id) == c
    clock.now = 10.0
    assert store.get(c.id) is None
    assert len(store) == 0  # expired means gone


def test_writing_again_restarts_the_ttl() -> None:
    clock = FakeClock()
    store = MemoryStore(ttl_seconds=10, clock=clock)
    c = conv()
    store.put(c)
    clock.now = 8
    store.put(c.evolve(turns=1))
    clock.now = 15
    assert store.get(c.id) is not None
    clock.now = 18
    assert store.get(c.id) is None


def test_purge_drops_only_expired_conversations() -> None:
    clock = FakeClock()
    store = MemoryStore(ttl_seconds=10, clock=clock)
    old = [conv() for _ in range(3)]
    for c in old:
        store.put(c)
    clock.now = 5
    fresh = conv()
    store.put(fresh)
    clock.now = 12
    assert store.purge_expired() == 3
    assert len(store) == 1 and store.get(fresh.id) == fresh
    assert store.purge_expired() == 0


def test_the_least_recently_written_is_evicted_past_the_bound() -> None:
    store = MemoryStore(max_size=3)
    a, b, c, d = (conv(name * 16) for name in "abcd")
    for item in (a, b, c):
        store.put(item)
    store.put(a.evolve(turns=1))  # a is now the most recent
    store.put(d)
    assert len(store) == 3
    assert store.get(b.id) is None
    assert {x.id for x in (a, c, d)} == {x.id for x in (a, c, d) if store.get(x.id)}


def test_expired_conversations_go_before_live_ones_are_evicted() -> None:
    clock = FakeClock()
    store = MemoryStore(ttl_seconds=10, clock=clock, max_size=2)
    old, live = conv(), conv()
    store.put(old)
    clock.now = 5
    store.put(live)
    clock.now = 11
    store.put(conv())
    assert store.get(live.id) == live and store.get(old.id) is None


def test_delete_forgets_and_ignores_unknown_ids() -> None:
    store = MemoryStore()
    c = conv()
    store.put(c)
    store.delete(c.id)
    store.delete(c.id)
    assert store.get(c.id) is None


@pytest.mark.parametrize(("ttl", "size"), [(0, 10), (-1, 10), (10, 0)])
def test_bad_settings_are_refused(ttl: float, size: int) -> None:
    with pytest.raises(ValueError):
        MemoryStore(ttl_seconds=ttl, max_size=size)


def test_ids_are_fresh_and_well_formed() -> None:
    made = {new_conversation_id() for _ in range(200)}
    assert len(made) == 200
    assert all(looks_like_id(i) for i in made)
    assert not looks_like_id("../etc/passwd") and not looks_like_id("short")
    assert not looks_like_id("a" * 65)


def test_repr_never_shows_the_profile() -> None:
    c = conv().evolve(profile=Profile(topic="mon secret"))
    assert "secret" not in repr(c)


def test_threads_can_share_the_store() -> None:
    store = MemoryStore(max_size=50)
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(300):
                c = conv(f"{n:02d}-{i:04d}-" + "x" * 10)
                store.put(c)
                store.get(c.id)
                if i % 7 == 0:
                    store.delete(c.id)
                if i % 50 == 0:
                    store.purge_expired()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(store) <= 50


def big(conversation_id: str, chars: int) -> Conversation:
    return conv(conversation_id).evolve(shown=tuple(f"m{i:06d}" for i in range(chars // 8)))


def test_the_store_is_bounded_by_bytes_oldest_first() -> None:
    store = MemoryStore(max_bytes=30_000)
    for n in range(10):
        store.put(big(f"conversation-{n:08d}", 8_000))
    assert 0 < store.bytes <= 30_000
    assert store.get("conversation-00000009") is not None
    assert store.get("conversation-00000000") is None  # the oldest went first
    kept = [n for n in range(10) if store.get(f"conversation-{n:08d}") is not None]
    assert kept == list(range(10 - len(kept), 10))
    store.delete("conversation-00000009")
    assert store.bytes <= 30_000 and store.get("conversation-00000009") is None
