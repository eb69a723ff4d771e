"""The level in the field (``domain_level``): what the person already knows of the subject
they want to learn, apart from computer use itself (see ``digital``).

Three mechanisms, in French, Dutch, English and German, each asking
:func:`~assistant.understanding.negation.negated` about its match:

- **a statement of knowledge and its degree**: "je connais les bases d'Excel", "quelques
  notions", "j'ai des bases", "I know the basics of SQL", "ik ken de basis van", "Grundkenntnisse"
  give ``basic``; "je connais déjà bien", "à l'aise avec les schémas" (not a computer), "I'm
  fluent in", "gevorderd", "fortgeschritten", "niveau intermédiaire" give ``comfortable``;
  "débutant", "je pars de zéro", "from scratch", "Anfänger" give ``none``. Negated, a statement
  of knowledge says the opposite ("je ne connais pas les bases": ``none``), and a beginner
  denied is at least one with the basics ("pas débutant", "no beginner", "kein Anfänger":
  ``basic``; a cue inside the statement itself, "aucune expérience", is no denial of it);
- **knowledge or experience denied**: a negation scoping over a word of knowing or of
  experience ("aucune base en électricité", "je n'y connais rien", "keine Vorkenntnisse", "no
  prior experience", "je n'ai jamais travaillé dans la vente") gives ``none``;
- **learning to use a computer at all** ("apprendre à me servir d'un ordinateur", or never
  having used one and wanting computer skills) gives ``none``.

The words stay in the topic: "je connais les bases d'Excel" is a need about Excel.
"""

from __future__ import annotations

import re

from assistant.understanding.cues import rx
from assistant.understanding.negation import Scope, negated

Span = tuple[int, int]

