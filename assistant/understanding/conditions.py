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

from assistant.understanding.cues import clause, rx
from assistant.understanding.digital import read_computer
from assistant.understanding.mobility import read_mobility
from assistant.understanding.negation import Scope, negated

Span = tuple[int, int]


SCHEDULE_CUES = {
    "morning": rx(
        r"\ble matin\b",
        # a weekday's morning: "dispo lundi matin", "le mardi matin"
        r"\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)s? matins?\b",
        r"\bavant midi\b|\bbefore noon\b",
        r"\b[789] ?h(?:\d\d)? ?(?:a|-|–) ?1[0-2] ?h",
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
        r"(?:'s ?|\bs)middags\b",
        r"\b1[3-4] ?h(?:\d\d)? ?(?:a|-|–) ?1[5-8] ?h",
        r"\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)s? apres-?midis?\b",
        r"\bnachmittags?",
    ),
    "daytime": rx(
        r"\ben journee",
        r"\bjournee\b",
        r"\bdaytime\b",
        r"\bduring the day\b",
        r"\bheures d'ecole",
        r"\bschool hours",
        r"\bhoraires? (?:d'ecole|scolaires?)",
        r"\b(?:formation|cours|cursus) (?:de|du) jour\b",
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
        r"week[- ]?ends?",
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
    # the person's job and its hours: "je suis caissière à temps partiel", "ik ben deeltijds
    # kassier", "I'm a part-time cleaner"
    r"|\b(?:je suis|jsuis|chui|ik ben|ich bin|i'?m an?|i am an?)\s+(?!(?:dispo|disponible|libre|"
    r"beschikbaar|available|free|verfugbar|pret|prete)\b)(?:\w+[- ]){1,2}"
    r"(?:a temps partiel|a mi-temps)|"
    r"\b(?:ik ben|ich bin|i'?m an?|i am an?) (?:deeltijds|part-time|teilzeit)\b"
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
    # apart or joined to another condition: ", en ligne,", "le soir et en ligne."
    r"(?:^|[,;:]\s*|\b(?:et|and|und|en|ou|or|of|oder) )(?:en ligne|online|a distance)\s*"
    r"(?=[,;.!?]|$)",
    r"\b(?:en ligne|online|a distance)\b(?= (?:of|ou|or|oder) )",
    r"\bafstands(?:onderwijs|leren)|\bfernstudium|\bdistance learning",
    r"\b(?:en ligne|online)\b(?= (?:de preference|only|alleen|uniquement|seulement|pls|please|"
    r"svp|stp|bitte|graag|idealement|ideally|si possible|if possible|bevorzugt|liefst))",
    r"\b(?:only|alleen|uniquement|seulement|nur|idealement|ideally|liefst|bij voorkeur|plutot|"
    r"am liebsten|bevorzugt|"
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
    r"\b(?:devant|achter|vor|in front of) (?:un |een |dem |einem |a )?(?:ecran|scherm|bildschirm|"
    r"screen)\b",
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
    r"\ben vrai\b",
    r"\b(?:avec|with|met|mit) (?:un |une |a |een |einem |einer )?(?:vrai |echte |real )?"
    r"(?:prof|professeur|teacher|leraar|lehrer|lehrerin)\b",
    r"\bsur site\b|\bter plaatse\b|\bin een lokaal\b|\bim kursraum\b",
)
HYBRID = rx(
    r"\bhybride?\b",
    r"\bmixte\b",
    r"\bblended\b",
    r"\b(?:deels|partly|teilweise|en partie) (?:online|en ligne|a distance)\b",
)
REQUIRED = rx(
    r"\buniquement\b",
    r"\bseulement\b",
    r"\bonly\b",
    r"\balleen\b",
    r"\benkel\b",
    r"\bnur\b",
    r"\bexclusivement\b",
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


def read_conditions(folded: str, scopes: list[Scope], only: list[Span]) -> Conditions:
    """Times, formats, mobility and computer use stated in ``folded`` text."""
    c = Conditions()
    _schedules(folded, scopes, c)
    _formats(folded, scopes, only, c)
    read_mobility(folded, scopes, c)
    read_computer(folded, scopes, c)
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
            elif _WORK_CLAUSE.search(clause(folded, m.start(), m.end())) and not m[0].startswith(
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
    hybrid = [m.span() for m in HYBRID.finditer(folded)]
    for pattern, name in (
        (DISTANCE_WANTED, "distanciel"),
        (ONSITE, "presentiel"),
        (HYBRID, "hybride"),
    ):
        for m in pattern.finditer(folded):
            if name != "hybride" and any(a < m.end() and m.start() < b for a, b in hybrid):
                continue  # "deels online": hybrid, not distance learning
            if negated(m.span(), scopes) or name in c.formats_refused:
                continue  # refused, or said of a skill lacking ("can't look for jobs online")
            c.formats.add(name)
            c.spans.setdefault("formats", m.span())
            c.matched.append(m.span())
            around = clause(folded, m.start(), m.end())
            window = folded[max(0, m.start() - 15) : m.end() + 15]
            in_only = any(a <= m.start() < b for a, b in only)
            if in_only or REQUIRED.search(around) or REQUIRED.search(window):
                c.format_required = True
