"""Clauses of a message that are not the need, though they name subjects.

The parser decides, in one place, which words of a message are the topic to search for and
which are about something else: the job held and its clause (``past_jobs``), what is refused
(``negation``), the constraints (``conditions``), and here what the person already knows ("je
connais bien Windows et les bases des réseaux", "I know Word well", "ik ken Excel al", "ich
kenne SAP gut"), up to the end of the clause (a full stop, "mais", or a new clause of their
own: ", je veux ..."). A denial ("je ne connais rien à", "I don't know") never matches: the
cue must follow the pronoun directly. The clause leaves the topic only when the rest still
names a subject: "je connais un peu Excel et je veux progresser" stays about Excel.

Also here, **the frame of work wanted**: "un travail de bureau", "a work placement in", "een
werk in de zorg", "eine Arbeit im Büro": the subject is what follows; the noun "travail" /
"work" / "Arbeit" as a word of the need only matched modules about work in general
("formation par le travail", "l'IA au travail"). "Emploi" and "job" are no such frame: a
training "vers l'emploi" answers "trouver un emploi dans la restauration".

Spans are of the folded text (lower case, no accents), as every reader of the parser.
"""

from __future__ import annotations

import re

from assistant.understanding.negation import Scope, negated

Span = tuple[int, int]

KNOWN = re.compile(
    r"\b(?:je|j'|i|ik|ich)\s*(?:connais|maitrise|know|ken|kenne|beherrsche)\b"
    r"(?!\s+(?:pas|rien|plus|not|nothing|niet|geen|niets|nicht|kein|nichts)\b)"
    r"[^.;!?\n]*?"
    r"(?=\s*[.;!?\n]|,\s*(?:je|j'|i|ik|ich)\b|\s+(?:mais|but|maar|aber)\b"
    r"|\s+(?:et je|et j'|and i|en ik|und ich)\b|$)"
)


def known_clauses(folded: str, scopes: list[Scope]) -> list[Span]:
    """Spans of the clauses stating what the person already knows (not denied)."""
    found = KNOWN.finditer(folded)
    return [m.span() for m in found if m.end() > m.start() and not negated(m.span(), scopes)]


# "un travail de bureau", "eine Arbeit im Büro": the noun of work before its field
JOB_FRAME = re.compile(
    r"\b(?:un |a |een |eine |ein )(?:nouveau |nouvel |new |nieuw |neue |andere |autre )?"
    r"(?:travail|boulot|taf|work|werk|arbeit)"
    r"(?= (?:de |d'|dans |en |comme |in |as |als |bij |im |in der |bei |au |aux ))"
)


def job_frames(folded: str) -> list[Span]:
    """Spans of the nouns of work framing a field wanted ("un travail" of "un travail de
    bureau")."""
    return [m.span() for m in JOB_FRAME.finditer(folded)]
