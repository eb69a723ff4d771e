"""One parse in progress (:class:`Reading`) and the readers that fill it from the other
modules: conditions with their level, background and languages, and the residence among the
places named."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from assistant.understanding.background import (
    certificates_held,
    diploma,
    orientation,
    reading_difficulty,
)
from assistant.understanding.conditions import read_conditions
from assistant.understanding.languages import IMPROVE_OWN, languages_stated
from assistant.understanding.levels import LEARN_TO_USE, WANT_DIGITAL, denied_level, stated_level
from assistant.understanding.negation import Scope, negated, negation_scopes, restricted
from assistant.understanding.spelling import Correction
from corpus.text import fold

Span = tuple[int, int]


# "j'habite à", "ik woon in", "I live in", "ich wohne in", "j'ai déménagé à": where the person is
RESIDENCE = re.compile(
    r"\b(?:habite|habites|jhabite|jabite|abite|vis|vit|jvis|demenage|installee?|woon|woont|wohne|"
    r"wohnt|lebe|live|lives|living|moved to|verhuisd naar|umgezogen nach|domicilie|domiciliee|"
    r"based in)\b[^.;!?]{0,14}$"
)
# a clause about a job held: "je travaille comme technicien à Wavre", "worked in Charleroi"
WORK_PLACE = re.compile(
    r"\b(?:(?:je |j'|j)travaille|ai travaille|worked|(?<!to )work|werk|gewerkt|arbeite|"
    r"gearbeitet|restaurants?)\b"
)
_CLAUSE_STOP = re.compile(r"[,;:.!?\n]|\b(?:mais|but|maar|aber|now|maintenant|nu|jetzt)\b")


def residence(folded: str, spans: list[Span], scopes: list[Scope]) -> int | None:
    """Which of the place mentions is where the person lives: the one after a residence cue;
    else the first that is neither refused ("je ne veux pas aller à Charleroi") nor the place of
    a job ("j'ai travaillé 10 ans à Liège"); else none."""
    for k, (start, _) in enumerate(spans):
        if RESIDENCE.search(folded[max(0, start - 40) : start]):
            return k
    for k, (start, end) in enumerate(spans):
        if negated((start, end), scopes) is not None:
            continue
        left = max((m.end() for m in _CLAUSE_STOP.finditer(folded, 0, start)), default=0)
        right = next((m.start() for m in _CLAUSE_STOP.finditer(folded, end)), len(folded))
        if WORK_PLACE.search(folded[left:right]):
            continue
        return k
    return None


@dataclass
class Reading:
    """One parse in progress: the text, its negations, and what has been read so far."""

    text: str
    folded: str = ""
    scopes: list[Scope] = field(default_factory=list)
    only: list[Span] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)
    removed: list[Span] = field(default_factory=list)  # out of the topic
    level_spans: list[Span] = field(default_factory=list)  # spans stating a level
    past_spans: list[Span] = field(default_factory=list)  # jobs held, as phrases
    certificate_spans: list[Span] = field(default_factory=list)  # certificates held
    background_spans: list[Span] = field(default_factory=list)  # a degree and its subject
    place_spans: list[Span] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)  # misspelt words
    cert_span: Span | None = None

    def __post_init__(self) -> None:
        self.folded = fold(self.text)
        self.scopes = negation_scopes(self.folded)
        self.only = restricted(self.folded)

    def note(self, name: str, span: Span) -> None:
        """Keep the words ``name`` was read from, as the person wrote them."""
        self.evidence.setdefault(name, self.text[span[0] : span[1]])


def read_condition_fields(r: Reading) -> None:
    """Times, formats, mobility and computer use (with their negations), then the level."""
    c = read_conditions(r.folded, r.scopes, r.only)
    values = r.values
    for name in ("schedules", "schedules_refused", "formats", "formats_refused"):
        if getattr(c, name):
            values[name] = frozenset(getattr(c, name))
    for name in ("format_required", "public_transport"):
        if getattr(c, name):
            values[name] = True
    for name in ("has_car", "has_computer"):  # False is a statement here
        if getattr(c, name) is not None:
            values[name] = getattr(c, name)
    if c.digital_level is not None:
        values["digital_level"] = c.digital_level
        r.level_spans.append(c.spans["digital_level"])
    for name, span in c.spans.items():
        r.note(name, span)
    r.removed.extend(c.matched)
    r.removed.extend(c.refused_spans)
    # The level in the field: stated ("je connais les bases d'Excel"), denied ("je n'ai jamais
    # programmé", "no experience in that field") or learning to use a computer at all.
    if found := stated_level(r.folded, r.scopes):
        values["domain_level"], span = found
        r.note("domain_level", span)
        r.level_spans.append(span)
    elif denied := denied_level(r.folded, r.scopes, c.spans.get("digital_level")):
        values["domain_level"] = "none"
        r.note("domain_level", denied)
        r.level_spans.append(denied)
    elif m := IMPROVE_OWN.search(r.folded):
        # "améliorer mon néerlandais": some of the language already, the basics
        values["domain_level"] = "basic"
        r.note("domain_level", m.span())
    elif m := LEARN_TO_USE.search(r.folded):
        values["domain_level"] = "none"
        r.note("domain_level", m.span())
    elif values.get("digital_level") == "none":
        # never used a computer and wants computer skills: a beginner in the field too
        rest = without(r.folded, [c.spans["digital_level"]])
        if WANT_DIGITAL.search(rest):
            values["domain_level"] = "none"


def read_background_fields(r: Reading) -> None:
    """Diploma, reading, orientation, certificates held, languages."""
    values, folded, scopes = r.values, r.folded, r.scopes
    if found := diploma(folded, scopes):
        values["diploma"], span = found
        r.note("diploma", span)
        r.removed.append(span)
        r.background_spans.append(span)
    if reading := reading_difficulty(folded, scopes):
        values["reading_difficulty"] = True
        r.note("reading_difficulty", reading)
        r.level_spans.append(reading)  # "lire et écrire c'est dur": often the need itself
    if unsure := orientation(folded, scopes):
        values["orientation"] = True
        r.note("orientation", unsure)
        r.removed.append(unsure)
    held = certificates_held(r.text, folded, scopes)
    if held:
        values["certificates_held"] = tuple(dict.fromkeys(label for label, _ in held))
        r.note("certificates_held", held[0][1])
        r.removed.extend(span for _, span in held)
        r.certificate_spans = [span for _, span in held]
        if "cess" in values["certificates_held"] and "diploma" not in values:
            values["diploma"] = "secondary"
    spoken, unspoken, spans = languages_stated(folded, scopes, r.only)
    if spoken:
        values["languages_spoken"] = spoken
    if unspoken:
        values["languages_not_spoken"] = unspoken
    if spans:
        r.note("languages", spans[0])
    # "pas de diplôme" or a certificate held is not a wish for a certificate
    if values.get("certification") and r.cert_span is not None:
        a = r.cert_span[0]
        if negated(r.cert_span, scopes) or any(x <= a < y for _, (x, y) in held):
            del values["certification"]


def sentence_of(folded: str, pos: int) -> int:
    return sum(folded.count(c, 0, pos) for c in ".!?;")


def overlaps(span: Span, spans: Iterable[Span]) -> bool:
    return any(a < span[1] and span[0] < b for a, b in spans)


def without(text: str, spans: list[Span]) -> str:
    """``text`` with the given spans blanked out (the need, without its constraints)."""
    if not spans:
        return " ".join(text.split())
    chars = list(text)
    for start, end in spans:
        for i in range(start, min(end, len(chars))):
            chars[i] = " "
    return " ".join("".join(chars).split())
