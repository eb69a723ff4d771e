"""Scoring the parser against hand-written gold profiles (``gold/profiles.jsonl``).

Each gold line holds an ``id``, a ``part`` ("tune" or "heldout"), the person's ``text`` and a
``gold`` object listing the fields the text states, and only those. Three kinds of field:

- **scalar** fields (place, has_car, max_hours, diploma, lang...): a true positive when the
  predicted value equals the gold one; a false positive when a value is predicted (not
  None/False/empty) and differs; a false negative when gold is set and the prediction differs
  (a wrong value counts both);
- **set** fields (schedules, formats, languages, statuses): per element;
- **concept** fields (goal, past, certificates_held): a gold concept is ``"stem|stem"``; it is
  found when any stem occurs in the folded prediction. For the goal the prediction is the goal
  labels plus the topic, and a past job found there is a false positive: the goal must never be
  the job the person left.

Counts are micro-averaged over the profiles of a part.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.understanding.profile import Profile
from corpus.text import fold

GOLD_PATH = Path(__file__).with_name("gold") / "profiles.jsonl"

# gold name -> how to read the prediction from a Profile
SCALARS: dict[str, Callable[[Profile], Any]] = {
    "lang": lambda p: p.language,
    "place": lambda p: p.place,
    "near": lambda p: p.near,
    "has_car": lambda p: p.has_car,
    "public_transport": lambda p: p.public_transport,
    "radius_km": lambda p: p.radius_km,
    "max_travel_minutes": lambda p: p.max_travel_minutes,
    "max_hours": lambda p: p.max_hours,
    "max_weeks": lambda p: p.max_weeks,
    "format_required": lambda p: p.format_required,
    "digital_level": lambda p: p.digital_level,
    "domain_level": lambda p: p.domain_level,
    "wants_certificate": lambda p: bool(p.certification),
    "diploma": lambda p: p.diploma,
    "reading_difficulty": lambda p: p.reading_difficulty,
    "orientation": lambda p: p.orientation,
}
SETS: dict[str, Callable[[Profile], frozenset[str]]] = {
    "schedules": lambda p: p.schedules,
    "schedules_refused": lambda p: p.schedules_refused,
    "formats_wanted": lambda p: p.formats,
    "formats_refused": lambda p: p.formats_refused,
    "languages_spoken": lambda p: p.languages_spoken,
    "languages_not_spoken": lambda p: p.languages_not_spoken,
    "statuses": lambda p: p.statuses,
}
CONCEPTS = ("goal", "past", "certificates_held")
FIELDS = (*SCALARS, *SETS, *CONCEPTS)
TOLERANCE = {"max_weeks": 1.0, "max_hours": 0.5, "radius_km": 0.5, "max_travel_minutes": 1.0}


@dataclass
class Counts:
    """True positives, false positives and false negatives of one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        """Add ``other``'s counts to these."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        """TP / (TP + FP); 1.0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """TP / (TP + FN); 1.0 when nothing was to be found."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    """Counts per field for one part, and the fields each profile got wrong."""

    fields: dict[str, Counts] = field(default_factory=dict)
    errors: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)  # field, got, gold
    profiles: int = 0

    @property
    def overall(self) -> Counts:
        """All fields' counts summed (micro-average)."""
        total = Counts()
        for counts in self.fields.values():
            total.add(counts)
        return total


def load_gold(path: Path = GOLD_PATH) -> list[dict[str, Any]]:
    """The gold lines of ``path``."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _is_set(value: Any) -> bool:
    return value is not None and value is not False and value != "" and value != frozenset()


def _same(name: str, predicted: Any, gold: Any) -> bool:
    if name == "place":
        if predicted is None:
            return False
        names = {fold(predicted.name), fold(predicted.municipality)}
        return fold(str(gold)) in names
    if name in TOLERANCE and isinstance(predicted, int | float) and not isinstance(predicted, bool):
        return isinstance(gold, int | float) and abs(predicted - gold) <= TOLERANCE[name]
    return bool(predicted == gold)


def _scalar(name: str, predicted: Any, gold: Mapping[str, Any]) -> Counts:
    counts = Counts()
    # has_car False is a statement; for the other booleans only True is one.
    stated = predicted is not None if name == "has_car" else _is_set(predicted)
    if name in gold and _same(name, predicted, gold[name]):
        counts.tp = 1
        return counts
    counts.fp = int(stated)
    counts.fn = int(name in gold)
    return counts


def _set(predicted: Iterable[str], gold: Iterable[str]) -> Counts:
    p, g = set(predicted), set(gold)
    return Counts(len(p & g), len(p - g), len(g - p))


def _found(concept: str, text: str) -> bool:
    return any(stem and fold(stem) in text for stem in concept.split("|"))


def _concepts(name: str, profile: Profile, gold: Mapping[str, Any]) -> Counts:
    wanted: list[str] = list(gold.get(name, []))
    counts = Counts()
    if name == "goal":
        text = fold(" ".join([*profile.goals, profile.topic]))
        counts.tp = sum(_found(c, text) for c in wanted)
        counts.fn = len(wanted) - counts.tp
        counts.fp = sum(_found(c, text) for c in gold.get("past", []))
        if not wanted:
            counts.fp += len(profile.goals)
        return counts
    items = [fold(x) for x in (profile.past if name == "past" else profile.certificates_held)]
    joined = " ".join(items)
    counts.tp = sum(_found(c, joined) for c in wanted)
    counts.fn = len(wanted) - counts.tp
    counts.fp = sum(not any(_found(c, item) for c in wanted) for item in items)
    return counts


def score_profile(profile: Profile, gold: Mapping[str, Any]) -> dict[str, Counts]:
    """Counts per field for one parsed profile against its gold fields."""
    out: dict[str, Counts] = {}
    for name, read in SCALARS.items():
        out[name] = _scalar(name, read(profile), gold)
    for name, read_set in SETS.items():
        out[name] = _set(read_set(profile), gold.get(name, []))
    for name in CONCEPTS:
        out[name] = _concepts(name, profile, gold)
    return out


def predicted(name: str, profile: Profile) -> str:
    """The prediction for field ``name``, as a short text for ``--details``."""
    if name in SCALARS:
        value = SCALARS[name](profile)
        return value.name if name == "place" and value is not None else repr(value)
    if name in SETS:
        return repr(sorted(SETS[name](profile)))
    if name == "goal":
        return repr([*profile.goals, profile.topic])
    return repr(list(profile.past if name == "past" else profile.certificates_held))


def evaluate(
    parse: Callable[[str], Profile], rows: Iterable[Mapping[str, Any]], part: str
) -> Report:
    """Parse the texts of ``part`` ("tune", "heldout" or "all") and sum the counts."""
    report = Report(fields={name: Counts() for name in FIELDS})
    for row in rows:
        if part != "all" and row.get("part") != part:
            continue
        report.profiles += 1
        profile = parse(str(row["text"]))
        counts = score_profile(profile, row["gold"])
        wrong = []
        for name, c in counts.items():
            report.fields[name].add(c)
            if c.fp or c.fn:
                wrong.append((name, predicted(name, profile), json.dumps(row["gold"].get(name))))
        if wrong:
            report.errors[str(row["id"])] = wrong
    return report
