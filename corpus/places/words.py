"""Words that decide whether a Belgian place name in free text is really a place.

Data only, all keys folded (lower case, no accents, hyphens and apostrophes as spaces).
Used by :mod:`corpus.places.finder`; the rules that read these tables are described there.

How the collision tiers were built: every gazetteer name was checked against the lower-case
entries of French, Dutch and English word lists and against the vocabulary of the ROME and
ESCO occupation data; each hit was then sorted by hand into one of the tiers below. Names not
listed are ordinary place names ("charleroi", "gosselies", "perwez", "estinnes").
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` (keeps long word lists readable)."""
    return frozenset(text.split())


# Never a place in free text (``resolve`` still accepts them): "my" (a hamlet of Ferrières) is
# English; "lille" is far more often the French city; "limburg" is nearly always the province.
NEVER = frozenset({"my", "lille", "limburg"})

# Ordinary words (and first names) that are also place names: a place only when written with a
# capital AND right after a place cue ("j'habite à Ans", "ik woon in Meer"), never otherwise
# ("j'ai 50 ans", "40 heures", "ça marche", "Dave", "Mont Blanc").
STRICT = _words(
    """
    alle ans appels arbre as aye bande barry belgrade berg bergen bouillon bra bras burst bury
    celles champion chevron clavier clermont cordes dave dion doel duisburg duras eine ere foret
    forges fosse gages ham havre heer herve heure hives hour humain lens ligne limbourg lo lot
    loyers macon mal manage marche mater mean meer membre mere middelburg mont mortier naast
    nouvelles odeur on outer paturages peer perk proven pry recht riviere roux roy saintes salles
    silly soy spa spy tailles termes thys veerle voort ways
    """
) | frozenset(
    # Multi-word names made of ordinary words ("en cas de panne", "les bulles").
    [
        "autre eglise",
        "bon secours",
        "de haan",
        "de klinge",
        "de moeren",
        "de panne",
        "de pinte",
        "groot loon",
        "l ecluse",
        "la bouverie",
        "la bruyere",
        "la calamine",
        "la panne",
        "le roux",
        "les bulles",
        "les hayons",
        "petite chapelle",
        "queue du bois",
        "trois ponts",
        "val meer",
    ]
)

# Saints' names that are also localities: "la Saint-Martin", "l'église Saint-Pierre". Strict,
# and unlike the names above a hyphen in the text does not make them places.
SAINTS = frozenset(
    [
        "saint amand",
        "saint andre",
        "saint aubin",
        "saint denis",
        "saint germain",
        "saint gerard",
        "saint gery",
        "saint leger",
        "saint marc",
        "saint mard",
        "saint martin",
        "saint maur",
        "saint medard",
        "saint nicolas",
        "saint pierre",
        "saint remy",
        "saint sauveur",
        "saint servais",
        "saint severin",
        "saint symphorien",
        "saint vaast",
        "saint vincent",
        "sainte cecile",
        "sainte ode",
        "sint amands",
        "sint andries",
        "sint denijs",
        "sint jan",
        "sint joris",
        "sint kruis",
        "sint michiels",
        "sint pauwels",
        "sint rijkers",
    ]
)

# Rarer words: a place when capitalised in mid-sentence ("le Forem de Jette"), or capitalised
# after a cue, or after a strong cue in any case ("j'habite à jette"); not "Geel is", "geel".
LOOSE = _words(
    """
    aat abee alken asse assent baal bailleul balen bazel beek beert beez bende bevel bever bievre
    bizet bogaarden boom bost bouge bray burcht bure castillon donk dour duffel eke emblem essen
    forest freux geel geer geluwe gestel graux graven grazen hal halen halle halma hamme handzame
    haren harre heers hees heffen heks heron herten housse houx hove huizingen jambes jette jeuk
    kain kalken kermt klerken kluizen kozen laar lamine landen lauw lauwe lavoir lede leest lessen
    lessive leut leuze lier lierre linden lint linter lobbes luik maffe magnee malle meeuwen melden
    melen menen moere mol muizen namen nazareth olmen ortho paal pelt pieton pietrain plombieres
    pontillas putte puurs quartes rance ranst ravels redu reet reves rognee rosee rosieres
    rossignol ruien schaffen schelle schilde schoten sluizen stave tamise tertre thon tilleur
    trembleur verlee veulen vinkt vise voeren voorde vorsen vorst vucht waarloos wakken wanne waver
    weelde weerde weert welden wellen werken wichelen wierde wiers wortel wulpen zele zeveren
    zolder zulte
    """
)

