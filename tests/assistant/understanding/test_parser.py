"""The profile parser: many phrasings per facet, and nothing invented."""

from __future__ import annotations

import pytest

from assistant.understanding import ProfileParser, detect_language

PARSER = ProfileParser()


def parse(text: str):  # type: ignore[no-untyped-def]
    return PARSER.parse(text)


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("Pas plus de 50 heures, j'ai des enfants", 50),
        ("une formation de 40 heures maximum", 40),
        ("max 40h svp", 40),
        ("moins de 100 heures", 100),
        ("maximum 35 heures", 35),
        ("au maximum quarante heures", 40),
        ("no more than 60 hours", 60),
        ("maximaal 40 uur", 40),
        ("je veux une formation qui ne dépasse pas 80 heures", 80),
        ("formation courte (moins de 100 heures)", 100),
    ],
)
def test_max_hours(text: str, hours: float) -> None:
    assert parse(text).max_hours == hours


@pytest.mark.parametrize(
    "text",
    [
        "J'ai travaillé 15 ans comme magasinier",
        "j'ai 40 ans et deux enfants",
        "une formation de 600 heures me fait peur",
        "je travaille 38 heures par semaine",
        "j'ai fait 1200 heures de stage",
    ],
)
def test_no_invented_hour_limit(text: str) -> None:
    assert parse(text).max_hours is None


@pytest.mark.parametrize(
    ("text", "weeks"),
    [("pas plus de 3 mois", 13.0), ("moins de 6 semaines", 6.0), ("maximaal 2 maanden", 8.7)],
)
def test_max_weeks(text: str, weeks: float) -> None:
    assert parse(text).max_weeks == pytest.approx(weeks, abs=0.1)


@pytest.mark.parametrize(
    ("text", "formats", "required"),
    [
        ("je préfère à distance", {"distanciel"}, False),
        ("plutôt en ligne, depuis chez moi", {"distanciel"}, False),
        ("uniquement à distance, je ne peux pas me déplacer", {"distanciel"}, True),
        ("en présentiel avec un groupe", {"presentiel"}, False),
        ("une formation hybride me conviendrait", {"hybride"}, False),
        ("I'd like online training only", {"distanciel"}, True),
        ("liefst op afstand", {"distanciel"}, False),
    ],
)
def test_formats(text: str, formats: set[str], required: bool) -> None:
    profile = parse(text)
    assert profile.formats == formats
    assert profile.format_required is required


@pytest.mark.parametrize(
    ("text", "schedule"),
    [
        ("je ne peux que le soir", "evenings"),
        ("des cours du soir", "evenings"),
        ("à mi-temps", "part_time"),
        ("un temps partiel", "part_time"),
        ("le week-end seulement", "weekends"),
        ("le samedi", "weekends"),
        ("à temps plein", "full_time"),
        ("in the evenings", "evenings"),
        ("deeltijds", "part_time"),
    ],
)
def test_schedules(text: str, schedule: str) -> None:
    assert schedule in parse(text).schedules


@pytest.mark.parametrize(
    "text",
    [
        "j'ai des enfants à gérer",
        "maman solo de deux petits",
        "mes enfants sont à l'école",
        "I have two kids",
        "ik heb drie kinderen",
        "je suis mère célibataire",
    ],
)
def test_children(text: str) -> None:
    assert parse(text).has_children


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("je ne connais presque rien à l'ordinateur", "none"),
        ("j'ai jamais utilisé un ordinateur", "none"),
        ("l'ordinateur c'est pas mon truc", "none"),
        ("Personne qui n'a jamais utilisé d'ordinateur", "none"),
        ("I have never used a computer", "none"),
        ("je me débrouille avec l'ordinateur", "basic"),
        ("je sais juste lire mes mails", "basic"),
        ("je suis à l'aise avec l'informatique", "comfortable"),
    ],
)
def test_digital_level(text: str, level: str) -> None:
    assert parse(text).digital_level == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("apprendre Excel depuis le début", "none"),
        ("je pars de zéro", "none"),
        ("je suis débutante en comptabilité", "none"),
        ("me perfectionner en Excel", "comfortable"),
        ("les fonctions avancées d'Excel", "comfortable"),
        ("je maîtrise déjà les bases de Word", "comfortable"),
    ],
)
def test_domain_level(text: str, level: str) -> None:
    assert parse(text).domain_level == level


@pytest.mark.parametrize(
    "text",
    [
        "j'ai pas été beaucoup à l'école",
        "je n'ai pas de diplôme",
        "lire et écrire c'est très dur",
        "peu scolarisée",
        "j'ai arrêté l'école à 14 ans",
        "j'ai des difficultés à lire",
    ],
)
def test_little_schooling(text: str) -> None:
    assert parse(text).little_schooling


