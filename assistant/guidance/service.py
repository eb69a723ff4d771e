"""The guidance service: a profile in, explained matches, near misses and a pathway out.

Topic first, then constraints:

1. Hard constraints (:mod:`.constraints`) become a row mask: hours, formats required or
   refused, refused times of day, certification, audience, certificates already held.
2. The relevance gate (:mod:`.gate`) decides which modules answer the need at all, from the
   one embedding and BM25 scoring of the need.
3. Reach (:mod:`.reach`): the radius widens until ``k`` on-topic modules are in it; distance
   learning is in reach from everywhere. Fewer than ``k`` on-topic modules in reach gives
   fewer matches (never off-topic filler), and the nearest on-topic ones farther away come
   back as near misses.
4. Ranking (:mod:`.ranking`) orders the on-topic modules in reach by the person's
   preferences; reasons and checks (:mod:`.reasons`) explain each one; a pathway
   (:mod:`.pathways`) plans the way from the person's level to the goal's.
"""

from __future__ import annotations

import math
import re
from datetime import date

import numpy as np
import numpy.typing as npt

from assistant.filters import Filters
from assistant.guidance.constraints import (
    TIME_WORDS,
    CatalogConstraints,
    hard_mask,
    held_mask,
    hours_budget,
    why_not,
)
from assistant.guidance.gate import DEFAULT_GATE, GateModel, RelevanceGate
from assistant.guidance.need import aims_at_work, names_a_subject, words_of_need
from assistant.guidance.pathways import PathwayInput, plan
from assistant.guidance.ranking import (
    DIGITAL_DOMAIN,
    LEVEL_RANK,
    ORIENTATION_NEED,
    Candidate,
    below_level,
    needs_classroom,
    order,
    preference,
    teaching_languages,
)
from assistant.guidance.reach import distances, widen
from assistant.guidance.reasons import OTHER_FACTS, NeedConcepts, checks, reasons
from assistant.guidance.types import Guidance, Match, NearMiss, Pathway
from assistant.search import PreparedQuery, Ranked, SearchService
from assistant.understanding import DigitalLevel, Profile, ProfileParser
from corpus.model import Module
from corpus.text import fold

Mask = npt.NDArray[np.bool_]
Distances = npt.NDArray[np.float64]

DEPTH = 200
# The rank among on-topic modules weighs the gate's confidence in: fused score x
# preferences x P(on topic) ** TOPIC_WEIGHT (0.5 measured best of 0, 0.25, 0.5, 1 on the dev
# collections and the demo set; ranking the sure ones first instead lowered wallonie 0.011).
TOPIC_WEIGHT = 0.5
NEAR_MISSES = 3
BASICS_QUERY = "bases de l'ordinateur, premiers pas en informatique"
BASICS_MAX_HOURS = 60.0  # a short way in: about two weeks full time


