"""The parser's readers through negation: formats and times refused, car, computer, diploma,
reading, orientation, certificates held, statuses, jobs held, and the topic that is left."""

from __future__ import annotations

import pytest

from assistant.services import profile_parser
from assistant.understanding import ProfileParser
from assistant.understanding.past_jobs import past_job_spans
from assistant.understanding.statuses import ages
from corpus.text import fold

parse = ProfileParser().parse


@pytest.mark.parametrize(
    ("text", "wanted", "refused"),
    [
        ("je veux apprendre la soudure, surtout pas à distance", set(), {"distanciel"}),
        ("Graag klassikaal, geen e-learning", {"presentiel"}, {"distanciel"}),
        ("No classroom courses, I study from home", {"distanciel"}, {"presentiel"}),
        ("Bitte keinen Fernunterricht", set(), {"distanciel"}),
        ("je refuse le présentiel", set(), {"presentiel"}),
    ],
)
def test_formats_wanted_and_refused(text: str, wanted: set[str], refused: set[str]) -> None:
    profile = parse(text)
    assert profile.formats == wanted
    assert profile.formats_refused == refused


def test_times_refused_and_only_mornings() -> None:
    profile = parse("Je ne suis libre que le matin, jamais le samedi")
    assert profile.schedules == {"morning"}
    assert profile.schedules_refused == {"weekends"}
    assert parse("niet 's avonds, wel overdag").schedules == {"daytime"}
    assert parse("niet 's avonds, wel overdag").schedules_refused == {"evenings"}
    # the hours the person works are not free hours
    assert parse("je bosse le soir, je cherche une formation").schedules == set()
    assert parse("je travaille le soir").schedules == set()


def test_car_and_transport() -> None:
    assert parse("je n'ai plus de bagnole").has_car is False
    assert parse("I own a car").has_car is True
    assert parse("Ik heb geen wagen, ik neem de trein").has_car is False
    assert parse("Ik heb geen wagen, ik neem de trein").public_transport is True
    assert parse("je viens en train").public_transport is True
    assert parse("je ne peux pas prendre le bus").public_transport is False
    # a licence to learn is not a car
    assert parse("je veux passer le permis poids lourd").has_car is None


def test_computer_use_and_computer_at_home() -> None:
    assert parse("Je n'ai jamais allumé un PC").digital_level == "none"
    assert parse("ik heb geen computer thuis").has_computer is False
    assert parse("ik heb geen computer thuis").digital_level is None
    assert parse("pas de souci avec l'informatique").digital_level is None


def test_no_diploma_is_not_a_wish_for_a_certificate() -> None:
    profile = parse("Je n'ai aucun diplôme, je cherche un travail manuel")
    assert profile.diploma == "none"
    assert not profile.certification
    assert parse("J'ai un bachelier en droit").diploma == "higher"
    assert parse("deux ans d'université sans terminer").diploma is None
    assert parse("Ich habe Abitur").diploma == "secondary"


def test_reading_difficulty_and_orientation() -> None:
    assert parse("écrire c'est compliqué pour moi, je lis mal").reading_difficulty
    assert parse("Ik kan niet goed lezen").reading_difficulty
    assert parse("Je sais pas trop quel métier faire").orientation
    assert parse("I have no idea what job suits me").orientation
    assert not parse("Je ne sais pas conduire").orientation


def test_certificates_held_leave_the_topic_and_are_not_goals() -> None:
    profile = parse("Je suis titulaire du VCA et je voudrais une formation de grutier")
    assert profile.certificates_held == ("vca",)
    assert "VCA" not in profile.topic
    assert "grutier" in profile.topic
    assert parse("Je veux passer le CACES").certificates_held == ()


def test_the_topic_keeps_the_need_only() -> None:
    profile = profile_parser().parse(
        "Formation en comptabilité à Namur, pas de permis, pas de distanciel"
    )
    assert "comptabilité" in profile.topic
    for word in ("permis", "distanciel", "Namur"):
        assert word not in profile.topic
    # a level stated in the field keeps the field's words
    assert "Excel" in parse("je n'ai jamais travaillé avec Excel").topic


def test_statuses_from_age_feminine_forms_and_current_work() -> None:
    assert parse("J'ai 62 ans").statuses == {"over_45"}
    assert "over_45" not in parse("J'ai travaillé pendant 50 ans").statuses
    assert "woman" in parse("Je suis une ancienne coiffeuse").statuses
    assert "woman" not in parse("Je suis ancien coiffeur").statuses
    assert "worker" in parse("ik werk in een winkel").statuses
    assert "worker" not in parse("je ne travaille plus").statuses
    assert "single_parent" in parse("papa solo de trois enfants").statuses
    assert "disability" in parse("je suis en fauteuil roulant").statuses
    assert [a for a, _ in ages(fold("Werkzoekende, 58, Gent"))] == [58]


