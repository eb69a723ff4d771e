"""More reading mechanisms in four languages: the present job and its length, a trade, wanting
a diploma, understanding a language, time ranges, teachers and screens, certificates that are
learnt rather than held."""

from __future__ import annotations

import pytest

from assistant.understanding import ProfileParser

PARSER = ProfileParser()


@pytest.mark.parametrize(
    ("text", "job"),
    [
        ("Je suis magasinier depuis 10 ans, je voudrais autre chose", "magasinier"),
        ("Ik ben kok sinds vijf jaar.", "kok"),
        ("Maçon de métier, je veux changer.", "maçon"),
        ("Vroeger werkte ik als bakker.", "bakker"),
        ("Früher arbeitete ich als Maurer.", "maurer"),
        ("I've worked in retail for years.", "retail"),
    ],
)
def test_job_held(text: str, job: str) -> None:
    assert [p.lower() for p in PARSER.parse(text).past] == [job]


@pytest.mark.parametrize(
    "text",
    [
        "Je suis demandeur d'emploi depuis 2 ans.",
        "Ich bin seit 2020 in Belgien.",
        "je suis la depuis 3 ans",
    ],
)
def test_no_job_in_a_state(text: str) -> None:
    assert PARSER.parse(text).past == ()


@pytest.mark.parametrize(
    "text",
    [
        "Je veux un diplôme à la fin.",
        "une formation avec une attestation à la fin",
        "I need a qualification.",
        "Ik wil een diploma halen.",
        "Ich möchte einen Abschluss machen.",
    ],
)
def test_a_diploma_wanted(text: str) -> None:
    assert PARSER.parse(text).certification


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("je ne comprends pas le néerlandais", "nl"),
        ("I don't understand French.", "fr"),
        ("Pas un mot de français.", "fr"),
        ("Ik versta geen Duits.", "de"),
    ],
)
def test_a_language_not_understood(text: str, code: str) -> None:
    assert code in PARSER.parse(text).languages_not_spoken


def test_more_language_names() -> None:
    assert PARSER.parse("Je parle lingala et swahili.").languages_spoken == {"ln", "sw"}


@pytest.mark.parametrize(
    ("text", "schedule"),
    [("cours de 9h à 12h", "morning"), ("van 13u tot 16u", None), ("de 13h à 16h", "afternoon")],
)
def test_time_ranges(text: str, schedule: str | None) -> None:
    expected = {schedule} if schedule else set()
    assert PARSER.parse(text).schedules == expected


def test_a_teacher_not_a_screen() -> None:
    profile = PARSER.parse("Je veux un vrai prof, pas devant un écran.")
    assert profile.formats == {"presentiel"}
    assert profile.formats_refused == {"distanciel"}


def test_partly_online_is_hybrid() -> None:
    assert PARSER.parse("liefst deels online").formats == {"hybride"}


@pytest.mark.parametrize(
    "text",
    ["J'ai envie d'apprendre SAP.", "I have to learn PHP.", "Ik heb interesse in een cursus CNC."],
)
def test_a_subject_learnt_is_no_certificate_held(text: str) -> None:
    assert PARSER.parse(text).certificates_held == ()


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Je suis née en 1980.", "woman"),
        ("Je recherche un emploi.", "jobseeker"),
        ("Je n'ai plus de travail.", "jobseeker"),
        ("Mon patron est d'accord.", "worker"),
        ("Ik ben een jongere uit Genk.", "young"),
        ("50+ et motivé", "over_45"),
        ("Personne PMR.", "disability"),
    ],
)
def test_statuses(text: str, status: str) -> None:
    assert status in PARSER.parse(text).statuses


