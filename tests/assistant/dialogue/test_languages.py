"""The reply's language is the message's, and towns are named in it (issue 10)."""

from __future__ import annotations

import pytest

from assistant.dialogue import Dialogue, guess_language
from assistant.dialogue.conversations import MemoryStore
from assistant.dialogue.words import fold_message
from tests.assistant.dialogue.fake_guide import FakeGuide, parser


@pytest.fixture
def dialogue() -> Dialogue:
    return Dialogue(FakeGuide(), MemoryStore(), parser().parse)


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("Bonjour, je cherche un cours de cuisine près de chez moi", "fr"),
        ("jcherche 1 formation en compta stp je suis a namur", "fr"),
        ("Goeiedag, ik wil graag leren koken en ik woon in Gent", "nl"),
        ("Mijn zoon zoekt een opleiding als kok", "nl"),
        ("Could you find me a cooking course, I live near Namur", "en"),
        ("Ich suche einen Kochkurs und wohne in Eupen", "de"),
        ("Wir möchten mit dem Computer arbeiten lernen", "de"),
        ("Excel", None),  # too little to tell
        ("Namur 5000", None),
    ],
)
def test_the_language_is_told_from_function_words(message: str, expected: str | None) -> None:
    assert guess_language(fold_message(message)) == expected


@pytest.mark.parametrize(
    ("message", "page", "expected"),
    [
        ("Cursus lassen Gent", "fr", "nl"),
        ("Umschulung Pflege Eupen", "fr", "de"),
        ("retrain as electrician, Mons", "fr", "en"),
        ("cours de néerlandais Namur", "en", "fr"),
        ("Python", "en", "en"),  # nothing to tell by: the page's language
    ],
)
def test_a_terse_first_message_is_told_by_its_words_of_training(
    dialogue: Dialogue, message: str, page: str, expected: str
) -> None:
    assert dialogue.reply(None, message, page).language == expected


@pytest.mark.parametrize(
    ("message", "expected", "opening"),
    [
        ("Goedemorgen! Kan je me helpen?", "nl", "Goedendag!"),
        ("Hello, can you help me please?", "en", "Hello!"),
        ("Guten Morgen, können Sie mir bitte helfen?", "de", "Guten Tag!"),
        ("Salut, tu peux m'aider ?", "fr", "Bonjour !"),
        ("Hoi!", "nl", "Goedendag!"),
        ("Grüß dich, kannst du mir helfen?", "de", "Guten Tag!"),
    ],
)
def test_a_greeting_asking_for_help_is_greeted_in_its_language(
    dialogue: Dialogue, message: str, expected: str, opening: str
) -> None:
    reply = dialogue.reply(None, message, "fr")  # sent from the French page
    assert reply.intent == "greeting" and reply.language == expected
    assert reply.text.startswith(opening) and "?" in reply.text  # asks what to learn
    assert reply.guidance is None


@pytest.mark.parametrize(
    ("message", "language", "said"),
    [
        ("Je cherche une formation en cuisine, j'habite à Bruxelles", "fr", "à Bruxelles."),
        ("Ik wil leren koken, ik woon in Bruxelles", "nl", "in Brussel."),
        ("I want to learn cooking and I live in Bruxelles", "en", "in Brussels."),
        ("Ich möchte Kochen lernen und wohne in Liège", "de", "in Lüttich."),
        ("I want to learn accounting and I live in Gent", "en", "in Ghent."),
        ("Je veux apprendre la comptabilité, j'habite à Gent", "fr", "à Gand."),
    ],
)
def test_the_summary_names_the_town_in_the_replys_language(
    dialogue: Dialogue, message: str, language: str, said: str
) -> None:
    reply = dialogue.reply(None, message, "fr")
    assert reply.language == language
    assert reply.summary is not None and said in reply.summary


def test_a_distance_course_line_has_no_town_and_every_line_its_teaching_language(
    dialogue: Dialogue,
) -> None:
    reply = dialogue.reply(None, "I want to learn Excel, I live in Liège", None)
    assert reply.listing is not None
    lines = [line for line in reply.listing.splitlines() if line[:1].isdigit()]
    remote = [line for line in lines if "Excel avancé en ligne" in line]
    assert remote and " km" not in remote[0] and "online" in remote[0]
    assert all(line.endswith(("in French", "in Dutch")) for line in lines)


def test_why_says_a_distance_course_needs_no_travel(dialogue: Dialogue) -> None:
    first = dialogue.reply(None, "Excel avancé, tableaux croisés, j'habite à Namur", None)
    assert first.guidance is not None
    position = [m.module.id for m in first.guidance.matches].index("excel-online") + 1
    why = dialogue.reply(first.conversation_id, f"pourquoi la {position} ?", None)
    assert why.intent == "why" and "Cours à distance : pas de trajet." in why.text
    assert " km" not in why.text
