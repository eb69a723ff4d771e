"""From a person's own words to a :class:`~assistant.understanding.profile.Profile`.

Deterministic and local: cue phrases in French (and the common ones in Dutch, English and
German),
the Belgian gazetteer for places and the ESCO/ROME lexicon for occupations. A field is set only
when its cue is present: the parser never invents a constraint. Each set field keeps the words
it was read from in ``Profile.evidence``, so the person can see and correct it.

Matching runs on folded text (lower case, no accents), so "Liege", "ordi" and "a distance" work.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from assistant.understanding.profile import PlaceRef, Profile
from corpus.text import fold

Span = tuple[int, int]


def _rx(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


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
}
NUMW = r"(\d{1,4}(?:[.,]\d+)?|" + "|".join(WORD_NUMBERS) + r")"
HOURS = r"(?:heures?|h\b|hrs?\b|hours?|uur|uren|stunden?)"
UPPER = (
    r"(?:pas plus de|pas plus d'|au maximum|au max|maximum|max\.?|moins de|maximaal|"
    r"niet meer dan|minder dan|no more than|at most|less than|under|up to|jusqu'a|"
    r"tout au plus|ne depasse pas|ne depassant pas|hochstens|maximal|nicht mehr als|weniger als)"
)

MAX_HOURS_BEFORE = re.compile(UPPER + r"\s*" + NUMW + r"\s*" + HOURS)
MAX_HOURS_AFTER = re.compile(
    NUMW + r"\s*" + HOURS + r"\s*(?:maximum|max\b|au maximum|au max|maximaal|max\.|at most|tops)"
)
MAX_WEEKS = re.compile(UPPER + r"\s*" + NUMW + r"\s*(semaines?|mois|weken|maanden|weeks?|months?)")
SHORT = _rx(
    r"\bformation (?:assez |plutot |tres )?courte",
    r"\bcours (?:assez |plutot )?court",
    r"\bquelque chose de court",
    r"\bpas (?:trop |)long",
    r"\bmoins long",
    r"\bshort (?:course|training)",
    r"\bkorte (?:opleiding|cursus)",
)

RADIUS = re.compile(
    r"(?:rayon de|dans un rayon de|a moins de|pas plus loin que|max(?:imum)?)\s*" + NUM + r"\s*km"
)
TRAVEL = re.compile(
    r"(?:pas plus d[e']|maximum|max\.?|moins d[e']|au plus|no more than|"
    r"niet meer dan|maximaal)\s*(?:une? )?"
    + NUMW
    + r"\s*(minutes?|min\b|heures? de (?:route|trajet)|minuten)"
)
HALF_HOUR = _rx(r"\b(?:pas plus d'|max(?:imum)? |moins d')une demi-heure")

NO_CAR = _rx(
    r"pas de (?:voiture|permis|vehicule|bagnole)",
    r"sans (?:voiture|permis|vehicule)",
    r"(?:n'?ai|j'ai) pas (?:le |de )?(?:permis|voiture)",
    r"pas motorise",
    r"geen (?:auto|rijbewijs|wagen)",
    r"kein(?:en)? (?:auto|fuhrerschein)",
    r"no (?:car|driving licen[cs]e)",
    r"(?:don't|do not) (?:have|own) a car",
)
PUBLIC_TRANSPORT = _rx(
    r"transports? (?:en commun|publics?)",
    r"\ben (?:bus|train|tram|metro)\b",
    r"\bavec le (?:bus|train|tec)\b",
    r"\bstib\b",
    r"openbaar vervoer",
    r"public transport",
)
MOVE = _rx(
    r"pret(?:e)? a demenager",
    r"peux demenager",
    r"pret(?:e)? a bouger",
    r"je me deplace partout",
    r"mobile partout",
    r"willing to (?:move|relocate)",
    r"bereid (?:om )?te verhuizen",
    r"ou que ce soit en (?:wallonie|belgique)",
)

PART_TIME = _rx(
    r"temps partiel", r"mi-temps", r"\bmi temps", r"part[- ]time", r"deeltijds", r"teilzeit"
)
EVENINGS = _rx(
    r"\ble soir\b",
    r"\ben soiree",
    r"cours du soir",
    r"\bles soirs?\b",
    r"apres (?:le|mon) travail",
    r"\bevenings?\b",
    r"'s avonds",
    r"avondles",
    r"\babends\b",
)
WEEKENDS = _rx(r"week-?ends?", r"\ble samedi", r"weekend")
FULL_TIME = _rx(r"temps plein", r"full[- ]time", r"voltijds", r"vollzeit")
DAYTIME = _rx(r"en journee", r"pendant les heures d'ecole", r"quand les enfants sont a l'ecole")
CHILDREN = _rx(
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

# "en ligne" / "online" name the format only next to a word about the training itself:
# "les impôts en ligne" is a need, not a wish to study from home.
_COURSE = (
    r"(?:formation|cours|apprendre|suivre|etudier|module|training|course|class|learn|opleiding|"
    r"kurse?|lernen)"
)
DISTANCE_FMT = _rx(
    r"\ba distance\b",
    r"distanciel",
    r"depuis (?:chez moi|la maison)",
    r"de chez moi",
    r"e-?learning",
    r"\bop afstand\b",
    r"fernunterricht",
    r"von zu hause",
    r"from home",
    _COURSE + r"s?\b[^.,;!?]{0,25}\b(?:en ligne|online|remote)",
    r"\b(?:en ligne|online)\b[^.,;!?]{0,15}" + _COURSE,
    r"\bonline (?:only|alleen)",
    r"\bonline\b(?= ?[.!?]?$)",
)
ONSITE_FMT = _rx(
    r"en presentiel",
    r"\bpresentiel\b",
    r"sur place",
    r"en classe",
    r"in person",
    r"klassikaal",
    r"avec un formateur en vrai",
)
HYBRID_FMT = _rx(r"\bhybride\b", r"\bmixte\b", r"\bhybrid\b")
REQUIRED_FMT = _rx(
    r"uniquement",
    r"seulement",
    r"\bque (?:a distance|en ligne)",
    r"ne (?:peux|peut) pas (?:me|se) deplacer",
    r"pas de deplacement",
    r"only",
    r"alleen",
)

NO_DIGITAL = _rx(
    r"jamais (?:vraiment )?(?:utilise|touche|allume) (?:un |d'|l')?(?:ordi|ordinateur|pc)",
    r"(?:ne|n')?(?:connais|sais) (?:presque |quasi |pratiquement )?rien (?:a|en|de) "
    r"(?:l'|la |les )?(?:ordi|ordinateur|informatique|numerique|pc)",
    r"(?:ordi|ordinateur|informatique|pc)(?:,)? (?:c'est|c est) pas (?:mon|mon) truc",
    r"ne sais pas (?:utiliser|me servir d')(?: un)? ?(?:ordi|ordinateur|pc)",
    r"(?:pas|jamais eu) d'ordi(?:nateur)?",
    r"pas a l'aise (?:avec|sur) (?:l'|un )?(?:ordi|ordinateur|pc|informatique)",
    r"perdu(?:e)? (?:devant|avec) (?:un |l')?(?:ordi|ordinateur|ecran)",
    r"(?:never|hardly ever) used a computer",
    r"nooit (?:een )?computer",
    r"keine ahnung von (?:computern?|pcs?|informatik)",
    r"nie (?:einen )?computer (?:benutzt|genutzt)",
    r"n'a jamais utilise d'ordinateur",
    r"toutes premieres bases",
    r"(?:debutant|debutante) complet(?:e)? en informatique",
)
BASIC_DIGITAL = _rx(
    r"je me debrouille (?:un peu )?(?:avec|sur) (?:l'|un )?(?:ordi|ordinateur|pc|internet)",
    r"(?:lire|envoyer) mes (?:e-?)?mails",
    r"les bases de l'(?:ordi|informatique)",
    r"un peu (?:l'|d')(?:ordi|informatique)",
    r"basic computer skills",
)
COMFORTABLE_DIGITAL = _rx(
    r"a l'aise (?:avec|sur) (?:l'|un )?(?:ordi|ordinateur|pc|informatique|le numerique)",
    r"(?:bonne|bonnes) (?:maitrise|connaissances?) (?:de l'|en )(?:ordi|informatique)",
    r"comfortable with computers",
)
DOMAIN_NONE = _rx(
    r"depuis le (?:debut|depart)",
    r"(?:je )?pars de zero",
    r"partir de zero",
    r"\bde zero\b",
    r"jamais fait",
    r"\bdebutante?s?\b",
    r"\bje debute\b",
    r"\bgrand debutant",
    r"aucune (?:experience|connaissance|notion)",
    r"\bdecouvr",
    r"\binitiation\b",
    r"\bbeginner\b",
    r"from scratch",
    r"\bbeginner",
    r"\bbeginnen\b",
    r"\banfanger(?:in)?\b",
    r"\bbeginner",
)
DOMAIN_ADVANCED = _rx(
    r"\bperfectionn",
    r"\bapprofondir",
    r"fonctions avancees",
    r"\bavance(?:e|s)?\b",
    r"niveau (?:intermediaire|avance)",
    r"je maitrise (?:deja )?les bases",
    r"aller plus loin",
    r"monter en competence",
    r"\badvanced\b",
    r"gevorderd",
)
LITTLE_SCHOOLING = _rx(
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
FRENCH_NONE = _rx(
    r"je ne parle pas (?:le )?francais", r"(?:don't|do not) speak french", r"spreek geen frans"
)
FRENCH_BASIC = _rx(
    r"(?:parle|comprends) (?:un peu|mal|pas bien|pas tres bien) (?:le )?francais",
    r"apprendre le francais",
    r"\bfle\b",
    r"francais langue etrangere",
    r"a bit of french",
    r"(?:little|some) french",
    r"een beetje frans",
)
CERTIFICATION = _rx(
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
    r"reconnu(?:e)? (?:officiellement|par)",
)

REQUIRED_CERT = _rx(
    r"formations? (?:\w+ )?(?:certifiante|qualifiante)s?",
    r"(?:certifiante|qualifiante)s? (?:souhaitee|obligatoire|exigee|necessaire)",
    r"(?:doit|faut|veux|voudrais|souhaite) (?:que ce soit |etre )?(?:une formation )?"
    r"(?:certifiante|qualifiante)",
)
JOBSEEKER = _rx(
    r"(?:demandeu|chercheu)(?:r|se|rs|ses) d'emploi",
    r"au chomage",
    r"\bchomeu",
    r"sans (?:emploi|travail|boulot)",
    r"inscrit(?:e)? (?:au|chez) (?:le )?(?:forem|actiris)",
    r"je cherche (?:du|un) (?:travail|boulot|emploi|job)",
    r"\bwerkzoekend",
    r"\bunemployed\b",
    r"\bjob ?seeker",
    r"looking for (?:a )?(?:job|work)",
    r"(?:en|a la) recherche d'(?:un )?emploi",
    r"perdu mon (?:emploi|travail|boulot)",
    r"licencie",
)
WORKER = _rx(
    r"\bsalarie(?:e)?\b",
    r"je suis (?:employe|employee|ouvrier|ouvriere)\b",
    r"je travaille (?:actuellement |encore |toujours )?(?:comme|chez|dans|en tant|a temps)",
    r"\btravailleu(?:r|se)\b",
    r"en poste\b",
    r"mon employeur",
    r"\bwerknemer\b",
    r"i (?:currently )?work (?:as|at|for|in)",
    r"i am employed",
    r"je suis employe(?:e)?\b",
)
WOMAN = _rx(
    r"\b(?:demandeuse|chercheuse|travailleuse|salariee|employee) ",
    r"je suis une femme",
    r"\bmaman\b",
    r"mere (?:celibataire|seule|de)",
    r"\bem femme\b",
    r"\bvrouw\b",
    r"\bi'?m a woman",
    r"\bsingle mum",
    r"je suis (?:prete|seule|motivee|interessee)",
)
STUDENT = _rx(r"\betudiant(?:e)?\b", r"\bstudent\b")
NEWCOMER = _rx(
    r"viens d'arriver (?:en|a)",
    r"primo-?arrivant",
    r"\brefugie",
    r"nouvel(?:le)? arrivant",
    r"just moved to",
    r"demandeu(?:r|se) d'asile",
    r"pas de papiers belges",
)
AGE = re.compile(r"(?:j'ai|agee? de|i am|i'm|ik ben)\s*(\d{2})\s*(?:ans|years|jaar)")
YOUNG = _rx(
    r"\bjeune (?:demandeu|chercheu|de \d{2})",
    r"\bjeunes?\b(?= (?:de|sortant|diplome))",
    r"\bneet\b",
    r"sorti(?:e)? de l'ecole",
)
OVER_45 = _rx(r"plus de (?:45|50|55) ans", r"\bsenior\b", r"quinqua")

DUTCH = frozenset(
    [
        "ik",
        "je",
        "het",
        "een",
        "en",
        "van",
        "de",
        "is",
        "niet",
        "ben",
        "wil",
        "graag",
        "werk",
        "opleiding",
        "met",
        "voor",
    ]
)
ENGLISH = frozenset(
    [
        "i",
        "the",
        "and",
        "to",
        "my",
        "a",
        "of",
        "in",
        "for",
        "want",
        "would",
        "like",
        "is",
        "am",
        "with",
        "training",
        "job",
    ]
)
FRENCH = frozenset(
    [
        "je",
        "j",
        "le",
        "la",
        "les",
        "de",
        "des",
        "et",
        "un",
        "une",
        "pour",
        "dans",
        "mon",
        "ma",
        "suis",
        "voudrais",
        "est",
        "pas",
    ]
)


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


def detect_language(folded: str) -> str:
    """``fr``, ``nl`` or ``en`` by counting function words."""
    words = re.findall(r"[a-z']+", folded)
    scores = {
        "fr": sum(w in FRENCH for w in words),
        "nl": sum(w in DUTCH for w in words),
        "en": sum(w in ENGLISH for w in words),
    }
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] > scores["fr"] else "fr"


class ProfileParser:
    """Reads a profile from free text. ``places`` and ``occupations`` are optional finders
    (the gazetteer and the occupation lexicon); without them those fields stay empty."""

    def __init__(
        self,
        places: Callable[[str], list[tuple[PlaceRef, Span, bool]]] | None = None,
        occupations: Callable[[str], list[tuple[str, str, Span]]] | None = None,
    ) -> None:
        self._places = places
        self._occupations = occupations

    def parse(self, text: str) -> Profile:
        """The profile stated in ``text``."""
        folded = fold(text)
        found = list(self._cues(folded))
        values: dict[str, Any] = {}
        evidence: dict[str, str] = {}
        constraint_spans: list[Span] = []
        for f in found:
            if f.field in ("schedules", "statuses", "formats"):
                values[f.field] = frozenset(values.get(f.field, frozenset()) | {f.value})
            elif f.field not in values:
                values[f.field] = f.value
            evidence.setdefault(f.field, text[f.span[0] : f.span[1]])
            if f.field in ("max_hours", "max_weeks", "radius_km", "max_travel_minutes"):
                constraint_spans.append(f.span)
        if self._places is not None:
            mentions = self._places(text)
            if mentions:
                place, span, near = mentions[0]
                values["place"] = place
                values["near"] = near
                evidence["place"] = text[span[0] : span[1]]
                constraint_spans.extend(span for _, span, _ in mentions)
        if self._occupations is not None:
            roles: dict[str, list[str]] = {"goal": [], "past": [], "unknown": []}
            for label, role, span in self._occupations(text):
                target = roles.get(role, roles["unknown"])
                if label not in target:
                    target.append(label)
                if role == "past":
                    constraint_spans.append(span)
            # A job named without a cue is the goal only when no goal was stated explicitly
            # ("aide-ménagère ..., souhaite devenir aide-soignante": the goal is aide-soignante).
            goals = roles["goal"] or [g for g in roles["unknown"] if g not in roles["past"]]
            if goals:
                values["goals"] = tuple(goals)
            if roles["past"]:
                values["past"] = tuple(roles["past"])
        if "formats" in values and _first(REQUIRED_FMT, folded):
            values["format_required"] = True
        values["language"] = detect_language(folded)
        values["topic"] = _without(text, constraint_spans)
        return Profile(**values, evidence=evidence)

    def _cues(self, t: str) -> Iterable[Found]:
        m = MAX_HOURS_BEFORE.search(t) or MAX_HOURS_AFTER.search(t)
        if m:
            yield Found("max_hours", _number(m.group(1)), m.span())
        m = MAX_WEEKS.search(t)
        if m:
            n = _number(m.group(1))
            weeks = n * (4.33 if m.group(2).startswith(("mois", "maand", "month")) else 1)
            yield Found("max_weeks", round(weeks, 1), m.span())
        if (m := SHORT.search(t)) and not MAX_HOURS_BEFORE.search(t):
            yield Found("prefers_short", True, m.span())
        if m := RADIUS.search(t):
            yield Found("radius_km", _number(m.group(1)), m.span())
        if m := TRAVEL.search(t):
            n = _number(m.group(1))
            yield Found(
                "max_travel_minutes", int(n * 60 if m.group(2).startswith("heure") else n), m.span()
            )
        elif m := HALF_HOUR.search(t):
            yield Found("max_travel_minutes", 30, m.span())
        if m := NO_CAR.search(t):
            yield Found("has_car", False, m.span())
        if m := PUBLIC_TRANSPORT.search(t):
            yield Found("public_transport", True, m.span())
        if m := MOVE.search(t):
            yield Found("willing_to_move", True, m.span())
        for pattern, name in (
            (PART_TIME, "part_time"),
            (EVENINGS, "evenings"),
            (WEEKENDS, "weekends"),
            (FULL_TIME, "full_time"),
            (DAYTIME, "daytime"),
        ):
            if m := pattern.search(t):
                yield Found("schedules", name, m.span())
        if m := CHILDREN.search(t):
            yield Found("has_children", True, m.span())
        for pattern, name in (
            (DISTANCE_FMT, "distanciel"),
            (ONSITE_FMT, "presentiel"),
            (HYBRID_FMT, "hybride"),
        ):
            if m := pattern.search(t):
                yield Found("formats", name, m.span())
        for pattern, level in (
            (NO_DIGITAL, "none"),
            (BASIC_DIGITAL, "basic"),
            (COMFORTABLE_DIGITAL, "comfortable"),
        ):
            if m := pattern.search(t):
                yield Found("digital_level", level, m.span())
                break
        if m := DOMAIN_NONE.search(t):
            yield Found("domain_level", "none", m.span())
        elif m := DOMAIN_ADVANCED.search(t):
            yield Found("domain_level", "comfortable", m.span())
        if m := LITTLE_SCHOOLING.search(t):
            yield Found("little_schooling", True, m.span())
        if m := FRENCH_NONE.search(t):
            yield Found("french_level", "none", m.span())
        elif m := FRENCH_BASIC.search(t):
            yield Found("french_level", "basic", m.span())
        if m := REQUIRED_CERT.search(t):
            # "une formation certifiante / qualifiante": the kind of training, a hard constraint.
            kind = "qualifiante" if "qualifiant" in m.group(0) else "certifiante"
            yield Found("certification", kind, m.span())
        elif m := CERTIFICATION.search(t):
            yield Found("certification", True, m.span())
        for pattern, status in (
            (JOBSEEKER, "jobseeker"),
            (WORKER, "worker"),
            (WOMAN, "woman"),
            (STUDENT, "student"),
            (NEWCOMER, "newcomer"),
            (YOUNG, "young"),
            (OVER_45, "over_45"),
        ):
            if m := pattern.search(t):
                yield Found("statuses", status, m.span())
        if m := AGE.search(t):
            age = int(m.group(1))
            if 15 <= age <= 25:
                yield Found("statuses", "young", m.span())
            elif 45 <= age <= 75:
                yield Found("statuses", "over_45", m.span())


def _without(text: str, spans: list[Span]) -> str:
    """``text`` with the given spans blanked out (the need, without its constraints)."""
    if not spans:
        return " ".join(text.split())
    chars = list(text)
    for start, end in spans:
        for i in range(start, min(end, len(chars))):
            chars[i] = " "
    return " ".join("".join(chars).split())
