"""The dialogue's conversations on a :class:`~assistant.state.kv.KeyValue` (Redis for many
workers): any worker can answer the next turn of a conversation another one started."""

from __future__ import annotations

from assistant.dialogue import Conversation
from assistant.state.kv import KeyValue
from assistant.state.sealed import Sealed


class SharedConversations:
    """A :class:`~assistant.dialogue.ConversationStore`; each conversation is forgotten
    ``ttl_seconds`` after its last turn (the storage's expiry does it)."""

    def __init__(self, kv: KeyValue, sealed: Sealed, ttl_seconds: float = 1800) -> None:
        if ttl_seconds <= 0:
            raise ValueError("ttl_seconds must be positive")
        self._kv = kv
        self._sealed = sealed
        self._ttl = float(ttl_seconds)

    def get(self, conversation_id: str) -> Conversation | None:
        found = self._sealed.open(self._kv.get(_key(conversation_id)))
        return found if isinstance(found, Conversation) else None

    def put(self, conversation: Conversation) -> None:
        self._kv.put(_key(conversation.id), self._sealed.seal(conversation), self._ttl)

    def delete(self, conversation_id: str) -> None:
        self._kv.delete(_key(conversation_id))

    def purge_expired(self) -> int:
        """Nothing to do: the storage forgets expired conversations by itself."""
        return 0


def _key(conversation_id: str) -> str:
    return f"conversation:{conversation_id}"
