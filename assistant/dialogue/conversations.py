"""Conversations and where they are kept between turns.

A :class:`Conversation` is the state of one chat: the profile understood so far, what was shown,
which questions were asked. It lives in memory only (:class:`MemoryStore`): nothing is written
to disk, nothing is logged, and it is gone once it expires. An unknown or expired id simply
starts a new conversation (see :mod:`assistant.dialogue.turns`). A conversation belongs to
whoever started it (its ``owner``: a partner, the jobseeker's pages, one partner's widget);
another owner sending its id gets :class:`ForeignConversationError`, as if it did not exist.
"""

from __future__ import annotations

import math
import re
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Literal, Protocol

from assistant.errors import AssistantError
from assistant.guidance import Guidance
from assistant.memory import SizedItems
from assistant.understanding import Profile

Language = Literal["fr", "nl", "en", "de"]
LANGUAGES: tuple[Language, ...] = ("fr", "nl", "en", "de")
# What new_conversation_id() produces (22 characters); anything else is not one of ours.
_ID_RE = re.compile(r"[A-Za-z0-9_-]{16,64}")


class ForeignConversationError(AssistantError):
    """The conversation id belongs to another owner: answered as an unknown conversation."""

    def __init__(self) -> None:
        super().__init__(
            "no conversation with this conversation_id: omit it to start a new conversation"
        )


def new_conversation_id() -> str:
    """A fresh, unguessable conversation id."""
    return secrets.token_urlsafe(16)


def looks_like_id(value: str) -> bool:
    """True when ``value`` has the shape of a conversation id (checked before any lookup)."""
    return bool(_ID_RE.fullmatch(value))


@dataclass(frozen=True)
class Conversation:
    """The state of one chat. Frozen: each turn stores a new version.

    Attributes:
        id: the conversation id given to the client.
        created: when the conversation started (seconds, the dialogue's clock).
        updated: when it was last changed.
        profile: what was understood so far (kept out of ``repr`` so logs never show it).
        shown: ids of every module shown, in the order shown.
        last_match_ids: ids of the modules of the last answer, in their displayed order.
        asked: facets asked about ("place", "level", "time"), in order.
        pending_question: the facet asked in the last answer, while unanswered.
        stopped_asking: the person ignored a question: ask no more.
        focus_id: the module the last "why/cost/enrol" answer was about.
        turns: number of messages answered.
        language: the language answers are written in.
        last_guidance: the last guidance shown, to explain its matches.
        owner: who started it (e.g. ``partner:forem``, ``page``); only they may continue it.
    """

    id: str
    created: float
    updated: float
    profile: Profile = field(default_factory=Profile, repr=False)
    shown: tuple[str, ...] = ()
    last_match_ids: tuple[str, ...] = ()
    asked: tuple[str, ...] = ()
    pending_question: str | None = None
    stopped_asking: bool = False
    focus_id: str | None = None
    turns: int = 0
    language: Language = "fr"
    last_guidance: Guidance | None = field(default=None, repr=False, compare=False)
    owner: str = ""

    @classmethod
    def start(cls, now: float, language: Language = "fr", owner: str = "") -> Conversation:
        """A new, empty conversation with a fresh id, belonging to ``owner``."""
        return cls(
            id=new_conversation_id(), created=now, updated=now, language=language, owner=owner
        )

    def evolve(self, **changes: Any) -> Conversation:
        """A copy with some fields replaced."""
        return replace(self, **changes)


class ConversationStore(Protocol):
    """Where conversations are kept between turns. Expired conversations are gone."""

    def get(self, conversation_id: str) -> Conversation | None: ...

    def put(self, conversation: Conversation) -> None: ...

    def delete(self, conversation_id: str) -> None: ...

    def purge_expired(self) -> int: ...


class MemoryStore:
    """Conversations in a dict, forgotten ``ttl_seconds`` after their last write.

    At most ``max_bytes`` of conversations (their pickled size, see :mod:`assistant.memory`)
    and ``max_size`` conversations are kept; past either, the least recently written go first.
    Safe to share between threads. Two turns of the same conversation sent at once are not
    merged: the last one written wins.
    """

    def __init__(
        self,
        ttl_seconds: float = 1800,
        clock: Callable[[], float] = time.monotonic,
        max_size: int = 100_000,
        max_bytes: int = 128 * 1024 * 1024,
    ) -> None:
        if ttl_seconds <= 0:
            raise ValueError("ttl_seconds must be positive")
        if max_size < 1:
            raise ValueError("max_size must be at least 1")
        self._ttl = float(ttl_seconds)
        self._clock = clock
        self._max_size = max_size
        self._lock = threading.Lock()
        # id -> (expires at, conversation), least recently written first. The TTL is the same
        # for all, so this order is also the order of expiry.
        self._items: SizedItems[Conversation] = SizedItems(max_bytes)

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    @property
    def bytes(self) -> int:
        """What the kept conversations weigh (their pickled size)."""
        with self._lock:
            return self._items.bytes

    def get(self, conversation_id: str) -> Conversation | None:
        """The conversation, or ``None`` when unknown or expired (an expired one is dropped)."""
        with self._lock:
            item = self._items.get(conversation_id)
            if item is None:
                return None
            expires, conversation = item
            if self._clock() >= expires:
                self._items.pop(conversation_id)
                return None
            return conversation

    def put(self, conversation: Conversation) -> None:
        """Keep ``conversation`` (replacing its previous version) for another TTL."""
        with self._lock:
            now = self._clock()
            self._items.pop(conversation.id)
            if len(self._items) >= self._max_size:
                self._purge(now)
            while len(self._items) >= self._max_size and (first := self._items.first()):
                self._items.pop(first[0])
            self._items.put(conversation.id, now + self._ttl, conversation)

    def delete(self, conversation_id: str) -> None:
        """Forget a conversation (no error when it is unknown)."""
        with self._lock:
            self._items.pop(conversation_id)

    def purge_expired(self) -> int:
        """Drop every expired conversation; returns how many were dropped."""
        with self._lock:
            return self._purge(self._clock())

    def _purge(self, now: float) -> int:
        # Stamps are expiry times: expired means stamp <= now.
        return self._items.drop_before(math.nextafter(now, math.inf))
