"""Which question the dialogue asks, and when it stops asking.

One question at a time, about the first facet the profile says nothing of (place, then level,
then time), at most two per conversation. A pending question that the next message ignores
stops all further questions: the person wants answers, not a form.
"""

from __future__ import annotations

from assistant.dialogue.conversations import Conversation
from assistant.dialogue.reading import knows

MAX_QUESTIONS = 2
FACETS = ("place", "level", "time")
# Intents that neither answer nor ignore a pending question: it stays pending.
KEEP_PENDING = frozenset({"why", "cost", "enrol", "greeting", "thanks"})
# Intents after which a question may be asked.
ASKING = frozenset({"profile", "answer", "refine", "amend"})


def settle_pending(conv: Conversation, intent: str) -> Conversation:
    """Answering clears the pending question; ignoring it also stops all further questions."""
    if conv.pending_question is None or intent in KEEP_PENDING:
        return conv
    if intent == "answer":
        return conv.evolve(pending_question=None)
    return conv.evolve(pending_question=None, stopped_asking=True)


def ask(conv: Conversation, skip: frozenset[str] = frozenset()) -> tuple[Conversation, str | None]:
    """The one question worth asking now, if any, recorded as asked (never one in ``skip``)."""
    if conv.stopped_asking or conv.pending_question or len(conv.asked) >= MAX_QUESTIONS:
        return conv, None
    for facet in FACETS:
        if facet not in conv.asked and facet not in skip and not knows(conv.profile, facet):
            return conv.evolve(asked=(*conv.asked, facet), pending_question=facet), facet
    return conv, None
