"""The understanding decides which clauses are the topic: not what the person knows."""

from __future__ import annotations

import pytest

from assistant.understanding import ProfileParser
from assistant.understanding.clauses import known_clauses
from assistant.understanding.negation import negation_scopes
from corpus.text import fold

PARSER = ProfileParser()


@pytest.mark.parametrize(
    ("text", "kept", "gone"),
    [
        ("je connais bien Word, je veux apprendre la comptabilité", "comptabilité", "Word"),
        ("I know Photoshop well. I want to learn video editing.", "video", "Photoshop"),
        ("Ik ken Word goed, maar ik wil boekhouding leren", "boekhouding", "Word"),
        ("Ich kenne SAP gut und ich möchte Buchhaltung lernen", "Buchhaltung", "SAP"),
        ("Je maîtrise Illustrator ; je voudrais me former au montage vidéo.", "montage", "Illus"),
    ],
)
def test_what_the_person_knows_leaves_the_topic(text: str, kept: str, gone: str) -> None:
    profile = PARSER.parse(text)
    assert kept in profile.topic and gone not in profile.topic
    assert gone in profile.evidence["known"]  # kept as evidence, shown back


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("je connais un peu Excel et je veux progresser", "Excel"),  # nothing else: Excel is it
        ("je ne connais rien à la comptabilité", "comptabilité"),  # a denial is no knowledge
        ("I don't know Excel at all, I want to learn it", "Excel"),
    ],
)
def test_knowledge_stays_when_it_is_the_need_or_is_denied(text: str, subject: str) -> None:
    assert subject in PARSER.parse(text).topic


def test_a_denied_knowledge_is_no_known_clause() -> None:
    folded = fold("Ich kenne nichts von Buchhaltung")
    assert known_clauses(folded, negation_scopes(folded)) == []


@pytest.mark.parametrize(
    ("text", "frame"),
    [
        ("je cherche un travail de bureau", "un travail"),
        ("ik zoek een werk in de zorg", "een werk"),
        ("ich suche eine Arbeit im Lager", "eine arbeit"),
        ("un nouveau boulot dans la vente", "un nouveau boulot"),
    ],
)
def test_the_noun_of_work_before_its_field_is_not_the_subject(text: str, frame: str) -> None:
    from assistant.understanding.clauses import job_frames
    from corpus.text import fold

    folded = fold(text)
    assert [folded[a:b] for a, b in job_frames(folded)] == [frame]
    assert frame not in fold(PARSER.parse(text).topic)


@pytest.mark.parametrize(
    "text",
    [
        "je veux améliorer le travail en équipe",  # a subject, not a frame
        "je cherche un travail.",  # no field after it
        "trouver un emploi dans la restauration",  # a training towards employment answers it
    ],
)
def test_work_as_a_subject_or_employment_is_no_frame(text: str) -> None:
    from assistant.understanding.clauses import job_frames
    from corpus.text import fold

    assert job_frames(fold(text)) == []
