"""Cues read by pattern alone, on folded text: bounds on hours, weeks, distance and travel
time (in one vocabulary of bounds: "pas plus de", "maximum", "no more than", "höchstens", or
after the number: "2 semaines maximum"), the level in the field, schooling, French level, the
wish for a certificate, and the patterns the parser uses to tell a goal from a past job.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

Span = tuple[int, int]


def rx(*patterns: str) -> re.Pattern[str]:
    """One pattern matching any of ``patterns`` (the cue lists of every reader)."""
    return re.compile("|".join(f"(?:{p})" for p in patterns))


# The end of a clause: punctuation or a coordinating word.
_CLAUSE_END = re.compile(
    r"[,;:.!?\n]|\b(?:mais|car|but|because|maar|want|aber|weil|et|and|en|und)\b"
)


def clause(folded: str, start: int, end: int) -> str:
    """The clause of ``folded`` around the span ``start``..``end``."""
    left = max((m.end() for m in _CLAUSE_END.finditer(folded, 0, start)), default=0)
    right = next((m.start() for m in _CLAUSE_END.finditer(folded, end)), len(folded))
    return folded[left:right]


NUM = r"(\d{1,4}(?:[.,]\d+)?)"
WORD_NUMBERS = {
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "huit": 8,
    "dix": 10,
    "douze": 12,
    "quinze": 15,
    "vingt": 20,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    "soixante": 60,
    "cent": 100,
    "one": 1,
    "een": 1,
    "eine": 1,
    "ein": 1,
    "two": 2,
    "twee": 2,
    "zwei": 2,
    "three": 3,
    "drie": 3,
    "drei": 3,
    "sept": 7,
    "neuf": 9,
    "onze": 11,
    "four": 4,
    "five": 5,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "vier": 4,
    "vijf": 5,
    "zes": 6,
    "zeven": 7,
    "acht": 8,
    "negen": 9,
    "tien": 10,
    "twaalf": 12,
    "funf": 5,
    "sechs": 6,
    "sieben": 7,
    "neun": 9,
    "zehn": 10,
    "zwolf": 12,
}
NUMW = r"(\d{1,4}(?:[.,]\d+)?|" + "|".join(WORD_NUMBERS) + r")"
HOURS = r"(?:heures?|h\b|hrs?\b|hours?|uur|uren|u\b|stunden?)"
_UPPER_WORDS = (
    r"pas plus de|pas plus d'|au maximum|au max|maximum|max\.?|moins de|maximaal|"
    r"niet meer dan|minder dan|no more than|at most|less than|under|up to|jusqu'a|within|"
    r"tout au plus|ne depasse pas|ne depassant pas|hochstens|maximal|nicht mehr als|weniger als|"
    r"hoogstens|ten hoogste|"
    r"binnen|innerhalb(?: von)?|<|no longer than|not longer than|niet langer dan|"
    r"nicht langer als|pas plus long que|"
    # "je ne peux pas faire plus de 30 minutes": "plus de" bounds after a negation
    r"(?:\bpas|\bne|\bn')[^.,;!?]{0,20}?\bplus d(?:e|')"
)
UPPER = f"(?:{_UPPER_WORDS})"
# "2 semaines maximum", "40 heures max", "6 Monate höchstens"
AFTER = (
    r"\s*(?:maximum|max\b|au maximum|au max|maximaal|max\.|at most|at the most|tops|hochstens|"
    r"maximal|au plus|tout au plus|hoogstens)"
)

MAX_HOURS_BEFORE = re.compile(UPPER + r"\s*" + NUMW + r"\s*" + HOURS)
MAX_HOURS_AFTER = re.compile(
    NUMW + r"\s*" + HOURS + r"\s*(?:maximum|max\b|au maximum|au max|maximaal|max\.|at most|tops)"
)
_WEEKS = r"(semaines?|mois|weken|week|maanden|maand|weeks?|months?|wochen|woche|monate?n?)"
MAX_WEEKS = re.compile(
    UPPER + r"\s*" + NUMW + r"\s*" + _WEEKS + r"|(?<![\d,.])" + NUMW + r"\s*" + _WEEKS + AFTER
)
SHORT = rx(
    r"\bformation (?:assez |plutot |tres )?courte",
    r"\bcours (?:assez |plutot )?court",
    r"\bquelque chose de court",
    r"\bpas (?:trop |)long",
    r"\bmoins long",
    r"\bshort (?:course|training)",
    r"\bkorte (?:opleiding|cursus)",
)

RADIUS = re.compile(
    r"(?:rayon de|dans un rayon de|rayon|a moins de|pas plus loin que|umkreis von|umkreis|"
    r"accepte|j'accepte|accepts?|aanvaard|akzeptiere|bis(?: zu)?|tot|"
    + _UPPER_WORDS
    + r")\s*"
    + NUM
    + r"\s*(?:km|kms|kilometres?|kilometers?)\b"
)
# "30 km maximum", "20 km max"
RADIUS_AFTER = re.compile(r"(?<![\d,.])" + NUM + r"\s*(?:km|kms|kilometres?|kilometers?)\b" + AFTER)
# a travel time by a means of transport: "1 hour by train", "une heure en bus", "1 uur met de trein"
_BY_MEANS = (
    r"|(?:hours?|heures?|uur|stunden?) (?:by|en|de|with the|in the|met de|per|mit dem|mit der) "
    r"(?:train|bus|car|voiture|tram|metro|trein|auto|zug|bahn)"
)
TRAVEL = re.compile(
    UPPER + r"\s*(?:une? )?" + NUMW + r"\s*(minutes?|min\b|heures? de (?:route|trajet)|minuten|"
    r"uur (?:reizen|rijden|onderweg|met de (?:bus|trein|auto|tram))|"
    r"stunden? (?:fahrt|reise|weg)|hours? (?:of )?(?:travel|commut\w*|drive)" + _BY_MEANS + ")"
)
# "une heure de route maximum", "30 minutes max de chez moi"
TRAVEL_AFTER = re.compile(
    NUMW
    + r"\s*(minutes?|min\b|heures? de (?:route|trajet)|minuten|uur (?:reizen|rijden|onderweg))"
    + r"(?: de (?:trajet|route|transport|bus|train|voiture|chez moi)| (?:reizen|rijden|onderweg)|"
    + r" (?:fahrt|weg)| (?:of )?(?:travel|commute|drive))?"
    + AFTER
)
HALF_HOUR = rx(
    r"\b(?:pas plus d'|max(?:imum)? |moins d')une demi-heure",
    r"\b(?:niet meer dan|maximaal|hoogstens) (?:een )?half uur",
    r"\b(?:no more than|at most|max(?:imum)?) (?:half an hour|30 min)",
    r"\b(?:hochstens|maximal) (?:eine )?halbe stunde",
)

MOVE = rx(
    r"pret(?:e)? a demenager",
    r"peux demenager",
    r"pret(?:e)? a bouger",
    r"je me deplace partout",
    r"mobile partout",
    r"willing to (?:move|relocate)",
    r"bereid (?:om )?te verhuizen",
    r"ou que ce soit en (?:wallonie|belgique)",
)

CHILDREN = rx(
    r"(?:j'ai|avec|mes|deux|trois|des|petits?) (?:jeunes |petits )?enfants",
    r"\bmes (?:gamins|gosses|petits)\b",
    r"\bmaman\b",
    r"\bpapa\b",
    r"mere (?:celibataire|seule|de)",
    r"pere (?:celibataire|seul|de)",
    r"garde (?:de |des )?(?:mes )?enfants",
    r"ecole des enfants",
    r"(?:i have|with) (?:\w+ )?(?:kids|children)",
    r"single (?:mum|mom|parent)",
    r"ik heb (?:\w+ )?kinderen",
    r"alleenstaande (?:moeder|vader)",
)

# right after a job: it was held ("secrétaire 15 ans", "technicien en intérim jusqu'en 2023",
# "ingénieur au pays")
PAST_AFTER = re.compile(
    r"\s*(?:[a-z]+\s+)?(?:\(?\d+ (?:ans|an|years|jaar|jahre)\b|en interim|jusqu'en \d|"
    r"(?:depuis|since|sinds|seit) (?:\d{4}|\d+ (?:ans|years|jaar|jahren))|"
    r"(?:de|from|van|von) \d{4} (?:a|to|tot|bis) \d{4}|"
    r"until \d|tot \d|bis \d|au pays|dans mon pays|in my country|in mijn land|"
    r"in meinem land|back home)"
)
# right before a job that belongs to someone else: "mon mari est plombier"
SOMEONE_ELSE = re.compile(
    r"\b(?:mon|ma|my|mijn|mein|meine) (?:mari|femme|fils|fille|pere|mere|frere|soeur|sœur|copain|"
    r"copine|husband|wife|son|daughter|father|mother|brother|sister|man|vrouw|zoon|dochter|"
    r"vader|moeder|broer|zus|mann|frau|sohn|tochter|vater|mutter|bruder|schwester|voisin|"
    r"voisine|ami|amie|friend|neighbour|neighbor|buurman|buurvrouw|vriend|vriendin|nachbar|"
    r"freund|freundin|collegue|colleague|collega|kollege|oncle|tante|cousin|cousine|uncle|"
    r"aunt|oom|onkel)\b"
    r"[^.;!?]{0,12}$"
)
# a definite article opening a sentence: "Le formateur était super", "The teacher said"
THE_PERSON = re.compile(r"(?:^|[.!?]\s*)(?:le|la|l'|the|de|het|der|die)\s*$")
# right before a job that is wanted: "je voudrais passer mon permis cariste"
GOAL_NEAR = re.compile(
    r"\b(?:voudrais|voudrai|veux|souhaite|aimerais|passer|devenir|want|like|become|wil|worden|"
    r"mochte|werden)\b[^.;!?,]{0,20}$"
)
# right before a job: the person's own job, held now or before ("je suis déjà informaticien")
PAST_NEAR = re.compile(
    r"\b(?:ex-|ex |ancien|ancienne|former|ehemalig\w*|voormalig\w*|"
    r"je suis(?: deja| actuellement)?(?: une?)?|jsuis|chui|i'?m an?|i am an?|ik ben|ich bin)\s*$"
)
LITTLE_SCHOOLING = rx(
    r"pas (?:ete |ete beaucoup |beaucoup ete |)(?:beaucoup )?a l'ecole",
    r"peu scolaris",
    r"sans (?:aucun )?diplome\b(?! (?:en|d'|de|dans))",
    r"(?:pas|aucun) (?:de |d'autre )?diplome\b(?! (?:en|d'|de|dans))",
    r"pas (?:le|mon) ceb",
    r"arrete l'ecole",
    r"quitte l'ecole",
    r"(?:lire|ecrire) (?:et (?:ecrire|lire) )?(?:c'est|est) (?:tres |trop )?(?:dur|difficile)",
    r"difficultes? (?:a|pour) (?:lire|ecrire)",
    r"ne sais pas (?:bien )?(?:lire|ecrire)",
    r"analphab",
    r"alphabetisation",
    r"no diploma",
    r"geen diploma",
)
FRENCH_NONE = rx(
    r"je ne parle pas (?:le )?francais", r"(?:don't|do not) speak french", r"spreek geen frans"
)
FRENCH_BASIC = rx(
    r"(?:parle|comprends) (?:un peu|mal|pas bien|pas tres bien) (?:le )?francais",
    r"apprendre le francais",
    r"\bfle\b",
    r"francais langue etrangere",
    r"a bit of french",
    r"(?:little|some) french",
    r"een beetje frans",
)
CERTIFICATION = rx(
    r"\bcertifiant",
    r"\bcertificat\b",
    r"\bcertification\b",
    r"\bcertifie\b",
    r"diplome reconnu",
    r"titre reconnu",
    r"\bqualifiant",
    r"\bbrevet\b",
    r"\bcertificate\b",
    r"\bcertified\b",
    r"\bgecertificeerd",
    r"\battest\b",
    r"passer (?:l'|un |le )?examen",
    r"reconnu(?:e)? officiellement",
    r"(?:formation|titre|diplome|certificat) reconnu",
    r"\brecogni[sz]ed (?:certificate|qualification|diploma|course|training)",
    r"\berkend(?:e)? (?:certificaat|diploma|opleiding|attest)",
    r"\banerkannt\w* (?:zertifikat|abschluss|diplom|weiterbildung|ausbildung|umschulung|kurs)",
    r"\berkende (?:opleiding|cursus|training)",
    r"\bzertifikat\b",
    r"\bcertificaat\b",
    r"\bcertification\b",
    r"(?:donne|delivre|mene a|debouche sur|avec) (?:un |une )?(?:diplome|certificat|titre)",
    r"\b(?:diploma|getuigschrift|certificaat|attest) (?:halen|behalen)\b",
    r"\b(?:abschluss|zertifikat|diplom) (?:machen|erwerben|bekommen)\b",
    r"\bget (?:a |my )?(?:certified|certificate|diploma|qualification)\b",
    r"\bdiplomante|\baccredit\w*|\bzertifiziert|\bofficieel erkend|\bofficially recogni[sz]ed",
    r"\bhomologue",
    # a diploma wanted: "je veux un diplôme", "een diploma halen", "einen Abschluss machen"
    r"\b(?:veux|voudrais|souhaite|obtenir|avoir|want|need|wil|mochte|will|brauche)\s+"
    r"(?:un |une |a |an |een |ein |einen |mon |my )?(?:vrai )?(?:diplome|diploma|qualification|"
    r"titre|papier officiel|abschluss|getuigschrift|attestation)\b",
    r"\b(?:avec|with|met|mit) (?:un |une |a |an |een |ein |einem |einen )?(?:diplome|diploma|"
    r"attestation|qualification|abschluss|getuigschrift)(?: a la (?:fin|cle)| at the end| op het"
    r" einde| am ende)\b",
)

REQUIRED_CERT = rx(
    # "formation certifiante", "formation cybersécurité certifiante", "formation en réseaux
    # certifiante": the subject may sit between
    r"formations? (?:[\w-]+ ){0,3}?(?:certifiante|qualifiante)s?",
    r"(?:certifiante|qualifiante)s? (?:souhaitee|obligatoire|exigee|necessaire)",
    r"(?:doit|faut|veux|voudrais|souhaite) (?:que ce soit |etre )?(?:une formation )?"
    r"(?:certifiante|qualifiante)",
)


_KIND_WORD = re.compile(r"(?:certifiante|qualifiante)s?")


@dataclass(frozen=True)
class Found:
    """A cue that matched: the field it sets, its value, and where."""

    field: str
    value: Any
    span: Span


def _first(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    return pattern.search(text)


def _number(raw: str) -> float:
    if raw in WORD_NUMBERS:
        return float(WORD_NUMBERS[raw])
    return float(raw.replace(",", "."))


def read_cues(t: str) -> Iterable[Found]:
    """The cues of folded text ``t`` read by pattern alone: bounds on hours, weeks, distance
    and travel, level words, schooling, French level, the wish for a certificate."""
    travel = TRAVEL.search(t) or TRAVEL_AFTER.search(t)
    m = MAX_HOURS_BEFORE.search(t) or MAX_HOURS_AFTER.search(t)
    if m and travel and m.start() < travel.end() and travel.start() < m.end():
        m = None  # "max 1 hour by train": a travel time, not the course's length
    if m:
        yield Found("max_hours", _number(m.group(1)), m.span())
    m = MAX_WEEKS.search(t)
    if m:
        number, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        n = _number(number)
        weeks = n * (4.33 if unit.startswith(("mois", "maand", "month", "monat")) else 1)
        yield Found("max_weeks", round(weeks, 1), m.span())
    if (m := SHORT.search(t)) and not MAX_HOURS_BEFORE.search(t):
        yield Found("prefers_short", True, m.span())
    if m := RADIUS.search(t) or RADIUS_AFTER.search(t):
        yield Found("radius_km", _number(m.group(1)), m.span())
    if m := travel:
        n = _number(m.group(1))
        yield Found(
            "max_travel_minutes",
            int(n * 60 if m.group(2).startswith(("heure", "uur", "stunde", "hour")) else n),
            m.span(),
        )
    elif m := HALF_HOUR.search(t):
        yield Found("max_travel_minutes", 30, m.span())
    if m := MOVE.search(t):
        yield Found("willing_to_move", True, m.span())
    if m := CHILDREN.search(t):
        yield Found("has_children", True, m.span())
    if m := LITTLE_SCHOOLING.search(t):
        yield Found("little_schooling", True, m.span())
    if m := FRENCH_NONE.search(t):
        yield Found("french_level", "none", m.span())
    elif m := FRENCH_BASIC.search(t):
        yield Found("french_level", "basic", m.span())
    if m := REQUIRED_CERT.search(t):
        # "une formation certifiante / qualifiante": the kind of training, a hard constraint.
        # Its evidence is the word that says it, not the subject between ("formation
        # cybersécurité certifiante": cybersécurité is the need, read nowhere else).
        kind = "qualifiante" if "qualifiant" in m.group(0) else "certifiante"
        word = _KIND_WORD.search(t, m.start(), m.end())
        yield Found("certification", kind, word.span() if word else m.span())
    elif m := CERTIFICATION.search(t):
        yield Found("certification", True, m.span())
