"""Why a module is shown: reasons quoted from its description, and a checklist of its facts.

A reason quotes the sentence of the description that shares the most *need concepts* with
the person's words: the analysed terms of the topic and the goals, less

- filler of people describing themselves (``NOT_A_NEED``: "apprendre", "voudrais", "ans"...),
  numbers, and words of when a course runs (the time vocabulary of the constraints);
- words the parser read as another fact (the place, the past job, the schedule...: the
  profile's evidence for those fields);
- words no module's title or tags use (the catalog never names a subject with them);
- words so common in the catalog (in more than ``COMMON_SHARE`` of its modules) that they
  tell no module apart ("utiliser", "formation").

Shared terms are weighted by their IDF, doubled when the module's title or tags carry them
(its main subject). A module found by meaning alone, sharing no concept, still gets a reason:
the person's need beside the module's own title, the concept it was matched on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from assistant.guidance.constraints import TIME_WORDS, audience_check
from assistant.guidance.gate import IdfTable
from assistant.guidance.ranking import LEVEL_RANK, entry_level
from assistant.guidance.types import Check, Reason
from assistant.understanding import Profile
from assistant.understanding.narrative import NOT_A_NEED
from corpus.model import Module
from index.analyzer import analyze
from index.sentences import ModuleSentences, analyse_module

COMMON_SHARE = 0.15
MIN_CATALOG_FOR_SHARE = 50  # below this, frequencies say nothing
_ELISION = re.compile(r"^(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu)'", re.IGNORECASE)
# Profile fields whose words are facts about the person, not what to learn.
OTHER_FACTS = frozenset(
    {
        "place",
        "past",
        "schedules",
        "schedules_refused",
        "max_hours",
        "max_weeks",
        "radius_km",
        "max_travel_minutes",
        "has_car",
        "statuses",
        "has_children",
        "little_schooling",
        "diploma",
        "languages_spoken",
        "languages_not_spoken",
        "french_level",
        "formats_refused",
        "certificates_held",
    }
)


class NeedConcepts:
    """The concepts of a need, weighted, for one catalog.

    Only words the catalog uses to name subjects (a word of some module's title or tags)
    count: "habite", "évoluer" or "idéalement" may well occur in descriptions, never as
    what a module is about.
    """

    def __init__(self, idf: IdfTable, modules: Iterable[Module] = ()) -> None:
        self.idf = idf
        self.subjects = frozenset(
            t for m in modules for t in analyze(f"{m.title} {' '.join(m.tags)}")
        )

    def weights(self, profile: Profile) -> dict[str, float]:
        """Need concept → weight (its IDF in the catalog)."""
        other = {
            t
            for name, words in profile.evidence.items()
            if name in OTHER_FACTS
            for t in analyze(words)
        }
        text = " ".join([profile.topic, *profile.goals])
        rows = self.idf.matrix.shape[0]
        out: dict[str, float] = {}
        for term in analyze(text):
            if term in NOT_A_NEED or term in other or term.isdigit() or _is_time_word(term):
                continue
            column = self.idf.vocabulary.get(term)
            if column is None or (self.subjects and term not in self.subjects):
                continue  # no module uses it, or never as a subject: nothing to quote
            weight = float(self.idf.idf[column])
            if rows >= MIN_CATALOG_FOR_SHARE and _common(self.idf, column, rows):
                continue
            out[term] = weight
        return out


def _common(idf: IdfTable, column: int, rows: int) -> bool:
    df = idf.matrix.indptr[column + 1] - idf.matrix.indptr[column]
    return bool(df > COMMON_SHARE * rows)


def _is_time_word(term: str) -> bool:
    return any(words.match(term) for words in TIME_WORDS.values())


def reasons(
    profile: Profile,
    module: Module,
    concepts: dict[str, float],
    analysis: ModuleSentences | None = None,
) -> tuple[Reason, ...]:
    """The needs this module answers, each with the sentence of its description that says so;
    never empty (see the module docstring). ``analysis`` is the module's description analysed
    at index time (:class:`index.sentences.SentenceStore`); without it, it is analysed here."""
    analysis = analysis or analyse_module(module)
    sentences = analysis.sentences
    main = analysis.main
    out: list[Reason] = []
    best, best_weight, best_terms = None, 0.0, frozenset[str]()
    for sentence, terms in zip(sentences, analysis.terms, strict=True):
        shared = terms & set(concepts)
        weight = sum(concepts[t] * (2.0 if t in main else 1.0) for t in shared)
        if weight > best_weight:
            best, best_weight, best_terms = sentence, weight, shared
    if best is not None:
        need = _words_for(profile.topic, best_terms) or profile.topic
        out.append(Reason(need=need, evidence=clip(best)))
    for goal in profile.goals:
        goal_terms = set(analyze(goal)) & set(concepts)
        for sentence, terms in zip(sentences, analysis.terms, strict=True):
            if goal_terms & terms and clip(sentence) not in {r.evidence for r in out}:
                out.append(Reason(need=goal, evidence=clip(sentence)))
                break
    if not out:  # no sentence says it: the title names what the module is about
        named = _words_for(profile.topic, main & set(concepts))
        out.append(Reason(need=named or _need_label(profile, concepts), evidence=module.title))
    return tuple(out)


def _words_for(text: str, terms: Iterable[str]) -> str:
    """The person's own words whose analysed form is one of ``terms``."""
    wanted = set(terms)
    words = [word for word, analysed in _analysed_words(text) if analysed & wanted]
    return " ".join(dict.fromkeys(words))


@lru_cache(maxsize=16)
def _analysed_words(text: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """Each word of ``text`` (elision removed) with its analysed terms: the reasons of every
    match of one answer look up the same topic (a few recent ones are kept in memory)."""
    return tuple(
        (_ELISION.sub("", w), frozenset(analyze(w))) for w in re.findall(r"\w[\w'-]*", text)
    )


def _need_label(profile: Profile, concepts: dict[str, float]) -> str:
    """What the person asked for, in a few words: the goal, or their rarest topic words."""
    if profile.goals:
        return profile.goals[0]
    top = sorted(concepts, key=lambda t: -concepts[t])[:3]
    if not top:  # nothing the catalog knows: the person's own content words, never a sentence
        top = [t for t in analyze(profile.topic) if t not in NOT_A_NEED and not t.isdigit()][:3]
    return _words_for(profile.topic, top) or profile.topic.strip()


def clip(sentence: str, limit: int = 220) -> str:
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rsplit(" ", 1)[0] + "…"


def checks(
    profile: Profile,
    module: Module,
    distance: float | None,
    groups: frozenset[str],
    hours_budget: float | None,
    regions: frozenset[str] = frozenset(),
) -> tuple[Check, ...]:
    """The module's facts, each marked as fitting the person's statements or not."""
    out = []
    if profile.place is not None:
        if module.format_key == "distanciel":
            out.append(Check("distance", True, None))  # in reach from everywhere
        else:
            out.append(Check("distance", None if distance is None else distance <= 30, distance))
    hours = module.duration_hours
    out.append(
        Check(
            "duration",
            None if hours_budget is None or hours is None else hours <= hours_budget,
            hours,
        )
    )
    fmt = module.format_key
    fits_format: bool | None = None
    if fmt is not None and (profile.formats or profile.formats_refused):
        fits_format = fmt not in profile.formats_refused and (
            not profile.formats or fmt in profile.formats
        )
    out.append(Check("format", fits_format, fmt))
    entry = entry_level(profile)
    level = module.level_key
    out.append(
        Check(
            "level",
            None if entry is None or level is None else LEVEL_RANK[level] - entry <= 1,
            level,
        )
    )
    out.append(Check("cost", None, module.cost))
    out.append(
        Check(
            "audience",
            audience_check(profile, groups, regions),
            module.audience,
        )
    )
    if profile.certification:
        out.append(Check("certification", bool(module.certification), module.certification))
    return tuple(out)
