"""Statuses: a duration is no age, a job left is no current work."""

from __future__ import annotations

import pytest

from assistant.understanding import ProfileParser

PARSER = ProfileParser()


@pytest.mark.parametrize(
    "text",
    [
        "j'ai travaillé 15 ans comme soudeur",
        "Ich war 15 Jahre als Verkäuferin tätig.",
        "I worked 20 years as a driver",
    ],
)
def test_a_duration_before_a_job_is_no_age(text: str) -> None:
    statuses = PARSER.parse(text).statuses
    assert "young" not in statuses and "over_45" not in statuses


def test_a_job_left_is_no_current_work() -> None:
    assert "worker" not in PARSER.parse("Ex-employée de nettoyage.").statuses
    assert "worker" in PARSER.parse("Employée de nettoyage dans une école.").statuses


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("J'ai la cinquantaine.", "over_45"),
        ("I'm in my fifties.", "over_45"),
        ("Ik ben in de vijftig.", "over_45"),
        ("Ich bin Mitte fünfzig.", "over_45"),
        ("Je suis au début de la vingtaine.", "young"),
    ],
)
def test_an_age_said_as_a_decade(text: str, status: str) -> None:
    assert status in PARSER.parse(text).statuses


def test_someone_elses_age_is_not_the_persons() -> None:
    assert PARSER.parse("Je vous écris pour mon fils de 18 ans.").statuses == frozenset()


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("je bosse comme magasinier", "worker"),
        ("Ik ben 40 en werk al tien jaar als kok.", "worker"),
        ("Ich wohne in Eupen und arbeite seit Jahren als Koch.", "worker"),
        ("Je fais des études de droit.", "student"),
        ("Ik studeer nog.", "student"),
        ("Titre de séjour obtenu récemment.", "newcomer"),
        ("I was laid off last year.", "jobseeker"),
        ("Je vis seule avec mon fils.", "single_parent"),
        ("Ik werk als poetsvrouw.", "woman"),
    ],
)
def test_status_mechanisms(text: str, status: str) -> None:
    assert status in PARSER.parse(text).statuses


def test_a_masters_title_ending_in_ster_is_no_woman() -> None:
    assert "woman" not in PARSER.parse("Ich arbeite als Hausmeister.").statuses
