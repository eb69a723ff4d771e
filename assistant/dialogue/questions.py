"""Which question the dialogue asks, and when it stops asking.

One question at a time, about the first facet the profile says nothing of (place, then level,
then time), at most two per conversation. A contradiction comes first: distance learning
wanted with no computer at home (``device``: in person near home, or at a distance with a
computer lent?). Someone who does not know what to do is asked about their interests or past
work (``interests``). Each facet is asked at most once per conversation. A pending question
that the next message ignores stops all further questions: the person wants answers, not a
form.
"""

from __future__ import annotations

from assistant.dialogue.conversations import Conversation
from assistant.dialogue.reading import knows

MAX_QUESTIONS = 2
FACETS = ("device", "place", "level", "time")
ORIENTATION_FACETS = ("interests",)
# Intents that neither answer nor ignore a pending question: it stays pending.
KEEP_PENDING = frozenset({"why", "cost", "enrol", "greeting", "thanks"})
# Intents after which a question may be asked.
ASKING = frozenset({"profile", "answer", "refine", "amend", "orientation"})


def settle_pending(conv: Conversation, intent: str) -> Conversation:
    """Answering clears the pending question; ignoring it also stops all further questions."""
    if conv.pending_question is None or intent in KEEP_PENDING:
        return conv
    if intent == "answer":
        return conv.evolve(pending_question=None)
    return conv.evolve(pending_question=None, stopped_asking=True)


def ask(
    conv: Conversation,
    skip: frozenset[str] = frozenset(),
    facets: tuple[str, ...] = FACETS,
) -> tuple[Conversation, str | None]:
    """The one question worth asking now among ``facets``, if any, recorded as asked (never
    one in ``skip``, never one asked before)."""
    if conv.stopped_asking or conv.pending_question or len(conv.asked) >= MAX_QUESTIONS:
        return conv, None
    for facet in facets:
        if facet not in conv.asked and facet not in skip and not knows(conv.profile, facet):
            return conv.evolve(asked=(*conv.asked, facet), pending_question=facet), facet
    return conv, None
