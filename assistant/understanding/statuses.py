"""Who the person is, as the catalog's audiences name it: jobseeker, worker, woman, single
parent, newcomer, student, young (15-25), over 45, disability.

Read from the person's own words in four languages, with three general mechanisms rather than
phrase lists: the **age** wherever it is stated ("j'ai 52 ans", "Jobseeker, 33, Anderlecht",
"bin 20"), but not a duration ("pendant 20 ans", "15 ans d'expérience"); **feminine forms** the
person uses of themself ("je suis arrivée", "ancienne caissière", "comme vendeuse",
"Ehemalige Buchhalterin"); and the person's **current work** in the present tense, unless
negated ("je ne travaille plus").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from assistant.understanding.cues import SOMEONE_ELSE, rx
from assistant.understanding.negation import Scope, negated
from assistant.understanding.number_words import NUMBER, NUMBER_WORDS
from assistant.understanding.status_words import status_words
from assistant.understanding.tense import in_past_clause
from corpus.audience import age_group

Span = tuple[int, int]


JOBSEEKER = rx(
    r"(?:demandeu|chercheu)(?:r|se|rs|ses) d'emploi",
    r"\bau ch[oa]u?mage",
    r"\bch[oa]u?meu",
    r"sans (?:emploi|travail|boulot)",
    r"inscrit(?:e)? (?:au|chez) (?:le )?(?:forem|actiris|vdab|adg)",
    r"je cherche (?:du|un) (?:travail|boulot|emploi|job)",
    r"(?:trouve|trouver) pas (?:de |d')?(?:travail|emploi|boulot|job)",
    r"\bwerkzoeken[dt]",
    r"\bunemployed\b",
    r"\bjob ?seeker",
    r"looking for (?:a )?(?:job|work)",
    r"(?:en|a la) recherche d'(?:un )?emploi",
    r"perdu mon (?:emplois?|travail|boulot|job)",
    r"lost my job",
    r"\b(?:laid off|made redundant|ontslagen|entlassen|gekundigt)\b",
    r"\blicencie",
    r"\barbeitslos",
    r"\barbeits?suchend",
    r"\b(?:zonder|geen) (?:werk|job)\b",
    r"\b(?:ohne|keine) (?:arbeit|stelle|job)\b",
    r"\b(?:suche|zoek|zoekt) (?:eine |een )?(?:arbeit|stelle|werk|job)\b",
    r"\bout of work\b",
    r"\bwerklo(?:os|ze)\b",
    r"\bno job\b",
    r"\b(?:je |j)?(?:re)?cherche (?:un |du |d'un )?(?:emploi|travail|boulot|job)\b",
    r"\b(?:n'ai|nai|ai) (?:pas|plus) (?:de |d'|d )?(?:emploi|travail|boulot|job)\b",
    r"\bch[oa]u?mage\b",
    r"\b(?:need a job|looking for employment|between jobs|job hunting)\b",
    r"\b(?:auf (?:job|arbeits)suche|stellensuchend|erwerbslos)\b",
)
# "DE" in a counsellor's note: "DE, 42 ans", "DE 34 ans" (checked on the original case)
JOBSEEKER_NOTE = re.compile(r"(?:^|[.,;]\s*)DE\b(?=[ ,]+(?:\d|[A-Z])|\s*(?:[.;]|$))")
WORKER = rx(
    r"\bsalarie(?:e)?\b",
    r"\bje suis (?:employe|employee|ouvrier|ouvriere)\b",
    r"\bemployee? (?:de|dans|chez)\b",
    r"\b(?:je |j'|j)travaille\b",
    r"\b(?:je |j)(?:bosse|taffe)\b",
    r"\b(?:en |and |und )?(?:werk|arbeite) (?:al|nu|momenteel|sinds|seit|schon|als|bij|bei)\b",
    r"\band work (?:as|at|for|in)\b",
    r"\btravailleu(?:r|se)\b",
    r"\ben poste\b",
    r"\bmon employeur",
    r"\bwerknemer\b",
    r"\bi (?:currently )?work (?:as|at|for|in)\b",
    r"\bi (?:currently |still )?work\b(?! (?:on|with|hard)\b)|\bi'?m (?:currently )?working\b",
    r"\bi am employed",
    r"\bik werk\b",
    r"\bich arbeite\b",
    r"\bapres mon (?:travail|boulot)\b",
    r"\bof my job\b",
    r"\bcontinuer a travailler\b",
    r"\bemployed\b",
    r"\bmon (?:patron|chef|contrat de travail)\b|\bmy (?:boss|employer|manager)\b",
    r"\bmijn (?:baas|werkgever)\b|\bmein (?:chef|arbeitgeber)\b",
    r"\bi have a job\b|\bik heb (?:een )?(?:job|werk)\b|\bich habe (?:eine )?(?:arbeit|stelle)\b",
    r"\binterimaire\b",
    r"\buitzendkracht",
    r"\bleiharbeit",
)
STUDENT = rx(
    r"\betudiante?\b",
    r"\bstudent(?:e|in)?\b",
    r"\bstudierende",
    r"\b(?:je fais des|je suis aux) etudes\b|\bj'etudie\b",
    r"\b(?:ik studeer|ich studiere|i'?m studying|i study)\b",
    r"\b(?:je suis |jsuis )?en (?:rheto|derniere annee)\b",
)
NEWCOMER = rx(
    r"viens d'arriver",
    r"\barrivee? (?:en belgique|de |du |d'|il y a)",
    r"primo-?arrivant",
    r"\brefugiee?",
    r"\brefugee\b",
    r"\bvluchteling",
    r"\bfluchtling",
    r"nouvel(?:le)? arrivant",
    r"\bnieuwkomer",
    r"\bneu in belgien",
    r"just moved to",
    r"\b(?:en|in) (?:belgique|belgie|belgium|belgien) (?:depuis|since|sinds|seit) (?:\d+ |un |une |"
    r"quelques |peu|kurzem|kort|a few |few )?(?:mois|ans?|semaines|months?|years?|weeks|"
    r"maanden|jaar|weken|monaten|jahr|wochen)?",
    r"\barrived in (?:belgium|brussels)",
    r"\b(?:came|moved) to belgium\b|\bkwam naar belgie\b|\bkam nach belgien\b",
    r"\b(?:recently arrived|recemment arrivee?|onlangs in belgie)\b",
    r"\b(?:nouvelle?|nouveau) (?:en belgique|dans le pays)\b|\bnew (?:in|to) (?:belgium|"
    r"this country)\b|\bnieuw in (?:belgie|dit land)\b|\bneu (?:in diesem land|hier)\b",
    r"\b(?:net|pas|onlangs) (?:in \w+ )?aangekomen",
    r"\bseit kurzem in belgien",
    r"\bmoved to \w+ from\b",
    r"demandeu(?:r|se) d'asile",
    r"\basylum",
    r"pas de papiers belges",
    r"\b(?:titre|permis|carte) de sejour\b|\bverblijfsvergunning|\baufenthalts(?:titel|erlaubnis)",
    r"\bresidence permit\b",
)
SINGLE_PARENT = rx(
    r"\b(?:maman|mere|papa|pere|parent|mum|mom|dad|father|mother|moeder|vader|ouder|mutter|"
    r"vater)\s+(?:solo|seule?|celibataire|isolee?|alone)\b",
    r"\b(?:single|alleenstaande|alleinerziehende?r?)\s+(?:mum|mom|dad|parent|mother|father|"
    r"moeder|vader|ouder|mutter|vater|mama|papa|mam)\b",
    r"\balleinerziehend",
    r"\bseule? avec (?:mes |mon |ma |\d+ |deux |deu |trois |quatre )?(?:\w+ )?(?:enfants?|enfan|"
    r"gosses|petits|fils|fille|filles)",
    r"\balone with (?:my |two |three |\d )?(?:kids|children)",
    r"\bfamille monoparentale",
    r"\beenoudergezin",
)
DISABILITY = rx(
    r"\bhandicap",
    r"\bchaise roulante",
    r"\bfauteuil roulant",
    r"\bwheelchair",
    r"\brolstoel",
    r"\brollstuhl",
    r"\bmalvoyante?",
    r"\baveugle",
    r"\bsourde?\b",
    r"\baviq\b",
    r"\binvalidit",
    r"\bdisab",
    r"\bgehandicapt",
    r"\bbeperking",
    r"\bbehinder",
    r"\bblind\b",
    r"\bdeaf\b",
    r"\bimpairment",
    r"\bslechtziend",
    r"\bslechthorend",
    r"\bmalentendant",
    r"\bsehbehindert",
    r"\bgehorlos",
    r"\bpmr\b",
    r"\bautis",
)
WOMAN_WORDS = rx(
    r"\bmme\b",
    r"\b(?:mevrouw|mevr|mrs|ms|mlle|mademoiselle)\b",
    r"\bmadame\b",
    r"\bfemme\b",
    r"\bmaman\b",
    r"\bmere (?:de|celibataire|seule|solo)",
    r"\bfrau\b",
    r"\bmutter\b",
    r"\bvrouw\b",
    r"\bmoeder\b",
    r"\bwoman\b",
    r"\b(?:single|i'm a|i am a|as a|working) (?:mum|mom|mother)\b",
    r"\bje suis (?:une )?(?:prete|seule|motivee|interessee)",
    r"\b(?:je vis|vit|j'habite|habite) seule\b",
    r"\bje suis (?:une )?(?:nee|mariee|veuve|perdue|retraitee)\b",
    r"(?:^|[.,;]\s*)nee (?:en|le|a)\b",
    r"\b(?:enceinte|pregnant|zwanger|schwanger|female|vrouwelijk|weiblich)\b",
    r"\b(?:hausfrau|huisvrouw|housewife|femme au foyer|mere au foyer)\b",
    # feminine participles the person uses of themself
    r"\b(?:refugiee|licenciee|arrivee|diplomee|inscrite|divorcee|separee|installee)\b",
)
# A feminine noun or participle the person uses of themself, after a self-reference.
_SELF = (
    r"\b(?:je suis|jsuis|je sui|chui|j'etais|jetais|j'ai (?:longtemps |deja )?ete|jai ete|comme|"
    r"ancienne|devenir|"
    r"(?:mon|son) (?:emplois?|travail|boulot|job|poste) de|ex-)\s*(?:une |un |)"
)
WOMAN_FORM = re.compile(
    _SELF + r"(?:\w+[- ])?(\w+(?:iere|euse|ante|ee|rice|enne|esse|ere))\b"
    r"|(?:^|[,.;]\s*)(?:\w+ )?(?:licenciee|arrivee|diplomee|inscrite)\b"
    r"|\b(?:als|ehemalige|bin eine|fruher|vorher)\s+(?:\w+ )?\w+(?:erin|torin|in)\b"
    # Dutch "-ster": "als kassierster", "vroeger poetsster"
    r"|\b(?:als|ex-?|vroeger|ik ben|ik was)\s+(?:\w+ )?\w{3,}(?<!mei)(?<!prie)(?<!mee)ster\b"
    # "poetsvrouw", "Putzfrau": a woman's job noun
    r"|\b\w{3,}(?:vrouw|frau)\b"
    r"|\bich bin \w{4,}(?:erin|entin|torin|antin)\b"
)
# More of the person's own feminine words: an age said of herself ("âgée de 47 ans"), a
# participle or adjective after "je me suis" / "je suis" ("inscrite", "nouvelle", "sportive"),
# a job noun after the Dutch and German inverted self ("vroeger was ik verpleegster", "in Kiew
# war ich Krankenschwester"), a note that opens on one ("Studentin, 22") or speaks of "her".
WOMAN_MORE = rx(
    r"\bagee (?:de )?\d",
    r"\b(?:je suis|jsuis|chui|je me suis|me suis)(?: tres| vraiment| deja| une)? "
    r"(?:\w{3,}(?:elle|ciale)|inscrite|instruite)\b",
    r"\b(?:was ik|ben ik|war ich|bin ich|ik was|ich war|ik ben|ich bin)(?: \w+){0,3}? "
    r"\w{3,}(?:ster|vrouw|erin|torin|istin|schwester|frau)\b",
    r"(?:^|[.;]\s*)\w{3,}(?:erin|istin|torin|entin)\b|(?:^|[.;]\s*)studentin\b",
    r"\b(?:i'?m|i am) an? (?:[\w-]+ )?(?:mum|mom|mother|housewife|woman|lady)\b",
    r"\bcomme \w+ciale\b",
)
# "she", "her": a note about the person, unless another person is named
WOMAN_PRONOUN = re.compile(r"\b(?:she|her|herself)\b")
OTHER_PERSON = re.compile(
    r"\b(?:my|his|mon|ma|mijn|mein|meine) (?:wife|daughter|mother|mum|mom|sister|girlfriend|"
    r"partner|friend|femme|fille|mere|soeur|vrouw|dochter|moeder|zus|frau|tochter|mutter|"
    r"schwester)\b"
)
_FORMER = re.compile(r"(?:\bex-?|\banciens?|\banciennes?|\bformer|\bvoormalige?|\behemalige?)\s*$")
_NOT_FEMININE = frozenset({"ante", "ee", "rice"})  # too short to be an ending

AGE_UNIT = (
    r"(?:ans|an|a\.|[- ]?years?[- ]old|y/o|yo|jaar|j\.|jahre alt|jahre|-?jarige?|-?jahrige?r?|j)"
)
AGE_AFTER = re.compile(r"\b(\d{2})\s*" + AGE_UNIT + r"(?![a-z])")
AGE_BEFORE = re.compile(
    r"\b(?:j'ai|jai|j ai|i'm|im|i am|aged|agee? de|ik ben|ich bin|bin|age|leeftijd|alter)"
    r"\s*:?\s+(\d{2})\b"
    r"(?!\s*(?:heures?|h\b|euros?|km|min|uur|hours|stunden|%))"
)
# the same, the number written out: "j'ai cinquante-deux ans", "I'm fifty", "ik ben twintig"
# (after a self-reference or opening a note's field: "vingt ans" alone is often a duration)
AGE_WORDS_AFTER = re.compile(
    rf"(?:^|[,(]\s*|\b(?:j'ai|jai|i'm|im|i am|ik ben|ich bin|bin|agee? de|aged) )({NUMBER})\s*"
    + AGE_UNIT
    + r"(?![a-z])"
)
AGE_WORDS_BEFORE = re.compile(
    rf"\b(?:j'ai|jai|i'm|im|i am|aged|agee? de|ik ben|ich bin)\s+({NUMBER})\b"
    r"(?!\s*(?:heures?|h\b|euros?|km|min|uur|hours|stunden|%))"
)
AGE_NOTE = re.compile(r"(?:^|[,(]\s*)(\d{2})\s*(?=[,)])")  # "Jobseeker, 33, Anderlecht"
_DURATION_BEFORE = re.compile(
    r"\b(?:depuis|pendant|pendent|pandant|durant|for|since|seit|sinds|al|already|deja|il y a|"
    r"ago|plus de|vorher|davor|fruher|vroeger|avant|before|"
    r"travaille|travail|travaille|"
    r"(?:ecole|school|schule|etudes|studies|secondaire) (?:a|at|op|mit))\s*$"
)
_DURATION_AFTER = re.compile(
    r"\s*(?:de |d'|en |dans |comme |chez |of |in |as |als |bij |at |ago|geleden|experience|"
    r"ervaring|au |a |aux |bei |im |als |lang|gearbeitet|gewerkt|worked)"
)


# An age said as a decade or a bound: "la cinquantaine", "in my fifties", "in de vijftig",
# "Mitte fünfzig", "plus de 50 ans", "early twenties", with a representative age.
DECADES = {
    55: rx(
        r"\b(?:cinquantaine|soixantaine|quinquagenaire|sexagenaire)\b",
        r"\b(?:in (?:my|her|his) |late |early |mid[- ])(?:fifties|sixties)\b",
        r"\bin de (?:vijftig|zestig)\b|\b(?:vijftig|zestig)plusser|\b50-?plusser",
        r"\b(?:mitte|ende|anfang) (?:funfzig|sechzig)\b|\bin den (?:funfzigern|sechzigern)\b",
        r"\bfin de la quarantaine\b|\blate forties\b|\beind (?:de )?veertig\b|\bende vierzig\b",
        r"\b(?:plus de|over|ouder dan|uber) (?:50|55|60) (?:ans|years|jaar|jahre)?",
        r"\b(?:45|50|55|60) ?\+",
    ),
    20: rx(
        r"\bdebut de la vingtaine\b|\b(?:early twenties|teenager|in my teens)\b",
        r"\bbegin twintig\b|\banfang zwanzig\b|\bmoins de 25 ans\b|\bunder 25\b",
        r"\bje suis jeune\b|\bjongere\b|\bjugendliche?r?\b|\bneet\b",
    ),
}


# a birth year: "née en 1972", "born in 2003", "geboren in 1968", "geb. 1970"
BIRTH_YEAR = re.compile(
    r"\b(?:ne|nee|born|geboren|geb\.?)\s+(?:en |in |le |am |op |on )?"
    r"(?:\d{1,2}[ ./-](?:\w+|\d{1,2})[ ./-])?(19[3-9]\d|20[01]\d)\b"
)


def ages(folded: str) -> Iterator[tuple[int, Span]]:
    """Ages stated in ``folded`` text, with their spans; durations are skipped, and ages
    of other people."""
    for pattern in (AGE_BEFORE, AGE_AFTER, AGE_NOTE, AGE_WORDS_BEFORE, AGE_WORDS_AFTER):
        for m in pattern.finditer(folded):
            before = folded[max(0, m.start() - 22) : m.start()]
            if SOMEONE_ELSE.search(before):  # "mon fils de 18 ans": someone else's age
                continue
            if pattern not in (AGE_BEFORE, AGE_WORDS_BEFORE):
                before = folded[max(0, m.start() - 14) : m.start()]
                if _DURATION_BEFORE.search(before) or _DURATION_AFTER.match(folded, m.end()):
                    continue
            said = m.group(1)
            yield (int(said) if said.isdigit() else NUMBER_WORDS[said]), m.span()
    for m in BIRTH_YEAR.finditer(folded):
        yield date.today().year - int(m.group(1)), m.span()
    for age, decade in DECADES.items():
        if said := decade.search(folded):
            yield age, said.span()


def statuses(text: str, folded: str, scopes: list[Scope]) -> dict[str, Span]:
    """Each status the text states, with the span it was read from."""
    found: dict[str, Span] = {}
    for name, pattern in (
        ("jobseeker", JOBSEEKER),
        ("student", STUDENT),
        ("newcomer", NEWCOMER),
        ("single_parent", SINGLE_PARENT),
        ("disability", DISABILITY),
        ("woman", WOMAN_WORDS),
    ):
        if m := pattern.search(folded):
            found.setdefault(name, m.span())
    for name, span in status_words(folded, scopes).items():  # "CPAS", "AVIQ", "Studentin"
        found.setdefault(name, span)
    if m := JOBSEEKER_NOTE.search(text):
        found.setdefault("jobseeker", m.span())
    for m in WORKER.finditer(folded):
        if "travaill" in m[0] and "é" in text[m.start() : m.end()].casefold():
            continue  # "j'ai travaillé", "jé travaillé": the past, folded like the present
        if _FORMER.search(folded[max(0, m.start() - 12) : m.start()]):
            continue  # "ex-employée de", "ancien salarié": a job left
        if in_past_clause(folded, m.span()):
            continue  # "anciennement employé de banque", "jusqu'en 2020 je travaillais"
        if negated(m.span(), scopes) is None and not _negated_verb(folded, m.end(), scopes):
            found.setdefault("worker", m.span())
            break
    if "woman" not in found:
        for m in WOMAN_FORM.finditer(folded):
            word = m.group(1)
            if word is None or len(word) > 5:
                found["woman"] = m.span()
                break
    if "woman" not in found and (m := WOMAN_MORE.search(folded)):
        found["woman"] = m.span()
    pronoun = WOMAN_PRONOUN.search(folded)
    if "woman" not in found and pronoun and not OTHER_PERSON.search(folded):
        found["woman"] = pronoun.span()
    mother = re.search(r"\b(?:maman|mere|mum|mom|mother|moeder|mutter|femme)\b", folded)
    if "single_parent" in found and "woman" not in found and mother:
        found["woman"] = found["single_parent"]
    for age, span in ages(folded):
        if group := age_group(age):  # the one definition of the age groups
            found.setdefault(group, span)
        break
    return found


def _negated_verb(folded: str, end: int, scopes: list[Scope]) -> bool:
    """Whether a negation follows the verb at once: "je travaille plus", "ik werk niet"."""
    return any(end <= s.cue[0] <= end + 2 for s in scopes)
