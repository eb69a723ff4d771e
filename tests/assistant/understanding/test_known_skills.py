"""What the person can already do: read as a level, and kept out of the need's words."""

from __future__ import annotations

import pytest

from assistant.understanding import ProfileParser

PARSER = ProfileParser()


@pytest.mark.parametrize(
    "text",
    [
        "Je sais me servir d'un ordi sans problème, je veux faire de la comptabilité.",
        "je sais déjà utiliser un PC, je cherche une formation en dessin technique",
        "I already know how to use a computer; I would like to study bookkeeping.",
        "Ik kan al met een computer werken en wil boekhouding leren.",
        "Ich kann schon mit dem Computer umgehen und möchte Buchhaltung lernen.",
    ],
)
def test_able_to_use_a_computer_is_a_level_not_the_need(text: str) -> None:
    profile = PARSER.parse(text)
    # a plain ability is at least the basics; said with a degree ("sans problème"), comfortable
    assert profile.digital_level in ("basic", "comfortable")
    topic = profile.topic.lower()
    assert not any(w in topic for w in ("ordi", "pc", "computer"))


@pytest.mark.parametrize(
    "text",
    [
        "Je ne sais pas me servir d'un ordinateur.",
        "Je voudrais apprendre à me servir d'un ordinateur.",
    ],
)
def test_not_able_or_wanting_to_learn_is_no_comfort(text: str) -> None:
    assert PARSER.parse(text).digital_level != "comfortable"


def test_a_level_named_on_a_subject_stays_in_the_need() -> None:
    profile = PARSER.parse("Je sais utiliser Excel, je voudrais aller plus loin avec Excel.")
    assert "Excel" in profile.topic


@pytest.mark.parametrize(
    "text",
    [
        "Je connais les bases de Photoshop et je voudrais progresser.",
        "J'ai déjà des bases en comptabilité.",
        "I know the basics of Python but want to go further.",
        "Ik ken de basis van Word.",
        "Ich kenne die Grundlagen von PowerPoint.",
    ],
)
def test_basics_known_in_the_field(text: str) -> None:
    assert PARSER.parse(text).domain_level == "basic"


def test_the_kind_of_training_is_its_own_evidence_not_the_subject() -> None:
    profile = PARSER.parse("une formation soudure qualifiante près de Liège")
    assert profile.certification == "qualifiante"
    assert "soudure" not in profile.evidence["certification"].lower()
    assert "soudure" in profile.topic


@pytest.mark.parametrize(
    "text",
    [
        "I got my CCNP last year.",
        "I passed the VCA exam in March.",
        "Ik ben geslaagd voor mijn VCA.",
    ],
)
def test_a_certificate_obtained_is_held(text: str) -> None:
    assert PARSER.parse(text).certificates_held


def test_every_statement_of_computer_use_leaves_the_need() -> None:
    profile = PARSER.parse(
        "Je me sers déjà très bien d'un ordinateur et je sais utiliser un PC. "
        "Je voudrais apprendre la comptabilité."
    )
    assert profile.digital_level == "comfortable"
    topic = profile.topic.lower()
    assert "ordinateur" not in topic and "pc" not in topic and "comptabilité" in topic


def test_using_a_computer_without_more_stays_a_basic_level() -> None:
    assert PARSER.parse("je me sers de l'ordinateur pour mes mails").digital_level == "basic"


@pytest.mark.parametrize(
    "text",
    [
        "formation en réseaux certifiante à Namur",
        "une formation gestion de projet qualifiante",
    ],
)
def test_the_kind_of_training_with_its_subject_between(text: str) -> None:
    profile = PARSER.parse(text)
    assert profile.certification in ("certifiante", "qualifiante")
    assert profile.evidence["certification"] in ("certifiante", "qualifiante")
