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
    r"(?:arrete|quitte|lache) l'?ecole|decroch\w* scolaire|sorti\w* de l'ecole sans|"
    r"dropped out|left school|school verlaten|gestopt met school|schule abgebrochen|"
    r"ohne abschluss|pas (?:le|mon) (?:ceb|cess)|"
    r"(?:juste|seulement|que|only) (?:le |mon |the )?ceb\b|"
    r"(?:didn't|did not|never) finish(?:ed)? (?:high |secondary )?school|"
    r"(?:pas|jamais) (?:fini|termine) (?:l'ecole|le secondaire|mes etudes|mes humanites|"
    r"mes secondaires|mon secondaire)|"
    r"(?:school|middelbaar|secundair|humaniora|studies) niet (?:afgemaakt|afgewerkt|afgerond)|"
    r"schule nicht abgeschlossen|"
    r"niveau d'etudes ?:? ?primaire|primaire seulement|only primary school|lager onderwijs|"
    r"left school at \d+"
)
_HIGHER = re.compile(
    r"\b\w*(?:master|bachelor|bachelier)\w*|\b(?:graduat|licence (?:en|universitaire)|licencie en|"
    r"universit\w*|"
    r"ingenieur|engineer\w*|doctorat|phd|hogeschool|hoger onderwijs|studium|hochschul\w*|"
    r"fachhochschul\w*|degree|studiert|gestudeerd|studied at (?:university|college)|unif|"
    r"haute ecole)\b"
)
_SECONDARY = re.compile(
    r"\b(?:cess|diplome (?:de |du )?secondaire|secondaire superieur|humanites|"
    r"secundair onderwijs|diploma secundair|abitur|fachabitur|high school diploma|"
    r"a-levels|baccalaureat|bac|diplome d'etudes secondaires|diploma middelbaar|"
    r"realschulabschluss|hauptschulabschluss|mittlere reife|"
    r"(?:fini|termine|reussi) (?:mes|mon|le) (?:secondaires?|humanites|rheto)|"
    r"(?:finished|completed) (?:high|secondary) school|middelbaar (?:afgemaakt|afgewerkt))\b"
)
_FINISHED_NOT = re.compile(
    r"\b(?:sans terminer|pas termine|not finished|niet afgemaakt|abgebrochen)"
)


# The subject after a degree: "master en économie", "bachelor verpleegkunde", "degree in IT"
_SUBJECT = re.compile(
    r"(?:'s)?(?:\s+degree)?\s+(?:(?:en|in|de|d'|of|van|der|in de|in der)\s*)?"
    r"(?!(?:et|and|en|mais|but|uit|from|aus|au|a|il|et|und|maar|aber|je|i|ik|ich)\b)([a-z'-]{2,})"
    r"(?:\s+(?!(?:et|and|en|mais|but|uit|from|aus|au|a|il|und|maar|aber|je|i|ik|ich|depuis|"
    r"since|sinds|seit)\b)[a-z'-]{3,})?"
)


_DEGREE = re.compile(r"master|bachel|graduat|licen|degree|doctorat|phd|studium")


def _with_subject(folded: str, span: Span) -> Span:
    """The degree's span with its subject, which is background, not the need."""
    if m := _SUBJECT.match(folded, span[1]):
        return span[0], m.end()
    return span


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
            degree = _DEGREE.search(m[0]) is not None
            return level, _with_subject(folded, m.span()) if degree else m.span()
    return None


_READING = re.compile(
    r"\b(?:lire|lis|lit|lecture|ecrire|lezen|schrijven|read|reading|write|writing|lesen|"
    r"schreiben)\b"
)
_HARD = re.compile(
    r"\b(?:mal|difficile|difficilement|peine|dur|du mal|moeilijk|moeizaam|difficult\w*|hard|schwer|"
    r"schwierig|moeite|trouble|complique|compliquee|pas facile|not easy|niet makkelijk|"
    r"nicht leicht|fautes|mistakes|fouten|fehler|"
    r"struggle\w*|schlecht|slecht|problemes?|problems?)\b"
)
_DYS = re.compile(
    r"\b(?:dyslex|dislex|dysorth|analphab|illettr|laaggeletterd|legasthen|leseschwach|"
    r"leesproblem|alphabetis)\w*|\bcours d'alpha\b"
)


