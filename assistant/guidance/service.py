"""The guidance service: a profile in, explained matches, near misses and a pathway out.

1. Hard constraints (stated hours, a required format, audience, certification, the place
   radius) become a row mask applied before ranking.
2. Topic ranking: BM25 + embeddings fused (:meth:`SearchService.rank`) on the person's need.
3. Place: modules within the radius (distance-learning ones everywhere). When fewer than k of
   the topical candidates are within it, the radius widens 15 → 30 → 60 km, then only
   distance learning is added, and each step is reported as a :class:`Relaxation`.
4. Soft preferences re-rank: closer, matching level, preferred format, shorter.
5. Each match gets its reasons (a quoted phrase of its description) and a checklist; the
   best modules that broke a hard constraint come back as near misses with why.
"""

from __future__ import annotations

import math
import re

import numpy as np
import numpy.typing as npt

from assistant.filters import Filters
from assistant.guidance.types import (
    Check,
    Guidance,
    Match,
    NearMiss,
    Pathway,
    PathwayStep,
    Reason,
    Relaxation,
    WhyNot,
)
from assistant.search import PreparedQuery, Ranked, SearchService
from assistant.understanding import Profile, ProfileParser
from corpus.model import LEVELS, Module
from corpus.text import fold
from index.analyzer import analyze
from index.placement import haversine_km

Mask = npt.NDArray[np.bool_]

RADIUS_STEPS = (15.0, 30.0, 60.0)
TOPICAL_POOL = 30
BASICS_QUERY = "bases de l'ordinateur, premiers pas en informatique"
TOPICAL_SHARE = 0.3
# multilingual-e5 cosines sit in a narrow band (about 0.75-0.90): 0.05 of it is "close".
SEMANTIC_MARGIN = 0.05
DEPTH = 200
LEVEL_RANK = {level: i for i, level in enumerate(LEVELS)}
DIGITAL_DOMAIN = re.compile(
    r"informati|ordinat|numeri|digital|bureautiq|excel|word|outlook|web|develop|program|code|"
    r"reseau|cyber|cloud|donnee|data|\bia\b|intelligence artificielle|helpdesk|linux|windows"
)


