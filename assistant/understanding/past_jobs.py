"""The job the person holds or held, read from the words around it rather than from a list of
jobs: what follows "j'ai travaillé (10 ans) comme", "ancienne", "ex-", "je travaille (de nuit)
dans", "perdu mon emploi de", "I worked as", "I used to work in", "ik werk als", "ich arbeite
als", "Ehemaliger", or sits between "als"/"in een" and a final "gearbeitet"/"gewerkt". The
phrase is kept as the person wrote it (misspelt or not in the lexicon), and leaves the topic:
the goal is never the job the person is leaving.
"""

from __future__ import annotations

import re

Span = tuple[int, int]


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_CUE = re.compile(
    r"(?:\b(?:j'ai|jai|j ai|je|jé)(?: longtemps| toujours| surtout| deja| beaucoup| souvent)?"
    r" (?:ete|travaill\w*|bosse\w*)|\bj'etais|\bjetais|"
    r"\b(?:je |j'|j)travaille|\bje bosse)"
    # up to two words between: "j'ai longtemps travaillé en", "je travaille de nuit dans"
    r"(?:\s+(?:\d+ ans?|pendant \d+ ans?|l'apres-midi|a mi-temps|a temps partiel|longtemps|"
    r"toujours|surtout|deja|beaucoup|actuellement|encore|de nuit|de jour|le matin|le soir|"
    r"plusieurs annees|des annees)){0,2}?"
    r"\s+(?:comme|en tant que|dans|chez|en)\b"
    # "quinze ans de carrière comme", "8 years as a", "10 jaar als"
    r"|\b(?:ans|annees|years|jaar|jaren|jahre|jahren)\b(?: de (?:carriere|metier|travail))?"
    r" (?:comme|en tant que|as an?|as|als)\b"
    r"|\b(?:my background is in|mon parcours est dans|je viens du secteur d[eu']?|"
    r"ik kom uit de|ich komme aus der)\b"
    r"|\bwas ik\b|\bwar ich\b"
    # "après vingt ans dans le bâtiment (comme plafonneur)", "after 10 years in retail as"
    r"|\b(?:apres|after|na|nach)\s+[a-z0-9]+\s+(?:ans|annees|years|jaar|jahren?)"
    r"(?:\s+(?:dans|in|en|bij|im|chez)\s+(?:le |la |l'|les |de |het |der |the )?[a-z'-]+)?"
    r"\s+(?:comme|as an?|as|als|en tant que)\b"
    # "j'ai été vendeur", "jai ete caissiere": a job held
    r"|\b(?:j'ai|jai|j ai|jé)(?: longtemps| toujours| deja| aussi| d'abord)? ete\b"
    # "j'ai fait caissière pendant 10 ans", "j'ai fait de la vente": a job done
    r"|\b(?:j'ai|jai|j ai) (?:longtemps |deja )?fait (?:de la |du |de l'|des )?(?=[a-z'-]+ "
    r"(?:pendant|durant|depuis|\d|[a-z]+ ans))"
    r"|\b(?:mon |son )?(?:ancien |dernier )(?:poste|emploi) (?:de|d')|\bmon (?:poste|emploi) de\b"
    r"|\bmy (?:old |previous |last )?job as\b"
    # "I'm a cashier", "ik ben een kassier", "ich bin Verkäuferin": the person's own job, read
    # by the article or the ending of the noun (:data:`_JOB_ENDING`)
    r"|\b(?:i'?m an?|i am an?|ik ben(?: een)?|ich bin(?: ein| eine)?)\s+(?=[a-z'-]+\b)"
    # a note's "Früher Friseurin", "Vroeger: poetshulp", "Autrefois maçon"
    r"|(?:^|[.,;:]\s*)(?:fruher|vroeger|autrefois|formerly|previously|anciennement)\b\s*:?"
    # a note's key: "Dernier emploi : caissier", "Beroep: lasser", "Previous job: waiter"
    r"|\b(?:experience|ervaring|erfahrung|berufserfahrung|dernier (?:emploi|poste|job|metier)|"
    r"metier d'origine|ancien metier|beroep|laatste (?:job|werk|beroep)|beruf|letzte stelle|"
    r"previous (?:job|position|occupation)|last job|former (?:job|occupation)|profession|"
    r"occupation)\s*:\s*(?:\d+ (?:ans|years|jaar|jahre)\s+(?:de |d'|comme |als |as )?)?"
    r"|\b(?:d'experience|years? of experience|jaar ervaring|jahre erfahrung) "
    r"(?:en|dans|comme|in|as|als)\b"
    r"|\b(?:experience|ervaring|erfahrung) (?:in|as|als|en|comme)\b"
    r"|\bik werkte (?:als|in|bij)\b"
    r"|\bwerkte ik (?:\w+ )?(?:als|in|bij)\b|\barbeitete ich (?:\w+ )?(?:als|in|bei)\b"
    r"|\b(?:i'?ve|ive) worked (?:as|in|at)\b"
    # the present job and its length: "je suis aide-soignante depuis 10 ans", "ik ben kok sinds"
    r"|\b(?:je suis|jsuis|chui|i'?m|i am|ik ben|ich bin)"
    r"(?= (?:deja |al |schon )?(?:un |une |a |an |een |ein |eine )?[a-z'-]+(?: [a-z'-]+)? "
    r"(?:depuis|for|sinds|seit) (?:\d|[a-z]+ (?:ans|years|jaar|jahren)))(?: deja| al| schon)?"
    r"|\b(?:je |j'|j)(?:bossais|travaillais)\s+(?:comme|en|dans|chez)\b"
    r"|\bj'etais\b|\bjetais\b"
    r"|\b(?:ancien|ancienne|anciens|voormalige?|ehemalige?r?|ex)\b[- ]?"
    # English "former", not French "se former à"
    r"|(?<!se )(?<!me )(?<!te )\bformer\b(?! (?:a|au|aux|en|dans|sur|pour|chez)\b)"
    r"|\bex-"
    r"|\bperdu mon (?:emplois?|travail|boulot|job|poste) (?:de|d'|comme)"
    r"|\blost my job as"
    r"|\b(?:laid off|fired|dismissed|made redundant) from\b"
    r"|\bi (?:used to work|worked|work|was working|have worked)(?: part-time| full-time| nights|"
    r" currently| for \w+ years)? (?:as|in|at)\b"
    r"|\bi was an?\b"
    r"|\b(?:i've|i have|ive) been (?:working as|an?)\b"
    r"|\b(?:avant|autrefois|before|vroeger|fruher|vorher),? (?:je faisais|i did|ik deed|"
    r"machte ich)\s+(?:du |de la |de l'|des )?"
    r"|\bik was (?:vroeger |eerst |jaren )?"
    r"|\b(?:fruher|vorher) war ich\b|\bich war (?:fruher |vorher |jahrelang )?"
    r"|\bmon (?:ancien )?(?:metier|job|boulot|travail)\s*(?::|etait|c'etait|est)\s*"
    r"|\bmy (?:old |previous |last )?job was(?: as)?\b"
    r"|\bik (?:werk|werkte|was|ben) (?:\w+ )?als\b"
    r"|\bich (?:arbeite|arbeitete|war) (?:\w+ )?als\b"
)
# the field of those years: "après vingt ans dans le bâtiment", "after ten years in retail"
_YEARS_IN = re.compile(
    r"\b(?:apres|after|na|nach)\s+[a-z0-9]+\s+(?:ans|annees|years|jaar|jahren?)\s+"
    r"(?:dans|in|en|bij|im|chez)\b"
)
# the job before its trade word: "maçon de métier", "a welder by trade", "kok van beroep"
_BY_TRADE = re.compile(
    r"\b(?P<job>[a-z'-]{3,})\s+(?:de metier|de profession|by trade|van beroep|von beruf)\b"
)
# Dutch and German put the verb last: "in een fabriek (in Genk) gewerkt", "als Lagerarbeiter
# (in Aachen) gearbeitet".
_VERB_LAST = re.compile(
    r"\b(?:als|in een|in de|bij een|in einer|in einem|bei einer|bei)\s+"
    r"(?P<job>[^\s,.;!?]+(?:\s+[^\s,.;!?]+)?)[^,.;!?]{0,30}?\b(?:gewerkt|gearbeitet)\b"
)
_ARTICLES = _wordset(
    "un une le la l les a an the een de het ein eine einem einer du des mon ma my plusieurs als "
    "several that this ce cet cette dat dit dieser diesem diese"
)
_STOP = _wordset(
    "a à au aux in at for pour pendant depuis since seit sinds mais et and en maar und "
    "aber car donc from de van aus but because so now maintenant nu jetzt bij op chez "
    "dans with avec met mit je j i ik ich il qui gewerkt gearbeitet comme as als"
)
# words about having a job, not a job: "mon ancien boulot", "ex-collègue"
_NOT_JOBS = _wordset(
    "boulot travail job emploi metier poste employeur collegue mari femme copain copine "
    "patron werk arbeit beruf work company cours formation ecole stage maison appartement "
    "quartier collegue voisin voisine ami amie vie temps projet entreprise societe "
    # states, not jobs: "j'ai été licenciée", "j'ai été malade"; verbs after "früher"
    "licencie licenciee malade blesse blessee operee opere enceinte oblige obligee force forcee "
    "victime absent absente inscrit inscrite seul seule tres longtemps souvent deja "
    "habe hab heb had war was ai avais etais ben bin is ist heb "
    # durations: "ich war 15 Jahre als ..."
    "ans an annees jahre jahren jaar jaren years year mois maanden monate months "
    # states and places after "je suis ... depuis": not jobs
    "demandeur demandeuse chomeur chomeuse inscrit inscrite sans arrive arrivee ici la malade "
    "maman papa mere pere marie mariee divorce divorcee belge student etudiant etudiante "
    "stagiaire werkloos werkzoekend arbeitslos unemployed here hier "
    "werkte arbeitete worked travaillais bossais deed machte did "
    # after "I'm a" / "ik ben een": not jobs
    "bit little lot mother mum mom father dad woman man person refugee newcomer single parent "
    "beginner foreigner moeder vader vrouw mutter vater frau mann big huge fan good quick fast "
    "young old new motivated hard hardworking reliable friendly people nieuwkomer "
    "vluchteling fluchtling anfanger anfangerin beginner beginneling mama papa "
    "nog niet gerne gern sehr zo heel echt erg really very not alleenstaande alleinerziehende "
    "beetje bisschen wenig year-old years-old jarige jahrige stay-at-home recent native proud "
    "fast-learner learner quick-learner volunteer vrijwilliger absolute complete total "
    "werkzoekende werkzoekent ca cela ce"
)
_WORD = re.compile(r"[a-z][a-z'-]*")


