"""Statuses named by a word of their own: the institutions, benefits and labels of Belgian
social life, in four languages ("CPAS", "revenu d'intégration", "leefloon", "AVIQ", "PHARE",
"Sehbehinderung", "intérimaire", "Studentin", "réfugiée").

A lexicon, not phrases: each status has stems; a word of the message matches a stem when it
starts with it (compounds too: "Sehbehinderung", "uitzendkracht", "arbeitslosengeld"), or,
misspelt, when it is one edit away from a stem of six letters or more ("chommage",
"handicappé", "refugiee"). Short acronyms ("RIS", "CPAS", "OCMW") match only as whole words,
and an institution only where the person receives from it ("au CPAS", "aide du CPAS", "van het
OCMW"), not where it only sent them ("par le CPAS"). A negated word ("pas au chômage") or one
in a clause of the past ("j'ai été intérimaire") states nothing of the present.
"""

from __future__ import annotations

import functools
import re

from rapidfuzz.distance import Levenshtein

from assistant.understanding.negation import Scope, negated
from assistant.understanding.tense import in_past_clause

Span = tuple[int, int]

# status -> stems a word starts with (folded: lower case, no accents)
STEMS: dict[str, tuple[str, ...]] = {
    "jobseeker": (
        "chomage",
        "chomeu",
        "werkloos",
        "werkzoek",
        "arbeitslos",
        "arbeitssuch",
        "erwerbslos",
        "unemployed",
        "leefloon",
        "sozialhilfe",
        "burgergeld",
        "werkloosheidsuitkering",
        "arbeitslosengeld",
        "jobseeker",
    ),
    "worker": ("interimaire", "uitzendkracht", "uitzendwerk", "leiharbeit", "zeitarbeit"),
    "disability": (
        "handicap",
        "gehandicapt",
        "behinder",
        "beperking",
        "invalidit",
        "disabilit",
        "disabled",
        "rolstoel",
        "rollstuhl",
        "wheelchair",
        "malvoyant",
        "malentendant",
        "slechtziend",
        "slechthorend",
        "gehorlos",
    ),
    "newcomer": (
        "refugie",
        "vluchteling",
        "fluchtling",
        "primo-arrivant",
        "primoarrivant",
        "nieuwkomer",
        "asylum",
        "asielzoeker",
        "asylbewerber",
        "inburgering",
    ),
    "student": ("etudiant", "student", "studierend", "schuler", "leerling"),
}
# whole words only (acronyms and short words)
ACRONYMS: dict[str, tuple[str, ...]] = {
    "jobseeker": ("ris",),
    "disability": ("aviq", "phare", "vaph", "pmr", "awiph"),
    "worker": ("interim",),
}
# an institution or benefit that says the status only when received from
RECEIVED = {
    "jobseeker": re.compile(
        r"\b(?:au|a l'|aide (?:sociale )?du|du|beneficiaire du|inscrite? au|suivie? au|"
        r"van het|bij het|from the|on|via het)\s+(?:cpas|ocmw|ocpm)\b"
        r"|\brevenu d'integration\b|\b(?:social assistance|social welfare|welfare benefits?)\b"
    ),
}
_TOKEN = re.compile(r"[a-z][a-z'-]*")
_FUZZY_MIN = 6


@functools.lru_cache(maxsize=65536)
def _word_statuses(word: str) -> tuple[str, ...]:
    """The statuses one word names (cached: words repeat across messages)."""
    found = []
    for name, stems in STEMS.items():
        if name == "student" and word.endswith(("nts", "enten", "ngen", "lern")):
            continue  # "pour étudiants", "students": others, not the person
        # a typo rarely hits the first letter: only stems starting like the word are tried
        # (and the long ones a compound holds: "Sehbehinderung")
        if any((stem[0] == word[:1] or len(stem) >= 8) and _match(word, stem) for stem in stems):
            found.append(name)
    found.extend(name for name, words in ACRONYMS.items() if word in words)
    return tuple(found)


def _match(word: str, stem: str) -> bool:
    if word.startswith(stem) or (len(stem) >= 8 and stem in word):
        return True  # "handicapée", "Sehbehinderung"
    if len(stem) < _FUZZY_MIN or len(word) < _FUZZY_MIN:
        return False
    # the word's start, a letter shorter or longer than the stem: "chommage", "refugiee"
    return any(
        Levenshtein.distance(word[:n], stem, score_cutoff=1) <= 1
        for n in range(len(stem) - 1, len(stem) + 2)
    )


def status_words(folded: str, scopes: list[Scope]) -> dict[str, Span]:
    """Each status a word of ``folded`` names, with its span."""
    found: dict[str, Span] = {}

    def keep(name: str, span: Span) -> None:
        if name in found or negated(span, scopes) is not None:
            return
        if name in ("worker", "student") and in_past_clause(folded, span):
            return  # "j'ai été intérimaire", "when I was a student"
        found[name] = span

    for m in _TOKEN.finditer(folded):
        for name in _word_statuses(m.group(0).strip("'-")):
            keep(name, m.span())
    for name, pattern in RECEIVED.items():
        if said := pattern.search(folded):
            keep(name, said.span())
    return found
