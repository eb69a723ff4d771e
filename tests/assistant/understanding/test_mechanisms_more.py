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