class GuidanceService:
    """Answers a profile with explained matches. One per loaded index; thread-safe."""

    def __init__(self, search: SearchService, parser: ProfileParser) -> None:
        self.search = search
        self.parser = parser
        self.facts = search.facets
        self._fixed_queries: dict[str, PreparedQuery] = {}

    def understand(self, text: str) -> Profile:
        """The profile stated in ``text``."""
        return self.parser.parse(self.search.check_text(text))

    def module(self, module_id: str) -> Module | None:
        return self.search.module(module_id)

    def guide(
        self,
        profile: Profile,
        *,
        k: int = 5,
        exclude: frozenset[str] = frozenset(),
        filters: Filters | None = None,
    ) -> Guidance:
        """Matches for ``profile``, best first, none breaking a hard constraint.

        ``filters`` (set by a counsellor or an API client) are hard constraints too.
        """
        topic = _topic(profile)
        if not topic:
            return Guidance(profile, ())
        n = self.search.index.size
        base = self._hard_mask(profile)
        if filters is not None and (extra := self.search.facets.mask(filters)) is not None:
            base &= extra
        if exclude:
            rows = self.search.rows
            for module_id in exclude:
                if module_id in rows:
                    base[rows[module_id]] = False
        query = self.search.prepare(topic)  # embedded once, ranked under several masks
        ranked = self.search.rank(query, base, DEPTH)
        distances = self._distances(profile)
        allowed, relaxations = self._place_mask(profile, base, ranked, distances, k)
        scored = self._rerank(profile, ranked, allowed, distances)
        matches = tuple(self._match(profile, r, score, distances) for r, score in scored[:k])
        near = self._near_misses(
            profile, query, allowed, distances, {m.module.id for m in matches}, exclude
        )
        in_reach = [r for r in ranked if allowed[r.row]]
        pathway = self._pathway(profile, topic, in_reach, matches, allowed, distances)
        return Guidance(
            profile, matches, near, pathway, relaxations, int(allowed.sum()) if n else 0
        )

    # -- constraints --------------------------------------------------------------------

    def _hard_mask(self, profile: Profile) -> Mask:
        f = self.facts
        keep = np.ones(len(f.hours), dtype=bool)
        if profile.max_hours is not None:
            with np.errstate(invalid="ignore"):
                keep &= f.hours <= profile.max_hours
        if profile.format_required and profile.formats:
            keep &= np.array([fmt in profile.formats for fmt in f.format])
        if profile.certification in ("certifiante", "qualifiante"):
            # Stated as the kind of training wanted: a hard constraint. A certificate merely
            # mentioned ("il faut un brevet") is a soft preference, see _rerank.
            keep &= self._certification_fits(profile.certification)
        if profile.statuses:
            keep &= np.array([_audience_fits(profile.statuses, g) for g in f.groups])
        return keep

    def _certification_fits(self, kind: str) -> Mask:
        """Modules of the kind asked: "qualifiante" ones, or certifying ones (a named
        certificate or "certifiante") for "certifiante"."""
        if kind == "qualifiante":
            return self.facts.qualifying
        return self.facts.certified & ~self.facts.qualifying

    def _distances(self, profile: Profile) -> npt.NDArray[np.float64] | None:
        if profile.place is None:
            return None
        return haversine_km(profile.place.lat, profile.place.lon, self.facts.coords)

    def _place_mask(
        self,
        profile: Profile,
        base: Mask,
        ranked: list[Ranked],
        distances: npt.NDArray[np.float64] | None,
        k: int,
    ) -> tuple[Mask, tuple[Relaxation, ...]]:
        """The rows near enough, widening the radius until k topical modules are in it.

        Topical = fused score at least ``TOPICAL_SHARE`` of the best one: the modules that
        really answer the need, so off-topic modules next door never stop the widening.
        """
        if distances is None:
            return base, ()
        remote = self.facts.distance_learning
        if profile.format_required and profile.formats == frozenset({"distanciel"}):
            return base & remote, ()
        start = _start_radius(profile)
        steps = [start, *[s for s in RADIUS_STEPS if s > start]]
        if profile.has_car is False and not profile.willing_to_move:
            steps = [s for s in steps if s <= max(start, 30.0)]
        pool = sorted(_topical(ranked))
        wanted = min(k, len(pool))
        relaxations: list[Relaxation] = []
        with np.errstate(invalid="ignore"):
            for radius in steps:
                near = base & ((distances <= radius) | remote)
                if sum(bool(near[row]) for row in pool) >= wanted:
                    if radius != start:
                        relaxations.append(Relaxation("radius", start, radius))
                    return near, tuple(relaxations)
            if radius != start:
                relaxations.append(Relaxation("radius", start, radius))
            if (base & remote).any():
                relaxations.append(Relaxation("distance_learning", radius, None))
            relaxations.append(Relaxation("anywhere", radius, None))
        return base, tuple(relaxations)

    # -- ranking ------------------------------------------------------------------------

    def _rerank(
        self,
        profile: Profile,
        ranked: list[Ranked],
        allowed: Mask,
        distances: npt.NDArray[np.float64] | None,
    ) -> list[tuple[Ranked, float]]:
        out = []
        entry = _entry_level(profile)
        for r in ranked:
            if not allowed[r.row]:
                continue
            factor = 1.0
            if distances is not None:
                d = distances[r.row]
                if self.facts.distance_learning[r.row]:
                    factor *= 1.0 if "distanciel" in profile.formats else 0.7
                elif not math.isnan(d):
                    factor *= 1.0 / (1.0 + d / 20.0)
                else:
                    factor *= 0.5
            level = self.facts.level[r.row]
            if entry is not None and level is not None:
                gap = LEVEL_RANK[level] - entry
                factor *= 1.15 if gap == 0 else (0.6 if gap >= 2 else 1.0)
            fmt = self.facts.format[r.row]
            if profile.formats and not profile.format_required and fmt in profile.formats:
                factor *= 1.2
            if profile.certification is True and self.facts.certified[r.row]:
                factor *= 1.2
            hours = self.facts.hours[r.row]
            if profile.prefers_short and not math.isnan(hours):
                factor *= 1.2 if hours <= 40 else (1.0 if hours <= 120 else 0.7)
            out.append((r, r.score * factor))
        # Modules that really answer the need come first, however far: an off-topic module
        # next door never outranks an on-topic one farther away.
        topical = _topical(ranked)
        out.sort(key=lambda item: (item[0].row not in topical, -item[1]))
        return out

    # -- explanations -------------------------------------------------------------------

    def _match(
        self, profile: Profile, r: Ranked, score: float, distances: npt.NDArray[np.float64] | None
    ) -> Match:
        module = self.search.index.modules[r.row]
        d = None if distances is None or math.isnan(distances[r.row]) else float(distances[r.row])
        return Match(
            module=module,
            score=score,
            distance_km=None if d is None else round(d, 1),
            reasons=_reasons(profile, module),
            checks=_checks(profile, module, d, self.facts.groups[r.row]),
            scores={
                "lexical": r.lexical_score,
                "semantic": r.semantic_score,
                "fused": r.score,
                "constraints": score / r.score if r.score else None,
            },
        )

    def _near_misses(
        self,
        profile: Profile,
        topic: PreparedQuery,
        allowed: Mask,
        distances: npt.NDArray[np.float64] | None,
        shown: set[str],
        exclude: frozenset[str],
    ) -> tuple[NearMiss, ...]:
        out = []
        for r in self.search.rank(topic, None, 20):
            module = self.search.index.modules[r.row]
            if allowed[r.row] or module.id in shown or module.id in exclude:
                continue
            why = self._why_not(profile, r.row, distances)
            if why:
                d = (
                    None
                    if distances is None or math.isnan(distances[r.row])
                    else round(float(distances[r.row]), 1)
                )
                out.append(NearMiss(module, why, d))
            if len(out) == 3:
                break
        return tuple(out)

    def _why_not(
        self, profile: Profile, row: int, distances: npt.NDArray[np.float64] | None
    ) -> tuple[WhyNot, ...]:
        f = self.facts
        why: list[WhyNot] = []
        if profile.max_hours is not None and not (f.hours[row] <= profile.max_hours):
            why.append("too_long")
        if profile.format_required and profile.formats and f.format[row] not in profile.formats:
            why.append("format")
        if (
            profile.certification in ("certifiante", "qualifiante")
            and not self._certification_fits(profile.certification)[row]
        ):
            why.append("certification")
        if profile.statuses and not _audience_fits(profile.statuses, f.groups[row]):
            why.append("audience")
        if distances is not None and not f.distance_learning[row] and not why:
            why.append("too_far")
        return tuple(why)

    def _pathway(
        self,
        profile: Profile,
        topic: str,
        ranked: list[Ranked],
        matches: tuple[Match, ...],
        allowed: Mask,
        distances: npt.NDArray[np.float64] | None,
    ) -> Pathway | None:
        """Modules from the person's entry level up to their goal's level, one per level.

        The goal's level is the best match's level, or "certification" when the person asked
        for a certificate. A beginner aiming at a digital job starts with computer basics.
        """
        entry = _entry_level(profile)
        if entry is None or not matches:
            return None
        topical = _topical(ranked)
        # The goal's level: the highest among the modules that best answer the need.
        levels = [self.facts.level[r.row] for r in ranked if r.row in topical][:5]
        levels.append(matches[0].module.level_key)
        target = max((LEVEL_RANK[lv] for lv in levels if lv), default=entry)
        if profile.certification:
            target = LEVEL_RANK["certification"]
        needs_basics = profile.digital_level == "none" and _is_digital(topic)
        if target <= entry and not needs_basics:
            return None
        steps: list[PathwayStep] = []
        used: set[str] = set()
        if needs_basics:
            basics = self._best_at(profile, BASICS_QUERY, "initiation", allowed, distances, used)
            if basics is not None:
                steps.append(basics)
                used.add(basics.match.module.id)
        # Steps come from the modules that answer the need; a level in between is skipped
        # when none of the ten best does (no detour through an unrelated advanced course).
        ordered = [r for r in ranked if r.row in topical]
        first = entry + 1 if steps else entry
        for level in LEVELS[first : target + 1]:
            pool = ordered if LEVEL_RANK[level] == target else ordered[:10]
            best = next(
                (
                    r
                    for r in pool
                    if self.facts.level[r.row] == level
                    and self.search.index.modules[r.row].id not in used
                ),
                None,
            )
            if best is not None:
                match = self._match(profile, best, best.score, distances)
                steps.append(PathwayStep(match, level))
                used.add(match.module.id)
        if len(steps) < 2:
            return None
        hours = [s.match.module.duration_hours for s in steps]
        total = None if any(h is None for h in hours) else float(sum(h for h in hours if h))
        goal = profile.goals[0] if profile.goals else topic
        return Pathway(tuple(steps), total, goal)

    def _best_at(
        self,
        profile: Profile,
        text: str,
        level: str,
        allowed: Mask,
        distances: npt.NDArray[np.float64] | None,
        used: set[str],
    ) -> PathwayStep | None:
        if text not in self._fixed_queries:  # our own wording, not the person's: cacheable
            self._fixed_queries[text] = self.search.prepare(text)
        for r, score in self._rerank(
            profile, self.search.rank(self._fixed_queries[text], allowed, 50), allowed, distances
        ):
            if self.facts.level[r.row] == level and self.search.index.modules[r.row].id not in used:
                return PathwayStep(self._match(profile, r, score, distances), level)
        return None


