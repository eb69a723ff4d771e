"""The summary reads back what was understood: one line per resolved fact, never two that
contradict each other, and already-given facts are not asked again (issue 10)."""

from __future__ import annotations

import pytest

from assistant.dialogue import Dialogue
from assistant.dialogue.conversations import Conversation, MemoryStore
from assistant.dialogue.questions import ask
from assistant.dialogue.text import DialogueText, said_levels
from assistant.understanding import Profile
from tests.assistant.dialogue.fake_guide import FakeGuide, parser


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("- ")]


@pytest.mark.parametrize("language", ["fr", "nl", "en", "de"])
def test_one_level_is_said_when_the_subject_is_the_computer(language: str) -> None:
    profile = Profile(
        digital_level="basic",
        domain_level="none",
        topic="apprendre l'informatique",
        evidence={"digital_level": "les bases", "domain_level": "je débute"},
    )
    assert said_levels(profile) == (None, "none")
    summary = DialogueText().summary(language, profile)
    assert len(lines(summary)) == 1  # only the level in the field


def test_two_levels_are_two_facts_when_the_field_is_another() -> None:
    # "I can use a computer but never programmed": two different facts, both said.
    profile = Profile(
        digital_level="comfortable",
        domain_level="none",
        topic="programmation python",
        evidence={"digital_level": "je sais utiliser un ordinateur", "domain_level": "jamais"},
    )
    assert said_levels(profile) == ("comfortable", "none")
    summary = DialogueText().summary("en", profile)
    assert "- You are at ease with computers." in summary
    assert "- You are a beginner in this field." in summary


def test_levels_read_from_the_same_words_are_one_level() -> None:
    profile = Profile(
        digital_level="none",
        domain_level="none",
        topic="couture",
        evidence={"digital_level": "débutant", "domain_level": "débutant"},
    )
    assert said_levels(profile) == (None, "none")


def test_refusals_and_new_facts_are_read_back() -> None:
    profile = Profile(
        formats=frozenset({"distanciel", "presentiel"}),
        formats_refused=frozenset({"distanciel"}),
        schedules_refused=frozenset({"evenings"}),
        has_computer=False,
        certificates_held=("CCNA",),
        languages_not_spoken=frozenset({"fr", "en"}),
        french_level="none",
        diploma="secondary",
    )
    summary = DialogueText().summary("fr", profile)
    assert "- Format : en classe (de préférence)." in summary  # never "à distance"
    assert "- Pas de cours à distance." in summary
    assert "- Pas de cours le soir." in summary
    assert "- Vous n'avez pas d'ordinateur à la maison." in summary
    assert "- Vous avez déjà : CCNA." in summary
    # French is said once ("pas encore français"), English in the list of languages.
    assert "- Vous ne parlez pas encore français." in summary
    assert "- Vous ne parlez pas anglais." in summary
    assert "- Vous avez un diplôme du secondaire." in summary


def test_a_refused_schedule_means_time_is_not_asked() -> None:
    conv = Conversation.start(0.0).evolve(
        profile=Profile(
            topic="cuisine",
            place=FakeGuide().understand("Namur").place,
            domain_level="none",
            schedules_refused=frozenset({"evenings"}),
        )
    )
    assert ask(conv) == (conv, None)


def test_a_fact_given_is_never_asked() -> None:
    dialogue = Dialogue(FakeGuide(), MemoryStore(), parser().parse)
    first = dialogue.reply(None, "Comptabilité, j'habite à Namur", None)
    assert first.question == "level"
    second = dialogue.reply(first.conversation_id, "je suis débutant", None)
    assert second.question == "time"
    third = dialogue.reply(first.conversation_id, "le soir", None)
    assert third.question is None  # everything is known: nothing asked, nothing twice


def test_statuses_that_read_as_a_contradiction_are_resolved() -> None:
    both = Profile(statuses=frozenset({"jobseeker", "worker"}))
    summary = DialogueText().summary("fr", both)
    assert "- Vous cherchez un emploi." in summary and "Vous avez un emploi" not in summary
    ages = DialogueText().summary("en", Profile(statuses=frozenset({"young", "over_45"})))
    assert "26" not in ages and "45" not in ages


