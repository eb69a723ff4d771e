"""Words that answer the dialogue's own questions, and point at a shown module.

Read only while a question is pending (level, device, time, "I don't mind") or when the
message points at a position ("la 2", "the last one"). Written folded, as the intent cues of
:mod:`assistant.dialogue.cues`.
"""

from __future__ import annotations

import re

from assistant.dialogue.cues import cue_table

INDIFFERENT = cue_table(
    fr=[
        r"peu importe",
        r"n'importe (?:ou|quand|lequel|laquelle)?",
        r"ca m'est egal",
        r"pas de preference",
        r"(?:je ne )?sais pas",
        r"aucune idee",
        r"partout",
    ],
    nl=[r"maakt niet uit", r"(?:dat )?weet ik niet", r"geen idee", r"om het even", r"overal"],
    en=[r"(?:it )?doesn't matter", r"(?:i )?don't know", r"no idea", r"anywhere", r"whatever"],
    de=[r"(?:ist mir )?egal", r"(?:das )?weiss ich nicht", r"keine ahnung", r"uberall"],
)
# Extra answers to the level question, read only while that question is pending.
LEVEL_ANSWERS: dict[str, re.Pattern[str]] = {
    "none": re.compile(
        r"(?<!\w)(?:rien|zero|aucune?|nul|nulle|nothing|none|niets|geen|nichts|keine)(?!\w)"
    ),
    "basic": re.compile(
        r"(?<![\w'])(?:moyen|un peu|quelques bases|les bases|je me debrouille|pas mal|"
        r"intermediaire|intermediate|a bit|a little|some|basic|een beetje|gemiddeld|"
        r"basiskennis|ein bisschen|ein wenig|grundkenntnisse)(?!\w)"
    ),
    "comfortable": re.compile(
        r"(?<![\w'])(?:a l'aise|bon niveau|confirmee?|experimentee?|expert|good|comfortable|"
        r"experienced|ervaren|goed|gut|erfahren|fortgeschritten)(?!\w)"
    ),
}
# Answers to "in person near you, or at a distance with a computer lent?", read only while
# that question is pending.
DEVICE_ANSWERS: dict[str, re.Pattern[str]] = {
    "in_person": re.compile(
        r"(?<![\w'])(?:pres de chez moi|(?:en )?presentiel|en classe|sur place|en groupe|"
        r"avec un formateur|in person|near (?:me|home)|face to face|in (?:a )?class(?:room)?|"
        r"dichtbij|in de (?:klas|buurt)|ter plaatse|vor ort|in der nahe|prasenz\w*|im kurs)(?!\w)"
    ),
    "lent": re.compile(
        r"(?<![\w'])(?:pret\w*|emprunt\w*|epn|espace public numerique|bibliotheque|a distance|"
        r"en ligne|lent|borrow\w*|public computer|library|online|remote|at a distance|"
        r"op afstand|lenen|geleend|bibliotheek|computerruimte|ausleihen|geliehen|bibliothek|"
        r"fernunterricht|aus der ferne)(?!\w)"
    ),
}
# Time answers the profile parser does not read (schedule words of the chat).
DAYTIME = re.compile(
    r"(?<![\w'])(?:le matin|en matinee|l'apres-midi|l'apres midi|les matins|in the mornings?|"
    r"mornings|afternoons|overdag|'s morgens|'s middags|vormittags|nachmittags|tagsuber)(?!\w)"
)
LITTLE_TIME = re.compile(
    r"(?<![\w'])(?:peu de temps|pas beaucoup de temps|quelques heures|not much time|"
    r"little time|weinig tijd|wenig zeit|nicht viel zeit)(?!\w)"
)

ORDINALS: dict[int, tuple[str, ...]] = {
    1: ("premiere", "premier", "1re", "1ere", "1er", "first", "1st", "eerste", "erste", "ersten"),
    2: ("deuxieme", "seconde", "second", "2e", "2eme", "2nd", "2de", "tweede", "zweite", "zweiten"),
    3: ("troisieme", "3e", "3eme", "third", "3rd", "derde", "dritte", "dritten"),
    4: ("quatrieme", "4e", "4eme", "fourth", "4th", "vierde", "vierte", "vierten"),
    5: ("cinquieme", "5e", "5eme", "fifth", "5th", "vijfde", "funfte", "funften"),
    -1: ("derniere", "dernier", "last", "laatste", "letzte", "letzten"),
}
ORDINAL_RE = re.compile(
    r"(?<![\w'])(" + "|".join(w for words in ORDINALS.values() for w in words) + r")(?!\w)"
)
NUMBER_RE = re.compile(
    r"(?:(?<![\w'])(?:la|le|l'|no|numero|nr|nummer|number|num|de|het|the|die|option|choix)\s*|"
    r"#\s*|n°\s*)"
    r"([1-9])(?![\w.,])"
)
BARE_NUMBER_RE = re.compile(r"^\D*(?<![\w.,])([1-9])(?![\w.,])\D*$")
