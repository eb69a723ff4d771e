"""Occupations named in a jobseeker's text, and whether each was their job or is their goal.

The lexicon is ``data/occupations.jsonl`` (ESCO and ROME, merged, plus a hand-written
supplement of Belgian, colloquial, English and Dutch job words; see ``data/NOTICE.md`` and
``data/make_occupations.py``). Matching works on normalised words: case and accents folded,
a final plural ``s`` dropped, and the small words ``de, du, des, d', la, le, l', les, en, à,
au, aux`` ignored, so "Aides-soignantes", "agent d'entretien" and "agent entretien" all find
their entry.

    >>> lexicon = default_lexicon()
    >>> [(m.matched, m.role) for m in lexicon.find_in_text(
    ...     "J'ai travaillé 15 ans comme magasinier et je voudrais devenir développeur web")]
    [('magasinier', 'past'), ('développeur web', 'goal')]
"""

from __future__ import annotations

import functools
import json
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.understanding.occupation_cues import CueIndex, Role
from corpus.text import fold

logger = logging.getLogger(__name__)

DATA_PATH = Path(__file__).resolve().parent / "data" / "occupations.jsonl"

_WORD = re.compile(r"[^\W_]+")
_JOINING = re.compile(r"[\s\-\u2010\u2011'’`]*")  # gaps a multi-word job title may span
_SENTENCE_END = re.compile(r"[.!?;\n]")
# Inclusive writing ("conducteur·rice", "aide-soignant·e", "employé(e)", "infirmier.ère"):
# the feminine ending is read as part of the gap, so the masculine form is what is matched.
_ENDINGS = "e|es|ne|nes|le|les|re|res|ère|ères|euse|euses|rice|rices|trice|trices|se|ses|te|tes"
_INCLUSIVE = re.compile(
    rf"(?<=\w)(?:[·•∙⋅.](?:{_ENDINGS})(?:[·•∙⋅.]s)?|\((?:{_ENDINGS}|s)\)s?)(?!\w)", re.IGNORECASE
)


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_SKIPPED = _wordset("de du des d la le l les en a au aux")

# Single words that are occupations only in one of their senses: they count only right after
# a role cue ("j'étais facteur", "devenir pilote", "j'ai bossé comme guide", "as a driver"),
# never on their own ("un facteur de stress", "des outils comme Docker").
_CUE_ONLY_WORDS = _wordset("""
    guide guides pilote facteur factrice avocat avocate boucher cadre commercial commerciale
    marchand marchande employe employee manager producteur productrice transporteur porteur
    routier routiere forestier forestiere marin mineur glacier voilier carrier hote tuteur
    tutrice moniteur monitrice auditeur auditrice editeur editrice correcteur correctrice
    batteur delegue deleguee president presidente patron patronne juge maire poseur poseuse
    cafetiere poissonniere portiere brodeuse repasseuse lasser driver cook trainer cleaner
    fraiseuse raboteuse tronconneuse trancheuse foreuse ponceuse tondeuse batteuse balayeuse
    laveuse sableuse plieuse agrafeuse emballeuse etiqueteuse trieuse souffleuse riveteuse
    sertisseuse toupilleuse rectifieuse mortaiseuse decolleteuse embouteilleuse lisseuse
    rogneuse tricoteuse chargeur couleuse fumiste mannequin commissaire controleur docker
    reporter primeur conservateur comique fantaisiste manucure pedicure lapidaire philosophe
    mixeuse prof manoeuvre militaire militair soldier piloot postman
""")

# Multi-word phrases that look like a job title but are not one; matched so that they hide
# the job word inside them, then dropped.
_NOT_OCCUPATIONS = [
    "chercheur d'emploi",
    "chercheuse d'emploi",
    "demandeur d'emploi",
    "demandeuse d'emploi",
    "femme au foyer",
    "homme au foyer",
    "mère au foyer",
    "père au foyer",
    "chef de famille",
    "fil conducteur",
    "facteur de risque",
    "facteur humain",
    "centre commercial",
    "aide sociale",
    "aide financière",
    "aide à l'emploi",
    "aide au devoir",
    "aide aux devoirs",
    "guide pratique",
    "guide d'utilisation",
    "projet pilote",
    "pilote automatique",
    "assistant vocal",
    "assistant virtuel",
    "assistant personnel numérique",
    "serveur web",
    "serveur linux",
    "serveur windows",
    "serveur sql",
    "serveur de fichiers",
    "serveur de messagerie",
    "serveur dns",
    "serveur mail",
    "serveur virtuel",
    "serveur cloud",
    "serveur informatique",
    "serveur apache",
    "serveur http",
    "serveur dédié",
]

