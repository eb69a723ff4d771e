"""Guidance: a profile in, explained matches, near misses and a pathway out.

Topic first, then constraints, one concept per module: ``need`` (whether the person's words
name a subject or only the narrative around it, and what they already know), ``constraints``
(stated limits as a row mask), ``gate`` (which modules answer the need at all: a calibrated
logistic model),
``reach`` (the radius and its widening), ``ranking`` (preferences among the on-topic modules),
``reasons`` (quotes and checklist), ``pathways`` (plans from the person's level to the
goal's); ``service`` puts them together and ``types`` is the plain answer shared with the
dialogue, the console and the web. Imports understanding and the search service, never the
dialogue or the console.
"""

from __future__ import annotations

from assistant.guidance.service import GuidanceService
from assistant.guidance.types import (
    Check,
    Guidance,
    Match,
    Pathway,
    PathwayStep,
    Reason,
    Relaxation,
)

__all__ = [
    "Check",
    "Guidance",
    "GuidanceService",
    "Match",
    "Pathway",
    "PathwayStep",
    "Reason",
    "Relaxation",
]
