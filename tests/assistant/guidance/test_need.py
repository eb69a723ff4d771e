"""Telling a need that names a subject from the narrative around it."""

from __future__ import annotations

import pytest

from assistant.guidance.need import aims_at_work, is_filler, names_a_subject
from corpus.text import fold


@pytest.mark.parametrize(
    "text",
    [
        "Je l'ai obtenu l'an dernier, je cherche la suite logique pour progresser.",
        "une formation à",
        "I got it two years ago, what should I do next?",
        "Ik heb het vorig jaar behaald, wat is de volgende stap?",
        "Ich habe es letztes Jahr gemacht, was ist der nächste Schritt?",
        "J'ai 45 ans et j'habite ici depuis 10 ans.",
    ],
)
def test_narrative_names_no_subject(text: str) -> None:
    assert not names_a_subject(text)


@pytest.mark.parametrize(
    "text",
    [
        "je voudrais devenir soudeur",
        "formation comptabilité",
        "certif AZ-900",
        "I want to learn bookkeeping",
        "Ik wil boekhouding leren",
    ],
)
def test_a_subject_is_named(text: str) -> None:
    assert names_a_subject(text)


def test_numbers_and_stop_words_are_not_filler() -> None:
    assert not is_filler("900") and not is_filler("le")
    assert is_filler("habite") and is_filler("progresser")


def test_an_occupation_alone_is_the_whole_need() -> None:
    from assistant.guidance.service import topic_text
    from assistant.understanding import Profile

    narrative = Profile(
        goals=("Soudeur / Soudeuse",),
        topic="J'ai 45 ans et je voudrais devenir soudeur. J'habite à .",
    )
    assert topic_text(narrative) == "Soudeur / Soudeuse"
    more = narrative.with_changes(topic="je voudrais devenir soudeur et apprendre le TIG")
    assert "TIG" in topic_text(more) and "Soudeur / Soudeuse" in topic_text(more)


def test_facts_read_elsewhere_name_no_subject_beside_the_goal() -> None:
    from assistant.guidance.service import topic_text
    from assistant.understanding import Profile

    profile = Profile(
        goals=("Fleuriste",),
        statuses=frozenset({"jobseeker"}),
        topic="Je suis au chômage depuis longtemps et je voudrais devenir fleuriste.",
        evidence={"statuses": "au chômage"},
    )
    assert topic_text(profile) == "Fleuriste"


def test_words_of_need_leave_out_the_status_read() -> None:
    from assistant.guidance.need import words_of_need
    from assistant.understanding import Profile

    profile = Profile(evidence={"statuses": "sans emploi", "past": "ancien cuisinier"})
    topic = "sans emploi depuis un an, ancien cuisinier, je veux apprendre la soudure"
    words = words_of_need(profile, topic)
    assert "sans emploi" not in words
    # only the status: the past job and the subject stay
    assert "ancien cuisinier" in words and "soudure" in words


def test_words_of_need_cut_whole_words_only_and_never_everything() -> None:
    from assistant.guidance.need import words_of_need
    from assistant.understanding import Profile

    abbreviated = Profile(evidence={"statuses": "DE"})
    assert words_of_need(abbreviated, "DE, formation DEVOPS") == ", formation DEVOPS"
    alone = Profile(evidence={"statuses": "intérimaire"})
    assert words_of_need(alone, "intérimaire") == "intérimaire"
    assert words_of_need(Profile(), "formation soudure") == "formation soudure"


@pytest.mark.parametrize(
    ("text", "aims"),
    [
        ("Plus tard, j'aimerais beaucoup travailler dans la logistique.", True),
        ("Mon objectif : devenir technicienne de maintenance.", True),
        ("Ik wil later graag in de zorg werken.", True),
        ("I would like to become a nurse one day.", True),
        ("Ich möchte gern als Elektriker arbeiten.", True),
        ("J'ai travaillé dix ans comme vendeuse.", False),
        ("Je cherche une formation Excel près de Namur.", False),
        ("I worked in a warehouse for years.", False),
    ],
)
def test_a_wish_to_work_or_become_is_a_job_aim(text: str, aims: bool) -> None:
    assert aims_at_work(fold(text)) is aims