# Words near which a job word takes its other sense ("configurer un serveur").
_VETO_CONTEXT = {
    "serveur": _wordset(
        "configurer configuration installer installation administrer administration heberger "
        "hebergement deployer redemarrer linux windows web reseau reseaux donnee donnees "
        "fichier fichiers virtuel virtuels cloud informatique sql dns apache nginx http mail "
        "messagerie proxy ftp vps dedie dedies cote client clients entreprise active directory "
        "exchange sauvegarde backup domaine stockage rack ssh distant distants physique "
        "physiques application applications"
    ),
}
_VETO_WINDOW = 5


@functools.lru_cache(maxsize=1 << 16)
def _fold_word(word: str) -> str:
    return fold(word).replace("œ", "oe").replace("æ", "ae")


@functools.lru_cache(maxsize=1 << 16)
def _stem(folded: str) -> str:
    if len(folded) > 3 and folded.endswith("s") and not folded.endswith("ss"):
        return folded[:-1]
    return folded


@functools.lru_cache(maxsize=1 << 16)
def _word_key(word: str) -> str:
    folded = _fold_word(word)
    return "" if folded in _SKIPPED else _stem(folded)


def phrase_key(phrase: str) -> str:
    """The normalised form under which ``phrase`` is matched: ``"Aides-Soignantes"`` →
    ``"aide soignante"``, ``"agent d'entretien"`` → ``"agent entretien"``."""
    return " ".join(filter(None, map(_word_key, _WORD.findall(phrase))))


_CUE_ONLY = frozenset(phrase_key(w) for w in _CUE_ONLY_WORDS)
_VETO = {phrase_key(k): v for k, v in _VETO_CONTEXT.items()}


@dataclass(frozen=True)
class Occupation:
    """One entry of the occupation table.

    Attributes:
        id: ``rome:<code>``, ``esco:<uuid>`` or ``supp:<slug>`` (see ``data/NOTICE.md``).
        label: a gender-neutral French label, e.g. ``"Magasinier / Magasinière"``.
        synonyms: every form that names it in text (both genders, English, Dutch...).
        isco: the ISCO-08 unit group, when known.
        rome: the ROME 4.0 code, when known.
    """

    id: str
    label: str
    synonyms: tuple[str, ...]
    isco: str | None
    rome: str | None


@dataclass(frozen=True)
class OccupationMention:
    """An occupation found in a text, with its character span in that text."""

    occupation: Occupation
    start: int
    end: int
    matched: str
    role: Role


@dataclass(frozen=True)
class _Words:
    starts: list[int]
    ends: list[int]
    folded: list[str]
    sentences: list[int]
    breaks: list[int]  # running count of gaps a job title may not span


def _words(text: str) -> _Words:
    starts: list[int] = []
    ends: list[int] = []
    folded: list[str] = []
    sentences: list[int] = []
    breaks: list[int] = []
    sentence = broken = 0
    previous_end = 0
    # same length as text, so spans stay valid
    plain = _INCLUSIVE.sub(lambda m: " " * len(m.group()), text)
    for match in _WORD.finditer(plain):
        gap = plain[previous_end : match.start()]
        if starts and _SENTENCE_END.search(gap):
            sentence += 1
        if starts and not _JOINING.fullmatch(gap):
            broken += 1
        starts.append(match.start())
        ends.append(match.end())
        folded.append(_fold_word(match.group()))
        sentences.append(sentence)
        breaks.append(broken)
        previous_end = match.end()
    return _Words(starts, ends, folded, sentences, breaks)


