"""Find place mentions in a jobseeker's free text without inventing places.

Rules, in the order they apply to each token of the text:

- A **4-digit number** is a postal code when the gazetteer has it and its context does not make
  it an amount, a year or a reference: not followed by a unit ("1200 euros", "1500 heures"),
  not part of a range or a decimal, not after "en", "depuis", "plus de", "budget"...; a number
  that could be a year (1900-2099) needs a postal cue ("code postal 2000", "du 1930") or its
  town right after it ("2000 Anvers"). A code and its town side by side ("7000 Mons",
  "Mons (7000)") make one mention.
- A **name** is matched whole, longest first ("Marche-en-Famenne" before "Marche"), across
  spaces, hyphens and apostrophes only. Then, by the name's tier in :mod:`corpus.places.words`:
  ordinary names are always places; NEVER names never; STRICT names (ordinary words: "ans",
  "heure", "marche") only when capitalised right after a place cue ("j'habite à Ans"); LOOSE
  names also when capitalised in mid-sentence, or after a strong cue in any case. A hyphen in the
  text clears a multi-word STRICT name ("Petite-Chapelle"). A name right after a street word
  ("rue de Namur"), inside an address ("info@namur.be") or in a surname ("Van Damme") is not a
  mention.
- A **misspelt name** (one edit away, 6+ letters, a unique target, not an ordinary word) is
  accepted after a strong cue ("j'habite charleroy"), capitalised after a weak cue ("à
  Charleroy"), or capitalised in mid-sentence or alone ("Charleroy."), but not capitalised at
  the start of a sentence, where every word is ("Parcourt les rayons" is not Marcourt).

Cues are the words right before the name: "à", "sur", "in", "te" (weak), or "j'habite (à)",
"près de", "in de buurt van", "near" (strong; some also set ``near``). A name that continues a
list of places ("à Namur, Ans ou Spa") inherits the previous cue.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from corpus.places.names import FUZZY_MIN_LETTERS, TOKEN_RE, NameIndex, fold_token
from corpus.places.words import (
    CUES,
    FUZZY_BLOCK,
    LOOSE,
    MAX_CUE_TOKENS,
    NEAR_AFTER,
    NEAR_WHEN_RESIDING,
    NEVER,
    NUMBER_BEFORE,
    PARTICLES,
    POSTAL_CUES,
    RANGE_WORDS,
    RESIDENCE_WORDS,
    SAINTS,
    STREET_WORDS,
    STRICT,
    STRONG,
    SURNAME_PARTICLES,
    UNITS,
    WEAK,
)

YEARS = range(1900, 2100)
# Words before "a" when it is the verb "avoir" or the English article, not "à".
_A_VERB = frozenset(
    [
        "il",
        "elle",
        "on",
        "y",
        "qui",
        "ca",
        "cela",
        "there",
        "it",
        "is",
        "have",
        "has",
        "had",
        "as",
        "what",
        "for",
        "be",
        "was",
        "such",
        "quite",
        "half",
    ]
)
_FRENCH_HINT = frozenset(
    [
        "je",
        "j",
        "jsuis",
        "jai",
        "jhabite",
        "jveux",
        "le",
        "la",
        "les",
        "de",
        "des",
        "du",
        "et",
        "est",
        "suis",
        "une",
        "un",
    ]
)
# Words that start many names ("La Louvière", "Le Roeulx", "Sint-Niklaas"): a misspelt name
# may start with them, matched as a whole phrase.
_NAME_STARTS = frozenset({"la", "le", "les", "sint", "saint", "sankt", "st"})
# Ordinary words that never start a misspelt place name, whatever they resemble.
_NOT_FUZZY = (
    FUZZY_BLOCK
    | LOOSE
    | STRICT
    | NEVER
    | UNITS
    | NUMBER_BEFORE
    | PARTICLES
    | STREET_WORDS
    | RESIDENCE_WORDS
)
_CUE_ENDS = frozenset(phrase[-1] for phrase in CUES)
_ARTICLES = {"au": "le", "du": "le", "aux": "les", "des": "les"}  # "au Roeulx" = "Le Roeulx"
_JOINED = re.compile(r"[ \t\-‐‑–'’]+|\.\s*-?\s*")  # inside a name; "." only after st/ste
_TIGHT = re.compile(r"[\s'’:]*")  # between a cue and what follows it
_SENTENCE_END = ".!?:;…\n\r/|"
_ALONE_AFTER = ",.;!?…/|)\n\r"
_OPENERS = " \t\"'«“‘([*•·–—-"
_STREET_LINKS = frozenset({"de", "d", "du", "des", "la", "le"})  # "rue de la Station"
_LIST_GAP = re.compile(r"[\s,/&+]*(?:(?:ou|et|or|and|of|en)\s+)?", re.IGNORECASE)
_CODE_NAME_GAP = re.compile(r"[ \t]*[-–,]?[ \t]*")
_NAME_CODE_GAP = re.compile(r"[ \t]*[(,\-–]?[ \t]*")


class Token(NamedTuple):
    """A run of letters or of digits: as written, folded, and its span."""

    text: str
    key: str
    start: int
    end: int


class Found(NamedTuple):
    """One mention: gazetteer row, character span, and whether the text said "near"."""

    row: int
    start: int
    end: int
    near: bool


def find_mentions(index: NameIndex, text: str) -> list[Found]:
    """Mentions of places in ``text``, in text order, one per place (the first)."""
    return _Scanner(index, text).run()


class _Scanner:
    def __init__(self, index: NameIndex, text: str) -> None:
        self.index = index
        self.text = text
        self.toks = [
            Token(t, fold_token(t), *m.span()) for m in TOKEN_RE.finditer(text) if (t := m[0])
        ]
        self.keys = [t.key for t in self.toks]
        self.found: list[Found] = []
        self.last_cue = 0  # cue strength of the last mention, for lists: "à Namur, Ans ou Spa"

    def run(self) -> list[Found]:
        lengths, keys = self.index.lengths, self.keys
        i = 0
        while i < len(keys):
            key = keys[i]
            if key.isdigit():
                hit = self._postal(i)
            elif key in lengths or (i and keys[i - 1] in _ARTICLES):
                hit = self._name(i) or self._fuzzy(i)
            else:
                hit = self._fuzzy(i) if len(key) >= 4 or key in _NAME_STARTS else None
            if hit is None:
                i += 1
                continue
            found, nxt = hit
            self.last_cue = self._cue(i)[0]
            self.found.append(found)
            i = nxt
        seen: set[int] = set()
        unique = []
        for found in self.found:
            if found.row not in seen:
                seen.add(found.row)
                unique.append(found)
        return unique

    # -- context ----------------------------------------------------------------------------

    def _gap(self, a: int, b: int) -> str:
        return self.text[self.toks[a].end : self.toks[b].start]

    def _tight(self, a: int, b: int) -> bool:
        return _TIGHT.fullmatch(self._gap(a, b)) is not None

    def _cue(self, i: int) -> tuple[int, bool]:
        """(strength, near) of the cue that ends right before token ``i``; (0, False) if none."""
        keys = self.keys
        before = keys[i - 1] if i else ""
        for n in range(min(MAX_CUE_TOKENS, i) if before in _CUE_ENDS else 0, 0, -1):
            phrase = tuple(keys[i - n : i])
            if phrase in CUES and all(self._tight(j, j + 1) for j in range(i - n, i)):
                strength, near = CUES[phrase]
                start = i - n
                for j in range(start - 1, max(start - 4, -1), -1):
                    if not self._tight(j, j + 1):
                        break
                    if keys[j] in RESIDENCE_WORDS:
                        return STRONG, near or phrase in NEAR_WHEN_RESIDING
                if self.toks[start].text in ("a", "A"):
                    return 0, False  # English "a", French "il a": only "vis a X" counts
                return strength, near
        if before in RESIDENCE_WORDS and self._tight(i - 1, i):
            return STRONG, False
        last = self.found[-1] if self.found else None
        if last and self.last_cue and _LIST_GAP.fullmatch(self.text[last.end : self.toks[i].start]):
            return WEAK, last.near
        return 0, False

    def _postal_cue(self, i: int) -> bool:
        keys = self.keys[max(0, i - 2) : i]
        return any(tuple(keys[-n:]) in POSTAL_CUES for n in (1, 2) if len(keys) >= n)

    def _capital_counts(self, i: int, end_tok: int) -> bool:
        """Whether the capital of the span ``i .. end_tok-1`` says "a name": it is not shouted,
        and it stands in mid-sentence or alone ("Charleroy.", "Jette, Evere"), not where any
        word takes one ("Parcourt les rayons", "Geel is een kleur")."""
        start, end = self.toks[i].start, self.toks[end_tok - 1].end
        if self.text[start:end].isupper() and end - start > 1:
            return False
        if not self._initial(i):
            return True
        after = self.text[end:].lstrip(" \t")
        return not after or after[0] in _ALONE_AFTER

    def _initial(self, i: int) -> bool:
        k = self.toks[i].start - 1
        while k >= 0 and self.text[k] in _OPENERS:
            k -= 1
        return k < 0 or self.text[k] in _SENTENCE_END

    def _near_after(self, j: int) -> bool:
        """Whether "et environs", "en omgeving", "area"... follows the span ending at ``j``."""
        keys = self.keys[j : j + 3]
        return any(tuple(keys[:n]) in NEAR_AFTER for n in (1, 2, 3))

    def _street_before(self, i: int) -> bool:
        j = i - 1
        while j >= 0 and i - j <= 3 and self.keys[j] in _STREET_LINKS:
            j -= 1
        in_reach = j >= 0 and all(self._tight(k, k + 1) for k in range(j, i))
        return in_reach and self.toks[j].key in STREET_WORDS

    def _surname(self, i: int) -> bool:
        """Whether token ``i`` follows "Van", "Vanden"... in mid-sentence ("Van Damme")."""
        return (
            i > 0
            and self.toks[i - 1].text in SURNAME_PARTICLES
            and self._tight(i - 1, i)
            and not self._initial(i - 1)
        )

    def _in_address(self, start: int, end: int) -> bool:
        before = self.text[start - 1 : start]
        after = self.text[end : end + 2]
        return (
            before in ("@", ".", "/", "\\", "_")
            or after[:1] in ("@", "_", "/")
            or (after[:1] == "." and after[1:2].isalpha())
        )

    # -- names ------------------------------------------------------------------------------

    def _span(self, i: int, n: int) -> str | None:
        """The key of tokens ``i .. i+n-1`` if they are joined like one name, else None."""
        if i + n > len(self.toks):
            return None
        for j in range(i, i + n - 1):
            gap = self._gap(j, j + 1)
            if not _JOINED.fullmatch(gap) or ("." in gap and self.toks[j].key not in ("st", "ste")):
                return None
        return " ".join(t.key for t in self.toks[i : i + n])

    def _name(self, i: int) -> tuple[Found, int] | None:
        tok = self.toks[i]
        prefix = _ARTICLES.get(self.keys[i - 1]) if i else None
        for n in self.index.lengths.get(tok.key, ()) + ((1,) if prefix else ()):
            key = self._span(i, n)
            if key is None:
                continue
            if key not in self.index.names:
                if not prefix or f"{prefix} {key}" not in self.index.names:
                    continue
                key = f"{prefix} {key}"
            end_tok = i + n
            by_code = self._code_after(key, end_tok)
            if by_code is not None:
                row, code_tok = by_code
                near = self._cue(i)[1] or self._near_after(code_tok + 1)
                end = self.toks[code_tok].end
                if "(" in self._gap(end_tok - 1, code_tok) and self.text[end : end + 1] == ")":
                    end += 1
                return Found(row, tok.start, end, near), code_tok + 1
            if self._accept(key, i, end_tok):
                near = self._cue(i)[1] or self._near_after(end_tok)
                row = self.index.names[key][0]
                return Found(row, tok.start, self.toks[end_tok - 1].end, near), end_tok
        return None

    def _accept(self, key: str, i: int, end_tok: int) -> bool:
        start, end = self.toks[i].start, self.toks[end_tok - 1].end
        if key in NEVER or self._street_before(i) or self._in_address(start, end):
            return False
        if self._surname(i):
            return False
        strict = key in SAINTS or (key in STRICT and "-" not in self.text[start:end])
        if not strict and key not in LOOSE:
            return True
        strength, _ = self._cue(i)
        words = [t.text for t in self.toks[i:end_tok] if t.key not in PARTICLES]
        capital = bool(words) and words[0][:1].isupper()
        if strict:
            return capital and strength > 0
        return strength == STRONG or (
            capital and (strength > 0 or self._capital_counts(i, end_tok))
        )

    def _fuzzy(self, i: int) -> tuple[Found, int] | None:
        tok = self.toks[i]
        if tok.key in _NAME_STARTS:
            return self._similar(i)  # "la louvierre": a name that starts with an article
        if tok.key in self.index.names or tok.key in _NOT_FUZZY:
            return None
        if len(tok.key) < FUZZY_MIN_LETTERS:
            return self._similar(i)
        one_edit = self._one_edit(i)
        return one_edit if one_edit is not None else self._similar(i)

    def _similar(self, i: int) -> tuple[Found, int] | None:
        """A misspelt name of one to three words right after a place cue ("j'habite a
        charlerloi", "in sankt fit", "a louvin la neuve"), matched with rapidfuzz."""
        tok = self.toks[i]
        if (len(tok.key) < 4 and tok.key not in _NAME_STARTS) or not tok.key.isalpha():
            return None
        if i == 0 or (
            self.keys[i - 1] not in _CUE_ENDS and self.keys[i - 1] not in RESIDENCE_WORDS
        ):
            return None  # a cue word right before: not a list's continuation ("Vith machen")
        strength, near = self._cue(i)
        if strength == 0 and self._sms_a(i):
            strength = WEAK  # "jsuis au chomage a bruxel": SMS French writes "à" as "a"
        if strength == 0 or self._in_address(tok.start, tok.end) or self._street_before(i):
            return None
        words = [tok.key]
        for j in range(i + 1, min(i + 3, len(self.toks))):
            if self._span(i, j - i + 1) is None or self.keys[j] in UNITS:
                break
            words.append(self.keys[j])
        hit = self.index.similar_name(words, strict=strength < STRONG)
        if hit is None:
            return None
        row, n = hit
        end = i + n
        return Found(row, tok.start, self.toks[end - 1].end, near or self._near_after(end)), end

    def _sms_a(self, i: int) -> bool:
        """Whether token ``i`` follows an "a" that stands for "à": not English "a", not the verb
        ("il a", "elle a"), in a text with French words around it."""
        if i < 2 or self.toks[i - 1].text != "a" or not self._tight(i - 1, i):
            return False
        return self.keys[i - 2] not in _A_VERB and bool(_FRENCH_HINT & set(self.keys))

    def _one_edit(self, i: int) -> tuple[Found, int] | None:
        tok = self.toks[i]
        upper = tok.text[:1].isupper()
        strength, near = (0, False) if upper else self._cue(i)
        if not upper and strength != STRONG:
            return None  # the common case, decided before the fuzzy lookup
        row = self.index.fuzzy(tok.key)
        if row is None or self._in_address(tok.start, tok.end) or self._street_before(i):
            return None
        if self._surname(i):
            return None
        strength, near = self._cue(i)
        capital = upper and (strength > 0 or self._capital_counts(i, i + 1))
        if not (strength == STRONG or capital):
            return None
        return Found(row, tok.start, tok.end, near or self._near_after(i + 1)), i + 1

    # -- postal codes -----------------------------------------------------------------------

    def _code_after(self, key: str, j: int) -> tuple[int, int] | None:
        """(row, token) when token ``j`` is a postal code of the name ``key``: "Mons (7000)"."""
        if j >= len(self.toks) or not self.toks[j].key.isdigit():
            return None
        if not _NAME_CODE_GAP.fullmatch(self._gap(j - 1, j)):
            return None
        row = self.index.row_for(key, self.toks[j].key)
        return None if row is None else (row, j)

    def _postal(self, i: int) -> tuple[Found, int] | None:
        tok = self.toks[i]
        if tok.key not in self.index.codes:
            return None
        glued = self.text[tok.start - 1 : tok.start] + self.text[tok.end : tok.end + 1]
        if any(c.isalnum() for c in glued):
            return None  # "A1301", "BE68", "1500h": a code or a quantity, not a postal code
        named = self._name_after_code(i)
        if named is not None:
            row, end_tok = named
            near = self._cue(i)[1] or self._near_after(end_tok)
            return Found(row, tok.start, self.toks[end_tok - 1].end, near), end_tok
        if not self._is_postal(i):
            return None
        near = self._cue(i)[1]
        row = self.index.codes[tok.key][0]
        return Found(row, tok.start, tok.end, near or self._near_after(i + 1)), i + 1

    def _name_after_code(self, i: int) -> tuple[int, int] | None:
        j = i + 1
        if j >= len(self.toks) or not _CODE_NAME_GAP.fullmatch(self._gap(i, j)):
            return None
        for n in self.index.lengths.get(self.toks[j].key, ()):
            key = self._span(j, n)
            if key is not None and key in self.index.names:
                row = self.index.row_for(key, self.toks[i].key)
                if row is not None:
                    return row, j + n
        return None

    def _is_postal(self, i: int) -> bool:
        text, tok, toks = self.text, self.toks[i], self.toks
        before = text[tok.start - 1 : tok.start]
        if before and before in "+-–/.,€$£#°":
            b_prefix = before in "-–" and i > 0 and toks[i - 1].key == "b"
            if not (b_prefix and toks[i - 1].end == tok.start - 1):
                return False
        after = text[tok.end : tok.end + 2]
        if after[:1] and after[:1] in "/-–.,:" and after[1:2].isdigit():
            return False
        if re.match(r"\s*[%€$£]", text[tok.end :]):
            return False
        nxt = toks[i + 1] if i + 1 < len(toks) and self._tight(i, i + 1) else None
        if nxt is not None and nxt.key in UNITS:
            return False
        after_next = toks[i + 2].key if i + 2 < len(toks) else ""
        if nxt is not None and nxt.key in RANGE_WORDS and after_next.isdigit():
            return False
        strength, near = self._cue(i)
        prev = toks[i - 1].key if i and self._tight(i - 1, i) else ""
        # "j'habite 6040", not "près de 1200 inscrits" (near cues say nothing of numbers)
        if self._postal_cue(i) or (strength == STRONG and not near and prev not in ("de", "d")):
            return True
        if prev.isdigit() or (nxt is not None and nxt.key.isdigit()):
            return False  # a group of a phone or account number
        if i and toks[i - 1].text.isupper() and 2 <= len(toks[i - 1].text) <= 4 and prev:
            return False  # a standard or a model: "ISO 9000", "BS 8800"
        if prev in NUMBER_BEFORE:
            return False
        return int(tok.key) not in YEARS