def _topical(ranked: list[Ranked]) -> set[int]:
    """Rows that really answer the need: a fused score near the best one, and close to the
    best on at least one retriever (the dense side ranks every module, relevant or not)."""
    head = ranked[:TOPICAL_POOL]
    if not head:
        return set()
    best_lex = max((r.lexical_score or 0.0) for r in head)
    best_sem = max((r.semantic_score or 0.0) for r in head)
    return {
        r.row
        for r in head
        if r.score >= TOPICAL_SHARE * head[0].score
        and (
            (best_lex > 0 and (r.lexical_score or 0.0) >= TOPICAL_SHARE * best_lex)
            or (best_sem > 0 and (r.semantic_score or 0.0) >= best_sem - SEMANTIC_MARGIN)
        )
    }


def _topic(profile: Profile) -> str:
    topic = profile.topic.strip()
    if profile.goals:
        topic = f"{topic} {' '.join(profile.goals)}".strip()
    return topic


def _start_radius(profile: Profile) -> float:
    if profile.radius_km:
        return float(profile.radius_km)
    if profile.max_travel_minutes:
        speed = 0.4 if (profile.has_car is False or profile.public_transport) else 0.8
        return max(5.0, profile.max_travel_minutes * speed)
    if profile.willing_to_move:
        return 60.0
    if profile.near:
        return 30.0 if profile.has_car is not False else 15.0
    return RADIUS_STEPS[0]


