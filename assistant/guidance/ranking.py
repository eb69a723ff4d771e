"""Ranking among the on-topic modules in reach: the person's preferences, then the score.

The fused score (topic) is multiplied by soft preferences: closer, the person's level, a
preferred format, a certificate when wished, shorter when a short course was asked for. Some
preferences are orders rather than factors, applied before the score:

1. an orientation module first for a person who does not know what to do;
2. a module taught in a language the person speaks, for a person who does not speak French;
3. a distance course after the classrooms in reach, for a person without a computer or who
   has never used one.

A module below the person's level (what they know already: an initiation for a helpdesk
technician) weighs like one :data:`BELOW_LEVEL_KM` away, and does not count among the modules
the widening looks for (:func:`below_level`): a farther course at their level is worth the trip.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from assistant.filters import Facets
from assistant.understanding import Profile
from corpus.model import LEVELS, Module
from corpus.text import fold

LEVEL_RANK = {level: i for i, level in enumerate(LEVELS)}
Distances = npt.NDArray[np.float64]

# Words of career guidance itself (FR, NL, EN, DE), folded, matched at word starts: what an
# orientation module is about, whatever the trade it lets the person discover.
ORIENTATION_WORDS = re.compile(
    r"\b(?:orientation|bilan de competences|projet professionnel|decouverte des metiers|"
    r"essais? metiers?|choisir (?:un|son) metier|orientatie|loopbaan|beroepenverkenning|"
    r"career guidance|career orientation|berufsorientierung|berufsberatung)"
)
# Subjects of digital work (folded): what a computing professional already stands in, and
# what a person who has never used a computer needs the basics for first.
DIGITAL_DOMAIN = re.compile(
    r"informati|ordinat|numeri|digital|bureautiq|excel|word|outlook|web|develop|program|code|"
    r"reseau|cyber|cloud|donnee|data|\bia\b|intelligence artificielle|helpdesk|linux|windows"
)
# A module below the person's level is worth as much as a classroom this far away (the
# widening's third step): a level already passed is a worse fit than tens of kilometres.
BELOW_LEVEL_KM = 60.0
# Added to the need of a person who does not know what to do, so the search finds them.
ORIENTATION_NEED = "orientation projet professionnel bilan de compétences découverte des métiers"


@dataclass(frozen=True)
class Candidate:
    """A row in reach with its fused score and the score after preferences."""

    row: int
    fused: float
    score: float
    lexical_score: float | None
    semantic_score: float | None


def entry_level(profile: Profile) -> int | None:
    """The person's starting level on the module scale, when they stated one."""
    if profile.domain_level in ("none", "basic") or profile.digital_level in ("none", "basic"):
        return LEVEL_RANK["initiation"]
    if profile.reading_difficulty:
        return LEVEL_RANK["initiation"]
    if profile.domain_level == "comfortable":
        return LEVEL_RANK["intermediaire"]
    if profile.domain_level == "professional":
        return LEVEL_RANK["avance"]
    if profile.digital_level == "professional" and DIGITAL_DOMAIN.search(
        fold(" ".join([profile.topic, *profile.goals]))
    ):
        # a computing professional (helpdesk, network technician) moving within digital
        # work is past its initiations, whatever the new subject
        return LEVEL_RANK["intermediaire"]
    return None


def below_level(profile: Profile, facts: Facets) -> npt.NDArray[np.bool_]:
    """Rows whose level is below the person's starting level (none when it is not known)."""
    entry = entry_level(profile)
    if entry is None:
        return np.zeros(len(facts.level), dtype=bool)
    return np.array(
        [level is not None and LEVEL_RANK[level] < entry for level in facts.level], dtype=bool
    )


def starts_from_nothing(profile: Profile) -> bool:
    """The person said they know nothing of the field, or have never used a computer."""
    return profile.domain_level == "none" or profile.digital_level == "none"


def teaching_languages(profile: Profile) -> frozenset[str]:
    """Languages the person should be taught in, when they do not speak French; empty when
    French is fine (or nothing says otherwise)."""
    no_french = (
        "fr" in profile.languages_not_spoken
        or profile.french_level == "none"
        or (
            profile.language != "fr"
            and bool(profile.languages_spoken)
            and "fr" not in profile.languages_spoken
        )
    )
    if not no_french:
        return frozenset()
    spoken = set(profile.languages_spoken)
    if profile.language != "fr":
        spoken.add(profile.language)
    return frozenset(spoken - set(profile.languages_not_spoken) - {"fr"})


def is_orientation(module: Module) -> bool:
    """Whether the module is career guidance (orientation, bilan, discovering trades)."""
    return bool(ORIENTATION_WORDS.search(fold(f"{module.title} {' '.join(module.tags)}")))


def needs_classroom(profile: Profile) -> bool:
    """A person without a computer at home, or who has never used one, starts in a room."""
    return profile.has_computer is False or profile.digital_level == "none"


def preference(
    profile: Profile,
    facts: Facets,
    row: int,
    km: Distances | None,
    times: Sequence[frozenset[str]] = (),
) -> float:
    """The factor soft preferences put on a row's fused score (``times``: when each module
    runs, see :func:`~assistant.guidance.constraints.module_times`)."""
    factor = 1.0
    if times and profile.schedules & times[row] & {"evenings", "weekends"}:
        factor *= 1.2  # asked for evening or weekend courses, and this is one
    if km is not None:
        d = km[row]
        if facts.distance_learning[row]:
            factor *= 1.0 if "distanciel" in profile.formats else 0.7
        elif not math.isnan(d):
            factor *= 1.0 / (1.0 + d / 20.0)
        else:
            factor *= 0.5
    level = facts.level[row]
    entry = entry_level(profile)
    if entry is not None and level is not None:
        gap = LEVEL_RANK[level] - entry
        # below the person's level is what they know already; two levels above is too steep,
        # unless it is the certificate they asked for
        steep = gap >= 2 and not (profile.certification and level == "certification")
        # for who knows nothing of it yet and wants to learn it (not to reach a job or a
        # certificate, where the pathway starts small and the matches show the way), even
        # the next level presumes what they lack
        aims_high = bool(profile.goals) or bool(profile.certification)
        novice = gap == 1 and starts_from_nothing(profile) and not aims_high
        below = 1.0 / (1.0 + BELOW_LEVEL_KM / 20.0)
        factor *= 1.15 if gap == 0 else (below if gap < 0 else (0.6 if steep else 1.0))
        factor *= 0.7 if novice else 1.0
    fmt = facts.format[row]
    if profile.formats and not profile.format_required and fmt in profile.formats:
        factor *= 1.2
    if profile.certification is True and facts.certified[row]:
        factor *= 1.2
    hours = facts.hours[row]
    if profile.prefers_short and not math.isnan(hours):
        factor *= 1.2 if hours <= 40 else (1.0 if hours <= 120 else 0.7)
    return factor


def order(
    profile: Profile,
    facts: Facets,
    modules: Sequence[Module],
    candidates: list[Candidate],
) -> list[Candidate]:
    """Candidates best first: the orders of the module docstring, then the score."""
    languages = teaching_languages(profile)
    classroom_first = needs_classroom(profile)

    def key(c: Candidate) -> tuple[bool, bool, bool, float]:
        # the module is decoded only when its title and tags are asked about
        return (
            profile.orientation and not is_orientation(modules[c.row]),
            bool(languages) and facts.language[c.row] not in languages,
            classroom_first and bool(facts.distance_learning[c.row]),
            -c.score,
        )

    return sorted(candidates, key=key)
