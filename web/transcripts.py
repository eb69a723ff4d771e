"""What a page shows of a conversation: its turns, kept for the conversation only.

With JavaScript off, every answer is a whole page, so the page needs the turns so far; with it
on, ``chat.js`` asks for them after a reload or Back (``…/transcript``). They are
kept under the conversation id (in memory, :class:`Transcripts`, or in Redis for many workers,
:class:`SharedTranscripts`), for as long as the conversation itself
(``conversation_ttl_seconds`` after the last message), at most ``MAX_TURNS`` per conversation
and, in memory, at most ``max_bytes`` in all (the least recently written conversation is
forgotten first, see :mod:`assistant.memory`); nothing is written to disk or logged. "Effacer la
conversation" forgets them at once.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from assistant.dialogue import Reply, shown_matches
from assistant.guidance import Match
from assistant.memory import SizedItems
from assistant.state import KeyValue, Sealed
from web.followups import SummaryChange, summary_change

MAX_TURNS = 40


@dataclass(frozen=True)
class Turn:
    """One exchange as a page shows it.

    Attributes:
        n: its number in the conversation, from 1 (ids on the page derive from it).
        user_text: what the person wrote (``None`` for an edit of the profile form).
        reply: the assistant's answer.
        matches: the modules shown as cards, in order (the pathway's steps for a pathway).
        is_pathway: the cards are the steps of a pathway.
        total_hours: the pathway's length, when known.
        weeks: the pathway's estimated duration in weeks, when known.
        fields: the editable profile fields after this turn (place, max_hours, level).
        change: how the summary differs from the last one shown before it (``None``: the
            first summary, shown whole; empty: the same facts, not shown again).
    """

    n: int
    user_text: str | None
    reply: Reply = field(repr=False)
    matches: tuple[Match, ...] = ()
    is_pathway: bool = False
    total_hours: float | None = None
    fields: Mapping[str, Any] = field(default_factory=dict)
    weeks: float | None = None
    change: SummaryChange | None = None

    @property
    def shows_summary(self) -> bool:
        """The summary is shown: the first one, or one whose facts changed."""
        if self.reply.summary is None:
            return False
        return self.change is None or bool(self.change.added or self.change.removed)

    @classmethod
    def of(
        cls,
        n: int,
        user_text: str | None,
        reply: Reply,
        fields: Mapping[str, Any],
        *,
        previous_summary: str | None = None,
    ) -> Turn:
        """The turn of ``reply``; ``previous_summary`` is the last summary shown before it."""
        change = summary_change(previous_summary, reply.summary)
        g = reply.guidance
        if g is None:
            return cls(n, user_text, reply, fields=fields, change=change)
        pathway = g.pathway is not None and bool(g.pathway.steps)
        return cls(
            n,
            user_text,
            reply,
            matches=tuple(shown_matches(g)),
            is_pathway=pathway,
            total_hours=g.pathway.total_hours if pathway and g.pathway else None,
            fields=fields,
            weeks=g.pathway.weeks if pathway and g.pathway else None,
            change=change,
        )


def last_summary(turns: list[Turn]) -> str | None:
    """The summary of the latest turn that has one (what a follow-up is compared with)."""
    return next((t.reply.summary for t in reversed(turns) if t.reply.summary), None)


class TranscriptStore(Protocol):
    """Where the turns of each live conversation are kept."""

    def turns(self, conversation_id: str | None) -> list[Turn]: ...

    def add(self, previous_id: str | None, turn: Turn) -> None: ...

    def forget(self, conversation_id: str) -> None: ...


class Transcripts:
    """The turns of each live conversation, in memory, expiring with the conversation, at
    most ``max_bytes`` in all (their pickled size)."""

    def __init__(
        self,
        ttl_seconds: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_bytes: int = 128 * 1024 * 1024,
    ):
        self._ttl = ttl_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._items: SizedItems[list[Turn]] = SizedItems(max_bytes)

    @property
    def bytes(self) -> int:
        """What the kept turns weigh (their pickled size)."""
        with self._lock:
            return self._items.bytes

    def turns(self, conversation_id: str | None) -> list[Turn]:
        """The turns of ``conversation_id`` so far (empty when unknown or expired)."""
        if not conversation_id:
            return []
        with self._lock:
            self._items.drop_before(self._clock() - self._ttl)
            found = self._items.get(conversation_id)
            return list(found[1]) if found else []

    def add(self, previous_id: str | None, turn: Turn) -> None:
        """Record ``turn``; a reply under a new id (restarted) drops the old turns."""
        new_id = turn.reply.conversation_id
        with self._lock:
            if previous_id and previous_id != new_id:
                self._items.pop(previous_id)
            turns = self._items.pop(new_id) or []
            self._items.put(new_id, self._clock(), [*turns, turn][-MAX_TURNS:])

    def forget(self, conversation_id: str) -> None:
        with self._lock:
            self._items.pop(conversation_id)


class SharedTranscripts:
    """The turns of each live conversation on a :class:`~assistant.state.KeyValue` (Redis for
    many workers), sealed, expiring ``ttl_seconds`` after the last turn. Two turns of one
    conversation answered at once by two workers: the last one written wins."""

    def __init__(self, kv: KeyValue, sealed: Sealed, ttl_seconds: float) -> None:
        self._kv = kv
        self._sealed = sealed
        self._ttl = ttl_seconds

    def turns(self, conversation_id: str | None) -> list[Turn]:
        if not conversation_id:
            return []
        found = self._sealed.open(self._kv.get(_key(conversation_id)))
        return list(found) if isinstance(found, list) else []

    def add(self, previous_id: str | None, turn: Turn) -> None:
        new_id = turn.reply.conversation_id
        if previous_id and previous_id != new_id:
            self._kv.delete(_key(previous_id))
        turns = [*self.turns(new_id), turn][-MAX_TURNS:]
        self._kv.put(_key(new_id), self._sealed.seal(turns), self._ttl)

    def forget(self, conversation_id: str) -> None:
        self._kv.delete(_key(conversation_id))


def _key(conversation_id: str) -> str:
    return f"transcript:{conversation_id}"
