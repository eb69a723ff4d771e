"""The person's background: diploma, reading, certificates already held, and whether they know
what they want (orientation). Each reader works on folded text and takes the negation scopes of
:mod:`assistant.understanding.negation`, so "pas de diplôme" is no diploma (and no wish for
one), "3 ans de droit sans terminer" is no higher diploma and "je sais pas quoi faire" asks for
orientation.
"""

from __future__ import annotations

import re

from assistant.understanding.negation import Scope, negated

Span = tuple[int, int]


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_DIPLOMA_WORD = re.compile(
    r"\b(?:diplome|diplom|diploma|diplomes|abschluss|schulabschluss|certificat d'etudes|"
    r"degree|qualifications?)\b"
)
_NO_SCHOOL = re.compile(
    r"(?:arrete|quitte|lache) l'ecole|decroch\w* scolaire|sorti\w* de l'ecole sans|"
    r"dropped out|left school|school verlaten|gestopt met school|schule abgebrochen|"
    r"ohne abschluss|pas (?:le|mon) (?:ceb|cess)|"
    r"(?:juste|seulement|que|only) (?:le |mon |the )?ceb\b|"
    r"(?:didn't|did not|never) finish(?:ed)? (?:high |secondary )?school|"
    r"(?:pas|jamais) (?:fini|termine) (?:l'ecole|le secondaire|mes etudes|mes humanites)|"
    r"school niet afgemaakt|schule nicht abgeschlossen|"
    r"niveau d'etudes ?:? ?primaire|primaire seulement|only primary school|lager onderwijs|"
    r"left school at \d+"
)
_HIGHER = re.compile(
    r"\b\w*(?:master|bachelor|bachelier)\w*|\b(?:graduat|licence|licencie en|universit\w*|"
    r"ingenieur|engineer\w*|doctorat|phd|hogeschool|hoger onderwijs|studium|hochschul\w*|"
    r"fachhochschul\w*|degree|studiert|gestudeerd|studied at (?:university|college))\b"
)
_SECONDARY = re.compile(
    r"\b(?:cess|diplome (?:de |du )?secondaire|secondaire superieur|humanites|"
    r"secundair onderwijs|diploma secundair|abitur|fachabitur|high school diploma|"
    r"a-levels|baccalaureat)\b"
)
_FINISHED_NOT = re.compile(
    r"\b(?:sans terminer|pas termine|not finished|niet afgemaakt|abgebrochen)"
)


def diploma(folded: str, scopes: list[Scope]) -> tuple[str, Span] | None:
    """("none" | "secondary" | "higher", span) when the text states the person's diploma."""
    for m in _DIPLOMA_WORD.finditer(folded):
        scope = negated(m.span(), scopes)
        # "pas de diplôme", "sans diplôme", "geen diploma", "no diploma"; but not "mon diplôme
        # n'est pas reconnu" (the cue comes after the word)
        if scope is not None and scope.cue[0] < m.start():
            return "none", (scope.cue[0], m.end())
    if left := _NO_SCHOOL.search(folded):
        return "none", left.span()
    for pattern, level in ((_HIGHER, "higher"), (_SECONDARY, "secondary")):
        for m in pattern.finditer(folded):
            end = folded.find(".", m.end())
            rest = folded[m.end() : end if end >= 0 else len(folded)]
            if negated(m.span(), scopes) or _FINISHED_NOT.search(rest):
                continue
            return level, m.span()
    return None


_READING = re.compile(
    r"\b(?:lire|lis|lit|lecture|ecrire|lezen|schrijven|read|reading|write|writing|lesen|"
    r"schreiben)\b"
)
_HARD = re.compile(
    r"\b(?:mal|difficile|dur|du mal|moeilijk|difficult\w*|hard|schwer|schwierig|moeite|trouble|"
    r"struggle\w*|schlecht|slecht|problemes?|problems?)\b"
)
_DYS = re.compile(r"\b(?:dyslex|dislex|dysorth|analphab|illettr|laaggeletterd)\w*")


def reading_difficulty(folded: str, scopes: list[Scope]) -> Span | None:
    """The span saying reading or writing is hard for the person, if any."""
    if m := _DYS.search(folded):
        return m.span()
    for m in _READING.finditer(folded):
        left = max(folded.rfind(c, 0, m.start()) for c in ".;!?,") + 1
        right = min([i for c in ".;!?," if (i := folded.find(c, m.end())) >= 0] or [len(folded)])
        clause = folded[left:right]
        if _HARD.search(clause):
            return left, right
        # "je ne sais pas lire", "kan nich gut lesen", "can't read well"
        scope = negated(m.span(), scopes)
        if scope is not None and re.search(r"\b(?:sais|sai|kan|kann|can|cant|dont)\b", clause):
            return scope.span
    return None


