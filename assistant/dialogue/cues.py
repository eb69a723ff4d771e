"""The dialogue's cue lists: intents, answers to its questions, positions.

French first, then Dutch, English and German, all written folded (lower case, no accents, straight
apostrophes) as :func:`assistant.dialogue.words.fold_message` makes them. Each cue table is
kept per language so that a matched cue also tells which language the person writes in
(``any`` for words every language uses). The functions that use them are in
:mod:`assistant.dialogue.words`; plain word sets (stopwords, function words) are in
:mod:`assistant.dialogue.lexicon`; the words that answer the dialogue's own questions and
point at a shown module are in :mod:`assistant.dialogue.answer_cues`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

CueTable = Mapping[str, re.Pattern[str]]  # language ("fr", "nl", "en", "de", "any") -> pattern


def cue_table(**by_language: Iterable[str]) -> dict[str, re.Pattern[str]]:
    """One pattern per language; each cue is a regex matched between word boundaries."""
    return {
        lang: re.compile(r"(?<![\w'])(?:" + "|".join(cues) + r")(?!\w)")
        for lang, cues in by_language.items()
    }


INJECTION = cue_table(
    fr=[
        r"ignore[rz]? (?:tes|vos|les|toutes? (?:les|tes|vos)) (?:\w+ )?"
        r"(?:instructions|regles|consignes)",
        r"ignore[rz]? tout",
        r"oublie[rz]? (?:tout|tes instructions|vos instructions|tes regles)",
        r"tu es maintenant",
        r"vous etes maintenant",
        r"(?:fais|faites) comme si (?:tu etais|vous etiez)",
        r"joue(?:z)? le role",
        r"prompt (?:systeme|system)",
        r"invite systeme",
        r"mode (?:developpeur|admin)",
        r"(?:montre|affiche|revele)[rz]? (?:ton|votre|le) prompt",
    ],
    nl=[
        r"negeer (?:je|jouw|alle|de|vorige) (?:\w+ )?(?:instructies|regels)",
        r"vergeet (?:alles|je instructies)",
        r"je bent nu",
        r"doe alsof",
        r"systeem ?prompt",
    ],
    en=[
        r"ignore (?:all|any|previous|prior|your|the above|the previous|these) ?(?:\w+ )?"
        r"(?:instructions|rules|prompts?)?",
        r"disregard (?:all|previous|your|the above)",
        r"forget (?:everything|all|your instructions)",
        r"you are now",
        r"act as",
        r"pretend (?:to be|you are|you're)",
        r"system prompt",
        r"jailbreak",
        r"developer mode",
        r"do anything now",
    ],
    de=[
        r"ignorier\w* (?:alle|deine|ihre|die|vorherigen?) (?:\w+ )?(?:anweisungen|regeln)",
        r"vergiss (?:alles|deine anweisungen)",
        r"du bist (?:ab )?jetzt",
        r"tu so,? als",
    ],
)
# Markup and template syntax: never a description of a person, never echoed.
MARKUP = re.compile(r"<\s*/?\s*[a-z!?]|javascript\s*:|\bon[a-z]+\s*=|\{\{|\{%|\$\{")

RESTART = cue_table(
    fr=[
        r"recommencer(?! (?:a|au|mes|une?|le|la|les|ma|mon|dans|en|des)\b)",
        r"(?:on )?recommence",
        r"recommencons",
        r"nouvelle (?:recherche|conversation|demande)",
        r"(?:repartir|reprendre|recommencer) (?:de|a) zero",
        r"(?:tout )?effacer",
        r"efface tout",
        r"reinitialiser",
    ],
    nl=[
        r"opnieuw beginnen",
        r"begin opnieuw",
        r"herbeginnen",
        r"nieuwe (?:zoekopdracht|zoektocht)",
    ],
    en=[r"start (?:over|again)", r"new search", r"restart", r"reset", r"begin again"],
    de=[r"neu (?:anfangen|beginnen|starten)", r"(?:noch ?mal )?von vorne?", r"neue suche"],
)

GREETING = cue_table(
    fr=[r"bonjour", r"bonsoir", r"salut", r"coucou", r"bjr", r"slt"],
    nl=[
        r"hoi",
        r"goeiemorgen",
        r"goeiemiddag",
        r"goeienavond",
        r"goeiedag",
        r"goedendag",
        r"goedemorgen",
        r"goedemiddag",
        r"goedenavond",
        r"dag",
    ],
    en=[r"hi", r"good (?:morning|afternoon|evening)", r"hiya"],
    de=[r"guten (?:tag|morgen|abend)", r"gruss (?:gott|dich)", r"servus", r"moin", r"hallochen"],
    any=[r"hello", r"hallo", r"hey", r"yo"],
)
# A bare request for help ("Kunt u mij helpen?"): answered as a greeting, which asks what the
# person wants to learn. With a subject in the message, the subject is read instead.
HELP = cue_table(
    fr=[
        r"(?:pouvez|pourriez|peux|pourrais|tu peux|vous pouvez)[- ](?:vous|tu)? ?m'aider",
        r"(?:tu peux|vous pouvez|pouvez-vous|peux-tu) m'aider",
        r"aidez[- ]moi",
        r"aide[- ]moi",
        r"(?:j'ai )?besoin d'(?:aide|un conseil|conseils)",
        r"(?:une )?question",
    ],
    nl=[
        r"(?:kunt|kan|kun) (?:u|je|jij) (?:mij|me) (?:helpen|even helpen)",
        r"help (?:mij|me) (?:aub|alstublieft|a\.u\.b)?",
        r"ik heb (?:hulp|een vraag) nodig",
        r"(?:een )?vraag(?:je)?",
    ],
    en=[
        r"(?:can|could|would) you (?:please )?help(?: me)?",
        r"help me(?: please)?",
        r"i need (?:help|advice)",
        r"(?:a )?question",
    ],
    de=[
        r"(?:konnen|konnten) sie mir (?:bitte )?helfen",
        r"(?:kannst|konntest) du mir (?:bitte )?helfen",
        r"helfen sie mir",
        r"ich brauche (?:hilfe|rat)",
        r"(?:eine )?frage",
    ],
    any=[r"help", r"hilfe"],
)
THANKS = cue_table(
    fr=[
        r"merci(?: beaucoup| bien)?",
        r"mille mercis",
        r"d'accord",
        r"dacc",
        r"parfait",
        r"genial",
        r"tres bien",
        r"au revoir",
        r"a bientot",
        r"bonne (?:journee|soiree)",
        r"c'est (?:note|bon|gentil|parfait|top)",
        r"oui",
    ],
    nl=[
        r"bedankt",
        r"dank (?:u|je)(?: wel)?",
        r"dankjewel",
        r"dankuwel",
        r"prima",
        r"tot ziens",
        r"doei",
        r"ja",
        r"oke",
        r"okee",
    ],
    en=[r"thanks?(?: you)?(?: very much| a lot)?", r"thx", r"great", r"bye", r"yes", r"perfect"],
    de=[r"danke(?: schon| sehr)?", r"vielen dank", r"tschuss", r"auf wiedersehen", r"alles klar"],
    any=[r"ok(?:ay)?", r"super", r"top", r"cool", r"nice"],
)
WHY = cue_table(
    fr=[
        r"pourquoi(?! pas)",
        r"pour quelle raison",
        r"en quoi (?:elle|celle|cette|ca)",
        r"explique[rz]?",
        r"plus d'infos?",
        r"en savoir plus",
        r"parle[rz]?[- ]moi de",
        r"c'est quoi (?:la|le|cette|celle)",
        r"details? (?:sur|de)",
    ],
    nl=[r"waarom", r"leg (?:eens )?uit", r"uitleg", r"meer (?:info|informatie|uitleg) over"],
    en=[
        r"why(?! not)",
        r"explain",
        r"tell me (?:more )?about",
        r"more (?:info|details) (?:on|about)",
    ],
    de=[
        r"warum(?! nicht)",
        r"wieso",
        r"erklar\w*",
        r"mehr (?:infos?|informationen) (?:uber|zu)",
        r"erzahl\w* (?:mir )?mehr",
    ],
)
COST = cue_table(
    fr=[
        r"payante?s?",
        r"combien (?:ca|cela|elle|ils?|c'est|est-ce que ca) (?:coute|coutent|fait)",
        r"coute(?:nt)? combien",
        r"combien (?:faut-il|dois-je|je dois) payer",
        r"prix",
        r"tarifs?",
        r"cout",
        r"couteu(?:x|se)",
        r"c'est gratuit",
        r"(?:est-elle|est-ce que c'est|est-ce) gratuite?",
        r"gratuite?s? ?\?",
        r"frais",
    ],
    nl=[
        r"hoeveel kost",
        r"kost (?:het|dat|die)",
        r"prijs",
        r"(?:is het|is die) gratis",
        r"betalend",
        r"kosten",
    ],
    en=[r"how much", r"cost", r"costs", r"price", r"(?:is it|is that) free", r"fees?"],
    de=[
        r"wie ?viel kostet",
        r"was kostet",
        r"kostet (?:das|es|der|die)",
        r"preis",
        r"(?:ist (?:das|es)|sind die) kostenlos",
        r"gebuhr(?:en)?",
    ],
)
ENROL = cue_table(
    fr=[
        r"(?:m'|s'|me |vous )inscri\w*",
        r"inscription",
        r"postuler",
        r"comment (?:je )?(?:fais|faire|faut-il faire) pour (?:y aller|commencer|participer)",
        r"quand (?:est-ce que )?(?:ca|elle) commence",
        r"prochaine (?:session|date)",
        r"dates? de debut",
        r"contacter",
    ],
    nl=[r"inschrijv\w*", r"schrijf ik (?:me|mij) in", r"aanmelden", r"wanneer begint"],
    en=[r"sign (?:up|me up)", r"enrol\w*", r"register", r"apply", r"when does it start"],
    de=[r"anmeld\w*", r"melde ich mich an", r"einschreib\w*", r"wann (?:beginnt|fangt)"],
)
MORE = cue_table(
    fr=[
        r"autre chose",
        r"d'autres",
        r"autres (?:formations|propositions|idees|choix)",
        r"une autre",
        r"encore",
        r"la suite",
        r"plus de choix",
    ],
    nl=[
        r"iets anders",
        r"andere",
        r"nog (?:meer|andere)",
        r"meer (?:opleidingen|resultaten)",
        r"volgende",
    ],
    en=[r"something else", r"anything else", r"others?", r"more", r"show more", r"next"],
    de=[r"etwas anderes", r"noch (?:mehr|andere)", r"weitere", r"mehr (?:kurse|angebote)"],
)
SHORTER = cue_table(
    fr=[r"plus courte?s?", r"moins long(?:ue)?s?", r"moins d'heures", r"moins de temps"],
    nl=[r"korter", r"minder lang", r"minder uren"],
    en=[r"shorter", r"less long", r"fewer hours"],
    de=[r"kurzer", r"weniger lang", r"weniger stunden"],
)
INSULT = re.compile(
    r"(?<![\w'])(?:connard|connasse|salope|salaud|pute|encule|enfoire|nique|ta gueule|"
    r"ferme[- ]la|va te faire|(?:t'es|tu es|vous etes|espece d') ?(?:une? )?(?:nul|nulle|nuls|con|"
    r"conne|bete|idiote?|debile|imbecile|cretine?|abrutie?)|klootzak|kut|lul|rot op|"
    r"hou je bek|(?:je bent|jij bent) (?:een )?(?:idioot|debiel|sukkel|dom)|fuck\w*|asshole|"
    r"bitch|bastard|shut up|(?:you are|you're|ur|u r) (?:an? )?(?:idiot|stupid|dumb|moron|useless)|"
    r"arschloch|halt die klappe|du bist (?:ein )?(?:idiot|dumm|blod))"
    r"(?!\w)"
)


def _unsure(not_know: str, which: str, what: str, gap: int = 4) -> str:
    """A cue of not knowing what to do: a "not know" phrase, then a "what/which" word, then a
    word of doing, choosing or a trade, each within ``gap`` words of the one before. Read as
    a whole ("je sais pas koi faire", "I don't know which job to choose"), not word by word."""
    skip = rf"(?:[\w']+[ ,]+){{0,{gap}}}"
    return rf"(?:{not_know})[ ,]+{skip}(?:{which})[ ,]+{skip}(?:{what})"


# Not knowing what to do (work, trade, training): an orientation need, not a refusal.
ORIENTATION = cue_table(
    fr=[
        _unsure(
            r"(?:ne )?(?:sai[st]?|sait)(?: \w+)? (?:pas|plus)|jsp|chais pas|aucune idee|"
            r"pas d'idee|hesite|sui[st] perdue?|ne vois pas",
            r"quoi|koi|que|quel\w*|kel\w*|ce que|ske|vers quoi|dans quoi",
            r"fair\w*|choisi\w*|metiers?|travail\w*|boulot|formations?|orient\w*|voie|"
            r"domaines?|devenir|secteurs?|etudier|apprendre",
        ),
        r"(?:trouver|chercher?|cherche) (?:ma|sa|une) voie",
        r"(?:besoin d'une? |faire une? )?(?:bilan de competences|orientation professionnelle)",
        r"(?:me|se) (?:re)?orienter",
        r"(?:aucune|pas d') ?idee de metier",
    ],
    nl=[
        _unsure(
            r"(?:ik )?weet(?: \w+)? (?:niet|het niet)|geen idee|twijfel",
            r"wat|welke?|waar",
            r"doen|worden|kiezen|beroep\w*|werk\w*|opleiding\w*|studeren|leren",
        ),
        r"(?:mijn|een) (?:weg|richting) (?:vinden|zoeken)",
        r"loopbaan ?(?:begeleiding|orientatie)",
        r"(?:me )?(?:her)?orienteren",
    ],
    en=[
        _unsure(
            r"(?:(?:don'?t|do not)(?: \w+)? know|dunno|not sure|no idea|can'?t decide)",
            r"what|which|wat",
            r"do|to do|doing|choose|job\w*|career\w*|work\w*|trade|study|become|learn",
        ),
        r"(?:find|finding) my (?:way|path)",
        r"career (?:guidance|advice|orientation)",
    ],
    de=[
        _unsure(
            r"(?:ich )?weiss(?: \w+)? (?:nicht|es nicht)|keine ahnung|unsicher",
            r"was|welche\w*|wohin",
            r"mach\w*|tun|werden|wahlen|beruf\w*|arbeit\w*|ausbildung\w*|lernen|studieren",
        ),
        r"berufs?orientierung",
        r"(?:mich )?(?:neu )?orientieren",
    ],
)
# A trade or work named in a "not knowing" message: after modules were shown, "je ne sais pas
# quoi choisir" is about them, "je ne sais pas quel métier faire" is still an orientation.
TRADE = re.compile(
    r"(?<![\w'])(?:metiers?|travail|boulot|emploi|voie|vie|beroep|werk|loopbaan|job|career|"
    r"trade|beruf|arbeit|ausbildung)(?!\w)"
)
# Words that say the message is about training, even when no subject is named yet.
TRAINING = re.compile(
    r"(?<![\w'])(?:formations?|cours|apprendre|metier|emploi|travail|boulot|opleidings?|opleidingen|"
    r"cursus|leren|beroep|werk|training|courses?|learn|job|work|kurse?|weiterbildung|ausbildung|"
    r"lernen|schulung|beruf|arbeit)(?!\w)"
)
OFF_TOPIC = re.compile(
    r"(?<![\w'])(?:meteo|quel temps fait|blagues?|raconte[- ]moi une (?:histoire|blague)|"
    r"qui es[- ]tu|tu es qui|t'es qui|(?:es[- ]tu|t'es|tu es) un (?:robot|humain|bot)|chatgpt|"
    r"horoscope|bitcoin|loto|match de foot|weather|jokes?|who are you|"
    r"are you a (?:bot|robot|human)|"
    r"het weer|mop|grap|wie ben (?:jij|je)|ben je een (?:robot|mens)|"
    r"wetter|witze?|wer bist du|bist du ein (?:roboter|mensch|bot))(?!\w)"
)
