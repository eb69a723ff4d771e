"""The dialogue's word sets: words that say nothing, function words, keyboard mashes.

Written folded (lower case, no accents, "ß" as "ss") as
:func:`assistant.dialogue.words.fold_message` makes them. The function words of French,
Dutch, English and German are no subject words (:func:`assistant.dialogue.words.content_words`);
a message's language is told by the understanding's detector
(:func:`assistant.understanding.languages.guess_language`).
"""

from __future__ import annotations

import re


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


STOPWORDS = _wordset(
    # French
    "les des une est pas que qui quoi dans pour par sur avec sans mais donc car ceci cela"
    " cette celle celui ces ses mes tes nos vos leur leurs elle elles ils nous vous moi toi"
    " suis etre avoir fait faire veux voudrais voulais aimerais aime cherche trouve trouver"
    " peux peut pourrais habite vis travaille plutot aussi encore juste vraiment tres bien"
    " alors voila bon ben oui non merci quel quelle quels quelles comment quand combien"
    " pourquoi autre autres chose choses plus moins tout tous toute toutes rien ici"
    " formation formations cours apprendre etudier module modules truc quelque"
    " niveau debutant debutante soir soirs journee matin distance ligne presentiel hybride"
    " certifiante certifiant certificat courte court longue long heures heure semaines"
    " mois temps partiel plein semaine week end weekend pres loin km ville commune"
    " chez maison enfants voiture permis bus train deja jamais depuis zero base bases"
    " svp stp peu importe sais idee accord cest hui aide aider souhaite souhaiterais besoin"
    " envie possible surtout seulement uniquement maximum minimum environ jour jours apres"
    " midi avant ans super top cool parfait genial bonjour salut okay hello great nice prima"
    " votre notre mon ton son trop assez loin proche cher chere mieux vite facile difficile"
    " lundi mardi mercredi jeudi vendredi samedi dimanche deux trois quatre cinq six sept huit"
    " neuf dix premiere premier deuxieme seconde troisieme quatrieme cinquieme derniere dernier"
    " celle-ci ceci numero hmm euh bah hein bof"
    # Dutch
    " het een van niet ben wil graag werk opleiding opleidingen met voor zoek wat waar hoe"
    " waarom welke die dat deze ook nog maar dus avond avonden afstand online korter kort"
    " lang uur uren weken beginner niveau cursus cursussen leren woon bedankt andere eerste"
    " tweede derde laatste nummer ver dichtbij"
    # English
    " the and for want would like with training course courses job this that these those"
    " what where when why how which learn looking some any more less other others"
    " evening evenings remote online shorter short long hours weeks beginner level live"
    " near please thanks yes your first second third last number one two three too far"
    # German
    " ich mich mir mein meine meinen und oder nicht bin ist sind das der die den dem des ein"
    " eine einen einem einer im mit von fur auf aus bei nach wie wo wann warum welche welcher"
    " mochte mochten will wollen gerne gern suche suchen lernen kurs kurse weiterbildung"
    " ausbildung schulung wohne wohnen arbeite arbeit stunden stunde wochen abend abends"
    " anfanger anfangerin bitte danke hallo auch noch aber sehr etwas bisschen kein keine"
    " keinen habe haben kann konnen zeit nein schon sie ihr ihre uns sicher vielleicht weiss"
    # Becoming, and asking politely: never a subject
    " devenir become becoming worden werden alstublieft alsjeblieft aub"
)
# Words that may come along with a greeting, thanks or a request for help without adding
# anything ("merci beaucoup madame", "kunt u mij helpen alstublieft").
POLITE_FILLER = _wordset(
    "et encore a vous toi madame monsieur tres bien beaucoup alors bon ben and you so very"
    " much u jij en zeer heel und sehr ihnen please alstublieft alsjeblieft svp stp aub"
    " bitte j'ai ik i ich une een eine have heb habe ai s'il plait plaît"
)
KEYBOARD = (
    "qwer",
    "asdf",
    "sdfg",
    "dfgh",
    "fghj",
    "ghjk",
    "hjkl",
    "zxcv",
    "xcvb",
    "cvbn",
    "vbnm",
    "azer",
    "qsdf",
    "wxcv",
    "uiop",
    "jklm",
    "lkjh",
    "kjhg",
    "hgfd",
    "gfds",
    "fdsq",
    "poiu",
)
VOWELS = re.compile(r"[aeiouy]")
CONSONANT_RUN = re.compile(r"[bcdfghjklmnpqrstvwxz]{5,}")
TRIPLE = re.compile(r"(.)\1\1")
TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
NON_LETTERS = re.compile(r"[^a-z]+")
FOREIGN = _wordset(
    # Spanish, Italian and Portuguese words that FR/NL/EN/DE text hardly ever uses.
    "hola quiero busco estoy tengo trabajo curso cursos donde gracias por favor pero muy"
    " como soy necesito sono voglio cerco lavoro corso grazie ciao della questo perche"
    " estou quero obrigado obrigada voce procuro nao muito"
)
# Function words per language, greetings and the commonest verbs of a request ("voudrais",
# "woon", "would", "mochte"): words that name no subject (content_words), and the German ones
# for is_foreign. The language of a message is the understanding's detector's.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "fr": _wordset(
        "je j le la les l un une des du d au aux et ou mais est suis sont ai avec pour dans sur par"
        " pas ne n que qu qui quoi ce cette ces c mon ma mes votre vos son sa ses leur y me moi"
        " tu vous nous il elle ils elles voudrais veux voulais aimerais habite cherche"
        " bonjour merci tres sais peux pouvez comment quel quelle ou aussi avoir faire"
    ),
    "nl": _wordset(
        "ik jij u mij mijn het een van op met voor niet ben bent heb wil graag kan kunt wat waar"
        " hoe ook maar zijn deze dit dat naar om te bij als woon zoek spreek geen alleen"
        " hallo goedemiddag goedemorgen goedendag goeiedag bedankt weet moet doen leren werken"
        " helpen mijnheer mevrouw welke hebt"
    ),
    "en": _wordset(
        "i my you your the and or of to at for with am are be have has do not want would"
        " like can could live looking learn course training job work please hello what know don"
        " should about"
    ),
    "de": _wordset(
        "ich mich mir mein meine meinen und oder nicht bin ist sind der das dem den ein eine"
        " einen einem einer mit von zu zum zur im auf fur bei nach mochte mochten wohne habe"
        " gerne auch kann konnen keine kein sie wir spreche lernen suche guten tag weiss soll"
        " machen helfen bitte danke"
    ),
}
ALL_FUNCTION_WORDS = frozenset().union(*FUNCTION_WORDS.values())
# German function words, for :func:`assistant.dialogue.words.is_foreign`.
GERMAN = FUNCTION_WORDS["de"]
# What to ask the guidance service for when the person does not know what to do yet: the
# catalog's words for orientation, skills reviews and trying trades out (the catalog is
# mostly French; the person's own language is added for modules taught in it).
ORIENTATION_NEED: dict[str, str] = {
    "fr": "orientation bilan projet professionnel découverte des métiers",
    "nl": "oriëntatie loopbaan beroepen ontdekken",
    "en": "career guidance orientation discovering trades",
    "de": "Berufsorientierung Berufe entdecken",
}
