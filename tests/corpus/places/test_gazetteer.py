"""Belgian places: the packaged gazetteer, ``resolve`` for catalog fields, ``find_in_text``.

The negatives matter as much as the positives: a place that is not in the text must never be
found ("j'ai 50 ans" is not Ans, "1200 euros" is not Woluwe-Saint-Lambert).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from corpus.places import (
    Gazetteer,
    GazetteerError,
    Place,
    PlaceMention,
    default_gazetteer,
    distance_km,
)

ROOT = Path(__file__).resolve().parents[3]
SOURCE_CANDIDATES = [
    ROOT.parent / "shared" / "data" / "gazetteer" / "be_postal_localities.csv",
    Path("/work/shared/data/gazetteer/be_postal_localities.csv"),
]


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return default_gazetteer()


def spans(gazetteer: Gazetteer, text: str) -> list[tuple[str, str]]:
    """(text of the span, postal code) of each mention."""
    return [(text[m.start : m.end], m.place.postal_code) for m in gazetteer.find_in_text(text)]


# -- the packaged data ----------------------------------------------------------------------


def test_packaged_gazetteer_has_every_row_and_sane_values(gazetteer: Gazetteer) -> None:
    assert len(gazetteer) == 2785
    assert {p.region for p in gazetteer.places} == {"Wallonie", "Bruxelles", "Vlaanderen"}
    for place in gazetteer.places:
        assert (place.province is None) == (place.region == "Bruxelles"), place
        assert 49.4 < place.lat < 51.6 and 2.5 < place.lon < 6.5, place
        assert len(place.postal_code) == 4 and place.postal_code.isdigit(), place
        assert place.name and place.municipality


def test_default_gazetteer_is_loaded_once() -> None:
    assert default_gazetteer() is default_gazetteer()


def test_place_name_is_french_where_there_is_one(gazetteer: Gazetteer) -> None:
    assert [p.name for p in gazetteer.by_postal_code("8000")] == ["Bruges", "Koolkerke"]
    antwerp = gazetteer.resolve("Antwerpen")
    assert antwerp is not None and (antwerp.name, antwerp.municipality) == ("Anvers", "Antwerpen")


def test_make_places_rebuilds_the_packaged_file(tmp_path: Path) -> None:
    source = next((p for p in SOURCE_CANDIDATES if p.is_file()), None)
    # shared/ lies beside every checkout and CI clone: its absence is a broken setup.
    assert source is not None, f"shared gazetteer source missing; looked in {SOURCE_CANDIDATES}"
    output = tmp_path / "places.csv"
    script = ROOT / "corpus" / "data" / "make_places.py"
    subprocess.run([sys.executable, script, source, "-o", output], check=True, capture_output=True)
    assert output.read_bytes() == (ROOT / "corpus" / "data" / "places.csv").read_bytes()


def test_load_reads_another_file_and_rejects_a_bad_one(tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text(
        "postal_code,name_fr,name_nl,municipality,province,region,lat,lon\n"
        "6000,Charleroi,Charleroi,Charleroi,Hainaut,Wallonie,50.4114,4.4445\n"
        "6041,Gosselies,,Charleroi,Hainaut,Wallonie,50.4694,4.4332\n",
        encoding="utf-8",
    )
    small = Gazetteer.load(good)
    assert len(small) == 2
    assert small.resolve("Gosselies") == Place(
        "Gosselies", "6041", "Charleroi", "Hainaut", "Wallonie", 50.4694, 4.4332
    )
    bad = tmp_path / "bad.csv"
    bad.write_text("postal_code,name\n6000,Charleroi\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="expected the columns"):
        Gazetteer.load(bad)
    with pytest.raises(GazetteerError, match="cannot read"):
        Gazetteer.load(tmp_path / "missing.csv")
    row = dict.fromkeys(("postal_code", "name_fr", "name_nl", "municipality"), "")
    row |= {"province": "Hainaut", "region": "Wallonie", "lat": "50.4", "lon": "north"}
    with pytest.raises(GazetteerError, match="line 2: missing or bad value"):
        Gazetteer([row], source="rows")
    with pytest.raises(GazetteerError, match="line 2: no name"):
        Gazetteer([row | {"lon": "4.4"}], source="rows")


# -- distance -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "low", "high"),
    [
        ("Liège", "Namur", 50, 56),  # 52.8 km as the crow flies (about 60 km by road)
        ("Mons", "Charleroi", 35, 40),
        ("Bruxelles", "Antwerpen", 38, 45),
        ("Arlon", "Ostende", 255, 275),
    ],
)
def test_distance_km(gazetteer: Gazetteer, a: str, b: str, low: float, high: float) -> None:
    place_a, place_b = gazetteer.resolve(a), gazetteer.resolve(b)
    assert place_a is not None and place_b is not None
    assert low <= distance_km(place_a, place_b) <= high
    assert distance_km(place_a, place_b) == pytest.approx(distance_km(place_b, place_a))
    assert distance_km(place_a, place_a) == 0


# -- resolve: catalog fields ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "code", "name"),
    [
        ("Gosselies", "6041", "Gosselies"),
        ("6041", "6041", "Gosselies"),
        ("Louvain-la-Neuve", "1348", "Louvain-la-Neuve"),
        ("louvain la neuve", "1348", "Louvain-la-Neuve"),
        ("Bruxelles", "1000", "Bruxelles"),
        ("Brussel", "1000", "Bruxelles"),
        ("Brussels", "1000", "Bruxelles"),
        ("Liege", "4000", "Liège"),
        ("LIÈGE", "4000", "Liège"),
        ("Luik", "4000", "Liège"),
        ("Mons (Hainaut)", "7000", "Mons"),
        ("Bergen", "7000", "Mons"),
        ("Charleroi - Gosselies", "6041", "Gosselies"),
        ("Seraing (Ougrée)", "4102", "Ougrée"),
        ("7000 Mons", "7000", "Mons"),
        ("B-6000", "6000", "Charleroi"),
        ("4000", "4000", "Liège"),  # several localities: the municipality's own first
        ("1804", "1804", "Vilvorde"),  # no locality named like the code's ... the first
        ("Braine-l'Alleud", "1420", "Braine-l'Alleud"),
        ("Braine l Alleud", "1420", "Braine-l'Alleud"),
        ("Sint-Niklaas", "9100", "Sint-Niklaas"),
        ("St-Ghislain", "7330", "Saint-Ghislain"),
        ("Aalst", "9300", "Alost"),  # the municipality, not the hamlet of Sint-Truiden
        ("Halle", "1500", "Hal"),
        ("Ottignies-Louvain-la-Neuve", "1340", "Ottignies-Louvain-la-Neuve"),
        ("Marche", "6900", "Marche-en-Famenne"),
        ("Spa", "4900", "Spa"),
        ("Ans", "4430", "Ans"),
        ("Charleroy", "6000", "Charleroi"),
        ("Namur, Belgique", "5000", "Namur"),
        ("Ixelles (Bruxelles)", "1050", "Ixelles"),
        ("Brugge - Koolkerke", "8000", "Koolkerke"),
        ("Liège 4020", "4020", "Liège"),
    ],
)
def test_resolve(gazetteer: Gazetteer, value: str, code: str, name: str) -> None:
    place = gazetteer.resolve(value)
    assert place is not None, value
    assert (place.postal_code, place.name) == (code, name)


@pytest.mark.parametrize("value", ["", "   ", "9999", "0471", "Paris", "Formation", "Hainaut"])
def test_resolve_unknown(gazetteer: Gazetteer, value: str) -> None:
    assert gazetteer.resolve(value) is None


# -- find_in_text: places that are there ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("j'habite à Gosselies", [("Gosselies", "6041")]),
        ("je vis a Liege", [("Liege", "4000")]),
        ("6040", [("6040", "6040")]),
        ("je suis du 6040", [("6040", "6040")]),
        ("code postal 7000", [("7000", "7000")]),
        ("7000 Mons", [("7000 Mons", "7000")]),
        ("Mons (7000)", [("Mons (7000)", "7000")]),
        ("4430 Ans", [("4430 Ans", "4430")]),
        ("Bruxelles", [("Bruxelles", "1000")]),
        ("je cherche du travail sur Charleroi", [("Charleroi", "6000")]),
        ("j'habite à La Louvière", [("La Louvière", "7100")]),
        (
            "Braine-l'Alleud ou Marche-en-Famenne",
            [("Braine-l'Alleud", "1420"), ("Marche-en-Famenne", "6900")],
        ),
        ("ik woon in Antwerpen", [("Antwerpen", "2000")]),
        ("ik woon in Sint-Niklaas", [("Sint-Niklaas", "9100")]),
        ("I live in Brussels", [("Brussels", "1000")]),
        ("I worked in Antwerp and Ghent", [("Antwerp", "2000"), ("Ghent", "9000")]),
        ("je vis à Charleroy", [("Charleroy", "6000")]),
        ("Liége ou Louviere", [("Liége", "4000"), ("Louviere", "7100")]),
        ("j'habite à Ans", [("Ans", "4430")]),
        ("Je suis originaire d'Ans", [("Ans", "4430")]),
        ("J'HABITE À ANS", [("ANS", "4430")]),
        ("j'habite à Marche", [("Marche", "6900")]),
        ("J'habite à Spa.", [("Spa", "4900")]),
        ("un job à Verviers ou Spa", [("Verviers", "4800"), ("Spa", "4900")]),
        ("entre Namur et Ans", [("Namur", "5000"), ("Ans", "4430")]),
        ("Le Forem de Jette", [("Jette", "1090")]),
        ("Werken in Geel of Mol", [("Geel", "2440"), ("Mol", "2400")]),
        ("j'habite au Roeulx", [("Roeulx", "7070")]),
        ("j'habite à La Panne", [("La Panne", "8660")]),
        ("Ik woon in De Panne", [("De Panne", "8660")]),
        ("je travaille sur LLN et Bxl", [("LLN", "1348"), ("Bxl", "1000")]),
        ("rue de Namur 12, 1000 Bruxelles", [("1000 Bruxelles", "1000")]),
        ("j'habite Charleroi depuis 2019", [("Charleroi", "6000")]),
        ("Tournai, Mouscron", [("Tournai", "7500"), ("Mouscron", "7700")]),
        ("Van Gent naar Brussel", [("Gent", "9000"), ("Brussel", "1000")]),
        ("Based in Leuven, open to Mechelen", [("Leuven", "3000"), ("Mechelen", "2800")]),
    ],
)
def test_find_in_text_finds(
    gazetteer: Gazetteer, text: str, expected: list[tuple[str, str]]
) -> None:
    assert spans(gazetteer, text) == expected


@pytest.mark.parametrize(
    ("text", "near"),
    [
        ("près de Liège", True),
        ("pres de Liege", True),
        ("dans la région de Namur", True),
        ("autour de Charleroi", True),
        ("aux alentours d'Arlon", True),
        ("ik zoek werk in de buurt van Gent", True),
        ("near Liege", True),
        ("Namur et environs", True),
        ("zoek werk in Genk of omgeving", True),
        ("à Namur", False),
        ("sur Charleroi", False),
        ("ik woon in Gent", False),
    ],
)
def test_find_in_text_near(gazetteer: Gazetteer, text: str, near: bool) -> None:
    mentions = gazetteer.find_in_text(text)
    assert len(mentions) == 1
    assert mentions[0].near is near


def test_mentions_are_in_text_order_and_once_per_place(gazetteer: Gazetteer) -> None:
    text = "J'ai travaillé à Namur, puis à Liège (4000), et je reviens à Namur ou à 4000 Liège."
    mentions = gazetteer.find_in_text(text)
    assert [(m.place.name, text[m.start : m.end]) for m in mentions] == [
        ("Namur", "Namur"),
        ("Liège", "Liège (4000)"),
    ]
    assert all(isinstance(m, PlaceMention) for m in mentions)


# -- find_in_text: places that are not there ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "j'ai 50 ans",
        "J'AI 50 ANS",
        "j'ai 50 Ans d'expérience",
        "mes enfants ont 12 et 14 ans",
        "40 heures par semaine",
        "une heure de trajet",
        "1200 euros net",
        "2000 €",
        "1500 heures",
        "en 2024 j'ai travaillé",
        "depuis 2019",
        "né en 1990, diplôme 1990",
        "3000 km au compteur",
        "je cherche une formation de plus de 1000 heures",
        "un salaire de 2500 et un budget de 1800",
        "1000-1500 euros par mois",
        "de 2010 à 2015",
        "Tél : 0471/12.34.56 ou 071 23 45 67",
        "IBAN BE68 5390 0754 7034",
        "norme ISO 9000",
        "je marche beaucoup",
        "ça marche",
        "Marche à suivre",
        "du bois, un mont, le pont",
        "le mont Blanc",
        "je travaille dans un spa",
        "Spa Praticien / Spa Praticienne",
        "On cherche un emploi. On verra.",
        "je suis en mal de travail, un lot de bras",
        "Ressources humaines, Humain, forêt, Forêt de Soignes",
        "Formation En Ligne Pour Manager",
        "en cas de panne, la panne",
        "Je vise un poste de magasinier",
        "Savoir-faire en vente, Pierre et Vincent",
        "Dave et Hervé cherchent un emploi",
        "la Saint-Martin et la Saint-Nicolas",
        "Parcourt différents lieux pour proposer des produits",
        "info@namur.be",
        "Ik wil meer werken in de zorg en lessen volgen",
        "Namen en adressen invullen",
        "Geel is een kleur",
        "I spent an hour on a silly mistake",
        "As a manager, I manage my team on my own",
        "I work 40 hours a week in my spare time",
        "Je travaille à Lille",
        "Jean-Claude Van Damme et Madame Masson",
        "Mijn naam is Veerle en ik ben kapster van beroep",
        "Ik heb tien jaar in de bouw gewerkt en wil nu iets anders doen",
        "I used to work as a waiter; I would like to become a chef",
    ],
)
def test_find_in_text_invents_nothing(gazetteer: Gazetteer, text: str) -> None:
    assert spans(gazetteer, text) == []


def test_a_common_word_needs_a_cue_and_a_capital(gazetteer: Gazetteer) -> None:
    assert spans(gazetteer, "j'habite à ans") == []  # no capital
    assert spans(gazetteer, "Ans est près de Liège")[0] == ("Liège", "4000")  # no cue
    assert spans(gazetteer, "Je vis à Heure") == [("Heure", "5377")]
    assert spans(gazetteer, "une Heure") == []


def test_a_street_is_not_its_town(gazetteer: Gazetteer) -> None:
    text = "J'habite chaussée de Louvain 12 à Schaerbeek, près de la route de Mons"
    assert spans(gazetteer, text) == [("Schaerbeek", "1030")]


def test_a_hyphen_makes_a_multiword_name_a_place(gazetteer: Gazetteer) -> None:
    assert spans(gazetteer, "une petite chapelle") == []
    assert spans(gazetteer, "Petite-Chapelle") == [("Petite-Chapelle", "5660")]