@pytest.mark.parametrize(
    "text", ["Je ne sais pas lire.", "Ich habe Legasthenie.", "Lire, c'est compliqué pour moi."]
)
def test_reading(text: str) -> None:
    assert PARSER.parse(text).reading_difficulty is True


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("J'ai fini mes secondaires.", "secondary"),
        ("I finished high school.", "secondary"),
        ("Ich habe die mittlere Reife.", "secondary"),
        ("J'ai fait l'unif.", "higher"),
    ],
)
def test_diploma(text: str, level: str) -> None:
    assert PARSER.parse(text).diploma == level


@pytest.mark.parametrize(
    ("text", "job"),
    [
        ("I'm a cashier and want a change", "cashier"),
        ("Ik ben kassierster en wil iets anders", "kassierster"),
        ("Ich bin Verkäuferin und möchte umschulen", "verkäuferin"),
        ("j'ai fait caissière pendant 10 ans", "caissière"),
        ("j'ai longtemps été vendeuse", "vendeuse"),
        ("Mon dernier poste de magasinier a été supprimé", "magasinier"),
    ],
)
def test_own_job_by_article_or_ending(text: str, job: str) -> None:
    assert [p.lower() for p in PARSER.parse(text).past] == [job]


@pytest.mark.parametrize(
    "text",
    [
        "ik ben 45 en zoek werk",
        "ich bin arbeitslos",
        "I'm a single mother",
        "I'm a bit lost",
        "I'm an absolute beginner",
        "Ik ben een beetje verloren",
        "j'ai fait ça vingt ans",
    ],
)
def test_no_job_in_self_descriptions(text: str) -> None:
    assert PARSER.parse(text).past == ()


@pytest.mark.parametrize(
    "text",
    ["Je suis motorisée.", "I have my own transport.", "I can drive.", "ik rijd met de auto"],
)
def test_car_said_otherwise(text: str) -> None:
    assert PARSER.parse(text).has_car is True


def test_driving_a_truck_is_no_car() -> None:
    assert PARSER.parse("je conduis un camion depuis 10 ans").has_car is None


def test_travel_time_with_its_means_then_a_bound() -> None:
    assert PARSER.parse("30 minutes de trajet maximum").max_travel_minutes == 30


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("j'utilise Excel tous les jours au bureau", "comfortable"),
        ("je me sers de mon smartphone", "basic"),
        ("je sais aller sur internet", "basic"),
    ],
)
def test_digital_use(text: str, level: str) -> None:
    assert PARSER.parse(text).digital_level == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("j'ai déjà fait un peu de couture", "basic"),
        ("I have some knowledge of Python", "basic"),
        ("Ich kenne mich ein bisschen aus", "basic"),
        ("je suis novice en jardinage", "none"),
        ("zéro connaissance en compta", "none"),
        ("keine Ahnung von Buchhaltung", "none"),
        ("j'ai déjà un bon niveau en anglais", "comfortable"),
        ("Ich kenne mich gut aus mit Excel", "comfortable"),
    ],
)
def test_more_levels(text: str, level: str) -> None:
    assert PARSER.parse(text).domain_level == level


@pytest.mark.parametrize(
    "text", ["aucune idée de métier", "keine Ahnung, welcher Beruf", "no idea what to do"]
)
def test_not_knowing_what_to_do_is_no_level(text: str) -> None:
    assert PARSER.parse(text).domain_level is None


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Née en 1970, je cherche une formation.", "over_45"),
        ("Ik ben een 19-jarige uit Gent.", "young"),
        ("I work part-time in a shop.", "worker"),
        ("I came to Belgium last year.", "newcomer"),
    ],
)
def test_more_statuses(text: str, status: str) -> None:
    assert status in PARSER.parse(text).statuses


@pytest.mark.parametrize(
    "text", ["une formation diplômante", "an accredited course", "ein zertifizierter Kurs"]
)
def test_more_certificate_wishes(text: str) -> None:
    assert PARSER.parse(text).certification


def test_a_rusty_language_is_not_spoken() -> None:
    assert PARSER.parse("mon néerlandais est rouillé").languages_not_spoken == {"nl"}
