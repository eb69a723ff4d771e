"""From a person's own words to a :class:`~assistant.understanding.profile.Profile`.

Deterministic and local: cue phrases in French, Dutch, English and German (``cues``,
``conditions``, ``background``, ``statuses``, ``languages``, ``past_jobs``), each consulting the
negation scopes of ``negation``; the Belgian gazetteer for places and the ESCO/ROME lexicon for
occupations, read on spelling-corrected words (``spelling``). A field is set only when its cue
is present: the parser never invents a constraint. Each set field keeps the words it was read
from in ``Profile.evidence``, so the person can see and correct it.

Matching runs on folded text (lower case, no accents), so "Liege", "ordi" and "a distance" work.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from rapidfuzz.distance import OSA

from assistant.understanding import cues
from assistant.understanding.clauses import job_frames, known_clauses
from assistant.understanding.cues import (
    GOAL_NEAR,
    PAST_AFTER,
    PAST_NEAR,
    SOMEONE_ELSE,
    THE_PERSON,
    read_cues,
)
from assistant.understanding.languages import detect_language as detect_language
from assistant.understanding.mobility import nearby
from assistant.understanding.narrative import names_a_subject, names_any
from assistant.understanding.negation import negated
from assistant.understanding.past_jobs import clause_tail, past_job_clauses
from assistant.understanding.profile import PlaceRef, Profile
from assistant.understanding.reading import (
    Reading,
    overlaps,
    read_background_fields,
    read_condition_fields,
    residence,
    sentence_of,
    without,
)
from assistant.understanding.sms import expansions as sms_expansions
from assistant.understanding.spelling import Correction, Speller, apply, to_original
from assistant.understanding.statuses import statuses
from assistant.understanding.tense import in_past_clause
from corpus.audience import AGE_GROUPS
from corpus.text import fold

Span = tuple[int, int]


class ProfileParser:
    """Reads a profile from free text. ``places`` and ``occupations`` are optional finders
    (the gazetteer and the occupation lexicon); without them those fields stay empty."""

    def __init__(
        self,
        places: Callable[[str], list[tuple[PlaceRef, Span, bool]]] | None = None,
        occupations: Callable[[str], list[tuple[str, str, Span]]] | None = None,
        vocabulary: Iterable[str] = (),
    ) -> None:
        """``vocabulary``: more known words for spelling correction (the occupation lexicon's,
        see :meth:`OccupationLexicon.words`); the parser's own cue words are always known."""
        self._places = places
        self._occupations = occupations
        cue_words = _cue_words()
        self._speller = Speller([*cue_words, *vocabulary])
        self._cue_vocabulary = frozenset(fold(w) for w in cue_words)

    def parse(self, text: str) -> Profile:
        """The profile stated in ``text`` (markup in it is read as blank space).

        A misspelt cue word is corrected before any cue is read ("geen rijbewjis", "aucune
        experiance", "je conais les bases"): only towards a word of the parser's own cues, one
        letter away (one letter missing, added, changed, or two swapped), and not between two
        forms of one word ("refugee" / "réfugiée"). Other misspellings (occupations, the need)
        are read as before, on the corrected words with the spans of the text. Every
        correction is evidence."""
        text = without_markup(text)
        language = detect_language(text)
        fixes = [c for c in self._corrections(text, language) if self._cue_fix(c)]
        if language == "fr":  # "jveux", "g travaillé", "chui": SMS French written out
            written_out = sms_expansions(text)
            spans = [(c.start, c.end) for c in written_out]
            fixes = sorted(
                [*written_out, *(c for c in fixes if not overlaps((c.start, c.end), spans))],
                key=lambda c: c.start,
            )
        if not fixes:
            return self._parse(text)
        profile = self._parse(apply(text, fixes)[0])
        spelling = ", ".join(f"{c.written} → {c.known}" for c in fixes)
        if more := profile.evidence.get("spelling"):
            spelling = f"{spelling}, {more}"
        return profile.with_changes(evidence={**profile.evidence, "spelling": spelling})

    def _corrections(self, text: str, language: str) -> list[Correction]:
        """The misspelt words of ``text``, outside the places named."""
        places = [span for _, span, _ in self._places(text)] if self._places is not None else []
        found = self._speller.corrections(text, language)
        return [c for c in found if not overlaps((c.start, c.end), places)]

    def _cue_fix(self, c: Correction) -> bool:
        written, known = fold(c.written), fold(c.known)
        shorter = min(len(written), len(known))
        stem = next(
            (i for i, (a, b) in enumerate(zip(written, known, strict=False)) if a != b), shorter
        )
        return (
            known in self._cue_vocabulary
            and OSA.distance(written, known) <= 1
            and stem < shorter - 2  # not "etudiante" / "etudiants"
        )

    def _parse(self, text: str) -> Profile:
        r = Reading(text)
        for f in read_cues(r.folded):
            if f.field == "statuses":
                r.values[f.field] = frozenset(r.values.get(f.field, frozenset()) | {f.value})
            elif f.field not in r.values:
                r.values[f.field] = f.value
                if f.field == "certification":
                    r.cert_span = f.span
            r.note(f.field, f.span)
            if f.field in ("max_hours", "max_weeks", "radius_km", "max_travel_minutes"):
                r.removed.append(f.span)
        read_condition_fields(r)
        read_background_fields(r)
        found_statuses = statuses(text, r.folded, r.scopes)
        if found_statuses:
            r.values["statuses"] = frozenset(found_statuses)
            for span in found_statuses.values():
                r.note("statuses", span)
            for group in AGE_GROUPS:  # the age's own words, to be said back as said
                if group in found_statuses:
                    r.note("age", found_statuses[group])
        if self._places is not None:
            found = self._places(text)
            home = residence(r.folded, [span for _, span, _ in found], r.scopes)
            if home is not None:
                place, span, near = found[home]
                r.values["place"] = place
                r.values["near"] = near
                r.note("place", span)
                if not near and (around := nearby(r.folded, r.scopes)):
                    # "j'habite à Ans, pas trop loin de chez moi": the surroundings too
                    r.values["near"] = True
                    r.note("near", around)
                    r.removed.append(around)
            r.removed.extend(span for _, span, _ in found)
            r.place_spans = [span for _, span, _ in found]
        r.corrections = [
            c
            for c in self._speller.corrections(text, detect_language(text))
            if not overlaps((c.start, c.end), r.place_spans)
        ]
        if r.corrections:
            r.evidence["spelling"] = ", ".join(f"{c.written} → {c.known}" for c in r.corrections)
        # "no experience in that field" is no job held; "je ne veux plus être X" is one
        clauses = [
            (clause, span)
            for clause, span in past_job_clauses(r.folded)
            if (scope := negated(span, r.scopes)) is None or scope.kind == "stop"
        ]
        r.past_spans = sorted({span for _, span in clauses})
        # the words around a job held ("j'ai travaillé dans le ... pendant 15 ans") are no need
        r.removed.extend(clause for clause, _ in clauses)
        self._read_occupations(r)
        # A negated phrase leaves the topic, except where it states the level in the field
        # itself ("je n'ai jamais travaillé avec Excel": Excel is the need).
        for scope in r.scopes:
            a, b = scope.span
            if scope.kind == "unable":
                continue  # "je ne sais pas utiliser LinkedIn": LinkedIn is the need
            if not any(x < b and a < y for x, y in r.level_spans):
                r.removed.append(scope.span)
        r.values["language"] = detect_language(text)
        r.removed.extend(job_frames(r.folded))
        self._leave_known(r)
        topic = without(text, r.removed)
        for c in r.corrections:  # the need in known words too: "comptabiliter comptabilité"
            if not overlaps((c.start, c.end), r.removed):
                pattern = rf"\b{re.escape(c.written)}\b"
                topic = re.sub(pattern, f"{c.written} {c.known}", topic, count=1)
        if r.values.get("orientation"):
            topic = f"{topic} orientation".strip()
        r.values["topic"] = topic
        return Profile(**r.values, evidence=r.evidence)

    @staticmethod
    def _leave_known(r: Reading) -> None:
        """What the person already knows leaves the topic when the rest still names a subject
        or a goal ("je connais bien Word, je veux apprendre la comptabilité"); otherwise it is
        the need ("je connais un peu Excel et je veux progresser")."""
        known = known_clauses(r.folded, r.scopes)
        if not known:
            return
        rest = without(r.text, [*r.removed, *known])
        goals = " ".join(r.values.get("goals", ()))
        if names_a_subject(rest, besides=goals) or (goals and names_any(rest, goals)):
            r.removed.extend(known)
            r.note("known", known[0])

    def _read_occupations(self, r: Reading) -> None:
        """Goals and past jobs: the lexicon's mentions with their roles, corrected by negation
        ("je ne veux plus être caissière"), by the phrases read as jobs held (past_jobs) and by
        the certificates held ("le permis cariste" held is not a goal)."""
        roles: dict[str, list[str]] = {"goal": [], "past": [], "unknown": []}
        folded, values = r.folded, r.values
        held = r.past_spans
        certificates = r.certificate_spans
        covered: set[Span] = set()
        mentions: list[tuple[str, str, Span]] = []
        written: dict[str, str] = {}  # a job held's label -> the words the person wrote
        if self._occupations is not None:
            # read on the corrected words ("aide soignente"), spans mapped back to the text
            fixed, table = apply(r.text, r.corrections)
            for label, role, (a, b) in self._occupations(fixed):
                span = (to_original(a, r.corrections, table), to_original(b, r.corrections, table))
                mentions.append((label, role, span))
        goal_spans = [span for _, role, span in mentions if role == "goal"]
        for label, role, span in mentions:
            before = folded[max(0, span[0] - 30) : span[0]]
            # "le formateur était super": a definite person, not a job sought or held
            definite = role == "unknown" and THE_PERSON.search(before) is not None
            if overlaps(span, certificates) or SOMEONE_ELSE.search(before) or definite:
                if not overlaps(span, certificates):
                    r.removed.append(span)  # "mon mari est plombier": not the person's job
                continue
            if role == "past" and GOAL_NEAR.search(before) and not overlaps(span, held):
                role = "goal"  # "je voudrais passer mon permis cariste"
            inside = [p for p in held if overlaps(span, [p])]
            scope = negated(span, r.scopes)
            if inside:
                covered.update(inside)
                role = "past"
                label = r.text[inside[0][0] : inside[0][1]]  # as the person wrote it
            elif scope is not None:
                # "je ne veux plus être caissière": the job left; "pas chauffeur": not a goal
                if scope.kind != "stop" and role != "past":
                    r.removed.append(span)
                    continue
                role = "past"
            elif role != "past" and (
                PAST_NEAR.search(folded[max(0, span[0] - 25) : span[0]])
                or PAST_AFTER.match(folded, span[1])
                or in_past_clause(folded, span)  # "jusqu'en 2021 j'étais chauffeur-livreur"
            ):
                role = "past"
            elif (
                role == "unknown"
                and any(g[0] > span[1] for g in goal_spans)
                and sentence_of(folded, span[0]) != sentence_of(folded, goal_spans[0][0])
            ):
                role = (
                    "past"  # a counsellor's note: "29 ans, maçon. Veut devenir chef de chantier."
                )
            if role != "past" and overlaps(span, r.background_spans):
                continue  # "bachelor verpleegkunde": the subject of a degree, not a goal
            target = roles.get(role, roles["unknown"])
            if label not in target:
                target.append(label)
            if role == "past" and not inside:
                written[label] = r.text[span[0] : span[1]]
            if role == "past":
                r.removed.append((span[0], clause_tail(folded, span[1])))
        for span in held:
            r.removed.append(span)
            words = r.text[span[0] : span[1]]
            if span not in covered and words not in roles["past"]:
                roles["past"].append(words)
        # A job named without a cue is the goal only when no goal was stated explicitly
        # ("aide-ménagère ..., souhaite devenir aide-soignante": the goal is aide-soignante).
        goals = roles["goal"] or [g for g in roles["unknown"] if g not in roles["past"]]
        goals = [g for g in goals if g not in roles["past"]]
        if goals:
            values["goals"] = tuple(goals)
        if roles["past"]:
            # the person's own words with the lexicon's label: "cashier (Hôte / Hôtesse de caisse)"
            values["past"] = tuple(
                _as_written(label, written.get(label)) for label in roles["past"]
            )