_KNOW = re.compile(
    r"\b(?:sais|sait|sai|se|sé|c|know|weet|weiss|weis|wissen|idee|idea|ahnung|sure)\b"
)
_WHAT = re.compile(
    r"\b(?:quoi|koi|quel|quelle|quels|ce que|ce qu|what|which|wat|wa|welke|was|welch\w*|"
    r"de metier|du metier)\b"
)
_UNSURE = re.compile(
    r"\b(?:jsp|jsais pas|chais pas|dunno) (?:koi|quoi|what|quel)|\borientation\b|\borienter\b|"
    r"\bbilan de competences|\b(?:suis|jsuis|chui|sens|am|feel|ben|bin) (?:un peu |completement |"
    r"totalement |so |really |echt |vraiment )?(?:perdue?|lost|verloren)\b|"
    r"\b(?:aucune idee|no idea|geen idee|keine ahnung)\b[^.;!?]{0,25}\b(?:metier|job|beruf|"
    r"beroep|what|quoi|welch\w*|wat)|"
    r"\b(?:career (?:guidance|advice)|berufsberatung|berufsorientierung|beroepskeuze|"
    r"beroepsorientatie|orientation professionnelle|idee de metier|quel metier me|"
    r"welk beroep (?:bij me|past)|what job (?:suits|would suit)|which job suits)"
)


def orientation(folded: str, scopes: list[Scope]) -> Span | None:
    """The span where the person says they do not know what to do, if any."""
    for scope in scopes:
        before = folded[max(0, scope.cue[0] - 15) : scope.cue[0]]
        after = folded[scope.cue[0] : scope.cue[0] + 50]
        # "je ne sais pas quoi faire", "ik weet niet wat", "no idea what", "weiß nicht, welchen"
        if (_KNOW.search(before) or _KNOW.search(after[:25])) and _WHAT.search(after):
            return scope.cue[0], scope.span[1]
    if m := _UNSURE.search(folded):
        return m.span()
    return None


_POSSESS = re.compile(
    r"\b(?:j'ai|jai|j ai|ai|i have|have|has|i've got|i hold|ik heb|heb|habe|hab|ich habe|"
    r"titulaire d[eu']?|"
    r"already holds?|holder of|in possession|obtenu|behaald|erhalten|besitze|"
    r"got|earned|passed|obtained|gehaald|geslaagd voor|bestanden|reussi|decroche)\b"
)
_GOAL_VERB = re.compile(
    r"\b(?:passer|obtenir|veux|veut|voudrais|voudrai|vise|souhaite|aimerais|want|would like|"
    r"get|wil|halen|mochte|will|machen|devenir|preparer|cherche|zoek|suche|looking)\b"
)
# A certificate-like item: an acronym (in the original text), a licence, a named certificate.
_CERT = re.compile(
    r"\b(?:permis|permi|rijbewijs|fuhrerschein|furerschein|licen[cs]e|brevet|certificat|"
    r"attest|attestation|certificaat|zertifikat)\b(?:\s+(?:de |d')?(?:[a-z]{1,2}\b|cariste|"
    r"poids lourd|conduire|vca|b|c|ce|d))?|\b\w*attest\b"
)
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9+]{1,5}\b")
_NOT_CERTS = _wordset(
    "CV PC IT RH HR OK DE NL FR EN WE TEC STIB SNCB AVIQ FOREM ACTIRIS VDAB ADG CPAS OCMW "
    "IA AI BE UK EU USA SVP STP PS CDI CDD A1 A2 B1 B2 C1 C2 HTML CSS SQL AWS WEB UX UI "
    "LKW PDF ASBL VZW RIZIV INAMI"
)
_KNOWN_CERTS = re.compile(r"\b(?:cess|ceb|ccna|ccnp|vca|cqp|ecdl|icdl|toeic|toefl|ielts)\b")


def certificates_held(text: str, folded: str, scopes: list[Scope]) -> list[tuple[str, Span]]:
    """Certificates the person already holds: "j'ai mon CCNA", "titulaire du permis C", "ik heb
    al VCA", "Führerschein B und eigenes Auto", or a note's verbless "Permis cariste + VCA."."""
    found: list[tuple[str, Span]] = []
    for sentence in re.finditer(r"[^.!?;\n]+", folded):
        s_text = sentence.group(0)
        items: list[tuple[str, Span]] = []
        for m in _CERT.finditer(s_text):
            items.append((m.group(0), m.span()))
        for m in _KNOWN_CERTS.finditer(s_text):
            items.append((m.group(0), m.span()))
        for m in _ACRONYM.finditer(text, sentence.start(), sentence.end()):
            if m.group(0) not in _NOT_CERTS and not m.group(0).isdigit():
                items.append(
                    (m.group(0).lower(), (m.start() - sentence.start(), m.end() - sentence.start()))
                )
        if not items:
            continue
        items.sort(key=lambda x: (x[1][0], -x[1][1]))
        # a note's sentence that opens on a certificate and has no verb lists what is held
        listing = items[0][1][0] < 3 and _GOAL_VERB.search(s_text) is None
        seen: set[int] = set()
        for label, (a, b) in items:
            if any(a <= k < b for k in seen) or a in seen:
                continue
            seen.update(range(a, b))
            start, end = a + sentence.start(), b + sentence.start()
            if negated((start, end), scopes):
                continue  # "pas le permis", "kein Führerschein"
            before = s_text[:a]
            # the nearest verb before the item decides: "j'ai le permis B" vs "passer le permis C"
            possess = list(_POSSESS.finditer(before))
            goal = list(_GOAL_VERB.finditer(before))
            last_possess = possess[-1].end() if possess else -1
            last_goal = goal[-1].end() if goal else -1
            if last_possess > last_goal or (listing and not possess):
                found.append((" ".join(label.split()), (start, end)))
    return found