# Ordinary words and first names one edit away from a place name of 6+ letters: never
# corrected into a place ("Savoir" is not Lavoir, "Pierre" is not Lierre, "Manager" not Manage).
FUZZY_BLOCK = _words(
    """
    achete antenne appele appeles autour bailleur balles ballet berger berges bieres bornes
    bougies brouillon brutes bulles cahier cailles cardes carrieres castillan champs chevres
    chevrons ciseau claviers colles colleur colonne combines comites concret cornieres coudes
    coulisse courbes courrier courriers coursiere courtiere dalles echelle emises engines envers
    essence failles fendeur fermee fermes fleurons fleurs fleuron forages forces forets formes
    fortes foulons fourriere fourrieres foyers fraise gemmes gestes grande graver graves hottes
    housses humaine humains jardin kasher lettre lignes linger lutter maconne maille mailles
    maillon maillot malter manager mandrin manege marais marines martelage master matage matonne
    melange membres menage meneur mettent meules milles minage modale moldave mortiers mousse
    navoir neiges neutre nouvelle paille parite pattes paturage pelles perche pierre piston portes
    portier postes postiches pousser pousseur presses quarts radier raisin rappel rester revele
    rivieres rochelle roules rouler rouliers saines salees salines savoir scelles seismes selles
    sellier semelle soignee soignees solier sommiers stades stalles taille taillee taillees
    soignes tailler tailleur taillis tamiser telles teneur terres tester vierges villier visieres
    veilles
    veulent verrieres
    absent avenues belles billet bonnet bottes bouffe braves buffet certain champions cousin
    eglise etrange faites fallait famine femelle fievre forger galere garenne gauche genial gorges
    graine hausse jumelle landes latine lievre lustre machin malins mienne millier mollet mortel
    noyers oiseau ombres orange pailles pilleur poulet pousse puissant rappels rousse sables
    sainte saints salves sauteur severe sienne signee sommier thermes tienne tilleul tournoi
    vienne voisin warrant angers seville bouviere chaisiere innove parcourt
    anders bakken ballen banden bellen bouwen bouwer brieven bruggen dienen dingen drogen eerlijk
    eeuwen gelden handen heerlijk helden helpen herstel huizen jongeren kasten kerken kleren
    kruisen lichte liefde lijden leveren mensen merken messen moesten pakken potten randen rijker
    rusten scholen schilder sluiten stalen staten steden steken tellen velden vinden voelen voeten
    vormen vreemde wakker werden werker westen willen winter wortels zakken zingen zonder
    appeals apples assert assess barren bother colder cotton fallen faster forests forget herself
    holder houses landed layers lesser lesson litter lovers lowers magnet managed member quarters
    serving strange things thinks travels wallet wander washes wastes welder
    antoine corinne vincent xavier clercq gillet masson muller
    """
)

# Other names for places, to the row (postal code, name as written in places.csv).
ALIASES: dict[str, tuple[str, str]] = {
    "antwerp": ("2000", "Anvers"),
    "brussels": ("1000", "Bruxelles"),
    "bxl": ("1000", "Bruxelles"),
    "ghent": ("9000", "Gand"),
    "la roche": ("6980", "La Roche-en-Ardenne"),
    "lln": ("1348", "Louvain-la-Neuve"),
    "louviere": ("7100", "La Louvière"),
    "luttich": ("4000", "Liège"),  # German, as EXONYMS says it back
    "marche": ("6900", "Marche-en-Famenne"),
    "molenbeek": ("1080", "Molenbeek-Saint-Jean"),
    "ostend": ("8400", "Ostende"),
    "saint josse": ("1210", "Saint-Josse-ten-Noode"),
    "tongres": ("3700", "Tongeren"),
}

# Names a language gives a Belgian town that are neither its French nor its Dutch name, for
# saying a place back in the reader's language (``Gazetteer.name_in``): postal code and the
# gazetteer's name -> the exonym. English says most Flemish towns in Dutch and Walloon ones
# in French; these are the exceptions in common use.
EXONYMS: dict[str, dict[tuple[str, str], str]] = {
    "en": {
        ("1000", "Bruxelles"): "Brussels",
        ("2000", "Anvers"): "Antwerp",
        ("8000", "Bruges"): "Bruges",
        ("8400", "Ostende"): "Ostend",
        ("8900", "Ypres"): "Ypres",
        ("9000", "Gand"): "Ghent",
    },
    "de": {
        ("1000", "Bruxelles"): "Brüssel",
        ("3000", "Louvain"): "Löwen",
        ("4000", "Liège"): "Lüttich",
        ("8000", "Bruges"): "Brügge",
        ("8400", "Ostende"): "Ostende",
    },
}
# The German-speaking Community's postal codes: there the gazetteer's second name (the
# ``name_nl`` column) is the German one ("Kelmis", "Sankt Vith").
GERMAN_SPEAKING_CODES = range(4700, 4792)

