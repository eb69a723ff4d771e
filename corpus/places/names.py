"""Normalised name keys and the lookup tables behind :class:`corpus.places.gazetteer.Gazetteer`.

A *key* is a name folded for matching: lower case, no accents, every run of characters that
are not letters or digits turned into one space ("Braine-l'Alleud" → ``"braine l alleud"``).
Rows are referred to by their position in the gazetteer.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from corpus.places.words import ALIASES, LOOSE, NEVER, SAINTS, STRICT
from corpus.text import fold

TOKEN_RE = re.compile(r"\d+|[^\W\d_]+")
FUZZY_MIN_LETTERS = 6
_SAINT_SHORT = {"saint": "st", "sainte": "ste", "sint": "st"}


@functools.lru_cache(maxsize=65536)
def fold_token(token: str) -> str:
    """Fold one token (letters or digits) for matching: ``"LIÈGE"`` → ``"liege"``."""
    if token.isascii():
        return token.lower()
    return fold(token).replace("œ", "oe").replace("æ", "ae")


def name_key(text: str) -> str:
    """The matching key of a name: ``"Braine-l'Alleud"`` → ``"braine l alleud"``."""
    return " ".join(fold_token(t) for t in TOKEN_RE.findall(text))


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def within_one_edit(a: str, b: str) -> bool:
    """True when ``b`` is ``a`` with at most one insertion, deletion, substitution or swap."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        i, j = diff[0], diff[-1]
        return len(diff) == 2 and j == i + 1 and a[i] == b[j] and a[j] == b[i]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1 :]


@dataclass(frozen=True)
class RowNames:
    """What the index needs of one gazetteer row."""

    postal_code: str
    name_fr: str
    name_nl: str
    municipality: str