_KNOW = (
    r"(?:je |j|i |ik |ich )?"
    r"(?:connais|connai|connait|conait|conai|know|knows|ken|kent|kenne|kennt)"
)
_ALREADY = r"(?:deja |al |already |schon |bereits )?"
# not the computer itself, after a verb: "j'ai déjà fait (de l'ordinateur)"
_NOT_COMPUTER_AFTER = (
    r"(?! (?:de l'|du |un |une |d'|des )?(?:ordi|ordinateur|pc|informatique|internet|computer|"
    r"formation|cours|stage|bilan)\b)"
)
DOMAIN_BASIC = rx(
    r"\bniveau (?:debutant|de base)",
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
    # "je connais les bases", "connaît les bases de", "ik ken de basis", "I know the basics"
    rf"\b{_KNOW} {_ALREADY}(?:les |des |quelques |de |the |die |some )?"
    r"(?:bases?|basis|basics|grundlagen|notions)\b",
    r"\b(?:j'ai|jai|i have|i've got|ik heb|ich habe|ich hab) "
    + _ALREADY
    + r"(?:des|quelques|les|de|the|some|die|een) (?:bases?|basics|basis|grundlagen|notions)\b",
    rf"\b(?:je |j)?(?:connais|connai|connait) {_ALREADY}un peu\b",
    r"\bje me debrouille (?:un peu )?en\b",
    r"\b(?:j'ai|jai|i've|i have|ik heb|ich habe) (?:deja |already |al |schon )?(?:fait|done|gedaan|"
    r"gemacht) (?:un peu|a bit|some|wat|een beetje|ein bisschen|etwas)\b",
    r"\b(?:some|quelques|wat|etwas|ein paar) (?:knowledge|connaissances|kennis|kenntnisse)\b",
    r"\b(?:peu|little|weinig|wenig|bisschen) (?:d'experience|experience|ervaring|erfahrung)\b",
    r"\bkenne mich (?:ein bisschen|etwas|ein wenig)\b",
    r"\b(?:formation|cours|course|training|opleiding|kurs) de base\b(?= (?:en|in|de|d')\b)",
    # basic knowledge said as a noun: "connaissances de base", "Basiswissen", "basic knowledge"
    r"\b(?:connaissances?|notions) de base\b",
    r"\bbasic (?:knowledge|skills|understanding) (?:of|in)\b",
    r"\b(?:basiswissen|grundwissen|vorkenntnisse vorhanden)\b",
    r"\b(?:a bit of|a little) experience\b|\been beetje ervaring\b|\bein bisschen erfahrung\b",
    # an introduction already followed: "j'ai déjà suivi une initiation", "took a basic course"
    r"\b(?:deja suivi|deja fait|already (?:did|took|followed|done|completed)|al (?:gevolgd|gedaan)|"
    r"schon (?:gemacht|besucht|absolviert)) (?:une |un |a |an |een |einen |eine |the |de )?"
    r"(?:initiation|formation de base|cours de base|introduction|intro|introductory course|"
    r"beginners? course|basic course|beginnerscursus|basiscursus|introductiecursus|grundkurs|"
    r"einfuhrungskurs|anfangerkurs)\b",
    r"\b(?:basiscursus|beginnerscursus|introductiecursus|grundkurs|einfuhrungskurs|anfangerkurs)"
    r" (?:al |schon )?(?:gevolgd|gedaan|gemacht|besucht|absolviert)\b",
    r"\b(?:autodidacte|self-taught|zelf geleerd|selbst beigebracht|selbstgelernt)\b",
    # a little already: "je sais déjà un peu", "I can already", "ik kan al een beetje"
    r"\bje sais (?:deja )?un peu\b|\bik kan al (?:een beetje|wat)\b|"
    r"\bich kann (?:schon )?(?:ein bisschen|ein wenig|etwas)\b|\bi (?:have )?dabbled\b",
    r"\b(?:rouillee?s?|rusty|roestig|eingerostet)\b",
    r"\b(?:bonne|goede|gute) (?:maitrise|beheersing|beherrschung)\b",
    # a practice already had, the verb then its object: "j'ai déjà fait du HTML", "a déjà
    # bricolé des mobylettes", "heeft al wat Python gedaan", "hab schon etwas programmiert"
    r"\b(?:deja|already) (?:fait|bricole|touche|pratique|manipule|gere|programme|code|monte|"
    r"repare|done|did|tried|practised|practiced|tinkered)\b" + _NOT_COMPUTER_AFTER,
    r"\b(?:al|schon|bereits) (?:wat|een beetje|etwas|ein bisschen|ein wenig)(?: \w+){0,2} "
    r"(?:gedaan|gemaakt|gebruikt|geprobeerd|gemacht|benutzt|probiert|programmiert)\b",
    r"\b(?:bonnes|petites|premieres|solid basic|good basic) (?:bases|notions|basics|skills)\b",
)
DOMAIN_NONE = rx(
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
    r"aucune (?:experience|connaissance|notion|base)",
    r"\bdecouvr",
    r"\binitiation\b",
    r"from scratch",
    r"\bbeginner",
    r"\bbeginnen\b",
    r"\banfanger(?:in)?\b",
    r"\bnovice\b|\bleek\b|\blaie\b",
    r"\bzero (?:connaissance|notion|experience|base)",
    r"\bniveau (?:zero|0)\b",
    r"\b(?:never done|nooit gedaan|noch nie gemacht)\b",
    # starting from nothing: "van nul", "von Grund auf", "bei null", "from zero", "newbie"
    r"\b(?:van nul|vanaf nul|von null|bei null|von grund auf|from zero|a partir de rien)\b",
    r"\b(?:einsteiger(?:in)?|neueinsteiger(?:in)?|neuling|newbie|beginneling|totale? leek)\b",
    r"\b(?:helemaal|totaal|volledig|compleet) nieuw\b|\bcompletely new\b|\bvollig neu\b",
    r"\bje suis (?:nulle?|une? nulle?) en\b",
    r"\bkenne (?:ich )?mich (?:\w+ )?(?:gar nicht|uberhaupt nicht|nicht) (?:\w+ )?aus\b",
)
# a computer is the digital level's, not the field's: "à l'aise sur un PC"
_NOT_COMPUTER = (
    r"(?!(?:l'|un |une |le |la |les |de |the |a |mon |my )?(?:ordi|ordinateur|pc|informatique|"
    r"info|numerique|computers?|internet|outils?|tools?|smartphone|gsm)\b)"
)
DOMAIN_ADVANCED = rx(
    r"\bperfectionn",
    r"\bapprofondir",
    r"fonctions avancees",
    r"niveau (?:intermediaire|avance)",
    r"je maitrise (?:deja )?les bases",
    r"aller plus loin",
    r"monter en competence",
    r"\badvanced\b",
    r"\bintermediate\b",
    r"gevorderd",
    r"\bfortgeschritten",
    # "je connais déjà bien la gestion", "ik ken het vak goed": a subject after, not a town
    rf"\b{_KNOW} {_ALREADY}(?:tres |vraiment |really |very |heel |sehr )?(?:bien|well|goed|gut) "
    r"(?:le|la|les|l'|ce|cette|ces|the|de|het|die|der|das|den)\b",
    rf"\b{_KNOW} (?:le|la|les|l'|the|de|het|die|der|das|den) [a-z' ]{{3,30}}\b"
    r"(?:tres |very |heel |sehr )?(?:bien|well|goed|gut)\b",
    r"\ba l'?aise (?:avec|en|sur|dans) " + _NOT_COMPUTER,
    r"\bfluent in\b",
    r"\bexperienced (?:in|with)\b",
    r"\b(?:bonne|bonnes|solide|solides) connaissances?\b",
    r"\b(?:good|solid) knowledge of\b",
    r"\bgoede kennis van\b",
    r"\bgute kenntnisse\b",
    r"\b(?:bon|good|goed|gutes) niveau\b|\bgood level\b",
    r"\bkenne mich (?:gut|sehr gut|bestens) aus\b",
    # experience as a person's own: "expérimentée", "ervaren", "erfahrener"
    r"\b(?:experimentee?|ervaren|erfahrene?r?|seasoned)\b",
    r"\b(?:niveau moyen|gemiddeld niveau|mittleres niveau|mittelstufe|half gevorderd)\b",
    # years of experience said as such: "3 ans d'expérience en réseau", "fünf Jahre Erfahrung"
    r"\b(?:\d+|[a-z]+(?:-[a-z]+)?) (?:ans|annees|years|jaar|jahre|jahren) "
    r"(?:d'experience|d'exp|d experience|experience|of experience|ervaring|werkervaring|"
    r"erfahrung|berufserfahrung)\b",
    r"\b(?:m'y|me) (?:connais|connait|y connais) (?:tres |vraiment )?bien\b",
)
# words of knowing or of experience: denied, the person starts from nothing in the field
EXPERIENCE = re.compile(
    r"\b(?:experience|ervaring|erfahrung|programme|programmed|code|coded|connais|"
    r"know (?:nothing|little)|travaille avec|worked with|gewerkt met|gearbeitet mit|notion|"
    r"notions|bases?|basics|basis|grundlagen|vorkenntnisse|kenntnisse|voorkennis|connaissances?|"
    r"background|prior|ahnung von|idee van|"
    # learning or practice denied: "jamais appris", "never studied", "nooit geleerd", "nie gelernt"
    r"appris|etudie|etudiee|studied|learned|learnt|geleerd|gestudeerd|gelernt|studiert|"
    r"lessons|classes|les gehad|unterricht)\b"
)
# having never worked in the field: "je n'ai jamais travaillé dans la vente"
NEVER_WORKED = re.compile(
    r"\b(?:travaille|bosse|worked|gewerkt|gearbeitet)\s+(?:dans|en|comme|in|as|als|im|bei)\b"
)
# learning to use a computer at all: "apprendre à me servir d'un ordinateur", "learn to use a
# computer", "leren werken met de computer", "lernen, mit dem Computer umzugehen"
LEARN_TO_USE = re.compile(
    r"\b(?:apprendre a|learn(?:ing)? (?:how )?to|leren|lernen,?)\s+(?:me |m'|to )?"
    r"(?:utiliser|servir d[eu']|use|work with|werken met|omgaan met|mit)\s*(?:un |une |l'|a |the |"
    r"de |een |dem |den |einem |une |ma |mon |my |mijn )?(?:ordinateur|ordi|pc|computer|computern|"
    r"clavier|internet|tablette?|smartphone|gsm|telephone|phone|handy)\b"
)
# wanting to learn computer use: after a verb of wanting or learning
WANT_DIGITAL = re.compile(
    r"\b(?:apprendre|aprendre|learn|lern|leren|lernen|voudrais|voudrai|veux|veu|like|want|wil|"
    r"mochte|souhaite|formation|start)\b[^.;!?]{0,50}?\b(?:ordinateur|ordi|pc|computer|"
    r"komputer|computor|informati\w*|internet|mails?|mailen|numerique|digital\w*|bureautique|"
    r"bases|basics?|basicks|grundlagen|clavier|excel|word|office|dat|ca|it|das|het)\b"
)


