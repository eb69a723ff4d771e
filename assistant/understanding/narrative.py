"""The narrative around a need: words that say nothing of what to learn.

People describe themselves around their need ("j'ai obtenu mon CCNA l'an dernier, j'habite à
Liège et je cherche la suite logique pour progresser"; "I got my CCNA, what should I do
next?"). The parser removes the facts it read (the place, the certificate, the past job, what
the person already knows), not the verbs and time words around them. A text made only of that
narrative names no subject: :func:`names_a_subject` tells.

``NOT_A_NEED`` is the filler of people describing themselves (wanting, learning, time words,
degree words), also read by the guidance's reasons; ``FILLER`` adds a general vocabulary of
that narrative in French, Dutch, English and German: living, working, having obtained, years
and ages, progressing ("la suite", "next step", "volgende stap", "nächste Schritt"), small
number words. Both are sets of analysed terms (``index.analyzer``).
"""

from __future__ import annotations

import re

from index.analyzer import analyze

# Words of a profile that say nothing of what to learn: a description sharing only these (or
# a number: "15 ans", "15 h") with the person's words is no reason to propose it.
NOT_A_NEED = frozenset(
    analyze(
        "apprendre formation formations former cours travailler travail métier emploi ans an "
        "année années voudrais veux voudrait aimerais aimer cherche chercher trouver commencer "
        "débutant débute début rien presque connais connaître faire bien niveau domaine "
        "vraiment beaucoup peu chose choses pendant depuis avant après plus moins très aussi "
        "encore déjà toujours jamais souvent surtout mais donc car comme quand alors ici "
        "maintenant aujourd'hui semaine semaines mois jour jours heure heures temps fois "
        "ancien ancienne anciennement utiliser utilisé besoin envie petit petite gros"
    )
)

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


def names_any(text: str, words: str) -> bool:
    """Whether ``text`` shares an analysed term with ``words`` (a goal named again)."""
    wanted = set(analyze(words))
    return any(t in wanted for t in analyze(text))