class OccupationLexicon:
    """Occupation names, indexed for lookup and for finding them in free text.

    Build it with :meth:`load` (or :func:`default_lexicon` for the bundled table); the
    constructor takes ready :class:`Occupation` objects, which suits tests.
    """

    def __init__(self, occupations: Iterable[Occupation]) -> None:
        self._occupations: list[Occupation] = []
        self._phrases: dict[str, int] = {}  # phrase key → index in _occupations, -1: not a job
        self._labels: dict[str, int] | None = None  # label key → index, built on first use
        self._longest: dict[str, int] = {}  # first word → most words in a phrase it starts
        for occupation in occupations:
            index = len(self._occupations)
            self._occupations.append(occupation)
            for synonym in occupation.synonyms:
                self._add(phrase_key(synonym), index)
        for phrase in _NOT_OCCUPATIONS:
            key = phrase_key(phrase)
            self._phrases[key] = -1
            self._note_length(key)

    def _add(self, key: str, index: int) -> None:
        if not key:
            return
        owner = self._phrases.setdefault(key, index)
        if owner != index:
            logger.debug("%r names both %s and %s; keeping the first", key, owner, index)
        self._note_length(key)

    def _note_length(self, key: str) -> None:
        first, _, _ = key.partition(" ")
        size = key.count(" ") + 1
        if size > self._longest.get(first, 0):
            self._longest[first] = size

    @classmethod
    def load(cls, path: Path | None = None) -> OccupationLexicon:
        """Read an occupation table (JSON Lines, one occupation a line).

        Args:
            path: the table; by default the one bundled with the package.
        """
        occupations = []
        with (path or DATA_PATH).open(encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    row = json.loads(line)
                    occupations.append(
                        Occupation(
                            id=row["id"],
                            label=row["label"],
                            synonyms=tuple(row["synonyms"]),
                            isco=row.get("isco"),
                            rome=row.get("rome"),
                        )
                    )
        return cls(occupations)

    def words(self) -> list[str]:
        """Every synonym of every occupation, as written (for spelling correction)."""
        return [synonym for o in self._occupations for synonym in o.synonyms]

    def __len__(self) -> int:
        return len(self._occupations)

    def lookup(self, label: str) -> Occupation | None:
        """The occupation whose label or synonym is ``label`` once normalised, if any."""
        key = phrase_key(label)
        index = self._phrases.get(key, -1)
        if index < 0:
            if self._labels is None:
                self._labels = {}
                for i, occupation in enumerate(self._occupations):
                    self._labels.setdefault(phrase_key(occupation.label), i)
            index = self._labels.get(key, -1)
        return self._occupations[index] if index >= 0 else None

    def find_in_text(self, text: str) -> list[OccupationMention]:
        """The occupations named in ``text``, in reading order.

        Longer names win over the shorter ones inside them ("chauffeur poids lourd" over
        "chauffeur"). Each mention gets a role from the words before it: ``past`` ("j'ai
        été", "ancienne", "I worked as"), ``goal`` ("devenir", "poste de", "ik wil ...
        worden") or ``unknown``.
        """
        words = _words(text)
        content = [i for i, w in enumerate(words.folded) if w not in _SKIPPED]
        keys = [_stem(words.folded[i]) for i in content]
        spans = self._longest_spans(words, content, keys)
        cues = CueIndex(words.folded, words.sentences)
        mentions: list[OccupationMention] = []
        for first_c, last_c, index in spans:
            first, last = content[first_c], content[last_c]
            key = " ".join(keys[first_c : last_c + 1])
            if cues.possessed(first) or self._vetoed(key, words, first, last):
                continue
            if key in _CUE_ONLY and not cues.introduced(first, last):
                continue
            start, end = words.starts[first], words.ends[last]
            mention = OccupationMention(
                self._occupations[index], start, end, text[start:end], cues.role(first, last)
            )
            mentions.append(mention)
        return _join_slashed(mentions, text)

    def _longest_spans(
        self, words: _Words, content: Sequence[int], keys: Sequence[str]
    ) -> list[tuple[int, int, int]]:
        candidates = []
        for i, first_key in enumerate(keys):
            longest = min(self._longest.get(first_key, 0), len(keys) - i)
            for size in range(longest, 0, -1):
                last = i + size - 1
                if words.breaks[content[last]] != words.breaks[content[i]]:
                    continue
                index = self._phrases.get(" ".join(keys[i : last + 1]))
                if index is not None:
                    candidates.append((i, last, index))
                    break
        candidates.sort(key=lambda c: (c[0] - c[1], c[0]))
        taken: set[int] = set()
        spans = []
        for first, last, index in candidates:
            covered = range(first, last + 1)
            if taken.isdisjoint(covered):
                taken.update(covered)
                if index >= 0:
                    spans.append((first, last, index))
        return sorted(spans)

    @staticmethod
    def _vetoed(key: str, words: _Words, first: int, last: int) -> bool:
        veto = _VETO.get(key)
        if veto is None:
            return False
        sentence = words.sentences[first]
        lo, hi = max(0, first - _VETO_WINDOW), min(len(words.folded), last + 1 + _VETO_WINDOW)
        return any(
            words.folded[i] in veto and words.sentences[i] == sentence for i in range(lo, hi)
        )


def _join_slashed(mentions: list[OccupationMention], text: str) -> list[OccupationMention]:
    """Make one mention of "magasinier/magasinière" (both genders of the same occupation)."""
    joined: list[OccupationMention] = []
    for mention in mentions:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.occupation == mention.occupation
            and text[previous.end : mention.start].strip() == "/"
        ):
            joined[-1] = OccupationMention(
                previous.occupation,
                previous.start,
                mention.end,
                text[previous.start : mention.end],
                previous.role,
            )
        else:
            joined.append(mention)
    return joined


@functools.lru_cache(maxsize=1)
def default_lexicon() -> OccupationLexicon:
    """The bundled occupation table, loaded once per process."""
    return OccupationLexicon.load()