class GuidanceService:
    """Answers a profile with explained matches. One per loaded index; thread-safe."""

    def __init__(
        self, search: SearchService, parser: ProfileParser, gate: GateModel = DEFAULT_GATE
    ) -> None:
        self.search = search
        self.parser = parser
        self.facts = search.facets
        self.gate = RelevanceGate(search.index, gate)
        self.concepts = NeedConcepts(self.gate.idf, search.index.modules)
        self._table: CatalogConstraints | None = None
        self._basics_query: tuple[PreparedQuery, Mask] | None = None

    def understand(self, text: str) -> Profile:
        """The profile stated in ``text``."""
        return self.parser.parse(self.search.check_text(text))

    def module(self, module_id: str) -> Module | None:
        return self.search.module(module_id)

    @property
    def table(self) -> CatalogConstraints:
        """What the constraints read of each module (computed on first use; the index never
        changes)."""
        if self._table is None:
            self._table = CatalogConstraints(self.search.index.modules, self.facts)
        return self._table

    @property
    def times(self) -> list[frozenset[str]]:
        """When each module runs."""
        return self.table.times

    def guide(
        self,
        profile: Profile,
        *,
        k: int = 5,
        exclude: frozenset[str] = frozenset(),
        filters: Filters | None = None,
        hide_before: date | None = None,
    ) -> Guidance:
        """Matches for ``profile``, best first, all on topic and none breaking a hard
        constraint. ``filters`` (set by a counsellor or an API client) are hard too.
        ``hide_before`` (the jobseekers' view) leaves out, as if not in the catalog, the modules
        whose every session starts before that day (:mod:`corpus.freshness`)."""
        topic = topic_text(profile)
        if not topic:
            return Guidance(profile, ())
        modules = self.search.index.modules
        gone = self.facts.past(hide_before)
        base = self._base(profile, exclude, filters) & ~gone
        # What the person already holds is no answer, nor the measure of one: the next
        # certificate is judged against the rest of the catalog.
        held = held_mask(profile, self.table)
        lineage = bool(profile.certificates_held) and not names_a_subject(topic)
        if lineage:
            # "I hold the CCNA, what next?": a need that names nothing but the certificate
            # held is read as that certificate's lineage (the certificate itself stays
            # excluded, so what comes next answers).
            topic = " ".join(profile.certificates_held)
        # embedded once, ranked under several masks
        query, p_topic = self._gated(topic, held, gone, words_of_need(profile, topic))
        confident = p_topic >= self.gate.model.confident
        answers = self.gate.model.answered_level
        if not (p_topic >= answers).any() and profile.certificates_held and not lineage:
            # A need the catalog does not answer, from a person holding a certificate: the
            # lineage of that certificate is the nearest need it can answer.
            topic = " ".join(profile.certificates_held)
            query, p_topic = self._gated(topic, held, gone, topic)
            confident = p_topic >= self.gate.model.confident
            lineage = True
        # A need no module surely answers is one the catalog lacks: nothing is on topic
        # (no module of a related-looking trade is passed off as an answer).
        answered = bool((p_topic >= answers).any())
        on_topic = (p_topic >= self.gate.model.threshold) & answered
        if not names_a_subject(topic) and not lineage:  # "une formation à Mons": any answers
            on_topic = confident = np.ones(len(p_topic), dtype=bool)
        km = distances(profile, self.facts.coords)
        # initiations a professional is past do not stop the widening (ranking.below_level)
        reach = widen(
            profile,
            base,
            confident & ~below_level(profile, self.facts),
            self.facts.distance_learning,
            km,
            k,
            remote_counts=not needs_classroom(profile),
        )
        shown = reach.allowed & on_topic
        ranked = self.search.rank(query, shown, DEPTH) if shown.any() else []
        ordered = order(
            profile,
            self.facts,
            modules,
            self._candidates(
                self._at_held_level(profile, held) if lineage else profile, ranked, km, p_topic
            ),
        )
        concepts = self.concepts.weights(profile)
        matches = tuple(self._match(profile, c, km, concepts) for c in ordered[:k])
        languages = teaching_languages(profile)
        # A plan's steps must surely answer the need, not merely be near it.
        sure = [c for c in ordered if confident[c.row]]
        pathway = self._pathway(profile, topic, sure, reach.allowed, km, concepts)
        return Guidance(
            profile,
            matches,
            self._near_misses(profile, query, base, on_topic, reach.allowed, km, matches),
            pathway,
            reach.relaxations,
            int(reach.allowed.sum()),
            on_topic=int(on_topic.sum()),
            fewer_than_asked=len(matches) < k,
            language_fallback=bool(languages)
            and not any(self.facts.language[c.row] in languages for c in ordered),
        )

    # -- steps ------------------------------------------------------------------------------

    def _gated(
        self, topic: str, held: Mask | None, gone: Mask, words: str
    ) -> tuple[PreparedQuery, npt.NDArray[np.float64]]:
        """The prepared query and each module's probability of answering it: ``topic`` is
        embedded, its ``words`` (:func:`~assistant.guidance.need.words_of_need`) scored. The
        rows ``held`` (certificates the person holds) and ``gone`` (hidden) are not in this
        person's catalog, and the hidden ones answer nothing."""
        query = self.search.prepare(topic, words)
        absent = gone if held is None else held | gone
        p_topic = self.gate.probabilities(
            words,
            query.vector,
            query.lexical_scores,
            ~absent if absent.any() else None,
            query.cosines,
        )
        return query, np.where(gone, 0.0, p_topic)

    def _at_held_level(self, profile: Profile, held: Mask | None) -> Profile:
        """For ranking a certificate's lineage: the person stands at the level of the modules
        leading to the certificate they hold (CCNA held: what comes next is not below it)."""
        if held is None or profile.domain_level is not None or not held.any():
            return profile
        levels = [LEVEL_RANK[lv] for r in np.flatnonzero(held) if (lv := self.facts.level[r])]
        if not levels:
            return profile
        return profile.with_changes(domain_level=_DOMAIN_AT[min(max(levels), 2)])

    def _base(self, profile: Profile, exclude: frozenset[str], filters: Filters | None) -> Mask:
        base = hard_mask(profile, self.facts, self.table)
        if filters is not None and (extra := self.facts.mask(filters)) is not None:
            base &= extra
        rows = self.search.rows
        for module_id in exclude:
            if module_id in rows:
                base[rows[module_id]] = False
        return base

    def _candidates(
        self,
        profile: Profile,
        ranked: list[Ranked],
        km: Distances | None,
        p_topic: npt.NDArray[np.float64] | None = None,
    ) -> list[Candidate]:
        return [
            Candidate(
                r.row,
                r.score,
                r.score
                * preference(profile, self.facts, r.row, km, self.times)
                * (1.0 if p_topic is None else float(p_topic[r.row]) ** TOPIC_WEIGHT),
                r.lexical_score,
                r.semantic_score,
            )
            for r in ranked
        ]

    def _match(
        self,
        profile: Profile,
        c: Candidate,
        km: Distances | None,
        concepts: dict[str, float],
    ) -> Match:
        index = self.search.index
        module = index.modules[c.row]
        remote = bool(self.facts.distance_learning[c.row])
        d = None if km is None or remote or math.isnan(km[c.row]) else float(km[c.row])
        return Match(
            module=module,
            score=c.score,
            distance_km=None if d is None else round(d, 1),
            reasons=reasons(profile, module, concepts, index.sentences[c.row]),
            checks=checks(
                profile,
                module,
                d,
                self.facts.groups[c.row],
                hours_budget(profile),
                self.facts.regions[c.row],
            ),
            scores={
                "lexical": c.lexical_score,
                "semantic": c.semantic_score,
                "fused": c.fused,
                "constraints": c.score / c.fused if c.fused else None,
            },
        )

    def _near_misses(
        self,
        profile: Profile,
        query: PreparedQuery,
        base: Mask,
        on_topic: Mask,
        allowed: Mask,
        km: Distances | None,
        matches: tuple[Match, ...],
    ) -> tuple[NearMiss, ...]:
        """The nearest on-topic modules out of reach, then on-topic ones that broke another
        constraint (best first), with why."""
        shown = {m.module.id for m in matches}
        modules = self.search.index.modules
        out: list[NearMiss] = []
        if km is not None:
            far = np.flatnonzero(base & on_topic & ~allowed & ~np.isnan(km))
            for row in far[np.argsort(km[far], kind="stable")][:NEAR_MISSES]:
                out.append(NearMiss(modules[row], ("too_far",), round(float(km[row]), 1)))
        broken = on_topic & ~base
        if len(out) < NEAR_MISSES and broken.any():
            for r in self.search.rank(query, broken, 20):
                module = modules[r.row]
                why = why_not(profile, self.facts, r.row)
                if module.id in shown or not why:
                    continue
                d = None if km is None or math.isnan(km[r.row]) else round(float(km[r.row]), 1)
                out.append(NearMiss(module, why, d))
                if len(out) == NEAR_MISSES:
                    break
        return tuple(out)

    def _pathway(
        self,
        profile: Profile,
        topic: str,
        ordered: list[Candidate],
        allowed: Mask,
        km: Distances | None,
        concepts: dict[str, float],
    ) -> Pathway | None:
        basics = None
        if profile.digital_level == "none" and DIGITAL_DOMAIN.search(fold(topic)):
            basics = self._basics(profile, allowed, km)
        data = PathwayInput(
            profile=profile,
            goal=profile.goals[0] if profile.goals else profile.topic.strip() or topic,
            candidates=ordered,
            modules=self.search.index.modules,
            vectors=self.search.index.dense.vectors,
            hours_budget=hours_budget(profile),
            basics=basics,
            facts=self.facts,
            aims_at_work=aims_at_work(fold(profile.topic or topic)),
        )
        return plan(data, lambda c: self._match(profile, c, km, concepts))

    def _basics(self, profile: Profile, allowed: Mask, km: Distances | None) -> Candidate | None:
        """The best computer-basics module in reach, for a beginner aiming at digital work."""
        if self._basics_query is None:  # our own wording: embedded and gated once
            query = self.search.prepare(BASICS_QUERY)
            p = self.gate.probabilities(BASICS_QUERY, query.vector, query.lexical_scores)
            self._basics_query = (query, p >= self.gate.model.confident)
        query, about_basics = self._basics_query
        ranked = self.search.rank(query, allowed & about_basics, 50)
        initiation = [r for r in ranked if self.facts.level[r.row] == "initiation"]
        modules = self.search.index.modules
        candidates = order(profile, self.facts, modules, self._candidates(profile, initiation, km))
        hours = self.facts.hours  # NaN where unknown: as 0, a short way in
        short = [c for c in candidates if np.nan_to_num(hours[c.row]) <= BASICS_MAX_HOURS]
        pool = short or candidates
        return pool[0] if pool else None


