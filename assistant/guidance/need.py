"""Whether a need names something to learn, or only the narrative around it.

People describe themselves around their need ("j'ai obtenu mon CCNA l'an dernier, j'habite à
Liège et je cherche la suite logique pour progresser"; "I got my CCNA, what should I do
next?"). The parser removes the facts it read (the place, the certificate, the past job), not
the verbs and time words around them. A text made only of that narrative names no subject:
the guidance then reads the need from what the person holds (the lineage of a certificate),
or lets any subject answer ("une formation à Mons").

``FILLER`` is a general vocabulary of that narrative in French, Dutch, English and German:
wanting, learning, living, working, having obtained, years and ages, progressing ("la
suite", "next step", "volgende stap", "nächste Schritt"), small number words, and the filler
of :data:`~assistant.guidance.reasons.NOT_A_NEED`.
"""

from __future__ import annotations

import re

from assistant.guidance.reasons import NOT_A_NEED
from index.analyzer import analyze

_NARRATIVE = (
    # French: living, having obtained, time, progressing, wanting
    "habite habiter habites vis vit vivre réside domicilié obtenu obtenir réussi "
    "décroché eu dernier dernière dernièrement passé passée prochain prochaine suivant suivante "
    "suite logique étape étapes progresser progression évoluer évolution continuer "
    "suis es est sommes êtes sont étais était ai as avons avez ont avais avait fait "
    "souhaite souhaiterais souhaiter voudrai aimerai cherchais pense devenir deviens "
    "âge âgé âgée deux trois quatre cinq six sept huit neuf dix titulaire détenteur bonjour "
    "longtemps "
    # Dutch
    "ik wil graag zou willen leren woon wonen woont werk werken werkte gewerkt jaar jaren "
    "heb heeft behaald gehaald volgende stap verder doorgroeien opleiding cursus zoek zoeken "
    "worden mijn twee drie vier vijf wat welke kan kunnen moet sinds nu dan een het de en van "
    "met voor naar vorig vorige is houder ben oud hallo goedemiddag goedendag "
    # English
    "i my me want wants would like learn learning live lives living work worked working "
    "years year old got have has had get next step steps move moving progress course courses "
    "training looking look for the and to a an in of with become what which should could "
    "can will do does did ago since now then so some any about be am is are was were "
    "one two three four five six seven eight nine ten holder hello long "
    # German
    " ich mein meine möchte will würde gern gerne lernen wohne wohnen arbeite arbeiten "
    "gearbeitet jahr jahre habe hat nächste nächsten schritt weiter weiterkommen kurs "
    "schulung ausbildung suche werden was welche kann soll seit jetzt dann und mit für "
    "nach der die das ein eine zwei drei vier fünf es ist letztes letzten gemacht inhaber "
    "bin alt guten"
)
FILLER = NOT_A_NEED | frozenset(analyze(_NARRATIVE))
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)


def is_filler(word: str) -> bool:
    """Whether ``word`` says nothing of what to learn (its analysed terms are all filler; a
    stop word, analysed to nothing, is not counted, nor a number: "AZ-900" is a subject)."""
    terms = analyze(word)
    return bool(terms) and all(t in FILLER for t in terms)


def names_a_subject(text: str, besides: str = "") -> bool:
    """Whether ``text`` names something to learn: a word that is neither filler nor a
    number ("une formation à Mons", "je cherche la suite" name nothing), nor one of the
    words of ``besides`` (the goal occupations, to tell whether anything else is named)."""
    known = FILLER | frozenset(analyze(besides))
    return any(
        not w.isdigit() and (terms := analyze(w)) and not all(t in known for t in terms)
        for w in _WORD.findall(text)
    )


# "je connais bien Windows et les bases des réseaux", "I know Word well", "ik ken Excel al",
# "ich kenne SAP gut": what the person already knows, up to the end of the clause (a full
# stop, "mais", or a new clause of their own: ", je veux ..."). A denial ("je ne connais
# rien à", "I don't know") never matches: the cue must follow the pronoun directly.
_KNOWN = re.compile(
    r"\b(?:je|j'|i|ik|ich)\s*(?:connais|ma[iî]trise|know|ken|kenne|beherrsche)\b"
    r"(?!\s+(?:pas|rien|plus|not|nothing|niet|geen|niets|nicht|kein|nichts)\b)"
    r"[^.;!?\n]*?"
    r"(?=\s*[.;!?\n]|,\s*(?:je|j'|i|ik|ich)\b|\s+(?:mais|but|maar|aber)\b"
    r"|\s+(?:et je|et j'|and i|en ik|und ich)\b|$)",
    re.IGNORECASE,
)


def without_known(text: str, besides: str = "") -> str:
    """``text`` without the clauses saying what the person already knows, when the rest
    still names something to learn (with ``besides``, the goal occupations, counting as
    named): "je connais bien Windows ; je veux évoluer vers la cybersécurité" is a need for
    cybersecurity, but "je connais un peu Excel et je veux progresser" stays about Excel."""
    rest = " ".join(_KNOWN.sub(" ", text).split())
    if rest == " ".join(text.split()):
        return text
    named = names_a_subject(rest) or (bool(besides) and _names_goal(rest, besides))
    return rest if named else text


def _names_goal(text: str, goals: str) -> bool:
    goal_terms = set(analyze(goals))
    return any(t in goal_terms for t in analyze(text))