@pytest.mark.parametrize(
    "text", ["J'ai mon CESS mais pas de diplôme en informatique", "sans diplôme d'ingénieur"]
)
def test_a_missing_specialist_diploma_is_not_little_schooling(text: str) -> None:
    assert not parse(text).little_schooling


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("il me faut une formation certifiante", "certifiante"),
        ("Formation qualifiante souhaitée", "qualifiante"),
    ],
)
def test_training_kind_is_a_hard_certification_constraint(text: str, kind: str) -> None:
    assert parse(text).certification == kind


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("je suis au chômage", "jobseeker"),
        ("demandeuse d'emploi depuis un an", "jobseeker"),
        ("Chercheur d'emploi basé à Wavre", "jobseeker"),
        ("inscrit au Forem", "jobseeker"),
        ("Personne à la recherche d'un emploi", "jobseeker"),
        ("I am unemployed", "jobseeker"),
        ("ik ben werkzoekend", "jobseeker"),
        ("je suis salarié dans une PME", "worker"),
        ("je travaille comme employée chez Colruyt", "worker"),
        ("j'ai 22 ans", "young"),
        ("j'ai 52 ans", "over_45"),
        ("je viens d'arriver en Belgique", "newcomer"),
        ("je suis étudiant", "student"),
    ],
)
def test_statuses(text: str, status: str) -> None:
    assert status in parse(text).statuses


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("je veux passer l'examen", True),
        ("un diplôme reconnu", True),
        ("I need a certificate", True),
    ],
)
def test_certification(text: str, value: object) -> None:
    assert parse(text).certification == value


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("pas plus de 30 minutes de trajet", 30),
        ("maximum 45 min", 45),
        ("pas plus d'une demi-heure", 30),
        ("no more than 20 minutes", 20),
    ],
)
def test_travel_time(text: str, minutes: int) -> None:
    assert parse(text).max_travel_minutes == minutes


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("je n'ai pas le permis", "has_car", False),
        ("pas de voiture, je me déplace en bus", "has_car", False),
        ("en transports en commun", "public_transport", True),
        ("je suis prêt à déménager", "willing_to_move", True),
        ("dans un rayon de 20 km", "radius_km", 20.0),
        ("je parle un peu français", "french_level", "basic"),
        ("je veux une formation courte", "prefers_short", True),
    ],
)
def test_mobility_and_other_facets(text: str, field: str, value: object) -> None:
    assert getattr(parse(text), field) == value


@pytest.mark.parametrize(
    "text",
    [
        "Je voudrais apprendre Excel",
        "je veux travailler dans l'informatique",
        "excel tableaux croisés dynamiques",
        "gestion de projet agile scrum",
        "Bonjour",
        "On me reproche d'être trop cash",
    ],
)
def test_plain_needs_state_no_constraint(text: str) -> None:
    profile = parse(text)
    assert profile.stated - {"domain_level"} == set(), profile.stated


def test_evidence_keeps_the_words_read() -> None:
    profile = parse("Je suis au chômage, pas plus de 50 heures.")
    assert profile.evidence["max_hours"] == "pas plus de 50 heures"
    assert "chômage" in profile.evidence["statuses"]


def test_topic_drops_the_constraint_phrases() -> None:
    profile = parse("Je voudrais apprendre Excel, pas plus de 50 heures")
    assert "50" not in profile.topic and "Excel" in profile.topic


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Je voudrais apprendre Excel", "fr"),
        ("I would like to learn Excel for my job", "en"),
        ("Ik wil graag een opleiding volgen", "nl"),
        ("excel", "fr"),
    ],
)
def test_language(text: str, language: str) -> None:
    from corpus.text import fold

    assert detect_language(fold(text)) == language


def test_markup_is_read_as_blank_space_and_never_as_a_need() -> None:
    from assistant.understanding.parser import without_markup

    text = '<a href="x">Formation</a> <script>alert(1)</script> comptable, <b>20 heures</b> max'
    assert len(without_markup(text)) == len(text)
    profile = ProfileParser().parse(text)
    for word in ("href", "script", "alert", "<", ">"):
        assert word not in profile.topic
    assert "comptable" in profile.topic and "Formation" in profile.topic
    assert profile.max_hours == 20
    # A lone "<" (a comparison, not a tag) is kept.
    assert without_markup("moins de 3 mois, < 40 h") == "moins de 3 mois, < 40 h"
