"""Background and conditions read as mechanisms: a degree's subject, schooling left,
reading, certificates held, number words, school hours and formats, in four languages."""

from __future__ import annotations

import pytest

from assistant.services import profile_parser
from assistant.understanding import ProfileParser

PLAIN = ProfileParser()


@pytest.fixture(scope="module")
def parser() -> ProfileParser:
    return profile_parser()  # with the occupation lexicon


@pytest.mark.parametrize(
    "text",
    [
        "J'ai un master en psychologie. Je cherche une formation en comptabilité.",
        "Ik heb een bachelor verpleegkunde uit Polen en wil Nederlands leren.",
        "I have a bachelor's degree in nursing and want to learn Dutch.",
    ],
)
def test_the_subject_of_a_degree_is_no_goal(parser: ProfileParser, text: str) -> None:
    profile = parser.parse(text)
    assert profile.diploma == "higher"
    assert not any("infirmi" in g.lower() or "psycholog" in g.lower() for g in profile.goals)


@pytest.mark.parametrize(
    "text",
    [
        "je n'ai pas terminé mes secondaires",
        "jai quitte lecole a 15 ans",
        "Ik heb mijn middelbaar niet afgemaakt.",
        "Ich habe keinen Schulabschluss.",
    ],
)
def test_no_diploma(text: str) -> None:
    assert PLAIN.parse(text).diploma == "none"


def test_an_age_at_school_is_not_the_present_age() -> None:
    assert PLAIN.parse("J'ai arrêté l'école à 16 ans.").statuses == frozenset()


def test_a_forklift_licence_is_no_degree() -> None:
    profile = PLAIN.parse("I hold a forklift licence.")
    assert profile.diploma is None
    assert profile.certificates_held == ("forklift licence",)


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("Ich habe den Staplerschein.", "staplerschein"),
        ("Heeft VCA-attest.", "vca-attest"),
        ("Détient le permis C.", "permis c"),
    ],
)
def test_certificates_held(text: str, held: str) -> None:
    assert held in PLAIN.parse(text).certificates_held


@pytest.mark.parametrize(
    "text", ["Lit et écrit difficilement.", "Lesen fällt mir schwer.", "Schrijven gaat moeizaam."]
)
def test_reading_difficulty(text: str) -> None:
    assert PLAIN.parse(text).reading_difficulty is True


@pytest.mark.parametrize(
    ("text", "weeks"),
    [
        ("No more than eight weeks.", 8),
        ("hoogstens tien weken", 10),
        ("maximal sechs Wochen", 6),
        ("pas plus de sept semaines", 7),
    ],
)
def test_number_words(text: str, weeks: float) -> None:
    assert PLAIN.parse(text).max_weeks == weeks


@pytest.mark.parametrize(
    ("text", "schedule"),
    [
        ("horaires scolaires uniquement", "daytime"),
        ("une formation de jour", "daytime"),
    ],
)
def test_schedules(text: str, schedule: str) -> None:
    assert schedule in PLAIN.parse(text).schedules


def test_week_end_in_two_words_refused() -> None:
    assert PLAIN.parse("pas le week end").schedules_refused == frozenset({"weekends"})


def test_am_liebsten_online() -> None:
    assert PLAIN.parse("Ich möchte Webdesign lernen, am liebsten online.").formats == {"distanciel"}


@pytest.mark.parametrize(
    "text",
    [
        "Je voudrais apprendre à utiliser une tablette.",
        "I want to learn to use my smartphone",
    ],
)
def test_learning_to_use_a_device_is_a_beginner(text: str) -> None:
    assert PLAIN.parse(text).domain_level == "none"


def test_a_bit_of_a_language_is_not_spoken() -> None:
    profile = PLAIN.parse("I speak English and a bit of Dutch.")
    assert profile.languages_spoken == {"en"}
    assert profile.languages_not_spoken == {"nl"}


def test_a_format_said_apart() -> None:
    profile = PLAIN.parse("Une formation courte en gestion du stress, en ligne, le matin.")
    assert profile.formats == {"distanciel"}


def test_public_transport_in_a_note() -> None:
    assert PLAIN.parse("Mobilité : bus et train.").public_transport is True


@pytest.mark.parametrize(
    "text",
    [
        "Quand on me demande un formulaire en ligne, je suis perdue",
        "I'm lost with computers",
        "ik ben verloren met de computer",
        "Ich bin verloren, wenn ich eine Mail schreiben muss",
    ],
)
def test_lost_with_a_thing_is_no_orientation(text: str) -> None:
    from assistant.understanding import ProfileParser

    assert not ProfileParser().parse(text).orientation


def test_lost_in_life_is_orientation() -> None:
    from assistant.understanding import ProfileParser

    assert ProfileParser().parse("je suis complètement perdue depuis mon licenciement").orientation
