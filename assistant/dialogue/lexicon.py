"""The dialogue's word sets: words that say nothing, German function words, keyboard mashes.

Written folded (lower case, no accents, "ß" as "ss") as
:func:`assistant.dialogue.words.fold_message` makes them. The French, Dutch and English
function words are the profile parser's (:mod:`assistant.understanding.parser`); German ones live
here because only the dialogue reads German.
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
# German function words, to tell German messages from the others. Words German shares with
# French, Dutch or English ("in", "was", "will", "so") are left out.
GERMAN = _wordset(
    "ich mich mir mein meine meinen und nicht bin ist sind der die das dem ein eine einen"
    " einem einer mit von zu im fur auf bei mochte mochten wohne habe gerne auch kann keine"
    " kein sie wir"
)