def _entry_level(profile: Profile) -> int | None:
    """The person's starting level on the module scale, when they stated one."""
    if profile.domain_level in ("none", "basic") or profile.digital_level in ("none", "basic"):
        return LEVEL_RANK["initiation"]
    if profile.domain_level == "comfortable":
        return LEVEL_RANK["intermediaire"]
    if profile.domain_level == "professional":
        return LEVEL_RANK["avance"]
    return None


def _is_digital(topic: str) -> bool:
    return bool(DIGITAL_DOMAIN.search(fold(topic)))


def _audience_fits(statuses: frozenset[str], groups: frozenset[str]) -> bool:
    """Whether a person with ``statuses`` may join a module for ``groups`` (empty = all)."""
    if not groups:
        return True
    status_groups = groups & {"jobseeker", "worker"}
    if status_groups and statuses & {"jobseeker", "worker"} and not (statuses & status_groups):
        return False
    ages = {"young", "over_45"}
    return not (groups & ages and statuses & ages and not (statuses & groups & ages))


_SENTENCE = re.compile(r"(?<=[.!?;:])\s+|\n+|\s+-\s+")


# Words of a profile that say nothing of what to learn: a description sharing only these (or
# a number: "15 ans", "15 h") with the person's words is no reason to propose it.
_NOT_A_NEED = frozenset(
    analyze(
        "apprendre formation formations former cours travailler travail métier emploi ans an "
        "année années voudrais veux voudrait aimerais aimer cherche chercher trouver commencer "
        "débutant débute début rien presque connais connaître faire bien niveau domaine "
        "vraiment beaucoup peu chose choses pendant depuis avant après plus moins très aussi "
        "encore déjà toujours jamais souvent surtout mais donc car comme quand alors ici "
        "maintenant aujourd'hui semaine semaines mois jour jours heure heures temps fois"
    )
)
_ELISION = re.compile(r"^(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu)'", re.IGNORECASE)