def test_jobs_held_are_read_from_their_cues_and_never_goals() -> None:
    folded = fold("J'ai bossé comme plongeur, puis ex-vigile. I worked as a courier.")
    assert [folded[a:b] for a, b in past_job_spans(folded)] == ["plongeur", "vigile", "courier"]
    profile = parse("Ich habe 5 Jahre als Kellner gearbeitet")
    assert profile.past == ("Kellner",)
    assert "Kellner" not in profile.topic


@pytest.mark.parametrize(
    ("text", "held", "wanted"),
    [
        ("Après douze ans comme facteur, je voudrais devenir jardinier", "facteur", "jardinier"),
        ("Tot vorig jaar was ik schilder. Nu wil ik leren koken", "schilder", "koken"),
        ("Ich war Bäcker und möchte jetzt Gärtner werden", "bäcker", "gärtner"),
        ("My background is in hospitality, I'd like to study nursing", "hospitality", "nursing"),
    ],
)
def test_the_job_held_is_past_and_the_need_stays(text: str, held: str, wanted: str) -> None:
    profile = profile_parser().parse(text)
    assert any(held in p.lower() for p in profile.past)
    assert held not in profile.topic.lower()
    assert wanted in (profile.topic + " ".join(profile.goals)).lower()


def test_someone_elses_job_is_neither_goal_nor_past() -> None:
    profile = profile_parser().parse("Ma sœur est infirmière, moi je veux apprendre la couture")
    assert profile.goals == () and profile.past == ()
    assert "infirmi" not in profile.topic


def test_counsellor_notes_with_key_and_value() -> None:
    assert parse("Voiture : non").has_car is False
    assert parse("Computer skills: none").digital_level == "none"
    assert parse("Informatique : bonnes bases").digital_level == "basic"
    assert parse("Sprachen: Polnisch, Englisch").languages_spoken == {"pl", "en"}
    assert parse("Nederlands: beginner").languages_not_spoken == {"nl"}


@pytest.mark.parametrize(
    "text",
    [
        "j'aimerais apprendre à me servir d'un PC",
        "I'd like to learn how to use a computer",
        "Ich möchte lernen, mit dem Computer umzugehen",
    ],
)
def test_learning_to_use_a_computer_at_all_is_a_beginner(text: str) -> None:
    assert parse(text).domain_level == "none"


def test_bounds_after_the_number_and_litotes() -> None:
    assert parse("deux heures de route maximum").max_travel_minutes == 120
    assert parse("no longer than 6 weeks").max_weeks == 6.0
    assert parse("max 12 uur per week").max_travel_minutes is None  # hours of study, not travel
    # "pas loin de" is near, not a negation
    assert negation_free("je vis pas loin de Huy")


def negation_free(text: str) -> bool:
    from assistant.understanding import negation_scopes

    return negation_scopes(fold(text)) == []


def test_more_ways_to_say_level_reading_orientation_and_certificate() -> None:
    assert parse("I know a little SQL").domain_level == "basic"
    assert parse("Ik heb moeite met schrijven").reading_difficulty
    assert parse("J'aimerais un bilan de compétences").orientation
    assert parse("Ich möchte ein Zertifikat erwerben").certification


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("Dernier poste : magasinier", "magasinier"),
        ("Laatste beroep: bakker", "bakker"),
        ("five years of experience as a receptionist", "receptionist"),
        ("Ik werkte bij een garage", "garage"),
    ],
)
def test_a_notes_previous_job(text: str, held: str) -> None:
    profile = parse(text)
    assert any(held in p.lower() for p in profile.past)
    assert held not in profile.topic.lower()


def test_speakers_of_a_language() -> None:
    assert parse("Je suis arabophone").languages_spoken == {"ar"}
    assert parse("Ik ben Engelstalig").languages_spoken == {"en"}
    assert parse("Mother tongue: Russian").languages_spoken == {"ru"}
    assert parse("Zweisprachig Deutsch und Französisch").languages_spoken == {"de", "fr"}


def test_other_peoples_jobs_and_things_called_former() -> None:
    assert parse("Mon voisin électricien m'a parlé de vous").goals == ()
    profile = profile_parser().parse("La formatrice de mon ancien stage était patiente")
    assert profile.goals == () and profile.past == ()