def _as_written(label: str, words: str | None) -> str:
    """A job held as the person named it, then the lexicon's label when it says more."""
    if not words or fold(words) in fold(label):
        return label
    return f"{words} ({label})"


def _cue_words() -> list[str]:
    """The words of every cue pattern of the understanding modules: the parser's lexicon."""
    from assistant.understanding import (
        background,
        conditions,
        digital,
        languages,
        levels,
        mobility,
        past_jobs,
    )
    from assistant.understanding import statuses as status_module

    words: list[str] = []
    for module in (
        cues,
        background,
        conditions,
        digital,
        levels,
        mobility,
        languages,
        past_jobs,
        status_module,
    ):
        for value in vars(module).values():
            patterns = value.values() if isinstance(value, dict) else [value]
            for pattern in patterns:
                if isinstance(pattern, re.Pattern):
                    # "\\bdistanciel" is "distanciel": escapes are no letters
                    plain = re.sub(r"\\[a-zA-Z]", " ", pattern.pattern)
                    words.extend(re.findall(r"[a-z]{5,}", plain))
    return words


# A script or style element with its content, or any single tag.
_MARKUP = re.compile(
    r"<(script|style)\b[^<>]{0,300}>.{0,2000}?</\1\s*>|<[^<>]{0,300}>", re.IGNORECASE | re.DOTALL
)


def without_markup(text: str) -> str:
    """``text`` with its HTML or XML tags (and scripts) blanked out, at the same length.

    A tag says nothing of the person ("<img src=x onerror=...>" is not a need for an image
    course); blanking keeps every other character where it was, so evidence stays quotable.
    """
    return _MARKUP.sub(lambda m: " " * len(m.group(0)), text)
