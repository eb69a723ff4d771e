"""Who a module is for, read from its free-text ``audience`` field, and the one definition of
the age groups that the chat, the console and the guidance share.

``audience_groups("Chercheur d'emploi; Travailleur")`` → ``{"jobseeker", "worker"}``.
An empty set means the audience is unknown or open to all: nobody is excluded.
``audience_regions("Demandeur d'emploi bruxellois inscrit chez Actiris")`` → ``{"Bruxelles"}``:
the regions (as the gazetteer names them) whose residents the module is reserved for; empty
when the audience names none.

Age groups: "young" is under :data:`YOUNG_UNDER` (15 to 25: "moins de 26 ans", the Youth
Guarantee's bound), "over_45" is :data:`OLDER_FROM` or more ("45 ans ou plus"). The
understanding layer reads an age into these groups with :func:`age_group`; the chat and the
console say the same bounds (their labels are built from these numbers).
"""

from __future__ import annotations

import re

from corpus.text import fold

YOUNG_FROM = 15
YOUNG_UNDER = 26  # "young": younger than this
OLDER_FROM = 45  # "over_45": this age or older
AGE_GROUPS = ("young", "over_45")

_GROUPS = {
    "jobseeker": re.compile(
        r"(?:demandeu|chercheu)(?:r|se|rs|ses) d'emploi|\bde\b inscrit|sans emploi|chomeu|"
        r"inscrit(?:e)?s? (?:au|chez) (?:le )?(?:forem|actiris)|\bactiris\b|werkzoekend|job ?seeker"
    ),
    "worker": re.compile(
        r"travailleu(?:r|se)s?|salarie|employe(?:e)?s? en poste|werknemer|"
        r"\bworkers?\b|entreprises?|independant|dirigeant"
    ),
    "young": re.compile(r"\bjeunes?\b|\d{2} (?:a|-) 2[0-9] ans|moins de (?:25|26|30) ans|\bneet\b"),
    "over_45": re.compile(r"plus de (?:4[05]|50|55) ans|\bseniors?\b|45\+|50\+"),
    "woman": re.compile(r"\bfemmes?\b|\bwomen\b|\bvrouwen\b"),
}
_ALL = re.compile(r"tout public|tous publics|ouvert a tous|everyone|iedereen")

# A regional public employment service, or a resident of a region, named in the audience:
# the module is for people registered (living) there. Keys are the gazetteer's region names.
_REGIONS = {
    "Bruxelles": re.compile(
        r"\bactiris\b|\bbruxellois(?:es?)?\b|\bbrusselaars?\b|region (?:de )?bruxell|"
        r"bruxelles-capitale|brussels(?:e|e hoofdstedelijk)? gewest"
    ),
    "Wallonie": re.compile(r"\bforem\b|\bwallon(?:s|ne|nes)?\b|\bwallonie\b|\bwalloon\b"),
    "Vlaanderen": re.compile(
        r"\bvdab\b|\bvlaanderen\b|\bvlaams(?:e)?\b|\bflamand(?:e|s|es)?\b|\bflandre\b"
    ),
}


def audience_groups(audience: str | None) -> frozenset[str]:
    """The groups an audience text names; empty when unknown or open to all."""
    if not audience:
        return frozenset()
    text = fold(audience)
    if _ALL.search(text):
        return frozenset()
    return frozenset(name for name, rx in _GROUPS.items() if rx.search(text))


def audience_regions(audience: str | None) -> frozenset[str]:
    """The regions whose residents (or registered jobseekers) a module is reserved for: a
    regional employment service (Actiris, Forem, VDAB) or a region's people ("bruxellois",
    "wallons") named in the audience. Empty when it names none or is open to all."""
    if not audience:
        return frozenset()
    text = fold(audience)
    if _ALL.search(text):
        return frozenset()
    return frozenset(name for name, rx in _REGIONS.items() if rx.search(text))


def age_group(age: int) -> str | None:
    """The age group of a stated age: "young" (15 to 25), "over_45" (45 or more) or none."""
    if YOUNG_FROM <= age < YOUNG_UNDER:
        return "young"
    if OLDER_FROM <= age <= 99:
        return "over_45"
    return None
