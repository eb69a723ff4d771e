"""Level in the field (a practice already had, years of experience, improving one's own
language), languages (a difficulty said of one, "only" before those spoken) and mobility (a
note's bare "Voiture", a province accepted, transport said otherwise), with cases of their own."""

from __future__ import annotations

import pytest

from assistant.services import profile_parser
from assistant.understanding import ProfileParser

PLAIN = ProfileParser()


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("J'ai déjà fait du Python au travail, je veux aller vers la data.", "basic"),
        ("Il a déjà réparé des vélos, il veut devenir mécanicien.", "basic"),
        ("Ik heb al wat Photoshop gebruikt en wil grafisch ontwerper worden.", "basic"),
        ("Bonnes bases en soudure, je cherche le niveau supérieur.", "basic"),
        ("J'ai quatre ans d'expérience en maçonnerie, je vise le brevet.", "comfortable"),
        ("Ich habe sieben Jahre Erfahrung in der Pflege.", "comfortable"),
        ("I have 6 years of experience in logistics and want a certificate.", "comfortable"),
        ("Je m'y connais bien en mécanique et je veux passer à l'électrique.", "comfortable"),
        ("Je voudrais améliorer mon anglais pour le travail.", "basic"),
        ("Mit Holz kenne ich mich gar nicht aus, will aber Schreiner werden.", "none"),
    ],
)
def test_level_in_the_field(text: str, level: str) -> None:
    assert PLAIN.parse(text).domain_level == level


def test_a_computer_already_used_is_no_level_in_the_field() -> None:
    assert (
        PLAIN.parse("J'ai déjà utilisé un ordinateur, je veux apprendre la compta.").domain_level
        != "basic"
    )


@pytest.mark.parametrize(
    ("text", "spoken", "unspoken"),
    [
        ("Duits is moeilijk voor mij, ik spreek Nederlands.", {"nl"}, {"de"}),
        ("Englisch spreche ich kaum, Deutsch schon.", set(), {"en"}),
        ("No Dutch, only French and Italian.", {"fr", "it"}, {"nl"}),
        ("Mon anglais reste hésitant.", set(), {"en"}),
        ("Ik spreek Perzisch.", {"fa"}, set()),
    ],
)
def test_languages_said_with_a_difficulty_or_only(
    text: str, spoken: set[str], unspoken: set[str]
) -> None:
    profile = PLAIN.parse(text)
    assert spoken <= profile.languages_spoken
    assert unspoken <= profile.languages_not_spoken
    assert not (unspoken & profile.languages_spoken)


@pytest.fixture(scope="module")
def parser() -> ProfileParser:
    return profile_parser()


def test_a_notes_bare_car_is_a_car(parser: ProfileParser) -> None:
    profile = parser.parse("M. 44 ans, Ciney, ex-facteur. Voiture, 30 km max.")
    assert profile.has_car is True and profile.radius_km == 30


@pytest.mark.parametrize(
    "text",
    [
        "J'habite à Durbuy et je peux me déplacer dans toute la province.",
        "Ik woon in Tienen en kan overal in de provincie naartoe, in heel de provincie.",
    ],
)
def test_a_province_accepted_is_the_surroundings(parser: ProfileParser, text: str) -> None:
    assert parser.parse(text).near is True


@pytest.mark.parametrize(
    "text",
    [
        "Je prends les transports, j'habite à Wavre.",
        "I rely on buses and live in Wavre.",
        "Ich bin auf Bus und Bahn angewiesen.",
        "Ik ga met de fiets en de trein.",
        "Ich fahre nur mit öffentlichen Verkehrsmitteln.",
    ],
)
def test_public_transport_said_otherwise(text: str) -> None:
    assert PLAIN.parse(text).public_transport is True


def test_a_negation_stops_at_and_before_a_new_verb(parser: ProfileParser) -> None:
    profile = parser.parse("Ich habe keinen Führerschein und wohne in der Nähe von Malmedy.")
    assert profile.has_car is False
    assert profile.place is not None and profile.place.name == "Malmedy" and profile.near


def test_not_mobile_is_no_car() -> None:
    assert PLAIN.parse("Ik ben niet mobiel.").has_car is False
    assert PLAIN.parse("Je suis pas véhiculée.").has_car is False


def test_a_weekdays_morning_is_a_morning() -> None:
    assert "morning" in PLAIN.parse("dispo jeudi matin pour une formation").schedules


def test_a_part_time_job_is_no_part_time_availability() -> None:
    assert (
        "part_time" not in PLAIN.parse("je suis vendeuse à temps partiel, dispo le soir").schedules
    )
    assert "part_time" in PLAIN.parse("je cherche une formation à temps partiel").schedules


def test_online_joined_to_another_condition_is_a_format() -> None:
    profile = PLAIN.parse("Je veux apprendre la compta. Seulement le samedi et en ligne.")
    assert profile.formats == frozenset({"distanciel"}) and profile.format_required
