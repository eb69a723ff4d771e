"""Statuses named by words of their own (institutions, benefits, labels), matched by stem and
fuzzily, and ages written out in words."""

from __future__ import annotations

import pytest

from assistant.understanding import ProfileParser
from assistant.understanding.negation import negation_scopes
from assistant.understanding.status_words import status_words
from corpus.text import fold

PARSER = ProfileParser()


def _words(text: str) -> set[str]:
    folded = fold(text)
    return set(status_words(folded, negation_scopes(folded)))


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("je touche le revenu d'intégration depuis mars", "jobseeker"),
        ("je suis aidé par le CPAS... enfin je suis au CPAS", "jobseeker"),
        ("ik krijg een leefloon", "jobseeker"),
        ("Bezieher von Bürgergeld", "jobseeker"),
        ("je suis au chommage", "jobseeker"),  # misspelt
        ("reconnu AVIQ", "disability"),
        ("Ich habe eine Gehbehinderung", "disability"),
        ("je suis handicappé", "disability"),  # misspelt
        ("uitzendkracht in een fabriek", "worker"),
        ("réfugiée syrienne", "newcomer"),
        ("Schülerin am Athenäum", "student"),
    ],
)
def test_a_status_word_is_read(text: str, status: str) -> None:
    assert status in _words(text)


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("j'ai connu vos cours par le CPAS", "jobseeker"),  # sent by, not receiving from
        ("je ne suis pas au chômage", "jobseeker"),
        ("j'ai été intérimaire pendant deux ans", "worker"),  # a clause of the past
        ("une formation pour étudiants", "student"),  # others
    ],
)
def test_no_status_where_the_word_says_nothing_of_the_person(text: str, status: str) -> None:
    assert status not in _words(text)


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("J'ai cinquante-trois ans et je cherche une formation.", "over_45"),
        ("Ik ben eenentwintig en zoek werk.", "young"),
        ("I'm twenty-two and live in Namur.", "young"),
        ("Ich bin achtundvierzig Jahre alt.", "over_45"),
    ],
)
def test_an_age_in_words_is_an_age(text: str, group: str) -> None:
    assert group in PARSER.parse(text).statuses


@pytest.mark.parametrize(
    "text",
    [
        "j'ai fait ça vingt ans, je veux changer",
        "vorher 20 jahre maurer",
        "pendent 15 ans à l'usine",
    ],
)
def test_a_duration_in_words_or_misspelt_is_no_age(text: str) -> None:
    statuses = PARSER.parse(text).statuses
    assert "young" not in statuses and "over_45" not in statuses


@pytest.mark.parametrize(
    "text",
    [
        "Vroeger was ik kapster.",
        "In Gent war ich Lehrerin.",
        "I'm a stay-at-home mum.",
        "Client, 35, wants her degree recognised.",
        "Âgée de 41 ans, je cherche.",
        "Je suis nouvelle en Belgique.",
    ],
)
def test_the_person_says_she_is_a_woman(text: str) -> None:
    assert "woman" in PARSER.parse(text).statuses


def test_her_of_another_person_is_not_the_person() -> None:
    assert (
        "woman"
        not in PARSER.parse("My wife says her job is hard; I want to learn welding.").statuses
    )
