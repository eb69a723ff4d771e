"""Guidance: a profile in, explained matches, near misses and a pathway out.

``service`` applies the hard constraints, ranks on the need, widens the radius, re-ranks by
preference and writes each match's reasons and checklist; ``types`` is the plain answer shared
with the dialogue, the console and the web. Imports understanding and the search service, never
the dialogue or the console.
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
