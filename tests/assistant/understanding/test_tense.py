"""The time of a clause: a past-time cue scopes over its clause, a wish makes it the goal."""

from __future__ import annotations

import pytest

from assistant.services import profile_parser
from assistant.understanding import ProfileParser
from assistant.understanding.tense import in_past_clause
from corpus.text import fold


def _span(folded: str, word: str) -> tuple[int, int]:
    start = folded.index(word)
    return start, start + len(word)


@pytest.mark.parametrize(
    ("text", "job", "past"),
    [
        (
            "jusqu'en 2019 j'étais plombier, maintenant je voudrais devenir électricien",
            "plombier",
            True,
        ),
        (
            "jusqu'en 2019 j'étais plombier, maintenant je voudrais devenir électricien",
            "electricien",
            False,
        ),
        ("Bis letztes Jahr war ich Kellner, jetzt möchte ich Koch werden", "kellner", True),
        ("Bis letztes Jahr war ich Kellner, jetzt möchte ich Koch werden", "koch", False),
        ("vroeger bakker, nu wil ik schilder worden", "bakker", True),
        ("vroeger bakker, nu wil ik schilder worden", "schilder", False),
        ("I always wanted to become a pilot", "pilot", False),
        ("retired from the navy, I want to garden", "navy", True),
        ("magasinier de 2012 à 2020", "magasinier", True),
        ("j'ai eu mon permis l'an dernier et je travaille comme livreur", "livreur", False),
    ],
)
def test_a_past_cue_scopes_over_its_clause(text: str, job: str, past: bool) -> None:
    folded = fold(text)
    assert in_past_clause(folded, _span(folded, job)) is past


@pytest.fixture(scope="module")
def parser() -> ProfileParser:
    return profile_parser()


@pytest.mark.parametrize(
    ("text", "held", "wanted"),
    [
        ("Jusqu'en 2020 j'étais boulanger. Je voudrais devenir comptable.", "boulang", "compta"),
        ("Plombier de 2005 à 2019, je voudrais devenir électricien.", "plomb", "electric"),
        ("Mon dernier job, c'était vendeur. Je veux devenir infirmier.", "vend", "infirm"),
        ("Retired from the police last year, I want to become a driving instructor.", "police", ""),
        ("vorher 12 jahre schreiner, will jetzt koch werden", "schreiner", ""),
        ("jveux etre cuisinier, g travaillé 3 ans ds la plonge", "plonge", "cuisin"),
        ("Je sors de la restauration et je veux devenir plombier.", "restauration", "plomb"),
        ("I drove buses for 12 years and now I want to work in an office.", "buses", ""),
        ("Ik heb 15 jaar in de haven gestaan, nu wil ik iets anders.", "haven", ""),
        (
            "J'ai fait carrière dans l'assurance, je voudrais devenir fleuriste.",
            "assurance",
            "fleur",
        ),
    ],
)
def test_the_job_held_is_not_the_goal(
    parser: ProfileParser, text: str, held: str, wanted: str
) -> None:
    profile = parser.parse(text)
    assert any(held in fold(p) for p in profile.past), profile.past
    assert not any(held in fold(g) for g in profile.goals)
    if wanted:
        assert any(wanted in fold(g) for g in profile.goals), profile.goals
