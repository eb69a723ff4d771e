"""SMS French written out: "jveux" is "je veux", "jai" is "j'ai", "g travaillé" (or "jé
travaillé") is "j'ai travaillé", "chui" is "je suis", "ds" is "dans".

The pronoun glued to its verb hides the verb from every cue ("jveux faire aide-soignante" has
no "veux", so the job wanted read as one held). A glued "j" is written out only before a verb
of the short list below (the verbs a person uses to say who they are and what they want), so a
word that merely starts with "j" stays as it is. The expansions are corrections like the
spelling ones: the parser reads the written-out text and shows them as evidence.
"""

from __future__ import annotations

import re

from assistant.understanding.spelling import Correction

# verb forms that follow a glued "j" (folded, without accents)
_VERBS = (
    r"veux|veu|voudrais|voudrai|voudrait|suis|sui|cherche|cherch|habite|habit|travaille|"
    r"travail|travaillais|bosse|bossais|parle|parl|connais|connai|sais|peux|peu|prends|prend|"
    r"fais|fai|aime|aimerais|aimerai|ai|etais|avais|vis|reste|souhaite|cherchais|ecris|lis|"
    r"comprends|comprend|m'y|me|ne|n'ai"
)
_GLUED_J = re.compile(rf"\b[jJ]({_VERBS})\b")
# "g" for "j'ai" before a past participle: "g travaillé", "g fait", "g été"
_G_AI = re.compile(
    r"\b(?:[gG]|[jJ][éÉ])(?= (?:\w+[eé]|fait|eu|pu|dû|du|vu|pris|appris|perdu|bossé)\b)"
)
_WORDS = {
    "chui": "je suis",
    "chuis": "je suis",
    "jsui": "je suis",
    "ds": "dans",
    "tjs": "toujours",
    "bcp": "beaucoup",
    "pr": "pour",
}
_WORD = re.compile(r"\b(" + "|".join(_WORDS) + r")\b", re.IGNORECASE)
# verbs written as they sound, after their pronoun: "je veu", "je peu", "je sui"; and the
# words of time that bound a clause: "maintenan", "pendent 15 ans"
_SOUNDED = {
    r"(?<=\bje )veu\b": "veux",
    r"(?<=\bje )peu\b(?! de\b)": "peux",
    r"(?<=\bje )sui\b": "suis",
    r"\bmaintenan\b": "maintenant",
    r"\bpend[ae]nt\b(?= \d)": "pendant",
}
_SOUNDED_RX = [(re.compile(p, re.IGNORECASE), known) for p, known in _SOUNDED.items()]


def expansions(text: str) -> list[Correction]:
    """The SMS forms of ``text`` written out, in order (non-overlapping)."""
    found: list[Correction] = []
    for m in _GLUED_J.finditer(text):
        verb = m.group(1)
        joined = f"j'{verb}" if verb[0] in "aeiouéè" else f"je {verb}"
        found.append(Correction(m.start(), m.end(), m.group(0), joined))
    for m in _G_AI.finditer(text):
        found.append(Correction(m.start(), m.end(), m.group(0), "j'ai"))
    for pattern, known in _SOUNDED_RX:
        for m in pattern.finditer(text):
            if m.group(0).lower() != known:
                found.append(Correction(m.start(), m.end(), m.group(0), known))
    for m in _WORD.finditer(text):
        found.append(Correction(m.start(), m.end(), m.group(0), _WORDS[m.group(1).lower()]))
    return sorted(found, key=lambda c: c.start)
