"""Language of a message, and languages the person speaks or not."""

from __future__ import annotations

import pytest

from assistant.understanding import ProfileParser, detect_language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Goedemorgen, ik zoek een cursus", "nl"),
        ("Dag mevrouw, kan ik hier terecht?", "nl"),
        ("Guten Morgen, ich brauche Hilfe", "de"),
        ("Hallo, ich bin neu hier", "de"),
        ("Good morning, can you help me?", "en"),
        ("jsuis a mons jcherche du boulot", "fr"),
        ("Bonsoir, une question svp", "fr"),
        ("Vrouw, 40 j., wil omscholing", "nl"),
        ("", "fr"),
    ],
)
def test_detect_language_on_short_messages(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize(
    ("text", "spoken", "not_spoken"),
    [
        ("Je parle turc et un peu le néerlandais.", {"tr"}, {"nl"}),
        ("Ik spreek Pools, geen Duits.", {"pl"}, {"de"}),
        ("My Dutch is poor but I speak Spanish.", {"es"}, {"nl"}),
        ("Ich spreche Italienisch und nur wenig Englisch.", {"it"}, {"en"}),
        ("Elle ne parle que le roumain.", {"ro"}, set()),
        ("Je voudrais des cours d'anglais.", set(), set()),
    ],
)
def test_languages_spoken_and_not(text: str, spoken: set[str], not_spoken: set[str]) -> None:
    profile = ProfileParser().parse(text)
    assert profile.languages_spoken == spoken
    assert profile.languages_not_spoken == not_spoken


def test_guess_language_says_when_it_cannot_tell() -> None:
    from assistant.understanding.languages import guess_language

    assert guess_language("Namur") is None  # a place alone: no language
    assert guess_language("Excel") is None
    assert guess_language("ik woon in Gent en wil leren lassen") == "nl"
    assert guess_language("Weiterbildung Buchhaltung", minimum=1) == "de"
    assert guess_language("je voudrais une formation") == "fr"


def test_the_dialogue_reads_the_language_with_the_same_detector() -> None:
    from assistant.dialogue import guess_language as dialogue_guess
    from assistant.understanding.languages import guess_language

    for text in ("ich wohne in eupen und suche arbeit", "i live in namur", "ik zoek werk"):
        assert dialogue_guess(text) == guess_language(text)
