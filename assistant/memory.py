"""Items kept in memory under a byte budget: the oldest written are forgotten first.

The in-memory conversations (:class:`assistant.dialogue.MemoryStore`) and the turns a page
shows (``web.transcripts.Transcripts``) are bounded by what they weigh, not by how many
there are: one conversation of 40 turns weighs a hundred times one of a single turn. An
item's weight is the length of its pickle (what Redis would hold for it), an upper bound of
what it adds to the process (the catalogue modules it refers to are counted though shared).
"""

from __future__ import annotations

import pickle
from collections import OrderedDict
from typing import Generic, TypeVar

V = TypeVar("V")


def weight(value: object) -> int:
    """Bytes ``value`` takes once pickled."""
    return len(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


class SizedItems(Generic[V]):
    """``key -> (stamp, value)``, least recently written first, at most ``max_bytes`` in all.

    Not thread-safe: its owners hold their own lock. An item heavier than the whole budget is
    still kept (alone) until the next write, so a reply is never lost as it is written.
    """

    def __init__(self, max_bytes: int) -> None:
        if max_bytes < 1:
            raise ValueError(f"max_bytes must be at least 1, not {max_bytes}")
        self.max_bytes = max_bytes
        self.bytes = 0
        self._items: OrderedDict[str, tuple[float, V, int]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: str) -> tuple[float, V] | None:
        found = self._items.get(key)
        return None if found is None else (found[0], found[1])

    def put(self, key: str, stamp: float, value: V) -> None:
        """Keep ``value`` as the most recent item; forget the oldest ones past the budget."""
        self.pop(key)
        size = weight(value)
        self._items[key] = (stamp, value, size)
        self.bytes += size
        while self.bytes > self.max_bytes and len(self._items) > 1:
            self.pop(next(iter(self._items)))

    def pop(self, key: str) -> V | None:
        found = self._items.pop(key, None)
        if found is None:
            return None
        self.bytes -= found[2]
        return found[1]

    def first(self) -> tuple[str, float] | None:
        """``(key, stamp)`` of the least recently written item, or ``None`` when empty."""
        for key, item in self._items.items():
            return key, item[0]
        return None

    def drop_before(self, limit: float) -> int:
        """Forget the items written before ``limit`` (stamps grow with writes); how many."""
        dropped = 0
        while (found := self.first()) is not None and found[1] < limit:
            self.pop(found[0])
            dropped += 1
        return dropped
