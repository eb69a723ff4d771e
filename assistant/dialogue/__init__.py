"""Dialogue: the jobseeker's chat, one turn at a time.

``turns`` runs a turn (:class:`Dialogue`); ``replies`` is what a turn returns and the
language it is written in; ``reading`` tells a message's intent from its words (``words``,
``cues``, ``answer_cues``, ``lexicon``); ``questions`` picks the one question to ask;
``amend`` applies the "what was understood" form; ``text`` renders replies from
``templates/``; ``conversations`` keeps the state between turns. Imports understanding,
guidance and the places of ``corpus`` (town names in the reply's language).
"""

from __future__ import annotations

from assistant.dialogue.amend import editable_fields
from assistant.dialogue.conversations import (
    Conversation,
    ConversationStore,
    ForeignConversationError,
    MemoryStore,
    looks_like_id,
    new_conversation_id,
)
from assistant.dialogue.text import DialogueText, default_text, shown_matches
from assistant.dialogue.turns import Dialogue, Guide, InvalidMessageError, Reply
from assistant.dialogue.words import fold_message, guess_language, is_foreign

__all__ = [
    "Conversation",
    "ConversationStore",
    "Dialogue",
    "DialogueText",
    "ForeignConversationError",
    "Guide",
    "InvalidMessageError",
    "MemoryStore",
    "Reply",
    "default_text",
    "editable_fields",
    "fold_message",
    "guess_language",
    "is_foreign",
    "looks_like_id",
    "new_conversation_id",
    "shown_matches",
]