def _need_terms(text: str) -> set[str]:
    return {t for t in analyze(text) if t not in _NOT_A_NEED and not t.isdigit()}


def _reasons(profile: Profile, module: Module) -> tuple[Reason, ...]:
    """The needs this module answers, each with the sentence of its description that says so."""
    needs = [g for g in profile.goals] or []
    topic_terms = _need_terms(profile.topic)
    sentences = [s.strip(" -•") for s in _SENTENCE.split(module.description or "") if s.strip()]
    if not sentences:
        return ()
    best_sentence, best_overlap = None, set[str]()
    for sentence in sentences:
        overlap = topic_terms & set(analyze(sentence))
        if len(overlap) > len(best_overlap):
            best_sentence, best_overlap = sentence, overlap
    reasons = []
    if best_sentence:
        words = [
            _ELISION.sub("", w)
            for w in re.findall(r"\w[\w'-]*", profile.topic)
            if set(analyze(w)) & best_overlap
        ]
        need = " ".join(dict.fromkeys(words)) or profile.topic
        reasons.append(Reason(need=need, evidence=_clip(best_sentence)))
    for goal in needs:
        goal_terms = set(analyze(goal))
        for sentence in sentences:
            if goal_terms & set(analyze(sentence)) and _clip(sentence) not in {
                r.evidence for r in reasons
            }:
                reasons.append(Reason(need=goal, evidence=_clip(sentence)))
                break
    return tuple(reasons)


def _clip(sentence: str, limit: int = 220) -> str:
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rsplit(" ", 1)[0] + "…"


def _checks(
    profile: Profile, module: Module, distance: float | None, groups: frozenset[str]
) -> tuple[Check, ...]:
    checks = []
    if profile.place is not None:
        if module.format_key == "distanciel":
            checks.append(Check("distance", True, 0.0))
        else:
            checks.append(Check("distance", None if distance is None else distance <= 30, distance))
    hours = module.duration_hours
    checks.append(
        Check(
            "duration",
            None if profile.max_hours is None or hours is None else hours <= profile.max_hours,
            hours,
        )
    )
    fmt = module.format_key
    checks.append(
        Check("format", None if not profile.formats or fmt is None else fmt in profile.formats, fmt)
    )
    entry = _entry_level(profile)
    level = module.level_key
    checks.append(
        Check(
            "level",
            None if entry is None or level is None else LEVEL_RANK[level] - entry <= 1,
            level,
        )
    )
    checks.append(Check("cost", None, module.cost))
    checks.append(
        Check(
            "audience",
            None
            if not profile.statuses or not groups
            else _audience_fits(profile.statuses, groups),
            module.audience,
        )
    )
    if profile.certification:
        checks.append(Check("certification", bool(module.certification), module.certification))
    return tuple(checks)