# Endings of job nouns in the four languages, for "ik ben X" / "ich bin X" without an article
_JOB_ENDING = re.compile(
    r"(?:ier|iere|eur|euse|ien|ienne|iste|aire|trice|er|ster|aar|kundige|hulp|vrouw|man|or|ist|"
    r"ian|ant|erin|istin|kraft|mann|frau|koch|kok|cook|nurse|chef)$"
)
_BARE_SELF = re.compile(r"\b(?:ik ben|ich bin)\s*$")


def past_job_spans(folded: str) -> list[Span]:
    """Spans of the jobs held, in ``folded`` text (lower case, no accents)."""
    spans: list[Span] = []
    for m in _CUE.finditer(folded):
        span = _phrase(folded, m.end())
        if span is not None and _BARE_SELF.search(m.group(0)):
            # "ik ben 45", "ich bin arbeitslos": only a word with a job's ending is a job
            word = folded[span[0] : span[1]].split()[0]
            span = (span[0], span[0] + len(word)) if _JOB_ENDING.search(word) else None
        if span is not None:
            spans.append(span)
    for m in _YEARS_IN.finditer(folded):
        span = _phrase(folded, m.end())
        if span is not None:
            spans.append(span)
    for m in _BY_TRADE.finditer(folded):
        if m.group("job") not in _NOT_JOBS and m.group("job") not in _STOP:
            spans.append(m.span("job"))
    for m in _VERB_LAST.finditer(folded):
        span = _phrase(folded, m.start("job"), skip_articles=False)
        if span is not None:
            spans.append(span)
    return sorted(set(spans))