# Catalog qualifiers: "Mons (Hainaut)". Province values as in places.csv.
PROVINCES: dict[str, str] = {
    "anvers": "Anvers",
    "antwerpen": "Anvers",
    "brabant flamand": "Brabant flamand",
    "vlaams brabant": "Brabant flamand",
    "brabant wallon": "Brabant wallon",
    "waals brabant": "Brabant wallon",
    "bw": "Brabant wallon",
    "flandre occidentale": "Flandre occidentale",
    "west vlaanderen": "Flandre occidentale",
    "flandre orientale": "Flandre orientale",
    "oost vlaanderen": "Flandre orientale",
    "hainaut": "Hainaut",
    "henegouwen": "Hainaut",
    "liege": "Liège",
    "luik": "Liège",
    "limbourg": "Limbourg",
    "limburg": "Limbourg",
    "luxembourg": "Luxembourg",
    "luxemburg": "Luxembourg",
    "namur": "Namur",
    "namen": "Namur",
}
IGNORED_QUALIFIERS = frozenset(
    [
        "be",
        "belgie",
        "belgique",
        "belgium",
        "bruxelles capitale",
        "brussels hoofdstedelijk gewest",
        "flandre",
        "region de bruxelles capitale",
        "region wallonne",
        "vlaanderen",
        "wallonie",
    ]
)

# Particles: lower case inside names, skipped by the capital-letter test.
PARTICLES = _words(
    "a aan au aux bij d de dela den der des devant du en et het in l la le les lez op over par s"
    " sous sur t te ten ter van"
)