def test_french_is_never_both_spoken_and_not() -> None:
    profile = Profile(french_level="none", languages_spoken=frozenset({"fr", "nl"}))
    summary = DialogueText().summary("nl", profile)
    assert "- U spreekt nog geen Frans." in summary
    assert "- U spreekt Nederlands." in summary and "Frans en" not in summary


def test_a_higher_diploma_is_not_read_back_as_little_schooling() -> None:
    profile = Profile(little_schooling=True, diploma="higher")
    summary = DialogueText().summary("fr", profile)
    assert "diplôme du supérieur" in summary and "Pas besoin de diplôme" not in summary
    alone = DialogueText().summary("fr", Profile(little_schooling=True))
    assert "- Pas besoin de diplôme pour entrer." in alone


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("j'ai 45 ans et je cherche une formation en comptabilité", "- Vous avez 45 ans."),
        ("J'ai 22 ans, je veux devenir boulanger", "- Vous avez 22 ans."),
        ("je suis dans la cinquantaine, je cherche une formation", "- Vous avez 45 ans ou plus."),
        ("j'ai plus de 50 ans et je cherche une formation", "- Vous avez 45 ans ou plus."),
    ],
)
def test_an_age_is_said_back_as_it_was_said(text: str, said: str) -> None:
    # An exact age is said as given; a bound or a decade says the age group's bound (what
    # the audience rules use), never "plus de 45 ans" for someone who is 45.
    summary = DialogueText().summary("fr", parser().parse(text))
    assert said in lines(summary)
    assert "plus de 45" not in summary


def test_the_chat_and_the_console_say_the_same_age_bounds() -> None:
    from corpus.audience import OLDER_FROM, YOUNG_UNDER

    young = DialogueText().summary("fr", Profile(statuses=frozenset({"young"})))
    older = DialogueText().summary("fr", Profile(statuses=frozenset({"over_45"})))
    assert f"- Vous avez moins de {YOUNG_UNDER} ans." in lines(young)
    assert f"- Vous avez {OLDER_FROM} ans ou plus." in lines(older)


SUBJECT_AND_MOBILITY = {
    "fr": ("- Vous cherchez : ferronnerie.", "- Vous avez une voiture.", "transports en commun"),
    "nl": ("- U zoekt: ferronnerie.", "- U hebt een auto.", "openbaar vervoer"),
    "en": ("- You are looking for: ferronnerie.", "- You have a car.", "public transport"),
    "de": ("- Sie suchen: ferronnerie.", "- Sie haben ein Auto.", "Bus oder Bahn"),
}


@pytest.mark.parametrize("language", ["fr", "nl", "en", "de"])
def test_the_subject_and_the_means_of_travel_are_said_back(language: str) -> None:
    subject, car, transit = SUBJECT_AND_MOBILITY[language]
    profile = Profile(topic="ferronnerie", has_car=True, public_transport=True)
    said = lines(DialogueText().summary(language, profile, "ferronnerie"))
    assert subject in said and car in said
    assert any(transit in line for line in said)
    no_car = DialogueText().summary(language, Profile(has_car=False), "")
    assert car not in no_car  # never both "a car" and "no car"


def test_a_goal_is_said_rather_than_the_subject() -> None:
    summary = DialogueText().summary("fr", Profile(goals=("Soudeur",)), "soudure")
    assert "- Votre objectif : Soudeur." in summary and "Vous cherchez" not in summary


def test_the_chat_says_back_a_subject_that_is_no_occupation() -> None:
    dialogue = Dialogue(FakeGuide(), MemoryStore(), parser().parse)
    reply = dialogue.reply(None, "la ferronnerie d'art, j'habite à Namur et j'ai une voiture", None)
    assert reply.summary is not None
    said = lines(reply.summary)
    assert "- Vous cherchez : ferronnerie art." in said or any(
        line.startswith("- Vous cherchez : ferronnerie") for line in said
    )
    assert "- Vous avez une voiture." in said


def test_narrative_without_a_subject_is_not_said_as_one() -> None:
    dialogue = Dialogue(FakeGuide(), MemoryStore(), parser().parse)
    reply = dialogue.reply(None, "J'ai eu mon diplôme l'an dernier et je cherche la suite", None)
    assert reply.summary is None or "Vous cherchez :" not in reply.summary
