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

Only whether a word reaches :data:`MIN_ZIPF` matters, so each language's list is kept as a
frozenset of those words (:func:`words_of`), streamed once from wordfreq's packed file up to
that frequency and no further, without wordfreq's caches (its frequency dicts of every word
cost about 40 MB a language); :func:`warm_up` reads all four, for a server to call before its
first message.
"""

from __future__ import annotations

import gzip
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass

import msgpack
import wordfreq
from rapidfuzz import fuzz, process
from wordfreq.tokens import lossy_tokenize

from corpus.text import fold

MIN_LETTERS = 6
MIN_SCORE = 86.0
# a word this frequent in the message's language (Zipf scale: 3 = once per million words) is
# a word of that language, not a misspelling; misspellings seen in web text stay far below
MIN_ZIPF = 2.5
LANGUAGES = ("fr", "nl", "en", "de")
# wordfreq's packs hold one list of words per centibel of frequency, the n-th at Zipf
# 9 - n/100: the words at MIN_ZIPF or more are those of the first lists.
_LAST_BUCKET = round((9.0 - MIN_ZIPF) * 100)
_words: dict[str, frozenset[str]] = {}
_lock = threading.Lock()
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


def words_of(language: str) -> frozenset[str]:
    """The words of ``language`` at :data:`MIN_ZIPF` or more, as wordfreq tokenizes them
    (read on first use, then kept)."""
    words = _words.get(language)
    if words is None:
        with _lock:
            words = _words.get(language)
            if words is None:
                words = _words[language] = _read_frequent(language)
    return words


def _read_frequent(language: str) -> frozenset[str]:
    """The words of the first lists of wordfreq's pack for ``language`` (the format of
    ``wordfreq.read_cBpack``: a header, then one list per centibel), read one list at a
    time and only as far as :data:`MIN_ZIPF`."""
    path = wordfreq.available_languages("best")[language]
    found: set[str] = set()
    with gzip.open(path, "rb") as packed:
        unpacker = msgpack.Unpacker(packed, raw=False)
        lists = unpacker.read_array_header()
        header = unpacker.unpack()
        if not isinstance(header, dict) or header.get("format") != "cB":
            raise ValueError(f"{path}: not a wordfreq frequency pack (header {header!r})")
        for _ in range(min(lists - 1, _LAST_BUCKET + 1)):
            found.update(unpacker.unpack())
    return frozenset(found)


def warm_up() -> None:
    """Read the word lists of every language now (seconds), not in a first message."""
    for language in LANGUAGES:
        words_of(language)


def is_word(word: str, language: str) -> bool:
    """Whether ``word`` is a word of ``language`` (fr, nl, en, de), as written or unaccented
    (its wordfreq Zipf frequency reaches :data:`MIN_ZIPF`)."""
    if language not in LANGUAGES:
        return False
    words = words_of(language)
    return any(_known(form, language, words) for form in (word, fold(word)))


def _known(word: str, language: str, words: frozenset[str]) -> bool:
    tokens = lossy_tokenize(word, language)
    # several tokens ("aujourd'hui" may split) are a word when each of them is one
    return bool(tokens) and all(t in words for t in tokens)


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
