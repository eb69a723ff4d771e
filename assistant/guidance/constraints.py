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
import unicodedata
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from assistant.filters import Facets
from assistant.guidance.types import WhyNot
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
# The literal start of every time word ("week" of "week-?end"): when none occurs anywhere
# in a text, no time word does (substring tests are cheap; one regex of them is not).
_TIME_STEMS = tuple(
    # up to the first special character, less the letter a ``?`` or ``*`` makes optional
    re.sub(r".[?*].*|[+\[(\\].*", "", word)
    for p in TIME_WORDS.values()
    for word in p.pattern.removeprefix(r"\b(?:").removesuffix(")").split("|")
)
_WORD = re.compile(r"\w+")
_NO_ROWS = np.zeros(0, dtype=np.intp)


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
    raw = str(schedule) if schedule else f"{module.title} {module.description or ''}"
    # Folding a whole description costs about 0.1 ms (a Python step per character): first
    # drop every non-ASCII character after decomposition, in C. Folding only drops combining
    # marks, so a time word of the folded text is still whole in what is left; where none
    # is, the text names no time of day and is not folded at all.
    decomposed = unicodedata.normalize("NFKD", raw.casefold())
    ascii_only = decomposed.encode("ascii", "ignore").decode("ascii")
    if not any(stem in ascii_only for stem in _TIME_STEMS):
        return frozenset()
    text = fold(raw)
    return frozenset(name for name, words in TIME_WORDS.items() if words.search(text))


def holds(module: Module, certificates: tuple[str, ...]) -> bool:
    """Whether the module leads to a certificate the person already holds: every word of the
    certificate's name appears in the module's certification or title ("CCNA" matches
    "Cisco CCNA 2", not "CCNP")."""
    text = set(_WORD.findall(fold(f"{module.certification or ''} {module.title}")))
    for name in certificates:
        words = set(_WORD.findall(fold(name)))
        if words and words <= text:
            return True
    return False


def held_mask(profile: Profile, table: CatalogConstraints) -> Mask | None:
    """The rows leading to a certificate the person holds; ``None`` when they named none."""
    if not profile.certificates_held:
        return None
    return table.held(profile.certificates_held)


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


class CatalogConstraints:
    """What the hard constraints read of each module, computed once per index, so that a
    query's mask is a few array operations instead of a pass over every module in Python.

    Attributes:
        times: when each row runs (:func:`module_times`).
    """

    def __init__(self, modules: Sequence[Module], facts: Facets) -> None:
        self.size = len(modules)
        # A few distinct sets: each held once (a module store decodes each module once here).
        once: dict[frozenset[str], frozenset[str]] = {}
        self.times = [once.setdefault(t, t) for t in map(module_times, modules)]
        self._runs = {
            name: np.array([name in when for when in self.times], dtype=bool) for name in TIME_WORDS
        }
        # Audiences: a few distinct group sets; each row holds the number of its set.
        kinds: dict[frozenset[str], int] = {}
        self._audience = np.array(
            [kinds.setdefault(g, len(kinds)) for g in facts.groups], dtype=np.intp
        )
        self._kinds = list(kinds)
        # The words of each row's certification and title (see :func:`holds`): word → rows.
        rows: dict[str, list[int]] = {}
        for row, text in enumerate(facts.cert_text):  # folded certification and title
            for word in set(_WORD.findall(text)):
                rows.setdefault(word, []).append(row)
        self._word_rows = {w: np.asarray(r, dtype=np.intp) for w, r in rows.items()}

    def held(self, certificates: Sequence[str]) -> Mask:
        """Rows that :func:`holds` one of ``certificates``: every word of its name is in the
        row's certification or title."""
        out = np.zeros(self.size, dtype=bool)
        for name in certificates:
            words = set(_WORD.findall(fold(name)))
            if not words:
                continue
            these = np.ones(self.size, dtype=bool)
            for word in words:
                found = np.zeros(self.size, dtype=bool)
                found[self._word_rows.get(word, _NO_ROWS)] = True
                these &= found
            out |= these
        return out

    def audience(self, statuses: frozenset[str]) -> Mask:
        """Rows a person with ``statuses`` may join (:func:`audience_fits`)."""
        fits = np.array([audience_fits(statuses, g) for g in self._kinds], dtype=bool)
        mask: Mask = fits[self._audience] if self.size else np.zeros(0, dtype=bool)
        return mask

    def runs_at(self, times: frozenset[str]) -> Mask:
        """Rows that run at one of ``times`` (names of :data:`TIME_WORDS`)."""
        out = np.zeros(self.size, dtype=bool)
        for name in times:
            out |= self._runs[name]
        return out


def hard_mask(profile: Profile, facts: Facets, table: CatalogConstraints) -> Mask:
    """The rows no stated constraint rules out."""
    keep = np.ones(len(facts.hours), dtype=bool)
    budget = hours_budget(profile)
    if budget is not None:
        with np.errstate(invalid="ignore"):
            keep &= facts.hours <= budget
    if profile.format_required and profile.formats:
        keep &= np.isin(facts.format, list(profile.formats))
    if profile.formats_refused:
        keep &= ~np.isin(facts.format, list(profile.formats_refused))
    if profile.certification in ("certifiante", "qualifiante"):
        # Stated as the kind of training wanted: a hard constraint. A certificate merely
        # mentioned ("il faut un brevet") is a soft preference (ranking).
        keep &= certification_fits(facts, str(profile.certification))
    if profile.statuses:
        keep &= table.audience(profile.statuses)
    refused = refused_times(profile)
    if refused:
        keep &= ~table.runs_at(refused)
    held = held_mask(profile, table)
    if held is not None:
        keep &= ~held
    return keep


def why_not(profile: Profile, f: Facets, row: int) -> tuple[WhyNot, ...]:
    """Why the module at ``row`` breaks one of the person's stated limits (empty: it keeps them)."""
    why: list[WhyNot] = []
    budget = hours_budget(profile)
    if budget is not None and not (f.hours[row] <= budget):
        why.append("too_long")
    fmt = f.format[row]
    if (profile.format_required and profile.formats and fmt not in profile.formats) or (
        fmt in profile.formats_refused
    ):
        why.append("format")
    if (
        profile.certification in ("certifiante", "qualifiante")
        and not certification_fits(f, str(profile.certification))[row]
    ):
        why.append("certification")
    if (profile.statuses and not audience_fits(profile.statuses, f.groups[row])) or (
        region_fits(profile, f.regions[row]) is False
    ):
        why.append("audience")
    return tuple(why)
