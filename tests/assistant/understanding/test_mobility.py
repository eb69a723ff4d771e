"""Mobility: nearness said apart from the place, a car stated in notes or by the means of
travel, public transport, radius and travel time bounds, in four languages."""

from __future__ import annotations

import pytest

from assistant.services import profile_parser
from assistant.understanding import ProfileParser

PLAIN = ProfileParser()


@pytest.fixture(scope="module")
def parser() -> ProfileParser:
    return profile_parser()  # with the gazetteer: places and their "near"


@pytest.mark.parametrize(
    "text",
    [
        "J'habite à Ans, une formation pas trop loin de chez moi svp",
        "Je vis à Dinant, une formation dans les environs",
        "I live in Namur and want something close to home",
        "Ik woon in Gent, liefst iets in de buurt",
        "Ich wohne in Eupen und suche etwas in der Nähe",
        "jhabite vers charleroi",
        "ich wohne bei Eupen",
        "j'habite pret de wavre",
    ],
)
def test_near(parser: ProfileParser, text: str) -> None:
    profile = parser.parse(text)
    assert profile.place is not None
    assert profile.near is True


@pytest.mark.parametrize(
    "text",
    ["J'habite à Ans.", "I live in Namur.", "Ik woon in Gent.", "Ich wohne in Eupen."],
)
def test_not_near_without_a_cue(parser: ProfileParser, text: str) -> None:
    assert parser.parse(text).near is False


@pytest.mark.parametrize(
    ("text", "car"),
    [
        ("Voiture : oui. Disponible le matin.", True),
        ("Mobilité : voiture, 30 min max.", True),
        ("je roule en voiture", True),
        ("I come by car", True),
        ("Eigen auto, max 20 km.", True),
        ("Führerschein und Auto vorhanden.", True),
        ("Voiture : non.", False),
        ("I don't drive", False),
        ("Ik heb geen auto", False),
    ],
)
def test_car(text: str, car: bool) -> None:
    assert PLAIN.parse(text).has_car is car


def test_no_car_invented() -> None:
    assert PLAIN.parse("je voudrais devenir mécanicien auto").has_car is None


@pytest.mark.parametrize("text", ["Pas de voiture, bus uniquement.", "train only", "nur Bus"])
def test_public_transport_only(text: str) -> None:
    assert PLAIN.parse(text).public_transport is True


@pytest.mark.parametrize(
    ("text", "km"),
    [
        ("je peux faire 30 km maximum", 30),
        ("rayon 20 km", 20),
        ("im Umkreis von 25 km", 25),
        ("15 km max", 15),
    ],
)
def test_radius(text: str, km: float) -> None:
    assert PLAIN.parse(text).radius_km == km


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("max 1 hour by train", 60),
        ("pas plus d'une heure en bus", 60),
        ("maximaal 1 uur met de trein", 60),
    ],
)
def test_travel_by_a_means_is_no_course_length(text: str, minutes: int) -> None:
    profile = PLAIN.parse(text)
    assert profile.max_travel_minutes == minutes
    assert profile.max_hours is None
