"""Role cues around an occupation mention: was it the person's job, or the job they want?

The cues are regular expressions over the folded words of a text (lower case, no accents,
words joined by single spaces, punctuation dropped). :class:`CueIndex` finds them once per
text and then answers, for each mention, which role the nearest cue gives it and whether a
cue stands right before it (some words, e.g. "guide" or "pilote", count as occupations only
there: "j'étais guide", "devenir pilote").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Role = Literal["past", "goal", "unknown"]

_ADJACENT = 1  # words allowed between an adjacency cue and the mention ("je suis une ...")
_CONNECTED = 6  # words allowed between a cue and the connector that carries it ("comme")

# (pattern, role, max words between the cue and the mention or None for "same sentence").
# A role of None marks a connector ("comme", "as"): it enables cue-only words but leaves the
# role to an earlier cue. At equal end, the longer cue wins, so specific patterns
# ("mon ancien poste de", "ne veux plus être") override the generic ones ending there.
_PRE: list[tuple[str, Role | None, int | None]] = [
    # French, past or current job (both are experience for guidance)
    (r"(?:j ai|ai|a|avoir|avais|aurais) (?:\w+ ){0,2}?ete", "past", None),
    (r"(?:j )?etais|j ai (?:\w+ ){0,2}?(?:occupe|exerce)|j (?:occupais|exercais)", "past", None),
    (r"travaille|travaillais|travaillait|bosse|bossais|exerce", "past", None),
    (r"anciens?|anciennes?|anciennement|ex|precedemment|auparavant|autrefois", "past", _ADJACENT),
    (r"experimentee?s?|devenue?s?|(?:re)?convertie?s? (?:en|comme|dans)", "past", None),
    (r"je suis|je reste|profil", "past", _ADJACENT),
    (r"experiences? (?:professionnelles? )?(?:de|d|comme|en tant que|en)", "past", None),
    (
        r"(?:ans|annees|mois) (?:\w+ )?(?:comme|en tant que|d experience (?:de|d|comme))",
        "past",
        None,
    ),
    (
        r"(?:mon|ma|son|sa) (?:ancien |ancienne |precedent |dernier |premier )?"
        r"(?:metier|poste|job|boulot|emploi|travail|fonction) (?:de|d|comme|en tant que)",
        "past",
        None,
    ),
    (
        r"(?:ne|n) (?:\w+ )?(?:veux|voudrais|souhaite|peux|pourrai) plus"
        r"(?: (?:etre|devenir|travailler|bosser|faire|exercer))?(?: (?:comme|en tant que))?",
        "past",
        2,
    ),
    # French, goal
    (r"devenir|deviendrai|redevenir", "goal", None),
    (
        r"(?:veux|voudrais|veut|souhaite|souhaiterais|aimerais|aimerait|reve|desire|compte|"
        r"espere|envie|pourrais|projette) (?:\w+ ){0,2}?(?:etre|faire)",
        "goal",
        None,
    ),
    (r"travailler|bosser|exercer", "goal", None),
    (
        r"(?:metier|poste|job|boulot|emploi|travail|fonction)s? (?:de|d|comme|en tant que)",
        "goal",
        None,
    ),
    (
        r"(?:re)?convertir|reconversion|(?:re)?orienter|reorientation|vise|viser|objectif|"
        r"projet pro(?:fessionnel)?",
        "goal",
        None,
    ),
    (
        r"(?:cherche|recherche)\w* (?:\w+ ){0,3}?"
        r"(?:emploi|travail|job|boulot|poste|place|contrat)",
        "goal",
        None,
    ),
    (
        r"(?:veux|voudrais|souhaite|souhaiterais|aimerais|cherche|recherche|besoin|inscrire) "
        r"(?:\w+ ){0,3}?formation (?:\w+ )?(?:de|d|en|pour)",
        "goal",
        None,
    ),
    # French, neutral: these reset the role ("j'ai été vendeuse, j'ai suivi une formation de
    # cariste": cariste is not past) or speak of someone else ("ma mère est infirmière").
    (
        r"formation (?:\w+ )?(?:de|d|en|pour)|diplome (?:de|d)|cours (?:de|d)|"
        r"stages? (?:de|d|comme|en tant que)",
        "unknown",
        None,
    ),
    (
        r"(?:il|elle|ils|elles|qui|mari|femme|fils|fille|pere|mere|papa|maman|frere|soeur|"
        r"ami|amie|copain|copine|voisin|voisine|conjoint|conjointe|compagne|parents?) "
        r"(?:\w+ )?(?:est|etait|sont|etaient|travaille|travaillait|bosse|a ete|fait|faisait)",
        "unknown",
        None,
    ),
    (
        r"(?:ne|n) (?:\w+ )?(?:veux|voudrais|souhaite|aimerais) pas (?:\w+ ){0,2}?"
        r"(?:etre|devenir|travailler|bosser|faire)",
        "unknown",
        None,
    ),
    # English
    (
        r"i (?:\w+ )?(?:worked|was|have been|ve been|used to (?:be|work))|former|experience as",
        "past",
        None,
    ),
    (r"i am|i m", "past", _ADJACENT),
    (
        r"become|becoming|(?:work|working) as|(?:want|like|love|wish|hope|plan|aim)s? to "
        r"(?:be|work)",
        "goal",
        None,
    ),
    (
        r"(?:job|position|career|role|training) as|looking for (?:a |an )?(?:job|position|work)",
        "goal",
        None,
    ),
    # Dutch
    (r"ik (?:was|werkte|werk)|gewerkt als|ervaring als|vroeger|voormalige?", "past", None),
    (r"ik ben", "past", _ADJACENT),
    (
        r"(?:he|she|they|who|sister|brother|mother|father|husband|wife|friend|son|daughter|"
        r"hij|zij|ze|broer|zus|moeder|vader|man|vrouw|vriend|vriendin) "
        r"(?:\w+ )?(?:is|was|works|worked|werkt|werkte)",
        "unknown",
        None,
    ),
    (r"werken als|ik wil|ik zou graag|wil graag|opleiding tot|omscholing tot", "goal", None),
    # connectors
    (r"comme|en tant que|en qualite de|as|als", None, 2),
]

# Dutch puts the verb after the job: "ik wil programmeur worden", "ik heb als kok gewerkt".
_POST: list[tuple[str, Role]] = [
    (r"worden|werken", "goal"),
    (r"gewerkt|geweest", "past"),
]
_POST_WINDOW = 2

_PRE_RE = [(re.compile(rf"\b(?:{p})\b"), role, gap) for p, role, gap in _PRE]
_POST_RE = [(re.compile(rf"\b(?:{p})\b"), role) for p, role in _POST]


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_POSSESSIVES = _wordset(
    "mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs my your his her their "
    "mijn jouw zijn haar onze"
)
_BETWEEN_POSSESSIVE = _wordset("ancien ancienne nouveau nouvelle futur future actuel actuelle ex")


@dataclass(frozen=True)
class _Cue:
    start: int  # first word index
    end: int  # last word index
    role: Role | None
    max_gap: int | None


class CueIndex:
    """The role cues of one text, found once and queried per mention.

    Args:
        words: the folded words of the text (no accents, lower case, unstemmed).
        sentences: the sentence number of each word.
    """

    def __init__(self, words: Sequence[str], sentences: Sequence[int]) -> None:
        self._words = words
        self._sentences = sentences
        offsets: list[int] = []
        pos = 0
        for word in words:
            offsets.append(pos)
            pos += len(word) + 1
        joined = " ".join(words)
        self._pre = self._find(joined, offsets, [(r, role, gap) for r, role, gap in _PRE_RE])
        self._post = self._find(joined, offsets, [(r, role, 0) for r, role in _POST_RE])

    def _find(
        self,
        joined: str,
        offsets: list[int],
        patterns: list[tuple[re.Pattern[str], Role | None, int | None]],
    ) -> list[_Cue]:
        cues = []
        for pattern, role, gap in patterns:
            for match in pattern.finditer(joined):
                start = bisect.bisect_right(offsets, match.start()) - 1
                end = bisect.bisect_right(offsets, match.end() - 1) - 1
                if self._sentences[start] == self._sentences[end]:
                    cues.append(_Cue(start, end, role, gap))
        return cues

    def _before(self, first: int) -> list[_Cue]:
        sentence = self._sentences[first]
        return [
            c
            for c in self._pre
            if c.end < first
            and self._sentences[c.end] == sentence
            and (c.max_gap is None or first - c.end - 1 <= c.max_gap)
        ]

    def _after(self, last: int) -> list[_Cue]:
        sentence = self._sentences[last]
        return [
            c
            for c in self._post
            if last < c.start <= last + 1 + _POST_WINDOW and self._sentences[c.start] == sentence
        ]

    def role(self, first: int, last: int) -> Role:
        """The role of the mention spanning words ``first``..``last`` (inclusive)."""
        after = self._after(last)
        if after:
            role = min(after, key=lambda c: c.start).role
            return role or "unknown"
        before = [c for c in self._before(first) if c.role is not None]
        if not before:
            return "unknown"
        best = max(before, key=lambda c: (c.end, c.end - c.start))
        return best.role or "unknown"

    def introduced(self, first: int, last: int) -> bool:
        """Whether a cue stands right before (or, in Dutch, after) the mention. A connector
        counts only after a cue: "j'ai bossé comme guide", not "des outils comme Docker"."""
        before = self._before(first)
        for cue in before:
            if first - cue.end - 1 > 2:
                continue
            if cue.role is not None:
                return True
            if any(
                c.role is not None and c.end < cue.start and cue.start - c.end - 1 <= _CONNECTED
                for c in before
            ):
                return True
        return bool(self._after(last))

    def possessed(self, first: int) -> bool:
        """Whether a possessive precedes the mention ("mon conseiller", "ma future collègue"):
        then it names someone in the person's life, not the person's own job."""
        words = self._words
        sentence = self._sentences[first]
        if first >= 1 and self._sentences[first - 1] == sentence:
            if words[first - 1] in _POSSESSIVES:
                return True
            if (
                first >= 2
                and words[first - 1] in _BETWEEN_POSSESSIVE
                and words[first - 2] in _POSSESSIVES
            ):
                return True
        return False
