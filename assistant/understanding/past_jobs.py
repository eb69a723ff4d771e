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
    r" (?:ete|travai?l+\w*|bosse\w*|taffe\w*|trvail+\w*)|\bj'etais|\bjetais|"
    r"\b(?:je |j'|j)travaille|\bje bosse)"
    # up to two words between: "j'ai longtemps travaillé en", "je travaille de nuit dans"
    r"(?:\s+(?:\d+ ans?|pendant \d+ ans?|l'apres-midi|a mi-temps|a temps partiel|longtemps|"
    r"toujours|surtout|deja|beaucoup|actuellement|encore|de nuit|de jour|le matin|le soir|"
    r"plusieurs annees|des annees)){0,2}?"
    r"\s+(?:comme|en tant que|dans|ds|chez|en)\b"
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
    r"|\b(?:j'ai|jai|j ai) (?:longtemps |deja )?fait (?:de la |du |de l'|des |la |le |l')?"
    r"(?=[a-z'-]+ "
    r"(?:pendant|durant|depuis|\d|[a-z]+ ans))"
    r"|\b(?:mon |son )?(?:ancien |dernier )(?:poste|emploi) (?:de|d')|\bmon (?:poste|emploi) de\b"
    r"|\bmy (?:old |previous |last )?job as\b"
    # "I'm a cashier", "ik ben een kassier", "ich bin Verkäuferin": the person's own job, read
    # by the article or the ending of the noun (:data:`_JOB_ENDING`)
    r"|\b(?:i'?m an?|i am an?|ik ben(?: een)?|ich bin(?: ein| eine)?)\s+(?=[a-z'-]+\b)"
    r"(?!(?:al |schon )?(?:sinds |seit )?(?:\d+|[a-z]+) (?:jaar|jahre|jahren)\b)"
    # a note's "Früher Friseurin", "Vroeger: poetshulp", "Autrefois maçon"
    r"|(?:^|[.,;:]\s*)(?:fruher|vroeger|autrefois|formerly|previously|anciennement)\b\s*:?"
    # a note's key: "Dernier emploi : caissier", "Beroep: lasser", "Previous job: waiter"
    r"|\b(?:experience|ervaring|erfahrung|berufserfahrung|dernier (?:emploi|poste|job|metier)|"
    r"metier d'origine|ancien metier|beroep|laatste (?:job|werk|beroep)|beruf|letzte stelle|"
    r"previous (?:job|position|occupation)|last job|former (?:job|occupation)|profession|"
    r"occupation|parcours|metier|werkervaring|bisherige tatigkeit|tatigkeit|job)\s*:\s*"
    r"(?:\d+ (?:ans|years|jaar|jahre)\s+(?:de |d'|comme |als |as |dans (?:la |le |l'|les )?|en |"
    r"in (?:de |het |the )?|im |bei )?)?"
    r"|\b(?:d'experience|years? of experience|jaar ervaring|jahre erfahrung) "
    r"(?:en|dans|comme|in|as|als)\b"
    r"|\b(?:experience|ervaring|erfahrung) (?:in|as|als|en|comme)\b"
    # "j'ai une expérience dans la vente", "ik heb ervaring bij", "ich habe Erfahrung im"
    r"|\b(?:j'ai|jai|i have|i've|ive|ik heb|ich habe|ich hab)\s+(?:une |de l'|an |some |wat |"
    r"etwas |veel |viel |beaucoup d')?(?:[a-z]+ )?(?:experience|ervaring|erfahrung) "
    r"(?:dans|chez|im|bij|bei|at)\b"
    # "j'ai fait 12 ans de maçonnerie", "I spent ten years in construction"
    r"|\b(?:j'ai|jai) (?:fait|passe) [a-z0-9]+ (?:ans|annees) (?:de|d'|dans|en|comme|chez)\s*"
    r"|\bi spent [a-z0-9]+ years (?:working )?(?:in|as|at)\b"
    # the verb before its complement in Dutch and German too: "ik heb gewerkt als lasser"
    r"|\bik heb (?:[a-z0-9]+ ){0,2}gewerkt (?:als|in|bij)\b"
    r"|\bich habe? (?:[a-z0-9]+ ){0,2}gearbeitet (?:als|in|im|bei)\b"
    r"|\bi used to be an?\b"
    # a counsellor's note speaks of the person: "a travaillé comme", "has worked in", "werkte
    # als", "heeft 10 jaar in de bouw gewerkt", "arbeitete bei", "war als ... tätig"
    r"|\ba (?:longtemps |deja |surtout |toujours )?(?:travai?l+ee?|bossee?)\b(?: [a-z0-9]+ ans?)?"
    r" (?:comme|dans|chez|en)\b"
    r"|\ba (?:longtemps |deja |surtout )?ete\b(?= (?:un |une )?[a-z'-]+ (?:pendant|durant|\d|chez))"
    r"|\b(?:travaillait|bossait|faisait) (?:comme|dans|chez|en)\b"
    r"|\b(?:(?:has|had) )?(?:previously |formerly )?worked (?:[a-z0-9]+ years )?(?:as|in|at)\b"
    r"|\b(?:was|has been) employed (?:as|in|at|by)\b|\bused to work (?:as|in|at)\b"
    r"|\b(?:heeft|had) (?:[a-z0-9]+ ){0,2}gewerkt (?:als|in|bij)\b"
    r"|\bwerkte (?:[a-z0-9]+ ){0,2}(?:als|in|bij)\b"
    r"|\b(?:hat|hatte) (?:[a-z0-9]+ ){0,2}gearbeitet (?:als|in|im|bei)\b"
    r"|\barbeitete (?:[a-z0-9]+ ){0,2}(?:als|in|im|bei)\b"
    # a sector worked in: "je suis dans le bâtiment", "ik zit in de zorg"
    r"|\b(?:je suis|jsuis|chui|ik zit|ik sta) (?:deja |al |[a-z0-9]+ jaar )?(?:dans|ds|in) "
    r"(?:le|la|l'|de|het)\b"
    # a trade learnt: "gelernter Maurer", "gewezen kok"
    r"|\b(?:gelernte?r?|ausgebildete?r?|gewezen)\s+"
    # leaving a trade: "je veux quitter la vente", "I want to leave retail", "weg uit de zorg"
    r"|\b(?:quitter|sortir de|leave|get out of|weg uit|raus aus|verlassen) (?:le |la |l'|les |the |"
    r"my |mon |ma |de |het |der |die |dem )?(?=[a-z])"
    # a past activity: "je faisais du nettoyage", "je faisais de la vente"
    r"|\b(?:je |j)faisais (?:du |de la |de l')"
    r"|\bmy (?:old |previous |last )?job was (?:in|at)\b"
    r"|\bmijn (?:vorige |laatste |oude )?(?:job|werk|beroep|functie) was (?:als |in |bij )?"
    r"|\bmein (?:letzter |fruherer |alter )?(?:job|beruf) war (?:als |im |in |bei )?"
    r"|\bmeine (?:letzte |fruhere |alte )?(?:stelle|arbeit) war (?:als |im |in |bei )?"
    r"|\b(?:mon |son )?(?:ancien |dernier )(?:poste|emploi|travail|job|boulot) "
    r"(?:etait |c'etait )?(?:dans|chez|en)\b"
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
    r" currently| for \w+ years)? (?:as|in|at|on)\b"
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
    # retired from a job or an employer: "retraité de la SNCB", "retired from the army"
    r"|\b(?:retraitee?|prepensionnee?|pensionnee?) (?:de la |de l'|du |des |de )"
    r"|\bretired (?:from|as) (?:the |a |an )?|\bgepensioneerd (?:als|bij|van) (?:de |het )?"
    r"|\b(?:pensioniert|in rente) (?:als|von|bei) (?:der |dem |den )?"
    # a time word, then the years of a job: "vorher 20 Jahre Maurer", "avant, 10 ans caissière"
    r"|\b(?:vorher|davor|fruher|vroeger|avant|before|previously|autrefois),? "
    r"(?:\d+|[a-z]+) (?:jahre|jaar|jaren|ans|annees|years) (?:als |comme |as an? |as )?"
    # one's job said as a noun: "mon dernier job, c'était préparateur", "mon métier c'est maçon"
    r"|\b(?:mon|son) (?:ancien |dernier |precedent )?(?:job|emploi|poste|boulot|metier|travail)"
    r",? (?:c'etait|c'est|etait) (?:un |une |de |d')?"
    # temp work in a field: "en intérim dans une usine", "intérimaire dans le bâtiment"
    r"|\b(?:en interim|interimaire|uitzendkracht|leiharbeiter(?:in)?) "
    r"(?:dans|chez|comme|in|bij|als|im|bei)\b"
    # the present job and its length said first: "ik ben al 3 jaar kapster", "je suis depuis
    # 10 ans caissière", "ich bin seit 5 Jahren Koch"
    r"|\b(?:je suis|jsuis|ik ben|ich bin) (?:deja |al |schon )?(?:depuis |sinds |seit )?"
    r"(?:\d+|[a-z]+) (?:ans|jaar|jahre|jahren) (?:als |comme )?"
    # years spent at a job, a career, a sector left: "j'ai passé 12 ans derrière une caisse",
    # "j'ai fait carrière dans la banque", "après une carrière de commercial", "je sors de
    # l'horeca", "Ma carrière : 15 ans de vente"
    r"|\b(?:j'ai|jai) (?:passe|fait) (?:\d+|[a-z]+|des) (?:ans|annees) (?:derriere|dans|en|comme|"
    r"a|au|chez|sur) (?:une |un |la |le |l'|les |des )?"
    r"|\b(?:fait |une |ma |sa )?carriere (?:de|d'|dans|en|comme) (?:la |le |l'|les )?"
    r"|\bje sors (?:de l'|du |de la |des )"
    r"|\b(?:ma carriere|mon parcours|my career|mijn loopbaan|meine laufbahn)\s*:\s*"
    r"(?:\d+ (?:ans|years|jaar|jahre) (?:de |d'|dans |of |in |als |as )?)?"
    # the job said by its verb: "I drove trucks", "j'ai tenu un snack", "j'ai conduit des bus"
    r"|\bi (?:drove|cleaned|sold|cooked|ran|managed|built|taught|repaired|delivered)\s+"
    r"(?:a |an |the )?"
    r"|\b(?:j'ai|jai) (?:tenu|gere|conduit|nettoye|vendu|repare|livre) (?:un |une |des |les |le |"
    r"la |l')?"
    # a contract just ended: "je viens de terminer un contrat de magasinier"
    r"|\b(?:termine|terminer|fini|finir|fin de|finished|ended|afgerond|beendet) (?:mon |un |ma |"
    r"my |a |mijn |een |meinen |einen )?(?:contrat|contract|cdd|mission|contract|vertrag)"
    r"(?: d'interim)? (?:de|d'|comme|as|als)\b"
)
# the field of those years: "après vingt ans dans le bâtiment", "after ten years in retail"
_YEARS_IN = re.compile(
    r"\b(?:apres|after|na|nach)\s+[a-z0-9]+\s+(?:ans|annees|years|jaar|jahren?)\s+"
    r"(?:dans|in|en|bij|im|chez)\b"
)
# the job before its trade word: "maçon de métier", "a welder by trade", "kok van beroep"
_BY_TRADE = re.compile(
    r"\b(?P<job>[a-z'-]{3,})\s+(?:de metier|de profession|de formation|by trade|by training|"
    r"van beroep|van opleiding|von beruf)\b"
)
# Dutch and German put the verb last: "in een fabriek (in Genk) gewerkt", "als Lagerarbeiter
# (in Aachen) gearbeitet".
_VERB_LAST = re.compile(
    r"\b(?:als|in een|in de|in het|bij een|bij de|in einer|in einem|in der|im|bei einer|bei)\s+"
    r"(?P<job>[^\s,.;!?]+(?:\s+[^\s,.;!?]+)?)[^,.;!?]{0,30}?\b(?:gewerkt|gearbeitet|tatig|"
    r"gestaan|gejobbt)\b"
)
_ARTICLES = _wordset(
    "un une le la l les a an the een de het ein eine einem einer du des mon ma my plusieurs als "
    "several that this ce cet cette dat dit dieser diesem diese"
)
_STOP = _wordset(
    "a à au aux in at for pour pendant depuis since seit sinds mais et and en maar und "
    "aber car donc from de van aus but because so now maintenant nu jetzt bij op chez "
    "dans with avec met mit je j i ik ich il qui gewerkt gearbeitet tatig comme as als "
    "aan op voor uit auf fur zu an last ago month year week geleden letzten vorigen "
    "gestaan gejobbt gedaan "
    # a verb after a note's job: "ex caissière cherche formation"
    "cherche recherche souhaite veut voudrait wants seeks zoekt sucht looking veux voudrais"
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
    "werkzoekende werkzoekent ca cela ce echte echt totaler totale volledige alt oud lange zeit "
    "jahrelang jarenlang whole life leven "
    # verbs before "de métier": "changer de métier" is no job
    "changer faire quitter trouver exercer apprendre "
    # states after a note's "a été": "a été orientée", "a été formé"
    "oriente orientee envoye envoyee accompagne accompagnee forme formee diplome diplomee "
    "heures uur stunden hours home house maison country pays land chomage ville stad stadt "
    "town city region regio besoin situation attente galere difficulte coin environs "
    "buurt omgeving file rij"
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
    return sorted({job for _, job in past_job_clauses(folded)})


def past_job_clauses(folded: str) -> list[tuple[Span, Span]]:
    """(clause, job) spans of the jobs held: the clause runs from the cue ("j'ai travaillé
    dans le", "ik heb in een", "I used to work as a") to the job phrase and the length of time
    that follows it ("pendant 15 ans", "for ten years"). The whole clause is narrative of the
    past: none of its words says what the person wants to learn."""
    found: list[tuple[Span, Span]] = []
    for m in _CUE.finditer(folded):
        span = _phrase(folded, m.end())
        if span is not None and _BARE_SELF.search(m.group(0)):
            # "ik ben 45", "ich bin arbeitslos": only a word with a job's ending is a job
            word = folded[span[0] : span[1]].split()[0]
            span = (span[0], span[0] + len(word)) if _JOB_ENDING.search(word) else None
        if span is not None:
            found.append(((m.start(), clause_tail(folded, span[1])), span))
    if found:
        # "... puis dans un entrepôt", "en daarna in een magazijn", "war danach Verkäuferin":
        # after a job held, the next one told the same way
        first = min(clause[0] for clause, _ in found)
        for m in _THEN.finditer(folded, first):
            span = _phrase(folded, m.end())
            if span is not None:
                found.append(((m.start(), clause_tail(folded, span[1])), span))
    for m in _YEARS_IN.finditer(folded):
        span = _phrase(folded, m.end())
        if span is not None:
            found.append(((m.start(), _with_duration(folded, span[1])), span))
    for m in _BY_TRADE.finditer(folded):
        if m.group("job") not in _NOT_JOBS and m.group("job") not in _STOP:
            found.append((m.span(), m.span("job")))
    for m in _VERB_LAST.finditer(folded):
        span = _phrase(folded, m.start("job"), skip_articles=False)
        if span is not None:
            found.append(((_clause_start(folded, m.start()), m.end()), span))
    return sorted(set(found))


# the next job told after one held: "puis comme", "daarna in een", "war danach", "then as a"
_THEN = re.compile(
    r"\b(?:puis|ensuite|daarna|nadien|danach|anschliessend|afterwards)"
    r"(?: (?:j'ai ete|j'etais|ik was|war ich|i was))?,?\s+(?:comme|dans|ds|chez|als|in een|"
    r"in de|in het|bij|im|in einem|in einer|bei|as an?|as)\b"
    r"|(?:^|[.,;]\s*)(?:war|was|etait) (?:danach|daarna|ensuite|afterwards) (?:als |as an? )?"
)
# the length of time after a job: "pendant 15 ans", "(10 ans)", "for ten years", "sinds 2010"
_DURATION = re.compile(
    r"\s*\(?(?:(?:pendant|durant|depuis|during|for|over|gedurende|sinds|seit|lang|wahrend)\s+)?"
    r"(?:[a-z0-9]+\s+){0,2}?(?:\d+|[a-z]+)\s+(?:ans|annees|an|years|year|jaar|jaren|jahre|jahren|"
    r"mois|months|maanden|monate)\b\)?"
)
# where a clause starts: after punctuation or a joining word ("... et j'ai", "en heb")
_CLAUSE_START = re.compile(r"(?:[.,;:!?]|\b(?:et|and|en|und|mais|but|maar|aber))\s*")


# where a job was done: "dans le bâtiment", "chez Delhaize", "in de bouw", "im Lager"
_WORKPLACE = re.compile(
    r"\s+(?:dans|ds|chez|en|in|at|bij|im|bei)\s+(?:(?:le|la|l'|les|un|une|des|de|het|een|der|"
    r"die|dem|einer|einem|the|a|an)\s*)?[a-z][a-z'-]+"
)


def clause_tail(folded: str, end: int) -> int:
    """The end of a job held's clause, from the end of the job: its workplace and its length
    of time ("ouvrier dans le bâtiment", "caissière chez Delhaize pendant douze ans")."""
    m = _WORKPLACE.match(folded, end)
    if m is not None and m.group(0).split()[-1] not in _NOT_JOBS:
        end = m.end()
    return _with_duration(folded, end)


def _with_duration(folded: str, end: int) -> int:
    m = _DURATION.match(folded, end)
    return m.end() if m else end


def _clause_start(folded: str, start: int) -> int:
    """Where the clause holding ``start`` begins, looking back at most 40 characters (the
    subject and auxiliary of "ik heb 15 jaar in de bouw gewerkt")."""
    window = folded[max(0, start - 40) : start]
    ends = [m.end() for m in _CLAUSE_START.finditer(window)]
    if ends:
        return max(0, start - 40) + ends[-1]
    return 0 if start <= 40 else start


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
