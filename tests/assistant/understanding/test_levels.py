"""The level in the field and the digital level stated as an ability, in four languages."""

from __future__ import annotations

import pytest

from assistant.understanding import ProfileParser

PARSER = ProfileParser()


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("je connais les bases d'Excel", "basic"),
        ("Connaît les bases de la paie.", "basic"),
        ("j'ai des bases en plomberie, mon oncle m'a appris", "basic"),
        ("je connai les base du dessin technique", "basic"),
        ("I know the basics of Python", "basic"),
        ("ik ken de basis van boekhouden al", "basic"),
        ("ich kenne die Grundlagen der Buchhaltung", "basic"),
        ("je connais déjà bien la gestion de stock", "comfortable"),
        ("je suis déjà à l'aise avec les plans de câblage", "comfortable"),
        ("I'm fluent in SQL and want Power BI", "comfortable"),
        ("ik ben gevorderd in Word", "comfortable"),
        ("Ich bin fortgeschritten in Photoshop", "comfortable"),
        ("aucune base en mécanique", "none"),
        ("Keine Vorkenntnisse in der Pflege.", "none"),
        ("no prior experience in plumbing", "none"),
        ("je n'ai jamais travaillé dans la vente", "none"),
        ("je ne connais pas les bases de la comptabilité", "none"),
        ("Ich bin Anfängerin in Buchhaltung", "none"),
    ],
)
def test_domain_level(text: str, level: str) -> None:
    assert PARSER.parse(text).domain_level == level


@pytest.mark.parametrize(
    "text",
    [
        "je ne travaille plus depuis longtemps",  # no longer working: not a level
        "je connais bien Namur, j'y habite",  # "bien" about a town is no subject
        "je travaille le matin dans une école",
    ],
)
def test_no_domain_level_invented(text: str) -> None:
    assert PARSER.parse(text).domain_level is None


def test_the_subject_of_a_stated_level_stays_the_need() -> None:
    profile = PARSER.parse("je connais les bases d'Excel, je cherche une formation")
    assert profile.domain_level == "basic"
    assert "Excel" in profile.topic


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("je sais déjà me servir d'un ordinateur", "basic"),
        ("Sait utiliser un PC.", "basic"),
        ("jsais utiliser un ordi sans problème", "comfortable"),
        ("I can use a computer fine", "comfortable"),
        ("I know how to use a computer", "basic"),
        ("im ok with computers", "comfortable"),
        ("ik kan een computer gebruiken", "basic"),
        ("ik kan vlot met de computer werken", "comfortable"),
        ("Ich kann mit dem Computer umgehen", "basic"),
        ("Mit dem Computer komme ich gut zurecht", "comfortable"),
    ],
)
def test_digital_level_from_an_ability(text: str, level: str) -> None:
    assert PARSER.parse(text).digital_level == level


@pytest.mark.parametrize(
    ("text", "need"),
    [
        ("Je sais déjà me servir d'un ordinateur, je voudrais apprendre la comptabilité", "compta"),
        ("I can use a computer fine, I want to learn bookkeeping", "bookkeeping"),
        ("Ik kan met de computer werken en wil boekhouden leren", "boekhouden"),
        ("Ich kann gut mit dem Computer umgehen und möchte Buchhaltung lernen", "Buchhaltung"),
    ],
)
def test_an_ability_leaves_the_topic(text: str, need: str) -> None:
    profile = PARSER.parse(text)
    assert need in profile.topic
    assert not any(w in profile.topic.lower() for w in ("ordinateur", "computer"))


@pytest.mark.parametrize(
    "text",
    [
        "je voudrais savoir utiliser un ordinateur",
        "I can't use a computer",
        "ik kan niet met de computer werken",
        "ich kann nicht mit dem Computer umgehen",
    ],
)
def test_no_ability_when_wanted_or_denied(text: str) -> None:
    assert PARSER.parse(text).digital_level in (None, "none")


@pytest.mark.parametrize(
    "text",
    [
        "je ne suis pas débutant en soudure",
        "je ne suis plus débutante en couture",
        "I'm not a beginner in Photoshop",
        "ik ben geen beginner meer in boekhouding",
        "Ich bin kein Anfänger in der Buchhaltung",
        "je ne pars pas de zéro en électricité",
    ],
)
def test_a_beginner_denied_has_at_least_the_basics(text: str) -> None:
    assert PARSER.parse(text).domain_level == "basic"


@pytest.mark.parametrize(
    "text",
    [
        "je n'ai aucune expérience en menuiserie",  # the cue is the statement itself
        "je n'ai jamais fait de plomberie",
    ],
)
def test_a_statement_made_with_a_negation_is_not_denied(text: str) -> None:
    assert PARSER.parse(text).domain_level == "none"


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("j'ai des connaissances de base en électricité", "basic"),
        ("I have basic knowledge of networking", "basic"),
        ("Ich habe Grundwissen in Buchhaltung", "basic"),
        ("j'ai déjà suivi une initiation à la photo", "basic"),
        ("ik heb al een basiscursus gevolgd", "basic"),
        ("je suis autodidacte en graphisme", "basic"),
        ("my Spanish is rusty", "basic"),
        ("ik begin van nul met boekhouding", "none"),
        ("Ich lerne Buchhaltung von Grund auf", "none"),
        ("Quereinsteiger, Neuling in der Logistik", "none"),
        ("je n'ai jamais appris la comptabilité", "none"),
        ("I never studied accounting", "none"),
        ("Ik heb nooit boekhouding geleerd", "none"),
        ("je suis une couturière expérimentée", "comfortable"),
        ("mittleres Niveau in Excel", "comfortable"),
    ],
)
def test_more_cues_of_the_level_in_the_field(text: str, level: str) -> None:
    assert PARSER.parse(text).domain_level == level