def reading_difficulty(folded: str, scopes: list[Scope]) -> Span | None:
    """The span saying reading or writing is hard for the person, if any."""
    if m := _DYS.search(folded):
        return m.span()
    for m in _READING.finditer(folded):
        left = max(folded.rfind(c, 0, m.start()) for c in ".;!?,") + 1
        right = min([i for c in ".;!?," if (i := folded.find(c, m.end())) >= 0] or [len(folded)])
        if not folded[left:right].strip(" ,").replace(m.group(0), "").strip():
            # "Lire, c'est compliqué": the word alone, said of in the next clause
            more = [i for c in ".;!?," if (i := folded.find(c, right + 1)) >= 0]
            right = min(more or [len(folded)])
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
    r"\bje cherche ma voie\b|\b(?:help me|aidez-moi a) (?:choose|choisir)\b|"
    r"\b(?:aucune idee|no idea|no clue|not sure|pas sur|unsure|geen idee|keine ahnung)\b"
    r"[^.;!?]{0,25}\b(?:metier|job|beruf|"
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
    for m in _UNSURE.finditer(folded):
        if not _lost_with_a_thing(folded, m):
            return m.span()
    return None


# "dès qu'on me demande itsme ... je suis perdu", "I'm lost with computers", "ik ben verloren
# als ik moet mailen": lost with a thing or in a situation, not about what to do in life
_SITUATION = re.compile(r"\b(?:quand|des qu|lorsqu|when|whenever|als|zodra|wenn|sobald)\b")
_WITH = re.compile(r"\s*(?:avec|devant|sur|with|on|in front of|met|mit|bei|op|vor)\b")


def _lost_with_a_thing(folded: str, m: re.Match[str]) -> bool:
    if not re.search(r"(?:perdue?|lost|verloren)$", m.group(0)):
        return False
    start = max(folded.rfind(c, 0, m.start()) for c in ".;!?") + 1
    after = _SITUATION.match(
        folded, m.end() + len(folded[m.end() :]) - len(folded[m.end() :].lstrip(" ,"))
    )
    return bool(
        _SITUATION.search(folded, start, m.start()) or _WITH.match(folded, m.end()) or after
    )


_POSSESS = re.compile(
    r"\b(?:j'ai|jai|j ai|ai|i have|have|has|i've got|i hold|ik heb|heb|habe|hab|ich habe|"
    r"titulaire d[eu']?|heeft|hat|holds|besitzt|possede|detient|dispose d[eu']|"
    r"already holds?|holder of|in possession|obtenu|behaald|erhalten|besitze|"
    r"got|earned|passed|obtained|gehaald|geslaagd voor|bestanden|reussi|decroche)\b"
)
_GOAL_VERB = re.compile(
    r"\b(?:passer|obtenir|veux|veut|voudrais|voudrai|vise|souhaite|aimerais|want|would like|"
    r"get|wil|halen|mochte|will|machen|devenir|preparer|cherche|zoek|suche|looking|"
    # learning is no holding: "j'ai envie d'apprendre SAP", "I have to learn PHP"
    r"apprendre|learn|leren|lernen|formation|cours|course|training|opleiding|cursus|kurs|suivre|"
    r"volgen|besoin|need|envie|interesse|interested|decouvrir)\b"
)
# A certificate-like item: an acronym (in the original text), a licence, a named certificate.
_CERT = re.compile(
    r"\b(?:forklift|driving|truck|lorry|hgv|crane|welding|taxi) licen[cs]e\b|\b\w+schein\b|"
    r"\b(?:permis|permi|rijbewijs|fuhrerschein|furerschein|licen[cs]e|brevet|certificat|"
    r"attest|attestation|certificaat|zertifikat)\b(?:\s+(?:de |d')?(?:[a-z]{1,2}\b|cariste|"
    r"poids lourd|conduire|vca|b|c|ce|d))?|\b[\w-]*attest\b"
)
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9+]{1,5}\b")
_NOT_CERTS = _wordset(
    "CV PC IT RH HR OK DE NL FR EN WE TEC STIB SNCB AVIQ FOREM ACTIRIS VDAB ADG CPAS OCMW "
    "IA AI BE UK EU USA SVP STP PS CDI CDD A1 A2 B1 B2 C1 C2 HTML CSS SQL AWS WEB UX UI "
    "LKW PDF ASBL VZW RIZIV INAMI ONEM RVA FGTB CSC SPF PHP SAP CNC SEO SEA CAD DAO BIM ERP CRM "
    "API JS PLC GPS RGPD GDPR QHSE RH IA ML BI"
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