# Place cues: the words right before a name. WEAK cues are prepositions that also have other
# uses; STRONG cues say that a place follows. Value: (strength, near).
WEAK, STRONG = 1, 2
_NEAR_FR = ["pres", "proche", "autour", "alentours", "environs", "region", "coin", "cote"]
_NEAR_FR += ["abords", "peripherie", "pre", "secteur"]  # "pre": "prè de", an SMS "près"
_NEAR_FR += ["pret"]  # "pret de Wavre": "près" misspelt as "prêt"
CUES: dict[tuple[str, ...], tuple[int, bool]] = {
    **{(w,): (WEAK, False) for w in _words("a au aux sur vers entre in te naar uit bij bei from")},
    ("at",): (WEAK, False),
    **{(w, de): (STRONG, True) for w in _NEAR_FR for de in ("de", "d", "du")},
    ("pas", "loin", "de"): (STRONG, True),
    ("pas", "loin", "d"): (STRONG, True),
    ("non", "loin", "de"): (STRONG, True),
    ("non", "loin", "d"): (STRONG, True),
    ("buurt", "van"): (STRONG, True),
    ("nahe", "von"): (STRONG, True),
    ("nahe",): (STRONG, True),
    ("nah", "von"): (STRONG, True),  # "in der Näh von", "nah von": SMS "Nähe"
    ("raum",): (STRONG, True),
    ("umgebung", "von"): (STRONG, True),
    ("omgeving",): (STRONG, True),
    ("omgeving", "van"): (STRONG, True),
    ("regio",): (STRONG, True),
    ("rond",): (STRONG, True),
    ("rondom",): (STRONG, True),
    ("nabij",): (STRONG, True),
    ("vlakbij",): (STRONG, True),
    ("dichtbij",): (STRONG, True),
    ("dicht", "bij"): (STRONG, True),
    ("near",): (STRONG, True),
    ("nearby",): (STRONG, True),
    ("around",): (STRONG, True),
    ("close", "to"): (STRONG, True),
    ("outside",): (STRONG, True),  # "just outside Namur"
    ("outskirts", "of"): (STRONG, True),
    ("vicinity", "of"): (STRONG, True),
    ("unweit",): (STRONG, True),
    ("unweit", "von"): (STRONG, True),
    ("banlieue", "de"): (STRONG, True),
    ("banlieue", "d"): (STRONG, True),
    ("deux", "pas", "de"): (STRONG, True),  # "à deux pas de Wavre"
    ("deux", "pas", "d"): (STRONG, True),
    ("minutes", "de"): (STRONG, True),  # "à 10 minutes de Namur"
    ("minutes", "d"): (STRONG, True),
    # "(pas) trop loin de Namur", "not far from", "niet ver van", "nicht weit von": near
    **{(w, "loin", de): (STRONG, True) for w in ("trop", "tres", "si") for de in ("de", "d")},
    ("not", "far", "from"): (STRONG, True),
    ("niet", "ver", "van"): (STRONG, True),
    ("nicht", "weit", "von"): (STRONG, True),
    ("near", "to"): (STRONG, True),
    ("gegend", "von"): (STRONG, True),
    ("umkreis", "von"): (STRONG, True),
    ("omstreken", "van"): (STRONG, True),
    **{(w, de): (STRONG, False) for w in ("originaire", "viens", "venant") for de in ("de", "d")},
    ("suis", "de"): (STRONG, False),
    ("suis", "d"): (STRONG, False),
    ("ville", "de"): (STRONG, False),
    ("ville", "d"): (STRONG, False),
    ("commune", "de"): (STRONG, False),
    ("commune", "d"): (STRONG, False),
    **{(w,): (STRONG, False) for w in _words("lieu localite domicile woonplaats gemeente")},
    **{(w,): (STRONG, False) for w in _words("habite habites habitons habitez habitent")},
    # SMS spellings: "jhabite namur", "jabite a liege"
    **{(w,): (STRONG, False) for w in _words("jhabite jabite abite jhabit jvis")},
    ("code", "postal"): (STRONG, False),
    ("cp",): (STRONG, False),
    ("postcode",): (STRONG, False),
    ("zip",): (STRONG, False),
}
MAX_CUE_TOKENS = 3
# Weak cues that say "near" after a residence word: "j'habite vers Mons", "wohne bei Eupen".
NEAR_WHEN_RESIDING = frozenset([("vers",), ("bei",), ("around",)])
# A weak cue becomes strong after one of these ("j'habite à", "ik woon in", "I live in").
RESIDENCE_WORDS = _words(
    """
    habite habites habitons habitez habitent habiter vis vit vivons vivez vivent vivre reside
    resides residons resident resider domicilie domiciliee domicilies base basee situe situee
    demenage demenager installe installee woon woont wonen woonachtig gevestigd verhuis live
    lives living based located moving jhabite jabite abite jhabit jvis wohne wohnt wohnen lebe
    lebt
    """
)
# Cues that make a 4-digit number a postal code even when it could be a year.
POSTAL_CUES = frozenset([("code", "postal"), ("cp",), ("postcode",), ("zip",), ("du",)])
# After a name: "Namur et environs", "Gent en omgeving", "the Liège area" (near).
NEAR_AFTER = frozenset(
    [
        ("et", "environs"),
        ("et", "ses", "environs"),
        ("et", "alentours"),
        ("et", "ses", "alentours"),
        ("et", "region"),
        ("et", "sa", "region"),
        ("en", "omgeving"),
        ("en", "de", "omgeving"),
        ("of", "omgeving"),
        ("ou", "environs"),
        ("ou", "alentours"),
        ("and", "surroundings"),
        ("area",),
        ("region",),  # "the Namur region"
        ("en", "omstreken"),
        ("of", "omstreken"),
        ("in", "de", "buurt"),  # "bij Gent in de buurt"
        ("und", "umgebung"),
        ("oder", "umgebung"),
        ("and", "nearby"),
        ("or", "nearby"),
    ]
)
# A 4-digit number followed by one of these is an amount, not a postal code.
UNITS = _words(
    """
    euro euros eur e dollars dollar usd chf balles brut bruts brute net nets nette
    heure heures h hr hrs hour hours uur u min minutes mn sec km kms kilometre kilometres
    kilometers m metre metres meters cm mm kg g t tonnes tonne l litres ml cl w kw kwh v
    an ans annee annees jour jours j mois semaine semaines sem jaar jaren dag dagen maand maanden
    week weken year years day days month months week weeks
    page pages p mots words points pts places pieces unites exemplaires fois x
    personnes pers habitants employes salaries travailleurs clients eleves etudiants
    participants candidats offres emplois postes jobs cv mensen werknemers medewerkers people
    employees students miles mi calories kcal mo go ko mb gb kb tb px dpi
    """
)
# "de 1000 à 2000", "1500 - 2000": a range, not a postal code.
RANGE_WORDS = _words("a au et ou to tot and or")
# A 4-digit number after one of these is a year, an amount or a reference.
NUMBER_BEFORE = _words(
    """
    en depuis des avant apres annee annees an fin debut mi ete hiver automne printemps
    janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre
    janv fev fevr avr juil sept oct nov dec jusqu jusque since sinds sedert vanaf tot until
    plus moins environ env max maximum min minimum budget salaire prix cout coute total gagne
    gagner gagnais paye payee payer prime loyer montant somme tarif revenu revenus bareme pour
    n no nr num numero nummer ref reference tel gsm fax page art article compte iban matricule
    dossier approx ca circa about over under than ongeveer meer minder dan loon salaris bedrag
    de d
    """
)
# "rue de Namur", "chaussée de Louvain", "Steenweg op Gent": a street, not the town.
STREET_WORDS = _words(
    """
    rue ruelle chaussee chee avenue av boulevard bd bld route rte place square quai allee impasse
    dreve chemin sentier clos galerie straat steenweg stwg laan lei plein weg dreef kaai street
    road
    """
)
# Capitalised in mid-sentence before a name, these make it a surname: "Jean-Claude Van Damme".
SURNAME_PARTICLES = frozenset({"Van", "Vanden", "Vander", "Vande", "Vandem"})
