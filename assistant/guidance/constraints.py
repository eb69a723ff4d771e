"""Hard constraints: what the person stated as a limit becomes a row mask, before ranking.

Hours (``max_hours``, or ``max_weeks`` at the person's weekly pace), a required format,
refused formats, refused times of day, the kind of certificate, the audience, and the
certificates the person already holds (never proposed again).

A regional audience (Actiris, Forem, VDAB) is checked against the region the person lives in
(:func:`region_fits`) but masks nothing: the services do take people from another region
case by case, and masking cost 0.03 nDCG@10 on the demo set; the module's audience check
says "to be checked" instead of "fits".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from assistant.filters import Facets
from assistant.understanding import Profile
from corpus.model import Module
from corpus.text import fold

Mask = npt.NDArray[np.bool_]

# Weekly hours of training assumed when turning weeks into hours and hours into weeks: a
# person free only part of the day (mornings, afternoons, school hours, part time) trains
# about 14 h a week; otherwise a full-time course runs about 28 h a week.
PART_TIME_PACE = 14.0
FULL_TIME_PACE = 28.0
_PART_TIME = frozenset({"morning", "afternoon", "daytime", "part_time"})

# A small general vocabulary of when a course runs (FR, NL, EN, DE), matched at word starts
# on folded text: the catalog has no schedule field, its descriptions say it.
TIME_WORDS = {
    "evenings": re.compile(r"\b(?:soir|soiree|evening|avond|abend)"),
    "weekends": re.compile(
        r"\b(?:samedi|dimanche|week-?end|zaterdag|zondag|saturday|sunday|samstag|sonntag)"
    ),
    "afternoon": re.compile(r"\b(?:apres-midi|namiddag|afternoon|nachmittag)"),
    "morning": re.compile(r"\b(?:matin|matinee|ochtend|voormiddag|morning|vormittag)"),
}


def weekly_pace(profile: Profile) -> float:
    """Hours a week the person can train, by what they said of their time."""
    if profile.schedules and profile.schedules <= _PART_TIME:
        return PART_TIME_PACE
    return FULL_TIME_PACE


def hours_budget(profile: Profile) -> float | None:
    """The most hours one module may last: ``max_hours``, or ``max_weeks`` at the pace."""
    limits = []
    if profile.max_hours is not None:
        limits.append(float(profile.max_hours))
    if profile.max_weeks is not None:
        limits.append(float(profile.max_weeks) * weekly_pace(profile))
    return min(limits) if limits else None


def refused_times(profile: Profile) -> frozenset[str]:
    """Times of day a module must not take: refused ones, and evenings and weekends for a
    person free only during the day (mornings, afternoons or school hours)."""
    refused = set(profile.schedules_refused)
    if profile.schedules and profile.schedules <= {"morning", "afternoon", "daytime"}:
        refused |= {"evenings", "weekends"}
        if profile.schedules == {"morning"}:
            refused.add("afternoon")
    return frozenset(refused & set(TIME_WORDS))


def module_times(module: Module) -> frozenset[str]:
    """When a module runs, as far as its schedule (an extra ``schedule`` key) or its title and
    description say."""
    schedule = module.extra.get("schedule") if module.extra else None
    text = fold(str(schedule)) if schedule else fold(f"{module.title} {module.description or ''}")
    return frozenset(name for name, words in TIME_WORDS.items() if words.search(text))


def holds(module: Module, certificates: tuple[str, ...]) -> bool:
    """Whether the module leads to a certificate the person already holds: every word of the
    certificate's name appears in the module's certification or title ("CCNA" matches
    "Cisco CCNA 2", not "CCNP")."""
    text = set(re.findall(r"\w+", fold(f"{module.certification or ''} {module.title}")))
    for name in certificates:
        words = set(re.findall(r"\w+", fold(name)))
        if words and words <= text:
            return True
    return False


def held_mask(profile: Profile, modules: Sequence[Module]) -> Mask | None:
    """The rows leading to a certificate the person holds; ``None`` when they named none."""
    if not profile.certificates_held:
        return None
    return np.array([holds(m, profile.certificates_held) for m in modules], dtype=bool)


def audience_fits(statuses: frozenset[str], groups: frozenset[str]) -> bool:
    """Whether a person with ``statuses`` may join a module for ``groups`` (empty = all)."""
    if not groups:
        return True
    status_groups = groups & {"jobseeker", "worker"}
    if status_groups and statuses & {"jobseeker", "worker"} and not (statuses & status_groups):
        return False
    ages = {"young", "over_45"}
    return not (groups & ages and statuses & ages and not (statuses & groups & ages))


def region_fits(profile: Profile, regions: frozenset[str]) -> bool | None:
    """Whether the person may join a module reserved for the residents of ``regions`` (a
    jobseeker registered with Actiris, the Forem or the VDAB lives in its region): ``None``
    when the audience names no region or the person's place is unknown."""
    if not regions or profile.place is None:
        return None
    return profile.place.region in regions


def audience_check(
    profile: Profile, groups: frozenset[str], regions: frozenset[str]
) -> bool | None:
    """The audience check shown with a match: ``False`` when the statuses or the region rule
    the person out, ``True`` when a stated status or the region fits, ``None`` when nothing
    can be compared."""
    region = region_fits(profile, regions)
    status = audience_fits(profile.statuses, groups) if profile.statuses and groups else None
    if region is False or status is False:
        return False
    if region is None and status is None:
        return None
    return True


def certification_fits(facts: Facets, kind: str) -> Mask:
    """Modules of the kind asked: "qualifiante" ones, or certifying ones (a named certificate
    or "certifiante") for "certifiante"."""
    if kind == "qualifiante":
        return facts.qualifying
    mask: Mask = facts.certified & ~facts.qualifying
    return mask


def hard_mask(
    profile: Profile,
    facts: Facets,
    modules: tuple[Module, ...],
    times: Sequence[frozenset[str]],
) -> Mask:
    """The rows no stated constraint rules out (``times``: :func:`module_times` per row,
    computed once per index)."""
    keep = np.ones(len(facts.hours), dtype=bool)
    budget = hours_budget(profile)
    if budget is not None:
        with np.errstate(invalid="ignore"):
            keep &= facts.hours <= budget
    if profile.format_required and profile.formats:
        keep &= np.array([fmt in profile.formats for fmt in facts.format], dtype=bool)
    if profile.formats_refused:
        keep &= np.array([fmt not in profile.formats_refused for fmt in facts.format], dtype=bool)
    if profile.certification in ("certifiante", "qualifiante"):
        # Stated as the kind of training wanted: a hard constraint. A certificate merely
        # mentioned ("il faut un brevet") is a soft preference (ranking).
        keep &= certification_fits(facts, str(profile.certification))
    if profile.statuses:
        keep &= np.array([audience_fits(profile.statuses, g) for g in facts.groups], dtype=bool)
    refused = refused_times(profile)
    if refused:
        keep &= np.array([not (when & refused) for when in times], dtype=bool)
    held = held_mask(profile, modules)
    if held is not None:
        keep &= ~held
    return keep
