"""Whether a need names something to learn, or only the narrative around it.

The understanding decides which clauses of a message are the topic (:mod:`assistant.
understanding.clauses`: not the job held, not what the person already knows, not a refusal)
and what the narrative around a need is (:mod:`assistant.understanding.narrative`); the
guidance consumes those decisions here. A topic made only of narrative names no subject: the
guidance then reads the need from what the person holds (the lineage of a certificate), or
lets any subject answer ("une formation à Mons").
"""

from __future__ import annotations

from assistant.understanding.narrative import FILLER, NOT_A_NEED, is_filler, names_a_subject

__all__ = ["FILLER", "NOT_A_NEED", "is_filler", "names_a_subject"]