# The domain level whose entry is a module level (ranking.entry_level read backwards).
_DOMAIN_AT: dict[int, DigitalLevel] = {0: "basic", 1: "comfortable", 2: "professional"}
# Words of how and when a course runs: constraints and preferences, not the subject.
_HOW = re.compile(r"^(?:distance|distanciel|presentiel|hybride|heures?|semaines?|mois|km)$")


def _without_when_and_how(text: str) -> str:
    """``text`` without the words of format, length and time of day ("à distance", "le
    soir", "20 heures"): the constraints and preferences handle them, and as words of the
    need they only pulled in modules sharing them (a "cours du soir à distance" on another
    subject)."""
    words = re.findall(r"\S+", text)
    kept = [
        w
        for w in words
        if not (
            _HOW.match(fold(w.strip(".,;:!?()'\"")))
            or any(t.match(fold(w.strip(".,;:!?()'\""))) for t in TIME_WORDS.values())
        )
    ]
    return " ".join(kept)


def topic_text(profile: Profile) -> str:
    """The words the need is ranked on: the topic, the goal occupations, and career guidance
    for a person who does not know what to do. (Certificates held are not added: a driving
    licence held says nothing of the web course wanted.)"""
    goals = " ".join(profile.goals)
    topic = _without_when_and_how(profile.topic).strip()
    # the words the parser read as other facts ("au chômage", "ancien magasinier") name no
    # subject beside the goal
    facts = " ".join(v for name, v in profile.evidence.items() if name in OTHER_FACTS)
    if profile.goals and not names_a_subject(topic, besides=f"{goals} {facts}"):
        # "J'ai 16 ans et je voudrais devenir mécanicien": the occupation is the whole need;
        # the narrative around it only made unrelated modules look sure.
        topic = ""
    parts = [topic, *profile.goals]
    if profile.orientation:
        parts.append(ORIENTATION_NEED)
    return " ".join(p for p in parts if p).strip()
