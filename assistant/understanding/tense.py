"""The time of a clause: is it about what the person did before, or what they want now?

A past-time cue scopes over its clause, not over a window of characters: in "jusqu'en 2021
j'étais chauffeur-livreur", "Retired from the army last year", "vroeger was ik kok" or "bis
letztes Jahr war ich Verkäufer", every job named in the clause was held. A clause ends at a
sentence mark, a comma, a joining "mais"/"but"/"maar"/"aber", "et"/"and" before a new "je"/"I",
or a word of the present
("maintenant", "aujourd'hui", "now", "nu", "jetzt"): "avant j'étais coiffeuse, maintenant je
voudrais devenir esthéticienne" has a past clause and a present one. A clause that also says
what the person wants ("je voudrais", "want", "wil", "möchte", "devenir") before the job is
about the goal, whatever its tense: "j'ai toujours voulu devenir infirmière".

Spans are of the folded text (lower case, no accents), as every reader of the parser.
"""

from __future__ import annotations

import re

from assistant.understanding.cues import rx

Span = tuple[int, int]

# where a clause ends: punctuation, a joining word, or a word of the present
_BOUNDARY = re.compile(
    r"[.;:!?\n,]|\b(?:mais|but|maar|aber|maintenant|maintenan|aujourd'hui|desormais|"
    r"now|nowadays|today|nu|nou|tegenwoordig|jetzt|heute|nun|inzwischen|depuis|since|sinds|seit)\b"
    # "and" before a new subject: "j'ai obtenu mon CCNA l'an dernier et je travaille comme ..."
    r"|\b(?:et|and|en|und)\s+(?=(?:je|j'|i|ik|ich)\b)"
)
PAST_TIME = rx(
    # French: adverbs, a year or a date reached, retirement, imperfect and perfect of work
    r"\b(?:avant|autrefois|anciennement|auparavant|jadis|precedemment|naguere)\b",
    r"\b(?:ancien|ancienne|ex|former|voormalige?|ehemalige?r?)\b",
    r"\b(?:dans le passe|par le passe|in the past|in het verleden|in der vergangenheit)\b",
    r"\bjusqu'(?:en|a|au) (?:\d{4}|l'an(?:nee)? (?:derniere?|passee?)|recemment|mon licenciement)",
    r"\bil y a (?:\d+|[a-z]+) (?:ans|mois|annees)\b",
    r"\b(?:retraitee?|prepensionnee?|pensionnee?|a la (?:pre)?pension)\b",
    r"\b(?:j'etais|jetais|c'etait|je travaillais|je bossais|je faisais|j'exercais)\b",
    # (the perfect only: folded, "je travaille" is the present)
    r"\b(?:j'ai|jai|j ai) (?:\w+ )?(?:travaille|bosse|ete|exerce|travailler|travaile)\b",
    r"\b(?:mon|son) (?:ancien|dernier|precedent) (?:emploi|poste|job|boulot|metier|travail)\b",
    r"\b(?:mon|son) (?:emploi|poste|job|boulot|metier|travail),? c'(?:etait|est)\b",
    # a period that ended: "de 2010 à 2022", "van 2015 tot 2020", "from 2012 to 2019"
    r"\b(?:de|from|van|von) (?:19|20)\d\d (?:a|to|tot|bis|-) (?:19|20)\d\d\b",
    # Dutch
    r"\b(?:vroeger|eerder|voorheen|destijds|gepensioneerd|met pensioen)\b",
    r"\btot (?:\d{4}|vorig jaar|vorige maand|kort)\b",
    r"\b(?:was ik|ik was|werkte|heb (?:\w+ ){0,3}gewerkt|heeft (?:\w+ ){0,3}gewerkt)\b",
    # English
    r"\b(?:used to|formerly|previously|retired|in the past|until \d{4}|until last year)\b",
    r"\b(?:i was|i worked|i've worked|i have worked|had worked|was working|lost my job)\b",
    r"\b(?:my (?:last|previous|old|former) job)\b",
    # German
    r"\b(?:fruher|vorher|davor|bisher|damals|ehemals|pensioniert|rentner(?:in)?|in rente)\b",
    r"\bbis (?:\d{4}|letztes jahr|vor kurzem|zum letzten jahr)\b",
    r"\b(?:war ich|ich war|arbeitete|habe (?:\w+ ){0,3}gearbeitet|hat (?:\w+ ){0,3}gearbeitet)\b",
    r"\b(?:letztes jahr|last year|vorig jaar|l'an dernier|l'annee derniere)\b",
)
# a word of wanting: the clause is about the goal
GOAL_TIME = rx(
    r"\b(?:voudrais|voudrai|voudre|veux|veu|veut|souhaite|souhaiterais|aimerais|aimerai|envie|"
    r"devenir|projet|vise|objectif|reve|compte)\b",
    r"\b(?:want|wants|wanted|would like|'d like|become|hope|plan|aim)\b",
    r"\b(?:wil|wilt|worden|zou graag|graag|hoop|droom)\b",
    r"\b(?:mochte|mochten|werden|will|wurde gern|hoffe|traum)\b",
)


def clause_of(folded: str, pos: int) -> Span:
    """The clause holding ``pos``."""
    start = 0
    for m in _BOUNDARY.finditer(folded):  # (a lookahead must see past ``pos``)
        if m.end() > pos:
            break
        start = m.end()
    end_match = _BOUNDARY.search(folded, pos)
    # a boundary word inside the mention itself ("nu" of "nurse") is no boundary
    end = end_match.start() if end_match else len(folded)
    return start, end


def in_past_clause(folded: str, span: Span) -> bool:
    """Whether the words at ``span`` sit in a clause of the past, with no wish before them in
    that clause ("jusqu'en 2021 j'étais chauffeur", not "j'ai toujours voulu devenir X")."""
    start, end = clause_of(folded, span[0])
    end = max(end, span[1])
    clause = folded[start:end]
    past = [m.start() + start for m in PAST_TIME.finditer(clause)]
    if not past:
        return False
    wish = [m.start() + start for m in GOAL_TIME.finditer(folded, start, span[0])]
    # the cue nearest before the job decides; a past cue after the job counts too
    # ("chauffeur de bus jusqu'en 2020")
    last_past = max((p for p in past if p < span[0]), default=None)
    last_wish = max(wish, default=None)
    if last_wish is None:
        return True
    return last_past is not None and last_past > last_wish
