"""German in the chat: language guess, cue words, templates and the fallback to French."""

from __future__ import annotations

import html
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from assistant.dialogue import Dialogue, fold_message, guess_language, is_foreign
from assistant.dialogue.conversations import LANGUAGES, MemoryStore
from assistant.dialogue.text import TEMPLATES, DialogueText
from tests.assistant.dialogue.fake_guide import FakeGuide, parser, talk

NAMUR_IT = "Ich wohne in Namur und möchte Informatik lernen"


@pytest.fixture
def guide() -> FakeGuide:
    return FakeGuide()


@pytest.fixture
def dialogue(guide: FakeGuide) -> Dialogue:
    return Dialogue(guide, MemoryStore(), parser().parse, today=lambda: date(2025, 1, 1))


def test_german_is_one_of_the_languages() -> None:
    assert LANGUAGES == ("fr", "nl", "en", "de")


@pytest.mark.parametrize(
    "sentence",
    [
        NAMUR_IT,
        "Ich suche eine Weiterbildung in Buchhaltung",
        "Ich bin Anfänger und habe keine Ahnung von Computern",
        "Ich möchte einen Kurs und bin nicht sicher",
        "Meine Kinder sind in der Schule, ich habe vormittags Zeit",
    ],
)
def test_german_sentences_are_guessed_german(sentence: str) -> None:
    folded = fold_message(sentence)
    assert guess_language(folded) == "de"
    assert not is_foreign(folded)


@pytest.mark.parametrize(
    "sentence",
    [
        "Je cherche une formation en comptabilité et je suis débutant",
        "Ik zoek een opleiding boekhouding in Gent",
        "I would like a training in accounting and I live in Namur",
        "Die opleiding is voor mij",
        "hola, quiero un curso de cocina por favor",
    ],
)
def test_other_languages_are_not_taken_for_german(sentence: str) -> None:
    assert guess_language(fold_message(sentence)) != "de"


def test_a_german_conversation_is_answered_in_german(dialogue: Dialogue) -> None:
    first, level, cost = talk(dialogue, NAMUR_IT, "Anfänger", "was kostet das?")
    assert first.intent == "profile" and first.language == "de"
    assert first.profile.place is not None and first.profile.place.name == "Namur"
    assert first.guidance is not None and first.guidance.matches
    assert first.guidance.matches[0].module.id == "info-namur"
    assert first.summary is not None and first.summary.startswith("Das habe ich verstanden:")
    assert "- Sie wohnen in Namur." in first.summary
    assert "Hier sind Kurse für Sie:" in first.text
    assert "24 Std., vor Ort" in first.text
    assert first.question == "level" and first.question_text is not None
    assert first.question_text.startswith("Wie gut kennen Sie sich")
    assert level.intent == "answer" and level.language == "de"
    assert level.profile.domain_level == "none"
    assert "- Sie sind Anfänger in diesem Bereich." in (level.summary or "")
    assert cost.intent == "cost" and cost.language == "de"
    assert html.unescape(cost.text).startswith("Preis von „Premiers pas en informatique“")


def test_german_cues_read_the_intents(dialogue: Dialogue) -> None:
    replies = talk(
        dialogue,
        "Guten Tag",
        NAMUR_IT,
        "warum die erste?",
        "wie melde ich mich an?",
        "danke",
        "neu anfangen",
    )
    assert [r.intent for r in replies] == [
        "greeting",
        "profile",
        "why",
        "enrol",
        "thanks",
        "restart",
    ]
    assert all(r.language == "de" for r in replies)
    assert replies[0].text.startswith("Guten Tag!")
    assert "Nächste Termine: 04.03.2030." in replies[3].text


def test_german_answers_the_questions(dialogue: Dialogue) -> None:
    first, time = talk(
        dialogue, "Ich möchte Informatik lernen, ich bin Anfänger", "höchstens 40 Stunden"
    )
    assert first.language == "de" and first.question == "place"
    assert first.question_text is not None and first.question_text.startswith("In welchem Ort")
    assert time.language == "de" and time.profile.max_hours == 40.0


def test_the_page_language_de_answers_a_bare_subject(dialogue: Dialogue) -> None:
    (reply,) = talk(dialogue, "comptabilité", language="de")
    assert reply.language == "de"
    assert reply.question_text is not None and reply.question_text.startswith("In welchem Ort")


def test_an_unclear_german_message_is_off_topic_in_german(dialogue: Dialogue) -> None:
    _, reply = talk(dialogue, NAMUR_IT, "Ich möchte einen Kurs und bin nicht sicher")
    assert reply.intent == "off_topic" and reply.language == "de"
    assert reply.text.startswith("Das habe ich nicht verstanden.")


def test_german_numbers_take_a_decimal_comma() -> None:
    text = DialogueText()
    rendered = text.render(
        "de", "pathway", steps=[], total_hours=12.5, weeks=None, goal="", hint=False
    )
    assert rendered == "Hier ist ein Lernweg in 0 Schritten (12,5 Stunden insgesamt):"


@pytest.mark.parametrize(
    ("sentence", "field", "value"),
    [
        ("Ich bin Anfänger in Buchhaltung", "domain_level", "none"),
        ("Ich habe keine Ahnung von Computern", "digital_level", "none"),
        ("Ich suche einen Kurs im Fernunterricht", "formats", frozenset({"distanciel"})),
        ("Ich möchte online lernen", "formats", frozenset({"distanciel"})),
        ("höchstens 40 Stunden", "max_hours", 40.0),
        ("maximal 30 Stunden, in Teilzeit", "schedules", frozenset({"part_time"})),
        ("Ich habe nur abends Zeit", "schedules", frozenset({"evenings"})),
        ("Ich habe kein Auto", "has_car", False),
    ],
)
def test_the_profile_parser_reads_common_german_cues(
    sentence: str, field: str, value: object
) -> None:
    assert getattr(parser().parse(sentence), field) == value


# -- a German template that is missing falls back to French ----------------------------------


@pytest.fixture
def partial_german(tmp_path: Path) -> Iterator[Path]:
    root = tmp_path / "dialogue"
    shutil.copytree(TEMPLATES, root)
    (root / "de" / "thanks.j2").unlink()
    (root / "de" / "_labels.j2").unlink()
    yield root


def test_a_missing_german_template_falls_back_to_french(
    partial_german: Path, guide: FakeGuide
) -> None:
    text = DialogueText(partial_german)
    assert text.render("de", "thanks") == text.render("fr", "thanks")
    assert text.render("de", "greeting").startswith("Guten Tag!")
    dialogue = Dialogue(guide, MemoryStore(), parser().parse, text=text)
    (thanks,) = talk(dialogue, "vielen Dank")
    assert thanks.language == "de" and thanks.text.startswith("Avec plaisir")
    (first,) = talk(dialogue, NAMUR_IT)
    # German sentences, French labels (from the French _labels.j2): never a bare key.
    assert "Hier sind Kurse für Sie:" in first.text and "en classe" in first.text