@dataclass
class NameIndex:
    """Keys → rows (preferred row first), postal codes → rows, and the fuzzy-match table."""

    names: dict[str, list[int]] = field(default_factory=dict)
    codes: dict[str, list[int]] = field(default_factory=dict)
    lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)
    municipality: list[str] = field(default_factory=list)
    centre: list[bool] = field(default_factory=list)  # the row is its municipality's own
    deletions: dict[str, list[str]] = field(default_factory=dict)
    # (first letter, number of words) → names, for rapidfuzz: a typo rarely hits the first letter
    similar: dict[tuple[str, int], list[str]] = field(default_factory=dict)
    # sound key → names that sound alike ("lieje" / "liege", "jumette" / "jumet")
    sounds: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def build(cls, rows: Sequence[RowNames]) -> NameIndex:
        """Index ``rows``; a municipality's own locality (its centre) ranks first everywhere."""
        keys: dict[str, str] = {}  # names repeat a lot (municipalities): fold each once

        def key_of(name: str) -> str:
            if name not in keys:
                keys[name] = name_key(name)
            return keys[name]

        index = cls(municipality=[key_of(r.municipality) for r in rows])
        centre = index.centre
        for i, row in enumerate(rows):
            own = [key_of(name) for name in (row.name_fr, row.name_nl) if name]
            centre.append(index.municipality[i] in own)
            for key in own:
                index._add(key, [i])
            index.codes.setdefault(row.postal_code, []).append(i)
        by_municipality: dict[str, list[int]] = {}
        for i, key in enumerate(index.municipality):
            by_municipality.setdefault(key, []).append(i)
        for key, members in by_municipality.items():
            index._add(key, [i for i in members if centre[i]] or members[:1])
        for alias, (code, name) in ALIASES.items():
            target = [
                i for i in index.codes.get(code, []) if name in (rows[i].name_fr, rows[i].name_nl)
            ]
            if target and alias not in index.names:  # a real name beats an alias
                index._add(alias, target[:1])
        for key in list(index.names):
            first, _, rest = key.partition(" ")
            if first in _SAINT_SHORT and rest:
                index._add(f"{_SAINT_SHORT[first]} {rest}", index.names[key])

        def rank(i: int) -> tuple[bool, int]:
            return (not centre[i], i)

        for table in (index.names, index.codes):
            for members in table.values():
                members.sort(key=rank)
        first_lengths: dict[str, set[int]] = {}
        for key in index.names:
            tokens = key.split()
            first_lengths.setdefault(tokens[0], set()).add(len(tokens))
        index.lengths = {t: tuple(sorted(n, reverse=True)) for t, n in first_lengths.items()}
        index._build_fuzzy(index.names)
        index._prefer_main_communes()
        return index

    def _prefer_main_communes(self) -> None:
        """A village's name one letter from a larger municipality's own name, and sounding the
        same, is most often that municipality misspelt ("Tournay" for Tournai, not the hamlet
        of Neufchâteau): the municipality's row goes first for that name, the village's stays
        reachable by its postal code ("6840 Tournay"). Larger: more than twice the postal
        localities, the gazetteer's measure of size (it has no population)."""
        size: dict[str, int] = {}
        for key in self.municipality:
            size[key] = size.get(key, 0) + 1
        for key, members in self.names.items():
            row = members[0]
            if self.centre[row] or " " in key or len(key) < FUZZY_MIN_LETTERS:
                continue
            own = size[self.municipality[row]]
            rivals = {
                other
                for variant in {key} | _deletions(key)
                for other in self.deletions.get(variant, ())
                if other != key and within_one_edit(key, other)
            }
            sound = sound_key(key)
            mains = [
                self.names[other][0]
                for other in rivals
                if sound_key(other) == sound  # "tournay" / "tournai", not "tielen" / "tienen"
                and self.centre[self.names[other][0]]
                and size[self.municipality[self.names[other][0]]] > 2 * own
            ]
            if len(mains) == 1:
                members.insert(0, mains[0])

    def _add(self, key: str, rows: Iterable[int]) -> None:
        members = self.names.setdefault(key, [])
        members.extend(i for i in rows if i not in members)

    def _build_fuzzy(self, keys: Iterable[str]) -> None:
        # Only real names: an alias ("louviere") is already a shorthand, one edit is too far.
        tiers = NEVER | STRICT | SAINTS | LOOSE | ALIASES.keys()
        for key in keys:
            if len(key) >= 4 and not key.isdigit() and key not in tiers and key[0].isalpha():
                self.similar.setdefault((key[0], key.count(" ") + 1), []).append(key)
                if " " not in key and len(key) >= 5:
                    self.sounds.setdefault(sound_key(key), []).append(key)
            if " " in key or len(key) < FUZZY_MIN_LETTERS or key.isdigit() or key in tiers:
                continue
            table = self.deletions
            table.setdefault(key, []).append(key)
            for i in range(len(key)):
                table.setdefault(key[:i] + key[i + 1 :], []).append(key)

    def fuzzy(self, word: str) -> int | None:
        """The preferred row of the one name within one edit of ``word``, if exactly one."""
        if len(word) < FUZZY_MIN_LETTERS:
            return None
        keys: set[str] = set()
        for variant in {word} | _deletions(word):
            keys.update(k for k in self.deletions.get(variant, ()) if within_one_edit(word, k))
        targets = {self.names[k][0] for k in keys}
        return targets.pop() if len(targets) == 1 else None

    def similar_name(self, words: Sequence[str], *, strict: bool = False) -> tuple[int, int] | None:
        """(row, number of words) of the one name closest to the first one to three ``words``
        (keys), by rapidfuzz's similarity ratio: "charlerloi", "grace hollonge", "louvin la
        neuve", or a truncated "bruxel". ``None`` when no name is close enough or two different
        places are equally close. ``strict`` (after a weak cue such as "à") asks for a closer
        match. The caller decides whether the context allows a place."""
        # the longest phrase with one clear match wins: "saint gille" over "saint"
        for n in (3, 2, 1):
            if len(words) < n or not words[0][:1].isalpha():
                continue
            query = " ".join(words[:n])
            letters = len(query.replace(" ", ""))
            if letters < 4:
                continue
            cutoff = 85.0 if letters < 5 or strict else 80.0
            keys = self.similar.get((query[0], n), [])
            hits = process.extract(query, keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=4)
            scored = [(score, key) for key, score, _ in hits]
            if n == 1 and letters >= 5:
                # a name cut short ("bruxel", "charler"): as close as a one-letter typo
                scored += [(90.0, k) for k in keys if k.startswith(query) and len(k) - letters <= 3]
            if not scored and n == 1 and letters >= 5:
                # written as it sounds: "lieje" for Liège, "jumette" for Jumet
                scored += [(95.0, k) for k in self.sounds.get(sound_key(query), [])]
            if not scored:
                continue
            top = max(score for score, _ in scored)
            rows = {self.names[key][0] for score, key in scored if score == top}
            if len(rows) == 1:
                return rows.pop(), n
            return None  # two places equally close: no guess
        return None

    def row_for(self, key: str, code: str) -> int | None:
        """The row named ``key`` that ``code`` covers (or of the same municipality), if any."""
        candidates = self.names.get(key, [])
        in_code = self.codes.get(code, [])
        for i in candidates:
            if i in in_code:
                return i
        municipalities = {self.municipality[i] for i in in_code}
        return next((i for i in candidates if self.municipality[i] in municipalities), None)


_SOUNDS = (
    (re.compile(r"ph"), "f"),
    (re.compile(r"g(?=[eiy])"), "j"),
    (re.compile(r"(?:ck|qu|c(?=[aou])|q)"), "k"),
    (re.compile(r"y"), "i"),
    (re.compile(r"dt\b"), "t"),
    (re.compile(r"(.)\1+"), r"\1"),
    (re.compile(r"(?:es|e|s|x)\b"), ""),
    (re.compile(r"(?:t|d)\b"), ""),
)


def sound_key(key: str) -> str:
    """How a one-word name key sounds, roughly, in French and Dutch writing: "ph" as "f", "g"
    before e/i as "j", "y" as "i", doubled letters once, a silent ending dropped."""
    for pattern, replacement in _SOUNDS:
        key = pattern.sub(replacement, key)
    return key
