"""Who a module is for, read from its free-text ``audience`` field.

``audience_groups("Chercheur d'emploi; Travailleur")`` → ``{"jobseeker", "worker"}``.
An empty set means the audience is unknown or open to all: nobody is excluded.
"""

from __future__ import annotations

import re

from corpus.text import fold

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


def audience_groups(audience: str | None) -> frozenset[str]:
    """The groups an audience text names; empty when unknown or open to all."""
    if not audience:
        return frozenset()
    text = fold(audience)
    if _ALL.search(text):
        return frozenset()
    return frozenset(name for name, rx in _GROUPS.items() if rx.search(text))
