"""Misspelt town names matched with rapidfuzz, only where the sentence says a place follows."""

from __future__ import annotations

import pytest

from corpus.places import Gazetteer, default_gazetteer


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return default_gazetteer()


@pytest.mark.parametrize(
    ("text", "name", "written"),
    [
        ("je vis a verviesr depuis peu", "Verviers", "verviesr"),  # swapped letters
        ("ich wohne in malmedyy", "Malmedy", "malmedyy"),
        ("j'habite à la louvierre", "La Louvière", "la louvierre"),  # two words
        ("ik woon in oostnde", "Ostende", "oostnde"),
        ("jhabite mouscronn", "Mouscron", "mouscronn"),  # an SMS residence cue
        ("jsuis au chomage a tournaii", "Tournai", "tournaii"),  # SMS "a" for "à"
        ("I live in brux", None, None),  # too short to guess
    ],
)
def test_misspelt_towns_after_a_cue(
    gazetteer: Gazetteer, text: str, name: str | None, written: str | None
) -> None:
    found = gazetteer.find_in_text(text)
    if name is None:
        assert found == []
        return
    assert [m.place.name for m in found] == [name]
    assert text[found[0].start : found[0].end] == written  # the spelling kept as evidence


@pytest.mark.parametrize(
    "text",
    [
        "une formation a distance",
        "je cherche a temps partiel",
        "je suis a laise avec excel",
        "I prefer to learn in person",
        "starting from scratch",
        "il a travaille en usine",
        "ich suche einen Kurs in Buchhaltung machen",
        "cours en ligne",
    ],
)
def test_ordinary_words_after_a_cue_are_not_places(gazetteer: Gazetteer, text: str) -> None:
    assert gazetteer.find_in_text(text) == []


def test_two_equally_close_towns_are_not_guessed(gazetteer: Gazetteer) -> None:
    index = gazetteer._index  # the name index behind the gazetteer
    assert index.similar_name(["namurr"]) is not None
    assert index.similar_name(["zzzzzz"]) is None


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("je suis seule a jumette, je cherche du travail", "Jumet"),  # "-ette" for "-et"
        ("jhabite a lieje", "Liège"),  # "j" written for a soft "g"
        ("ik woon in Gendt", "Gand"),  # "dt" for "t"
    ],
)
def test_a_town_written_as_it_sounds(text: str, town: str) -> None:
    from corpus.places import default_gazetteer

    found = default_gazetteer().find_in_text(text)
    assert [m.place.name for m in found] == [town]


@pytest.mark.parametrize(
    "text",
    [
        "je vais a la plage demain",
        "je travaille a temps partiel",
        "je suis a lécole le matin",
    ],
)
def test_common_words_after_a_are_no_towns(text: str) -> None:
    from corpus.places import default_gazetteer

    assert default_gazetteer().find_in_text(text) == []


def test_sound_keys() -> None:
    from corpus.places.names import sound_key

    assert sound_key("jumette") == sound_key("jumet")
    assert sound_key("lieje") == sound_key("liege")
    assert sound_key("tournay") == sound_key("tournai")  # both kept: ambiguity means no guess
    assert sound_key("namur") != sound_key("mons")


@pytest.mark.parametrize(
    "text",
    [
        "I live just outside Namur",
        "Ich wohne unweit von Eupen",
        "j'habite à deux pas de Wavre",
        "j'habite à 10 minutes de Namur",
        "j'habite en banlieue de Liège",
        "j'habite pas trop loin de Namur",
        "I live not far from Mons",
        "ik woon niet ver van Hasselt",
        "Ich wohne im Umkreis von Eupen",
        "ik woon bij Gent in de buurt",
        "ik woon in Gent en omstreken",
        "Ich wohne in Eupen und Umgebung",
        "I live in the Namur region",
    ],
)
def test_more_ways_of_saying_near(text: str) -> None:
    from corpus.places import default_gazetteer

    found = default_gazetteer().find_in_text(text)
    assert len(found) == 1 and found[0].near


def test_a_place_without_a_word_of_nearness_is_not_near() -> None:
    from corpus.places import default_gazetteer

    for text in ("j'habite à Namur", "I live in Mons, the region is nice", "ik woon in Gent"):
        found = default_gazetteer().find_in_text(text)
        assert len(found) == 1 and not found[0].near, text


def test_a_village_sounding_like_a_larger_municipality_reads_as_the_municipality() -> None:
    gazetteer = default_gazetteer()
    mention = gazetteer.find_in_text("je cherche une formation près de tournay")[0]
    assert mention.place.name == "Tournai"
    assert gazetteer.resolve("Tournay").name == "Tournai"  # type: ignore[union-attr]
    # the village stays reachable by its postal code
    assert gazetteer.find_in_text("6840 Tournay")[0].place.municipality == "Neufchâteau"
    # a village one letter from a larger town but not sounding alike keeps its own name
    assert gazetteer.find_in_text("ik woon in Tielen")[0].place.name == "Tielen"
