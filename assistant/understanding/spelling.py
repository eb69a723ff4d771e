"""Misspelt words matched to the words Boussole knows, with rapidfuzz.

The vocabulary is what the parser can read: the words of its own cue patterns and the words of
the occupation lexicon (labels and synonyms). A word of the text that is not in it, six letters
or more, is matched to the closest known word of the same first letter ("comptabiliter" →
"comptabilité", "soignente" → "soignante", "formasion" → "formation") when the similarity
ratio reaches :data:`MIN_SCORE`; shorter or farther words are left as written. The parser reads
occupations and builds the topic from the corrected words, and keeps each correction as
evidence.

A word is never "corrected" when it is a word of the message's own language (wordfreq's
frequency lists for French, Dutch, English and German: German "Friseur" is no misspelt French
"fraiseur", Dutch "administratieve" no misspelt "administrative"), nor when it is a proper
name (capitalised inside a sentence: "chez Delhaize"; German capitalises every noun, so there
only the word lists decide).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from wordfreq import zipf_frequency

from corpus.text import fold

MIN_LETTERS = 6
MIN_SCORE = 86.0
# a word this frequent in the message's language (Zipf scale: 3 = once per million words) is
# a word of that language, not a misspelling; misspellings seen in web text stay far below
MIN_ZIPF = 2.5
LANGUAGES = ("fr", "nl", "en", "de")
_TOKEN = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Correction:
    """One word of the text, where it stands, and the known word it was read as."""

    start: int
    end: int
    written: str
    known: str


class Speller:
    """Corrects misspelt words against a vocabulary (folded forms → a display form)."""

    def __init__(self, words: Iterable[str]) -> None:
        self._display: dict[str, str] = {}
        for word in words:
            for token in _TOKEN.findall(word):
                if len(token) >= MIN_LETTERS - 1:
                    self._display.setdefault(fold(token), token.lower())
        self._by_letter: dict[str, list[str]] = {}
        for key in self._display:
            self._by_letter.setdefault(key[0], []).append(key)

    def __contains__(self, word: str) -> bool:
        return fold(word) in self._display

    def corrections(self, text: str, language: str | None = None) -> list[Correction]:
        """The misspelt words of ``text`` that are close to exactly one known word; with
        ``language`` (the message's), never a word of that language nor a proper name."""
        out: list[Correction] = []
        for m in _TOKEN.finditer(text):
            key = fold(m.group(0))
            if len(key) < MIN_LETTERS or key in self._display or not key.isascii():
                continue
            if language is not None and (
                is_word(m.group(0), language) or _proper_name(text, m.start(), language)
            ):
                continue
            keys = self._by_letter.get(key[0], [])
            hits = process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=MIN_SCORE, limit=2)
            if not hits or (len(hits) > 1 and hits[1][1] == hits[0][1]):
                continue  # nothing close, or two words equally close: leave it as written
            best = hits[0][0]
            if best.startswith(key) or key.startswith(best):
                continue  # "semaine" / "semaines": another form of a known word, not a typo
            out.append(Correction(m.start(), m.end(), m.group(0), self._display[hits[0][0]]))
        return out


def is_word(word: str, language: str) -> bool:
    """Whether ``word`` is a word of ``language`` (fr, nl, en, de), as written or unaccented."""
    if language not in LANGUAGES:
        return False
    return max(zipf_frequency(word, language), zipf_frequency(fold(word), language)) >= MIN_ZIPF


_SENTENCE_END = re.compile(r"[.!?:;\n(\"«]\s*$")


def _proper_name(text: str, start: int, language: str) -> bool:
    """Whether the word at ``start`` is capitalised inside a sentence (not in German)."""
    if language == "de" or not text[start].isupper() or text[start : start + 2].isupper():
        return False
    before = text[:start].rstrip()
    return bool(before) and not _SENTENCE_END.search(text[:start])


def apply(text: str, corrections: list[Correction]) -> tuple[str, list[tuple[int, int, int]]]:
    """``text`` with the corrections made, and the offset table to map spans back
    (:func:`to_original`)."""
    pieces: list[str] = []
    table: list[tuple[int, int, int]] = []  # (start in new text, start in old text, shift)
    pos = 0
    shift = 0
    for c in corrections:
        pieces.append(text[pos : c.start])
        pieces.append(c.known)
        pos = c.end
        shift += len(c.known) - (c.end - c.start)
        table.append((c.start + shift - (len(c.known) - (c.end - c.start)), c.start, shift))
    pieces.append(text[pos:])
    return "".join(pieces), table


def to_original(pos: int, corrections: list[Correction], table: list[tuple[int, int, int]]) -> int:
    """A position of the corrected text, in the original text."""
    shift = 0
    for (new_start, _, after), c in zip(table, corrections, strict=True):
        new_end = new_start + len(c.known)
        if pos < new_start:
            break
        if pos < new_end:
            return c.start if pos == new_start else c.end
        shift = after
    return pos - shift
