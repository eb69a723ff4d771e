"""A place said back in the reader's language: ``Gazetteer.name_in``."""

from __future__ import annotations

import pytest

from corpus.places import Gazetteer, default_gazetteer

ROWS = [
    # postal_code, name_fr, name_nl, municipality, province, region
    ("1000", "Bruxelles", "Brussel", "Bruxelles", "", "Bruxelles"),
    ("3000", "Louvain", "Leuven", "Leuven", "Brabant flamand", "Vlaanderen"),
    ("4720", "La Calamine", "Kelmis", "La Calamine", "Liège", "Wallonie"),
    ("5000", "Namur", "Namen", "Namur", "Namur", "Wallonie"),
    ("6041", "Gosselies", "", "Charleroi", "Hainaut", "Wallonie"),
    ("8020", "", "Oostkamp", "Oostkamp", "Flandre occidentale", "Vlaanderen"),
]


@pytest.fixture(scope="module")
def small() -> Gazetteer:
    keys = ("postal_code", "name_fr", "name_nl", "municipality", "province", "region")
    return Gazetteer([{**dict(zip(keys, r, strict=True)), "lat": "50", "lon": "4"} for r in ROWS])


@pytest.mark.parametrize(
    ("town", "language", "expected"),
    [
        ("Namur", "fr", "Namur"),
        ("Namur", "nl", "Namen"),
        ("Namur", "en", "Namur"),  # Wallonia: the French name
        ("Louvain", "en", "Leuven"),  # Flanders: the Dutch name
        ("Louvain", "de", "Löwen"),  # an exonym in common use
        ("Bruxelles", "en", "Brussels"),
        ("Bruxelles", "de", "Brüssel"),
        ("La Calamine", "de", "Kelmis"),  # the German-speaking Community
        ("La Calamine", "en", "La Calamine"),
        ("Gosselies", "nl", "Gosselies"),  # no Dutch name: the one there is
        ("Oostkamp", "fr", "Oostkamp"),  # no French name
    ],
)
def test_a_place_is_named_in_the_readers_language(
    small: Gazetteer, town: str, language: str, expected: str
) -> None:
    place = small.resolve(town)
    assert place is not None
    assert small.name_in(place, language) == expected


def test_a_place_the_gazetteer_lacks_keeps_its_name(small: Gazetteer) -> None:
    ghost = default_gazetteer().resolve("Arlon")
    assert ghost is not None
    assert small.name_in(ghost, "nl") == "Arlon"


def test_the_packaged_gazetteer_names_liege_in_four_languages() -> None:
    gazetteer = default_gazetteer()
    liege = gazetteer.resolve("4000")
    assert liege is not None
    names = [gazetteer.name_in(liege, lang) for lang in ("fr", "nl", "en", "de")]
    assert names == ["Liège", "Luik", "Liège", "Lüttich"]


def test_a_german_exonym_said_back_is_also_understood() -> None:
    gazetteer = default_gazetteer()
    found = gazetteer.find_in_text("Ich wohne in Lüttich und suche einen Kurs")
    assert [m.place.name for m in found] == ["Liège"]
    assert gazetteer.name_in(found[0].place, "de") == "Lüttich"
