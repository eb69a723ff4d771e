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
from dataclasses import dataclass, field
from typing import Any

from assistant.understanding.background import (
    certificates_held,
    diploma,
    orientation,
    reading_difficulty,
)
from assistant.understanding.conditions import read_conditions
from assistant.understanding.languages import DUTCH as DUTCH
from assistant.understanding.languages import ENGLISH as ENGLISH
from assistant.understanding.languages import FRENCH as FRENCH
from assistant.understanding.languages import detect_language as detect_language
from assistant.understanding.languages import languages_stated
from assistant.understanding.negation import Scope, negated, negation_scopes, restricted
from assistant.understanding.past_jobs import past_job_spans
from assistant.understanding.profile import PlaceRef, Profile
from assistant.understanding.spelling import Correction, Speller, apply, to_original
from assistant.understanding.statuses import statuses
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
}
NUMW = r"(\d{1,4}(?:[.,]\d+)?|" + "|".join(WORD_NUMBERS) + r")"
HOURS = r"(?:heures?|h\b|hrs?\b|hours?|uur|uren|u\b|stunden?)"
_UPPER_WORDS = (
    r"pas plus de|pas plus d'|au maximum|au max|maximum|max\.?|moins de|maximaal|"
    r"niet meer dan|minder dan|no more than|at most|less than|under|up to|jusqu'a|within|"
    r"tout au plus|ne depasse pas|ne depassant pas|hochstens|maximal|nicht mehr als|weniger als|"
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
    r"(?:rayon de|dans un rayon de|a moins de|pas plus loin que|"
    + _UPPER_WORDS
    + r")\s*"
    + NUM
    + r"\s*(?:km|kms|kilometres?|kilometers?)\b"
)
TRAVEL = re.compile(
    UPPER + r"\s*(?:une? )?" + NUMW + r"\s*(minutes?|min\b|heures? de (?:route|trajet)|minuten|"
    r"uur (?:reizen|rijden|onderweg|met de (?:bus|trein|auto|tram))|"
    r"stunden? (?:fahrt|reise|weg)|hours? (?:of )?(?:travel|commut\w*|drive))"
)
# "une heure de route maximum", "30 minutes max de chez moi"
TRAVEL_AFTER = re.compile(
    NUMW
    + r"\s*(minutes?|min\b|heures? de (?:route|trajet)|minuten|uur (?:reizen|rijden|onderweg))"
    + AFTER
)
HALF_HOUR = _rx(
    r"\b(?:pas plus d'|max(?:imum)? |moins d')une demi-heure",
    r"\b(?:niet meer dan|maximaal|hoogstens) (?:een )?half uur",
    r"\b(?:no more than|at most|max(?:imum)?) (?:half an hour|30 min)",
    r"\b(?:hochstens|maximal) (?:eine )?halbe stunde",
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

EXPERIENCE = re.compile(
    r"\b(?:experience|ervaring|erfahrung|programme|programmed|code|coded|connais|"
    r"know (?:nothing|little)|travaille avec|worked with|gewerkt met|gearbeitet mit|notion|"
    r"notions)\b"
)
# learning to use a computer at all: "apprendre à me servir d'un ordinateur", "learn to use a
# computer", "leren werken met de computer", "lernen, mit dem Computer umzugehen"
LEARN_TO_USE = re.compile(
    r"\b(?:apprendre a|learn(?:ing)? (?:how )?to|leren|lernen,?)\s+(?:me |m'|to )?"
    r"(?:utiliser|servir d[eu']|use|work with|werken met|omgaan met|mit)\s*(?:un |une |l'|a |the |"
    r"de |een |dem |den |einem )?(?:ordinateur|ordi|pc|computer|computern|clavier|internet)\b"
)
# wanting to learn computer use: after a verb of wanting or learning
WANT_DIGITAL = re.compile(
    r"\b(?:apprendre|aprendre|learn|lern|leren|lernen|voudrais|voudrai|veux|veu|like|want|wil|"
    r"mochte|souhaite|formation|start)\b[^.;!?]{0,50}?\b(?:ordinateur|ordi|pc|computer|"
    r"komputer|computor|informati\w*|internet|mails?|mailen|numerique|digital\w*|bureautique|"
    r"bases|basics?|basicks|grundlagen|clavier|excel|word|office|dat|ca|it|das|het)\b"
)
# right after a job: it was held ("secrétaire 15 ans", "technicien en intérim jusqu'en 2023",
# "ingénieur au pays")
PAST_AFTER = re.compile(
    r"\s*(?:[a-z]+\s+)?(?:\(?\d+ (?:ans|an|years|jaar|jahre)\b|en interim|jusqu'en \d|"
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
DOMAIN_BASIC = _rx(
    r"\bniveau debutant",
    r"\b(?:al |)wat ervaring",
    r"\bsome experience",
    r"\bquelques (?:notions|bases)",
    r"\bun peu d'experience",
    r"\betwas erfahrung",
    r"\bbeginner level",
    r"\bknow (?:a little|a bit of|some)\b",
    r"\bken (?:al )?een beetje\b",
    r"\bgrundkenntnisse\b",
    r"\bbasiskennis\b",
)
DOMAIN_NONE = _rx(
    r"depuis le (?:debut|depart)",
    r"\b(?:i'?m |i am )?new to\b",
    r"\bnieuw in\b",
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
    r"reconnu(?:e)? officiellement",
    r"(?:formation|titre|diplome|certificat) reconnu",
    r"\brecogni[sz]ed (?:certificate|qualification|diploma|course|training)",
    r"\berkend(?:e)? (?:certificaat|diploma|opleiding|attest)",
    r"\banerkannt\w* (?:zertifikat|abschluss|diplom)",
    r"\bzertifikat\b",
    r"\bcertificaat\b",
    r"\bcertification\b",
    r"(?:donne|delivre|mene a|debouche sur|avec) (?:un |une )?(?:diplome|certificat|titre)",
    r"\b(?:diploma|getuigschrift|certificaat|attest) (?:halen|behalen)\b",
    r"\b(?:abschluss|zertifikat|diplom) (?:machen|erwerben|bekommen)\b",
    r"\bget (?:a |my )?(?:certified|certificate|diploma|qualification)\b",
)

REQUIRED_CERT = _rx(
    r"formations? (?:\w+ )?(?:certifiante|qualifiante)s?",
    r"(?:certifiante|qualifiante)s? (?:souhaitee|obligatoire|exigee|necessaire)",
    r"(?:doit|faut|veux|voudrais|souhaite) (?:que ce soit |etre )?(?:une formation )?"
    r"(?:certifiante|qualifiante)",
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


class ProfileParser:
    """Reads a profile from free text. ``places`` and ``occupations`` are optional finders
    (the gazetteer and the occupation lexicon); without them those fields stay empty."""

    def __init__(
        self,
        places: Callable[[str], list[tuple[PlaceRef, Span, bool]]] | None = None,
        occupations: Callable[[str], list[tuple[str, str, Span]]] | None = None,
        vocabulary: Iterable[str] = (),
    ) -> None:
        """``vocabulary``: more known words for spelling correction (the occupation lexicon's,
        see :meth:`OccupationLexicon.words`); the parser's own cue words are always known."""
        self._places = places
        self._occupations = occupations
        self._speller = Speller([*_cue_words(), *vocabulary])

    def parse(self, text: str) -> Profile:
        """The profile stated in ``text``."""
        r = _Reading(text)
        for f in self._cues(r.folded, r.scopes):
            if f.field == "statuses":
                r.values[f.field] = frozenset(r.values.get(f.field, frozenset()) | {f.value})
            elif f.field not in r.values:
                r.values[f.field] = f.value
                if f.field == "certification":
                    r.cert_span = f.span
            r.note(f.field, f.span)
            if f.field in ("max_hours", "max_weeks", "radius_km", "max_travel_minutes"):
                r.removed.append(f.span)
        _read_conditions(r)
        _read_background(r)
        found_statuses = statuses(text, r.folded, r.scopes)
        if found_statuses:
            r.values["statuses"] = frozenset(found_statuses)
            for span in found_statuses.values():
                r.note("statuses", span)
        if self._places is not None:
            found = self._places(text)
            home = _residence(r.folded, [span for _, span, _ in found], r.scopes)
            if home is not None:
                place, span, near = found[home]
                r.values["place"] = place
                r.values["near"] = near
                r.note("place", span)
            r.removed.extend(span for _, span, _ in found)
            r.place_spans = [span for _, span, _ in found]
        r.corrections = [
            c
            for c in self._speller.corrections(text)
            if not _overlaps((c.start, c.end), r.place_spans)
        ]
        if r.corrections:
            r.evidence["spelling"] = ", ".join(f"{c.written} → {c.known}" for c in r.corrections)
        # "no experience in that field" is no job held; "je ne veux plus être X" is one
        r.past_spans = [
            span
            for span in past_job_spans(r.folded)
            if (scope := negated(span, r.scopes)) is None or scope.kind == "stop"
        ]
        self._read_occupations(r)
        # A negated phrase leaves the topic, except where it states the level in the field
        # itself ("je n'ai jamais travaillé avec Excel": Excel is the need).
        for scope in r.scopes:
            a, b = scope.span
            if scope.kind == "unable":
                continue  # "je ne sais pas utiliser LinkedIn": LinkedIn is the need
            if not any(x < b and a < y for x, y in r.level_spans):
                r.removed.append(scope.span)
        r.values["language"] = detect_language(text)
        topic = _without(text, r.removed)
        for c in r.corrections:  # the need in known words too: "comptabiliter comptabilité"
            if not _overlaps((c.start, c.end), r.removed):
                pattern = rf"\b{re.escape(c.written)}\b"
                topic = re.sub(pattern, f"{c.written} {c.known}", topic, count=1)
        if r.values.get("orientation"):
            topic = f"{topic} orientation".strip()
        r.values["topic"] = topic
        return Profile(**r.values, evidence=r.evidence)

    def _read_occupations(self, r: _Reading) -> None:
        """Goals and past jobs: the lexicon's mentions with their roles, corrected by negation
        ("je ne veux plus être caissière"), by the phrases read as jobs held (past_jobs) and by
        the certificates held ("le permis cariste" held is not a goal)."""
        roles: dict[str, list[str]] = {"goal": [], "past": [], "unknown": []}
        folded, values = r.folded, r.values
        held = r.past_spans
        certificates = r.certificate_spans
        covered: set[Span] = set()
        mentions: list[tuple[str, str, Span]] = []
        if self._occupations is not None:
            # read on the corrected words ("aide soignente"), spans mapped back to the text
            fixed, table = apply(r.text, r.corrections)
            for label, role, (a, b) in self._occupations(fixed):
                span = (to_original(a, r.corrections, table), to_original(b, r.corrections, table))
                mentions.append((label, role, span))
        goal_spans = [span for _, role, span in mentions if role == "goal"]
        for label, role, span in mentions:
            before = folded[max(0, span[0] - 30) : span[0]]
            # "le formateur était super": a definite person, not a job sought or held
            definite = role == "unknown" and THE_PERSON.search(before) is not None
            if _overlaps(span, certificates) or SOMEONE_ELSE.search(before) or definite:
                if not _overlaps(span, certificates):
                    r.removed.append(span)  # "mon mari est plombier": not the person's job
                continue
            if role == "past" and GOAL_NEAR.search(before) and not _overlaps(span, held):
                role = "goal"  # "je voudrais passer mon permis cariste"
            inside = [p for p in held if _overlaps(span, [p])]
            scope = negated(span, r.scopes)
            if inside:
                covered.update(inside)
                role = "past"
                label = r.text[inside[0][0] : inside[0][1]]  # as the person wrote it
            elif scope is not None:
                # "je ne veux plus être caissière": the job left; "pas chauffeur": not a goal
                if scope.kind != "stop" and role != "past":
                    r.removed.append(span)
                    continue
                role = "past"
            elif role != "past" and (
                PAST_NEAR.search(folded[max(0, span[0] - 25) : span[0]])
                or PAST_AFTER.match(folded, span[1])
            ):
                role = "past"
            elif (
                role == "unknown"
                and any(g[0] > span[1] for g in goal_spans)
                and _sentence_of(folded, span[0]) != _sentence_of(folded, goal_spans[0][0])
            ):
                role = (
                    "past"  # a counsellor's note: "29 ans, maçon. Veut devenir chef de chantier."
                )
            target = roles.get(role, roles["unknown"])
            if label not in target:
                target.append(label)
            if role == "past":
                r.removed.append(span)
        for span in held:
            r.removed.append(span)
            words = r.text[span[0] : span[1]]
            if span not in covered and words not in roles["past"]:
                roles["past"].append(words)
        # A job named without a cue is the goal only when no goal was stated explicitly
        # ("aide-ménagère ..., souhaite devenir aide-soignante": the goal is aide-soignante).
        goals = roles["goal"] or [g for g in roles["unknown"] if g not in roles["past"]]
        goals = [g for g in goals if g not in roles["past"]]
        if goals:
            values["goals"] = tuple(goals)
        if roles["past"]:
            values["past"] = tuple(roles["past"])

    def _cues(self, t: str, scopes: list[Scope]) -> Iterable[Found]:
        m = MAX_HOURS_BEFORE.search(t) or MAX_HOURS_AFTER.search(t)
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
        if m := RADIUS.search(t):
            yield Found("radius_km", _number(m.group(1)), m.span())
        if m := TRAVEL.search(t) or TRAVEL_AFTER.search(t):
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
        if m := DOMAIN_BASIC.search(t):
            yield Found("domain_level", "basic", m.span())
        elif m := DOMAIN_NONE.search(t):
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


# "j'habite à", "ik woon in", "I live in", "ich wohne in", "j'ai déménagé à": where the person is
RESIDENCE = re.compile(
    r"\b(?:habite|habites|jhabite|jabite|abite|vis|vit|jvis|demenage|installee?|woon|woont|wohne|"
    r"wohnt|lebe|live|lives|living|moved to|verhuisd naar|umgezogen nach|domicilie|domiciliee|"
    r"based in)\b[^.;!?]{0,14}$"
)
# a clause about a job held: "je travaille comme technicien à Wavre", "worked in Charleroi"
WORK_PLACE = re.compile(
    r"\b(?:(?:je |j'|j)travaille|ai travaille|worked|(?<!to )work|werk|gewerkt|arbeite|"
    r"gearbeitet|restaurants?)\b"
)
_CLAUSE_STOP = re.compile(r"[,;:.!?\n]|\b(?:mais|but|maar|aber|now|maintenant|nu|jetzt)\b")


def _residence(folded: str, spans: list[Span], scopes: list[Scope]) -> int | None:
    """Which of the place mentions is where the person lives: the one after a residence cue;
    else the first that is neither refused ("je ne veux pas aller à Charleroi") nor the place of
    a job ("j'ai travaillé 10 ans à Liège"); else none."""
    for k, (start, _) in enumerate(spans):
        if RESIDENCE.search(folded[max(0, start - 40) : start]):
            return k
    for k, (start, end) in enumerate(spans):
        if negated((start, end), scopes) is not None:
            continue
        left = max((m.end() for m in _CLAUSE_STOP.finditer(folded, 0, start)), default=0)
        right = next((m.start() for m in _CLAUSE_STOP.finditer(folded, end)), len(folded))
        if WORK_PLACE.search(folded[left:right]):
            continue
        return k
    return None


@dataclass
class _Reading:
    """One parse in progress: the text, its negations, and what has been read so far."""

    text: str
    folded: str = ""
    scopes: list[Scope] = field(default_factory=list)
    only: list[Span] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)
    removed: list[Span] = field(default_factory=list)  # out of the topic
    level_spans: list[Span] = field(default_factory=list)  # spans stating a level
    past_spans: list[Span] = field(default_factory=list)  # jobs held, as phrases
    certificate_spans: list[Span] = field(default_factory=list)  # certificates held
    place_spans: list[Span] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)  # misspelt words
    cert_span: Span | None = None

    def __post_init__(self) -> None:
        self.folded = fold(self.text)
        self.scopes = negation_scopes(self.folded)
        self.only = restricted(self.folded)

    def note(self, name: str, span: Span) -> None:
        """Keep the words ``name`` was read from, as the person wrote them."""
        self.evidence.setdefault(name, self.text[span[0] : span[1]])


def _read_conditions(r: _Reading) -> None:
    """Times, formats, mobility and computer use (with their negations), then the level."""
    c = read_conditions(r.folded, r.scopes, r.only)
    values = r.values
    for name in ("schedules", "schedules_refused", "formats", "formats_refused"):
        if getattr(c, name):
            values[name] = frozenset(getattr(c, name))
    for name in ("format_required", "public_transport"):
        if getattr(c, name):
            values[name] = True
    for name in ("has_car", "has_computer"):  # False is a statement here
        if getattr(c, name) is not None:
            values[name] = getattr(c, name)
    if c.digital_level is not None:
        values["digital_level"] = c.digital_level
        r.level_spans.append(c.spans["digital_level"])
    for name, span in c.spans.items():
        r.note(name, span)
    r.removed.extend(c.matched)
    r.removed.extend(c.refused_spans)
    # Experience denied in the field ("je n'ai jamais programmé", "no experience in that
    # field", "je ne connais rien à la sécurité"): a beginner in it.
    if "domain_level" not in values:
        for scope in r.scopes:
            phrase = r.folded[max(0, scope.cue[0] - 15) : scope.span[1]]
            digital = c.spans.get("digital_level")
            if digital and digital[0] < scope.span[1] and scope.span[0] < digital[1]:
                continue  # the scope already read as the computer level
            if EXPERIENCE.search(phrase):
                values["domain_level"] = "none"
                r.note("domain_level", scope.span)
                r.level_spans.append(scope.span)
                break
    if "domain_level" not in values and (m := LEARN_TO_USE.search(r.folded)):
        # wanting to learn to use a computer at all: a beginner in it
        values["domain_level"] = "none"
        r.note("domain_level", m.span())
    if values.get("digital_level") == "none" and "domain_level" not in values:
        # never used a computer and wants computer skills: a beginner in the field too
        rest = _without(r.folded, [c.spans["digital_level"]])
        if WANT_DIGITAL.search(rest):
            values["domain_level"] = "none"


def _read_background(r: _Reading) -> None:
    """Diploma, reading, orientation, certificates held, languages."""
    values, folded, scopes = r.values, r.folded, r.scopes
    if found := diploma(folded, scopes):
        values["diploma"], span = found
        r.note("diploma", span)
        r.removed.append(span)
    if reading := reading_difficulty(folded, scopes):
        values["reading_difficulty"] = True
        r.note("reading_difficulty", reading)
        r.level_spans.append(reading)  # "lire et écrire c'est dur": often the need itself
    if unsure := orientation(folded, scopes):
        values["orientation"] = True
        r.note("orientation", unsure)
        r.removed.append(unsure)
    held = certificates_held(r.text, folded, scopes)
    if held:
        values["certificates_held"] = tuple(dict.fromkeys(label for label, _ in held))
        r.note("certificates_held", held[0][1])
        r.removed.extend(span for _, span in held)
        r.certificate_spans = [span for _, span in held]
        if "cess" in values["certificates_held"] and "diploma" not in values:
            values["diploma"] = "secondary"
    spoken, unspoken, spans = languages_stated(folded, scopes, r.only)
    if spoken:
        values["languages_spoken"] = spoken
    if unspoken:
        values["languages_not_spoken"] = unspoken
    if spans:
        r.note("languages", spans[0])
    # "pas de diplôme" or a certificate held is not a wish for a certificate
    if values.get("certification") and r.cert_span is not None:
        a = r.cert_span[0]
        if negated(r.cert_span, scopes) or any(x <= a < y for _, (x, y) in held):
            del values["certification"]


def _cue_words() -> list[str]:
    """The words of every cue pattern of the understanding modules: the parser's lexicon."""
    from assistant.understanding import background, conditions, languages, past_jobs
    from assistant.understanding import statuses as status_module

    words: list[str] = []
    for module in (
        globals(),
        *(vars(m) for m in (background, conditions, languages, past_jobs, status_module)),
    ):
        for value in module.values():
            if isinstance(value, re.Pattern):
                words.extend(re.findall(r"[a-z]{5,}", value.pattern))
            elif isinstance(value, dict):
                for pattern in value.values():
                    if isinstance(pattern, re.Pattern):
                        words.extend(re.findall(r"[a-z]{5,}", pattern.pattern))
    return words


def _sentence_of(folded: str, pos: int) -> int:
    return sum(folded.count(c, 0, pos) for c in ".!?;")


def _overlaps(span: Span, spans: Iterable[Span]) -> bool:
    return any(a < span[1] and span[0] < b for a, b in spans)


def _without(text: str, spans: list[Span]) -> str:
    """``text`` with the given spans blanked out (the need, without its constraints)."""
    if not spans:
        return " ".join(text.split())
    chars = list(text)
    for start, end in spans:
        for i in range(start, min(end, len(chars))):
            chars[i] = " "
    return " ".join("".join(chars).split())
