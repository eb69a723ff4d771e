"""Conditions read with their negation: times, formats, car and transport, computer use.

Each reader finds the plain cue words ("le soir", "en ligne", "voiture", "ordinateur") and asks
:func:`~assistant.understanding.negation.negated` whether the cue lies in a negated scope:
"pas le soir" refuses evenings, "geen online les" refuses distance learning, "pas de permis"
means no car, "je n'ai jamais utilisé un ordinateur" means no digital skills. One mechanism for
every cue, in the four languages, instead of a phrase per negated form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.understanding.cues import rx
from assistant.understanding.negation import Scope, negated

Span = tuple[int, int]


SCHEDULE_CUES = {
    "morning": rx(
        r"\ble matin\b",
        r"\bles matins\b",
        r"\bmatinees?\b",
        r"\ben matinee",
        r"\bmornings?\b",
        r"\b(?:'s )?ochtends?\b",
        r"\bvoormiddag",
        r"\bvormittags?\b",
        r"\bmorgens\b",
    ),
    "afternoon": rx(
        r"\bl'apres-?midis?\b",
        r"\bapres-midis?\b",
        r"\bafternoons?\b",
        r"\bnamiddag",
        r"\bnachmittags?",
    ),
    "daytime": rx(
        r"\ben journee",
        r"\bjournee\b",
        r"\bdaytime\b",
        r"\bduring the day\b",
        r"\bheures d'ecole",
        r"\bschool hours",
        r"\bschooluren",
        r"(?:pendant|quand|lorsque) (?:que )?les enfants sont a l'ecole",
        r"while (?:the|my) (?:kids|children) are at school",
        r"\b[89] ?h ?-? ?1[4-6] ?h",
        r"\boverdag\b",
        r"\btagsuber\b",
        r"\bwahrend der schulzeit",
    ),
    "evenings": rx(
        r"\ble soir\b",
        r"\bsoirs?\b",
        r"\ben soiree",
        r"cours du soir",
        r"apres (?:le|mon) (?:travail|boulot)",
        r"\bevenings?\b",
        r"(?:'s ?|\bs)avonds\b",
        r"\bavondles",
        r"\bavond\b",
        r"\babends?\b",
        r"\babendkurs",
    ),
    "weekends": rx(
        r"week-?ends?",
        r"\bweekend",
        r"\ble samedi",
        r"\bsaturdays?\b",
        r"\bzaterdags?\b",
        r"\bwochenende",
        r"\bsamstags?\b",
        r"\bwe\b(?= uniquement| only| seulement|$|[.,])",
    ),
    "part_time": rx(
        r"temps partiel",
        r"\bmi[- ]?t(?:emps|ant|an|emp)\b",
        r"part[- ]time",
        r"deeltijd",
        r"teilzeit",
        r"\bhalftime\b",
    ),
    "full_time": rx(r"temps plein", r"full[- ]time", r"voltijd", r"vollzeit", r"\bplein temps"),
}
# A clause about the person's work names times they are busy, not free ("je travaille
# l'après-midi", "ik werk overdag"); "après mon travail" is itself a time cue.
_WORK_CLAUSE = re.compile(
    r"\b(?:je |j'|j)(?:travaille|bosse)\b|\bi (?:currently )?work\b|\bik werk\b|\bich arbeite\b|"
    r"\bwerk (?:ik )?overdag\b"
)
_CLAUSE_END = re.compile(
    r"[,;:.!?\n]|\b(?:mais|car|but|because|maar|want|aber|weil|et|and|en|und)\b"
)

DISTANCE_WANTED = rx(
    r"\ba distance\b",
    r"\bdistanciel",
    r"depuis (?:chez moi|la maison)",
    r"\ba domicile\b",
    r"e-?learning",
    r"\bop afstand\b",
    r"fernunterricht",
    r"von zu hause",
    r"from home",
    r"\b(?:par|via) internet\b",
    r"(?:formation|cours|apprendre|suivre|module|training|course|class|learn|opleiding|kurse?|"
    r"lernen)s?\b[^.,;!?]{0,25}\b(?:en ligne|online|remote)",
    r"\b(?:en ligne|online)\b[^.,;!?]{0,15}(?:formation|cours|course|training|opleiding|kurs|"
    r"apprendre|learn|leren|lernen|studeren|studieren)",
    r"^\W*(?:\w+\W+){0,2}(?:en ligne|online)\W*$",  # a short answer: "en ligne", "online svp"
    r"\b(?:en ligne|online|a distance)\b(?= (?:of|ou|or|oder) )",
    r"\bafstands(?:onderwijs|leren)|\bfernstudium|\bdistance learning",
    r"\b(?:en ligne|online)\b(?= (?:de preference|only|alleen|uniquement|seulement|pls|please|"
    r"svp|stp|bitte|graag|idealement|ideally|si possible|if possible|bevorzugt|liefst))",
    r"\b(?:only|alleen|uniquement|seulement|nur|idealement|ideally|liefst|bij voorkeur|plutot|"
    r"de preference|preferably|rather|lieber|graag) (?:\w+ )?(?:en ligne|online|a distance)",
)
DISTANCE_WORD = rx(
    r"\ba distance\b",
    r"\bdistanciel",
    r"\ben ligne\b",
    r"\bonline\b",
    r"e-?learning",
    r"\bop afstand\b",
    r"fernunterricht",
    r"\bremote\b",
    r"\bpar internet\b",
    r"\bvisio\w*",
    r"\bafstands(?:onderwijs|leren)",
    r"\bfernstudium",
    r"\bdistance learning",
    r"depuis (?:chez moi|la maison)",
    r"\bfrom home\b",
    r"\bvan thuis(?:uit)?\b",
    r"\bvon zu hause\b",
)
ONSITE = rx(
    r"\ben presentiel",
    r"\bpresentiel\b",
    r"\bsur place\b",
    r"\ben classe\b",
    r"\bin (?:de )?klas\b",
    r"\bklassikaal",
    r"\bin person\b",
    r"\bface[- ]to[- ]face\b",
    r"\bvor ort\b",
    r"\bprasenz",
    r"\bvrai prof",
    r"\bavec un formateur",
    r"\ba cote de moi\b",
    r"\bin the classroom\b",
    r"\ben salle\b",
    r"\bclassroom\b",
)
HYBRID = rx(r"\bhybride?\b", r"\bmixte\b", r"\bblended\b")
REQUIRED = rx(
    r"\buniquement\b",
    r"\bseulement\b",
    r"\bonly\b",
    r"\balleen\b",
    r"\benkel\b",
    r"\bnur\b",
    r"\bexclusivement\b",
)

CAR = re.compile(
    r"\b(?:voiture|vehicule|bagnole|auto|wagen|car|motorise|rijbewijs|fuhrerschein|furerschein|"
    r"driving licen[cs]e|driver'?s licen[cs]e|permis(?: de conduire| voiture| b\b)?|permi|"
    r"drive|conduis|rijd|fahre)\b"
)
_NOT_CAR_LICENCE = re.compile(r"\s+(?:cariste|c\b|ce\b|d\b|poids|camion|bus|moto|de pecher)")
_HAVE = re.compile(
    r"\b(?:j'ai|jai|j ai|ai|a une|a un|avec ma|have|has|i've got|own|heb|heeft|habe|hab|hat|"
    r"eigenes|eigene|"
    r"mijn eigen)\b"
)
_CAR_OK = re.compile(r"\b(?:voiture|auto|car|wagen) (?:ok|oui|yes|ja)\b")
TRANSIT = rx(
    r"\btec\b",
    r"\bstib\b",
    r"\bde lijn\b",
    r"\bsncb\b",
    r"transports? (?:en commun|publics?)",
    r"openbaar vervoer",
    r"public transport",
    r"offentliche verkehrsmittel",
    r"\b(?:en|le|du|par|by|the|met de|mit dem|met|mit|per|avec le|take the|prends le|prend le|"
    r"neem de|neem|nehme den|nehme|take|use the)"
    r" (?:bus|train|tram|metro|trein|zug)\b",
)

COMPUTER = re.compile(
    r"\b(?:ordinateur|ordi|pc|computer|computern|computers|komputer|computor|clavier|keyboard|"
    r"toetsenbord|tastatur|informatique|info|informatica|internet|numerique)\b"
)
_USE = re.compile(
    r"\b(?:utilise|utiliser|utilisee|touche|allume|pratique|use|used|using|gebruikt|gebruiken|"
    r"gewerkt|ervaring|benutzt|genutzt|erfahrung|experience|eu|servir|kenntnisse|connais|sais|"
    r"know|weet|ahnung|kenne|truc|thing|werken|work|travailler|arbeiten|good|bon|bonne|goed|"
    r"gut|aise|doue|forte?|skills|kenntnisse|niveau|level)\b|\bpc-\w+"
)
_ADJECTIVES = frozenset({"informatique", "info", "numerique", "informatica"})
# a noun right before: "sécurité informatique", "maintenance informatique"
_ADJECTIVE = re.compile(
    r"\b(?!(?:a|l|la|le|les|en|de|d|du|un|une|avec|sur|pas|rien)\b)[a-z]{3,}\s+$"
)
_AT_ALL = re.compile(r"\b(?:du tout|at all|helemaal|gar nicht|jamais|never|truc|thing)\b")
_NIL = re.compile(
    r"\b(?:niveau )?(?:info|informatique|pc|numerique) (?:nul|zero|0)\b|"
    r"\b(?:ordinateur|informatique|pc|computer|numerique)(?: skills| kenntnisse)?\s*:\s*"
    r"(?:debutante?|beginner|anfanger(?:in)?|nul|nulle|zero)\b|"
    r"\b(?:nul|nulle|zero) (?:en|avec|sur) (?:l')?(?:informatique|info|ordi|ordinateur|pc)\b"
)
_HOME = re.compile(r"\b(?:a la maison|chez moi|at home|thuis|zu hause|zuhause)\b")
BASIC_DIGITAL = rx(
    r"\bun peu (?:l'|d'|de l')?(?:ordi|ordinateur|informatique|pc)",
    r"\butilise (?:un peu )?l'(?:ordi|ordinateur)\b[^.]{0,40}\b(?:mails?|facebook|internet)",
    r"\bpeu sur (?:le |un )?pc",
    r"je me debrouille (?:un peu )?(?:avec|sur) (?:l'|un )?(?:ordi|ordinateur|pc|internet)",
    r"\bbasic computer",
    r"\bme sers (?:d'|de l')(?:internet|ordi|ordinateur)",
    r"\b(?:ordinateur|informatique|pc|computer|numerique)(?: skills| kenntnisse)?\s*:\s*"
    r"(?:bonnes bases|bases|basique|basic|basis|grundkenntnisse|moyen|gemiddeld)",
    r"\b(?:only|juste|seulement|alleen|nur) (?:use |mon |my |mijn |mein |le |de |das )*"
    r"(?:smartphone|gsm|telephone|phone|handy)",
    r"\b(?:lire|envoyer|ecrire) (?:mes |des )?(?:e-?)?mails",
    r"\b(?:basis|wat) computerkennis",
    r"\bgrundkenntnisse",
)
COMFORTABLE_DIGITAL = rx(
    r"\ba l'?aise (?:avec|sur|en) (?:l'|un |le )?(?:ordi|ordinateur|pc|informatique|info|"
    r"numerique|computers?)",
    r"\bje me debrouille bien",
    r"\bmaitrise (?:tres |bien |tres bien )*(?:l'|un )?(?:ordi|ordinateur|pc|informatique|word|"
    r"excel|outlook)",
    r"\bmaitrise \w+/\w+",
    r"\bexcel (?:avance|expert)",
    r"\bgute (?:pc|computer)",
    r"\bcomfortable with (?:computers|it|pcs?)",
    r"\bgoede computerkennis",
    r"\b(?:goed|vlot) (?:met|op) (?:de |een )?computer",
    r"\bgood (?:with|at) computers",
    r"\bmit (?:dem |den )?computern? gut\b|\bgut mit (?:dem |den )?computern?",
    r"\b(?:bon|bonne|doue|douee) en informatique",
    r"\bsais (?:bien )?utiliser (?:word|excel|outlook|powerpoint)",
    r"\b(?:ordinateur|informatique|pc|computer|numerique)(?: skills| kenntnisse)?\s*:\s*"
    r"(?:bon|bonne|bien|goed|gut|good|avance|advanced|expert|correct)\b",
    r"\bvlot met de computer",
    # able to use one: "je sais (déjà) me servir d'un ordi", "I already know how to use a
    # computer", "ik kan (al) met een computer werken", "ich kann schon mit dem PC umgehen"
    r"\bsais (?:deja |bien |tres bien )*(?:utiliser|me servir d[e']|travailler (?:avec|sur)) ?"
    r"(?:un |une |l'|le )?(?:ordi|ordinateur|pc|computer|internet)\b",
    r"\bme sers (?:deja |tres |bien |sans probleme )+(?:d'un |d'une |de l'|d')?"
    r"(?:ordi|ordinateur|pc|internet)\b",
    r"\b(?:know|knows) how to use (?:a |the )?(?:computer|pc|internet)\b",
    r"\bcan (?:already )?use (?:a |the )?(?:computer|pc)\b",
    r"\bkan (?:al |goed |wel )*(?:met |overweg met )?(?:een |de )?(?:computer|pc)"
    r"(?: werken| omgaan| gebruiken)?\b",
    r"\bkann (?:schon |bereits |gut )*(?:mit )?(?:einem |dem )?(?:computer|pc)"
    r"(?: umgehen| arbeiten)?\b",
)
PROFESSIONAL_DIGITAL = rx(
    r"\binformaticien",
    r"\btechnici\w* (?:reseau|pc|informatique|it|helpdesk)",
    r"\bsoftware (?:developer|engineer)",
    r"\b(?:developpeur|developer|programmeur|programmer|sysadmin|administrateur systeme)",
    r"\bit (?:support|technician)",
    r"\bnetwerkbeheerder",
)
_GOAL_CLAUSE = re.compile(
    r"\b(?:devenir|deviens|become|worden|werden|veux|voudrais|want|wil|mochte|vise|aimerais|"
    r"apprendre|learn|leren|lernen)\b"
)


@dataclass
class Conditions:
    """What :func:`read_conditions` found, with the spans each came from."""

    schedules: set[str] = field(default_factory=set)
    schedules_refused: set[str] = field(default_factory=set)
    formats: set[str] = field(default_factory=set)
    formats_refused: set[str] = field(default_factory=set)
    format_required: bool = False
    has_car: bool | None = None
    public_transport: bool = False
    has_computer: bool | None = None
    digital_level: str | None = None
    spans: dict[str, Span] = field(default_factory=dict)  # field → the first span read
    matched: list[Span] = field(default_factory=list)  # every span read (out of the topic)
    refused_spans: list[Span] = field(default_factory=list)


def _clause(folded: str, start: int, end: int) -> str:
    left = max((m.end() for m in _CLAUSE_END.finditer(folded, 0, start)), default=0)
    right = next((m.start() for m in _CLAUSE_END.finditer(folded, end)), len(folded))
    return folded[left:right]


def read_conditions(folded: str, scopes: list[Scope], only: list[Span]) -> Conditions:
    """Times, formats, mobility and computer use stated in ``folded`` text."""
    c = Conditions()
    _schedules(folded, scopes, c)
    _formats(folded, scopes, only, c)
    _mobility(folded, scopes, c)
    _computer(folded, scopes, c)
    return c


def _schedules(folded: str, scopes: list[Scope], c: Conditions) -> None:
    for name, pattern in SCHEDULE_CUES.items():
        for m in pattern.finditer(folded):
            scope = negated(m.span(), scopes)
            if scope is not None and scope.kind == "unable":
                continue  # "I don't know how to apply online": the need, not a refusal
            if scope is not None:
                c.schedules_refused.add(name)
                c.refused_spans.append(m.span())
            elif _WORK_CLAUSE.search(_clause(folded, m.start(), m.end())) and not m[0].startswith(
                ("apres le", "apres mon")
            ):
                continue  # "je travaille l'après-midi": busy then
            else:
                c.schedules.add(name)
            c.spans.setdefault("schedules", m.span())
            c.matched.append(m.span())
    c.schedules -= c.schedules_refused


def _formats(folded: str, scopes: list[Scope], only: list[Span], c: Conditions) -> None:
    for pattern, name in (
        (DISTANCE_WORD, "distanciel"),
        (ONSITE, "presentiel"),
        (HYBRID, "hybride"),
    ):
        for m in pattern.finditer(folded):
            scope = negated(m.span(), scopes)
            if scope is not None and scope.kind != "unable":
                c.formats_refused.add(name)
                c.refused_spans.append(m.span())
                c.spans.setdefault("formats_refused", m.span())
    for pattern, name in (
        (DISTANCE_WANTED, "distanciel"),
        (ONSITE, "presentiel"),
        (HYBRID, "hybride"),
    ):
        for m in pattern.finditer(folded):
            if negated(m.span(), scopes) or name in c.formats_refused:
                continue  # refused, or said of a skill lacking ("can't look for jobs online")
            c.formats.add(name)
            c.spans.setdefault("formats", m.span())
            c.matched.append(m.span())
            clause = _clause(folded, m.start(), m.end())
            window = folded[max(0, m.start() - 15) : m.end() + 15]
            in_only = any(a <= m.start() < b for a, b in only)
            if in_only or REQUIRED.search(clause) or REQUIRED.search(window):
                c.format_required = True


def _mobility(folded: str, scopes: list[Scope], c: Conditions) -> None:
    for m in CAR.finditer(folded):
        if m[0].startswith("permi") and _NOT_CAR_LICENCE.match(folded, m.end()):
            continue  # "permis cariste", "permis C": a goal or a certificate, not a car
        scope = negated(m.span(), scopes)
        if scope is not None:
            c.has_car = False
            c.spans.setdefault("has_car", (scope.cue[0], m.end()))
            c.refused_spans.append((scope.cue[0], m.end()))
            break
        if m[0] == "car" and not re.search(
            r"\b(?:a|my|the|no|own|adapted)\s+$", folded[: m.start()]
        ):
            continue  # French "car" (because)
        if m[0] in ("voiture", "vehicule", "bagnole", "auto", "wagen", "car"):
            start = max(folded.rfind(c, 0, m.start()) for c in ".;!?") + 1
            before = folded[max(start, m.start() - 40) : m.start()]
            if _HAVE.search(before) or _CAR_OK.match(folded, m.start()):
                c.has_car = True
                c.spans.setdefault("has_car", m.span())
                c.matched.append(m.span())
    for m in TRANSIT.finditer(folded):
        if not negated(m.span(), scopes):
            c.public_transport = True
            c.spans.setdefault("public_transport", m.span())
            c.matched.append(m.span())
            break


def _computer(folded: str, scopes: list[Scope], c: Conditions) -> None:
    for m in COMPUTER.finditer(folded):
        scope = negated(m.span(), scopes)
        if scope is None or (m[0] in _ADJECTIVES and _ADJECTIVE.search(folded[: m.start()])):
            continue  # "la sécurité informatique": a field, not the computer
        phrase = folded[scope.span[0] : scope.span[1]]
        verb = folded[max(0, scope.cue[0] - 25) : scope.span[1]]  # "ne connais rien à l'ordi"
        if scope.kind == "never" or _USE.search(verb) or "nul" in phrase:
            c.digital_level = "none"
            c.spans["digital_level"] = scope.span
            return
        if _HOME.search(phrase) or _HAVE.search(folded[max(0, scope.cue[0] - 12) : scope.cue[0]]):
            c.has_computer = False
            c.spans["has_computer"] = scope.span
    # "je c pas l'utilisé du tout": the use is negated, the computer named just before
    for scope in scopes:
        phrase = folded[scope.span[0] : scope.span[1]]
        sentence_start = max(folded.rfind(".", 0, scope.cue[0]), 0)
        if (
            _USE.search(phrase)
            and COMPUTER.search(folded[sentence_start : scope.span[1]])
            and _AT_ALL.search(phrase)
        ):
            c.digital_level = "none"
            c.spans["digital_level"] = scope.span
            return
    if nil := _NIL.search(folded):
        c.digital_level = "none"
        c.spans["digital_level"] = nil.span()
        return
    for pattern, level in (
        (PROFESSIONAL_DIGITAL, "professional"),
        (COMFORTABLE_DIGITAL, "comfortable"),
        (BASIC_DIGITAL, "basic"),
    ):
        for m in pattern.finditer(folded):
            if negated(m.span(), scopes):
                continue
            if level == "professional" and _GOAL_CLAUSE.search(_clause(folded, m.start(), m.end())):
                continue  # "devenir développeur": a goal, not a skill
            c.digital_level = level
            c.spans["digital_level"] = m.span()
            return


def computer_use_spans(folded: str, scopes: list[Scope]) -> list[Span]:
    """Every statement of being able to use a computer ("je sais me servir d'un ordi", "à
    l'aise avec l'ordinateur", "I know how to use a computer"), not denied: each says what
    the person can do, none what they want to learn."""
    spans: list[Span] = []
    for pattern in (COMFORTABLE_DIGITAL, BASIC_DIGITAL):
        for m in pattern.finditer(folded):
            if not negated(m.span(), scopes):
                spans.append(m.span())
    return spans
