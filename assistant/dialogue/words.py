"""Reading a chat message's words: folding, intent cues, language, gibberish, positions.

Pure functions over the lists of :mod:`assistant.dialogue.cues` and
:mod:`assistant.dialogue.lexicon`.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.dialogue import answer_cues, cues, lexicon
from assistant.understanding import languages as understanding_languages
from corpus.text import fold


def fold_message(text: str) -> str:
    """Folded, single-spaced text with straight apostrophes: ``"J’habite à Liège"`` →
    ``"j'habite a liege"``."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    return " ".join(fold(text).split())


def match_cue(table: cues.CueTable, folded: str) -> str | None:
    """The language of the first cue list of ``table`` that matches, or ``None``."""
    for lang, pattern in table.items():
        if pattern.search(folded):
            return lang
    return None


def strip_cues(table: cues.CueTable, folded: str) -> str:
    """``folded`` without the cues of ``table``."""
    for pattern in table.values():
        folded = pattern.sub(" ", folded)
    return " ".join(folded.split())


def tokens(folded: str) -> list[str]:
    """The words of a folded message (apostrophes kept inside: ``"j'habite"``)."""
    return lexicon.TOKEN.findall(folded)


def is_gibberish_word(word: str) -> bool:
    """A keyboard mash rather than a word (``"qsdfgh"``, ``"zzzz"``, ``"xkcdq"``)."""
    if len(word) < 4 or not word.isalpha() or not word.isascii():
        return False
    if (
        lexicon.TRIPLE.search(word)
        or not lexicon.VOWELS.search(word)
        or lexicon.CONSONANT_RUN.search(word)
    ):
        return True
    if any(seq in word for seq in lexicon.KEYBOARD):
        return True
    return len(lexicon.VOWELS.findall(word)) / len(word) < 0.2


def is_gibberish(folded: str) -> bool:
    """Most of the message's longer words are keyboard mashes, or it has no letter at all."""
    words = [w for w in tokens(folded) if any(c.isalpha() for c in w)]
    if not words:
        return True
    long_words = [w for w in words if len(w) >= 4]
    if not long_words:
        return False
    mashed = sum(is_gibberish_word(w) for w in long_words)
    return mashed * 2 >= len(long_words)


def is_foreign(folded: str) -> bool:
    """Written in another script, or in a language other than French, Dutch, English or
    German."""
    letters = [c for c in folded if c.isalpha()]
    if letters and sum(not c.isascii() for c in letters) * 2 > len(letters):
        return True
    words = tokens(folded)
    foreign = sum(w in lexicon.FOREIGN for w in words)
    ours = max(language_scores(folded).values())
    return foreign >= 2 and foreign > ours


def content_words(folded: str) -> list[str]:
    """Words that may name a subject: not function words, cue words, numbers or mashes."""
    out = []
    for word in tokens(folded):
        if "'" in word:
            word = word.split("'", 1)[1]
        if len(word) < 3 or not word.isalpha() or word in lexicon.STOPWORDS:
            continue
        if word in lexicon.ALL_FUNCTION_WORDS:
            continue
        if lexicon.VOWELS.search(word) and not is_gibberish_word(word):
            out.append(word)
    return out


def only_polite(folded: str, *tables: cues.CueTable) -> bool:
    """The message is made only of the cues of ``tables`` and polite filler."""
    rest = folded
    for table in tables:
        for pattern in table.values():
            rest = pattern.sub(" ", rest)
    leftover = [w for w in tokens(rest) if w not in lexicon.POLITE_FILLER]
    return not leftover and rest != folded


def language_scores(folded: str) -> dict[str, float]:
    """The understanding's language scores of ``folded`` (one detector for the profile and the
    reply)."""
    return understanding_languages.language_scores(folded)


def guess_language(folded: str, minimum: float = 2) -> str | None:
    """``fr``, ``nl``, ``en`` or ``de`` when the message says so clearly enough, else ``None``
    (too little to tell: the caller keeps the conversation's or the page's language): the
    understanding's detector, so the reply and the profile read the language alike.

    The message's own words decide, whatever the page's language: a Dutch message on the
    French page is answered in Dutch.
    """
    return understanding_languages.guess_language(folded, minimum)


def position(folded: str) -> int | None:
    """The position a message points at: 1-based, ``-1`` for "the last", ``None`` if none."""
    if m := answer_cues.ORDINAL_RE.search(folded):
        word = m.group(1)
        return next(n for n, words in answer_cues.ORDINALS.items() if word in words)
    if m := answer_cues.NUMBER_RE.search(folded):
        return int(m.group(1))
    if len(tokens(folded)) <= 6 and (m := answer_cues.BARE_NUMBER_RE.match(folded)):
        return int(m.group(1))
    return None


def by_title(folded: str, titles: Sequence[str]) -> int | None:
    """The index of the one title sharing the most words with the message, if one stands out."""
    asked = {w for w in content_words(folded) if len(w) >= 4}
    if not asked:
        return None
    overlaps = [len(asked & set(content_words(fold_message(title)))) for title in titles]
    best = max(overlaps, default=0)
    if best == 0 or overlaps.count(best) > 1:
        return None
    return overlaps.index(best)
