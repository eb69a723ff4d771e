"""Whether a need names something to learn, or only the narrative around it.

The understanding decides which clauses of a message are the topic (:mod:`assistant.
understanding.clauses`: not the job held, not what the person already knows, not a refusal)
and what the narrative around a need is (:mod:`assistant.understanding.narrative`); the
guidance consumes those decisions here. A topic made only of narrative names no subject: the
guidance then reads the need from what the person holds (the lineage of a certificate), or
lets any subject answer ("une formation à Mons").

A person who says they want to work in a field (:func:`aims_at_work`: "je rêve de
travailler dans le support", "I want to become a developer", "ik wil als ... werken") aims at
a job even when no occupation of the lexicon names it: their pathway goes as far as the
on-topic modules in reach go, as for a named goal.

The words of the need that BM25 and the gate's word features read (:func:`words_of_need`)
leave out the words the person's status was read from ("demandeur d'emploi", "au
chômage"): the constraints apply the status (audience), and as words of the need they made
every module whose audience names it look on topic. The embedding keeps the whole topic.
"""

from __future__ import annotations

import re

from assistant.understanding import Profile
from assistant.understanding.narrative import FILLER, NOT_A_NEED, is_filler, names_a_subject

__all__ = [
    "FILLER",
    "NOT_A_NEED",
    "aims_at_work",
    "is_filler",
    "names_a_subject",
    "words_of_need",
]

# A wish (FR, NL, EN, DE) followed within a few words by working or becoming: a job aim.
_WISH = (
    r"veux|voudrais|veut|aimerais|souhaite|souhaiterais|reve\s+de|envie\s+de|objectif|but\s+est"
    r"|wil|zou\s+graag|droom|want|would\s+like|wish|hope|dream|plan|goal"
    r"|mochte|will|wurde\s+gern|traume|ziel"
)
_WORK = r"travailler|devenir|bosser|werken|worden|work|become|arbeiten|werden"
AIMS_AT_WORK = re.compile(rf"\b(?:{_WISH})\b(?:\W+\w+){{0,6}}?\W+(?:{_WORK})\b")

# Facts whose words say who the person is, not what they want to learn.
WHO_FACTS = ("statuses",)


def words_of_need(profile: Profile, topic: str) -> str:
    """``topic`` without the words the person's status was read from; ``topic`` itself when
    nothing else would be left."""
    out = topic
    for name in WHO_FACTS:
        words = profile.evidence.get(name, "").strip()
        if words:
            out = re.sub(rf"(?<!\w){re.escape(words)}(?!\w)", " ", out)
    return " ".join(out.split()) or topic


def aims_at_work(folded: str) -> bool:
    """Whether a folded text (lower case, no accents) says the person wants to work in a field
    or become something: "je reve de travailler dans", "i want to become", "ik wil werken"."""
    return AIMS_AT_WORK.search(folded) is not None
