"""Negation and its scope, in French, Dutch, English and German.

A negation cue ("pas", "jamais", "sans", "geen", "niet", "not", "don't", "kein", "ohne"...)
negates the phrase that follows it, up to the end of its clause: punctuation (, ; : . ! ?), a
contrastive or causal word ("mais", "car", "but", "maar", "want", "aber", "weil"...), or "et" /
"and" / "en" / "und" followed by a new subject ("... pas de voiture et je prends le bus"). Every
cue finder of the parser asks :func:`negated` whether its match lies in such a scope, so "pas de
distanciel" refuses the format that "distanciel" alone would ask for.

Not negations, although they use the same words:

- bounds: "pas plus de 40 heures", "no more than", "niet meer dan", "nicht mehr als";
- the French restriction "ne ... que" ("je ne suis libre que le matin" = only mornings), which
  :func:`restricted` reports instead, so that it can be read as "only".

Dutch and German SMS spellings ("ni", "nich", "noit") are caught by fuzzy matching of the cue
words (rapidfuzz), for words of four letters or more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

Span = tuple[int, int]


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Cue words, by the kind of negation they make. "stop" cues say the person no longer does or
# wants something ("je ne veux plus", "niet meer", "no longer", "nicht mehr"): a job under them
# is a past job.
_CUES = {
    "pas": "not",
    "jamais": "never",
    "jamai": "never",
    "rien": "not",
    "aucun": "not",
    "aucune": "not",
    "sans": "not",
    "non": "not",
    "pa": "not",  # SMS French: "jsé pa"
    "geen": "not",
    "gen": "not",
    "niet": "not",
    "ni": "not",  # Flemish speech: "ni savonds"
    "nooit": "never",
    "zonder": "not",
    "not": "not",
    "no": "not",
    "never": "never",
    "without": "not",
    "dont": "not",
    "cant": "not",
    "kein": "not",
    "keine": "not",
    "keinen": "not",
    "keiner": "not",
    "keinem": "not",
    "keines": "not",
    "nicht": "not",
    "nie": "never",
    "niemals": "never",
    "ohne": "not",
    # refusing is negating: "refuse le distanciel", "weigert", "lehnt ab"
    "refuse": "not",
    "refuses": "not",
    "weigert": "not",
    # a note's value: "Rijbewijs: nee", "Auto: nein", "PC: none"
    "nee": "not",
    "nein": "not",
    "none": "not",
}
_FUZZY_CUES = ("jamais", "nooit", "nicht", "niemals", "zonder", "without", "keinen", "aucune")
# "plus" negates only after "ne" in its clause or right after a verb of wanting or doing
# ("jveux plus conduire", "je travail plus"); otherwise it is "more".
_PLUS_VERBS = _wordset(
    "veux veu veut peux peu peut voudrais sais sai travaille travail suis sui fais fai"
)
_FEW = _wordset("deux trois quatre cinq dix cent quelques")
_STOP_AFTER = frozenset({"meer", "more", "longer", "mehr", "anymore"})
_BOUND_AFTER = frozenset({"plus", "moins", "trop", "more", "less", "meer", "minder", "mehr"})
_BOUND_END = frozenset({"de", "d", "que", "qu", "than", "dan", "als", "loin", "long", "longtemps"})
_BOUNDARY_WORDS = _wordset(
    "mais donc puisque cependant pourtant sinon but because so though although maar omdat "
    "dus aber sondern weil denn deshalb"
)
_AND = frozenset({"et", "and", "en", "und", "ou", "or", "of", "oder"})
_SUBJECTS = _wordset(
    "je j jveux jvoudrais jsuis jai jhabite jprend jprends ca c il elle on nous vous i im ik "
    "het dat ich wir er sie es das mon ma mes my"
)
# A subject starts a new clause even without punctuation (SMS writing).
_NEW_CLAUSE = frozenset(
    {"je", "j", "jveux", "jvoudrais", "jsuis", "jai", "jhabite", "jprend", "jprends", "jsais"}
    | {"jcherche", "chui", "ik", "ich", "i", "im"}
)
_WANT = _wordset(
    "will mochte want wants wil wilt veux voudrais voudrai aimerais souhaite would need like "
    "zoek zoekt suche sucht cherche"
)
# first-person verbs that open a clause of their own after "and" (the subject left out)
_OWN_VERBS = _wordset(
    "wohne woon habite vis live ga gehe fahre rijd neem nehme prends take suis bin ben am heb "
    "habe hab have ai kann kan can peux werk arbeite work travaille spreek spreche speak parle"
)
_KNOW = _wordset("sais sait sai know knows weet weiss weis kenne arrive reussis lukt")
_NE = frozenset({"ne", "n"})
_RESTRICT = frozenset({"que", "qu"})
_PUNCT = ",;:.!?()\n"
_TOKEN = re.compile(r"[a-z0-9]+|[,;:.!?()\n]")


@dataclass(frozen=True)
class Scope:
    """One negation: the cue's span, the span it negates, and its kind: "not", "never",
    "stop" (no longer: "je ne veux plus") or "unable" (a skill lacking: "je ne sais pas
    utiliser", "I don't know how to"), which states a need rather than a refusal."""

    cue: Span
    span: Span
    kind: str

    def covers(self, span: Span) -> bool:
        """Whether ``span`` starts inside the negated phrase."""
        return self.span[0] <= span[0] < self.span[1]


def _tokens(folded: str) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    for m in _TOKEN.finditer(folded):
        word = m.group(0)
        # "don't", "can't", "isn't": the "t" after "n'" is the cue; keep the whole word
        if word == "t" and out and out[-1][0].endswith("n") and folded[m.start() - 1] in "'’":
            prev = out.pop()
            out.append(("dont", prev[1], m.end()))
            continue
        out.append((word, m.start(), m.end()))
    return out


def _cue_kind(words: list[str], i: int, clause_start: int) -> str | None:
    word = words[i]
    if word == "plus":
        prev = words[i - 1] if i else ""
        # "jveux plus": SMS French glues the pronoun to the verb
        verb = prev in _PLUS_VERBS or (prev[:1] == "j" and prev[1:] in _PLUS_VERBS)
        if any(w in _NE for w in words[clause_start:i]) or verb:
            nxt = words[i + 1] if i + 1 < len(words) else ""
            after = words[i + 2] if i + 2 < len(words) else ""
            # "je n'ai plus de voiture" negates; "ne ... plus de 30 minutes" bounds
            bound = (
                nxt in ("que", "qu") or nxt.isdigit() or (nxt in ("de", "d") and after.isdigit())
            )
            if not bound:
                return "stop"
        return None
    kind = _CUES.get(word)
    if kind is None and len(word) >= 4 and word.isalpha():
        hit = process.extractOne(word, _FUZZY_CUES, scorer=fuzz.ratio, score_cutoff=85)
        # same first letter: "einen" is not "keinen"
        kind = _CUES[hit[0]] if hit and hit[0][0] == word[0] else None
    if kind is None:
        return None
    nxt = words[i + 1] if i + 1 < len(words) else ""
    after = words[i + 2] if i + 2 < len(words) else ""
    if nxt in _BOUND_AFTER and (after in _BOUND_END or after.isdigit()):
        return None  # "pas plus de 40 heures", "no more than 3 months": a bound
    if nxt in _STOP_AFTER:
        return "stop"
    prev = words[i - 1] if i else ""
    if word == "pas" and (prev.isdigit() or prev in _FEW):
        return None  # "à deux pas de Wavre": steps, not a negation
    if (word == "pas" and nxt == "mal") or nxt in ("loin", "far", "ver", "weit"):
        return None  # "pas mal d'intérim": quite a lot; "pas loin de Mons": near
    # "je ne sais pas utiliser", "I don't know how to", "ik weet niet hoe": a skill lacking,
    # said of the need itself, not something refused
    near = words[max(clause_start, i - 3) : i + 3]
    if any(w in _KNOW for w in near):
        return "unable"
    return kind


def _boundary(words: list[str], j: int) -> bool:
    word = words[j]
    if word in _PUNCT or word in _BOUNDARY_WORDS:
        return True
    if word == "parce" or (word == "en" and j + 1 < len(words) and words[j + 1] == "plus"):
        return True
    nxt = words[j + 1] if j + 1 < len(words) else ""
    if word in ("want", "car"):  # "because" before a clause; also English "want", "car"
        return nxt in _SUBJECTS or nxt in ("da", "dat", "les", "la", "le", "mon", "ma", "mes")
    if word in _NEW_CLAUSE and j > 0 and words[j - 1] not in _PUNCT:
        return True  # "pas en ligne jveux un vrai prof": SMS runs clauses together
    # "kein Auto und will Koch werden", "keinen Führerschein und wohne in ...": "and" before a
    # new verb of the person starts a new clause
    return word in _AND and (nxt in _SUBJECTS or nxt in _WANT or nxt in _OWN_VERBS)


def negation_scopes(folded: str) -> list[Scope]:
    """The negated spans of ``folded`` (lower case, no accents), in text order."""
    toks = _tokens(folded)
    words = [t[0] for t in toks]
    scopes: list[Scope] = []
    clause_start = 0
    i = 0
    while i < len(words):
        if _boundary(words, i):
            clause_start = i + 1
            i += 1
            continue
        kind = _cue_kind(words, i, clause_start)
        if kind is None:
            i += 1
            continue
        j = i + 1
        while j < len(words) and not _boundary(words, j):
            j += 1
        end = toks[j - 1][2] if j > i + 1 else toks[i][2]
        start = toks[i][1]
        if i >= 2 and words[i - 1] == ":" and words[i - 2] not in _PUNCT:
            # a note's "Voiture : non", "Computer skills: none": the value negates the key
            k = i - 2
            while k > 0 and words[k - 1] not in _PUNCT and i - k < 4:
                k -= 1
            start = toks[k][1]
        scopes.append(Scope((toks[i][1], toks[i][2]), (start, end), kind))
        i = j
    return scopes


def restricted(folded: str) -> list[Span]:
    """Spans under the French "ne ... que" restriction ("je ne parle que l'allemand"): what
    follows "que" is all the person accepts or has, not something refused."""
    toks = _tokens(folded)
    words = [t[0] for t in toks]
    spans = []
    for i, word in enumerate(words):
        if word not in _NE:
            continue
        for j in range(i + 1, min(i + 6, len(words))):
            if _boundary(words, j) or words[j] in _CUES or words[j] == "plus":
                break
            if words[j] in _RESTRICT:
                k = j + 1
                while k < len(words) and not _boundary(words, k):
                    k += 1
                if k > j + 1:
                    spans.append((toks[j + 1][1], toks[k - 1][2]))
                break
    return spans


def negated(span: Span, scopes: list[Scope]) -> Scope | None:
    """The scope that negates ``span``, if any."""
    for scope in scopes:
        if scope.covers(span):
            return scope
    return None