def stated_level(folded: str, scopes: list[Scope]) -> tuple[str, Span] | None:
    """The level a statement of knowledge gives (basic first, then none, then comfortable),
    with its span; a negated statement of knowledge gives ``none``."""
    for pattern, level in (
        (DOMAIN_BASIC, "basic"),
        (DOMAIN_NONE, "none"),
        (DOMAIN_ADVANCED, "comfortable"),
    ):
        for m in pattern.finditer(folded):
            scope = negated(m.span(), scopes)
            if level == "none" and scope is not None and scope.cue[1] > m.start():
                scope = None  # the cue is the statement itself: "aucune expérience"
            if scope is None:
                return level, m.span()
            if level == "none":
                # "je ne suis pas débutant", "not a beginner", "geen beginner", "kein Anfänger",
                # "plus débutante": at least the basics
                return "basic", (scope.cue[0], m.end())
            if scope.kind in ("not", "never"):
                return "none", scope.span  # "je ne connais pas les bases"
    return None


def denied_level(folded: str, scopes: list[Scope], skip: Span | None) -> Span | None:
    """The span of a negation denying knowledge or experience in the field (``skip``: the
    span already read as the computer level)."""
    for scope in scopes:
        if skip and skip[0] < scope.span[1] and scope.span[0] < skip[1]:
            continue
        phrase = folded[max(0, scope.cue[0] - 15) : scope.span[1]]
        if EXPERIENCE.search(phrase):
            return scope.span
        if scope.kind == "never" and NEVER_WORKED.search(phrase):
            return scope.span
    return None