def _phrase(folded: str, pos: int, *, skip_articles: bool = True) -> Span | None:
    """The noun phrase starting at ``pos`` (articles skipped), up to three words."""
    words = list(_WORD.finditer(folded, pos))
    k = 0
    while skip_articles and k < len(words) and words[k].group(0).strip("'") in _ARTICLES:
        k += 1
    if k >= len(words) or _PUNCT.search(folded[pos : words[k].start()]):
        return None
    first = words[k]
    if first.group(0) in _NOT_JOBS or first.group(0) in _STOP:
        return None
    end = first.end()
    rest = words[k + 1 : k + 3]
    for n, w in enumerate(rest):
        gap = folded[end : w.start()]
        if gap.strip():
            break
        if w.group(0) in _OF and n + 1 < len(rest):
            # "agent de sécurité", "employée de nettoyage", "chauffeur de bus"
            noun = rest[n + 1]
            if folded[w.end() : noun.start()].strip() or _blocked(noun.group(0)):
                break
            end = noun.end()
            break
        if w.group(0) in _STOP:
            break
        end = w.end()
    return first.start(), end


_OF = frozenset({"de", "du", "d", "van", "von", "of"})


def _blocked(word: str) -> bool:
    return word.strip("'") in _ARTICLES or word in _STOP or word in _NOT_JOBS


_PUNCT = re.compile(r"[,.;:!?()]")
