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
