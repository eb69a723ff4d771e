"""The "what was understood" form: Dialogue.amend and the fields it pre-fills."""

from __future__ import annotations

import math
from datetime import date

import pytest

from assistant.dialogue import (
    Dialogue,
    DialogueText,
    InvalidMessageError,
    MemoryStore,
    Reply,
    editable_fields,
)
from assistant.dialogue.amend import EDITED, edited
from assistant.understanding import Profile
from tests.assistant.dialogue.fake_guide import PLACES, FakeGuide, parser

COMPTA_NAMUR = "Je cherche une formation en comptabilité à Namur"


@pytest.fixture
def guide() -> FakeGuide:
    return FakeGuide()


@pytest.fixture
def store() -> MemoryStore:
    return MemoryStore()


@pytest.fixture
def dialogue(guide: FakeGuide, store: MemoryStore) -> Dialogue:
    return Dialogue(guide, store, parser().parse, today=lambda: date(2025, 1, 1))


@pytest.fixture
def first(dialogue: Dialogue) -> Reply:
    reply = dialogue.reply(None, COMPTA_NAMUR)
    assert reply.question == "level"
    return reply


def ids(reply: Reply) -> list[str]:
    assert reply.guidance is not None
    return [m.module.id for m in reply.guidance.matches]


# -- editable_fields ---------------------------------------------------------------------------


def test_editable_fields_of_an_empty_profile() -> None:
    assert editable_fields(Profile()) == {"place": None, "max_hours": None, "level": None}


def test_editable_fields_read_place_hours_and_domain_level() -> None:
    profile = Profile(
        place=PLACES["liege"], max_hours=40.0, domain_level="basic", digital_level="none"
    )
    assert editable_fields(profile) == {"place": "Liège", "max_hours": 40.0, "level": "basic"}


def test_sending_the_prefilled_form_back_changes_nothing(
    dialogue: Dialogue, guide: FakeGuide
) -> None:
    before = dialogue.reply(None, COMPTA_NAMUR + ", pas plus de 100 heures, je suis débutant")
    after = dialogue.amend(before.conversation_id, **editable_fields(before.profile))
    assert after.intent == "amend" and after.unresolved == ()
    assert after.profile == before.profile
    assert after.profile.evidence == before.profile.evidence
    assert not any(value.startswith(EDITED) for value in after.profile.evidence.values())
    assert ids(after) == ids(before) and len(guide.calls) == 2


# -- each field --------------------------------------------------------------------------------


def test_a_new_place_replaces_the_old_one_and_guides_again(
    dialogue: Dialogue, guide: FakeGuide, first: Reply
) -> None:
    reply = dialogue.amend(first.conversation_id, place="Liège")
    assert reply.intent == "amend" and reply.conversation_id == first.conversation_id
    assert reply.restarted is False and reply.unresolved == ()
    assert reply.profile.place == PLACES["liege"]
    assert reply.profile.topic == first.profile.topic  # the subject is not touched
    assert edited(reply.profile, "place") and not edited(first.profile, "place")
    assert reply.profile.evidence["place"] == "edited: Liège"
    assert reply.summary is not None and "- Vous habitez à Liège." in reply.summary
    assert len(guide.calls) == 2 and guide.calls[-1][0].place == PLACES["liege"]
    assert "compta-namur" not in ids(reply)
    assert editable_fields(reply.profile)["place"] == "Liège"


@pytest.mark.parametrize(("typed", "town"), [("5000", "namur"), ("gent", "gent"), ("mons", "mons")])
def test_a_place_is_a_town_or_a_postal_code(
    dialogue: Dialogue, first: Reply, typed: str, town: str
) -> None:
    start = dialogue.amend(first.conversation_id, place="Liège")
    reply = dialogue.amend(start.conversation_id, place=typed)
    assert reply.profile.place == PLACES[town]


@pytest.mark.parametrize("cleared", [None, "", "   "])
def test_none_or_a_blank_place_removes_the_place(
    dialogue: Dialogue, first: Reply, cleared: str | None
) -> None:
    reply = dialogue.amend(first.conversation_id, place=cleared)
    assert reply.profile.place is None and reply.profile.near is False
    assert "place" not in reply.profile.evidence
    assert reply.summary is not None and "Namur" not in reply.summary
    assert reply.question != "place"  # the person just emptied that field


def test_an_unknown_town_keeps_the_old_place_and_asks_to_check_the_spelling(
    dialogue: Dialogue, guide: FakeGuide, first: Reply
) -> None:
    reply = dialogue.amend(first.conversation_id, place="Namurrr-sur-Lune", max_hours=50)
    assert reply.unresolved == ("place",)
    assert reply.profile.place == PLACES["namur"]
    assert reply.profile.evidence["place"] == first.profile.evidence["place"]
    assert reply.profile.max_hours == 50.0  # the other fields still apply
    assert reply.text.startswith("Je n'ai pas reconnu cette commune. Vérifiez l'orthographe")
    assert "Je garde Namur comme commune." in reply.text
    assert reply.notices[0] == reply.text.split("\n\n")[0]
    assert "Namurrr" not in reply.text  # the person's words are not repeated
    assert reply.guidance is not None and len(guide.calls) == 2


@pytest.mark.parametrize(
    ("language", "start", "kept"),
    [
        ("fr", "Je n'ai pas reconnu", "Namur"),
        ("nl", "Ik ken deze gemeente niet.", "Namen"),  # the town in the reply's language
        ("en", "I do not know this town.", "Namur"),
        ("de", "Diesen Ort kenne ich nicht.", "Namur"),
    ],
)
def test_the_unknown_town_notice_is_in_every_language(language: str, start: str, kept: str) -> None:
    text = DialogueText()
    assert text.render(language, "place_unknown", place=None).startswith(start)
    assert kept in text.render(language, "place_unknown", place=PLACES["namur"])


def test_max_hours_replaces_then_clears(dialogue: Dialogue, first: Reply) -> None:
    short = dialogue.amend(first.conversation_id, max_hours=45)
    assert short.profile.max_hours == 45.0
    assert short.profile.evidence["max_hours"] == "edited: 45"
    assert "- Pas plus de 45 heures de formation." in (short.summary or "")
    assert short.guidance is not None
    assert all((m.module.duration_hours or 0) <= 45 for m in short.guidance.matches)
    cleared = dialogue.amend(first.conversation_id, max_hours=None)
    assert cleared.profile.max_hours is None and "max_hours" not in cleared.profile.evidence


def test_level_sets_the_domain_level(dialogue: Dialogue, first: Reply) -> None:
    reply = dialogue.amend(first.conversation_id, level="comfortable")
    assert reply.profile.domain_level == "comfortable"
    assert reply.profile.digital_level is None
    assert reply.profile.evidence["domain_level"] == "edited: comfortable"
    assert "- Vous avez déjà un bon niveau dans ce domaine." in (reply.summary or "")
    assert editable_fields(reply.profile)["level"] == "comfortable"
    cleared = dialogue.amend(first.conversation_id, level=None)
    assert cleared.profile.domain_level is None


def test_unset_fields_are_left_alone(dialogue: Dialogue) -> None:
    first = dialogue.reply(None, COMPTA_NAMUR + ", pas plus de 100 heures, je suis débutant")
    reply = dialogue.amend(first.conversation_id, level="basic")
    assert reply.profile.place == first.profile.place
    assert reply.profile.max_hours == 100.0
    assert reply.profile.domain_level == "basic"


# -- questions ---------------------------------------------------------------------------------


def test_the_form_answers_the_pending_question(
    dialogue: Dialogue, store: MemoryStore, first: Reply
) -> None:
    reply = dialogue.amend(first.conversation_id, level="basic")
    conv = store.get(reply.conversation_id)
    assert conv is not None and conv.pending_question == "time"
    assert reply.question == "time"  # as after a refinement: the next unknown facet


def test_no_question_about_a_field_of_the_form(dialogue: Dialogue) -> None:
    first = dialogue.reply(None, "Je cherche une formation en comptabilité, débutant, le soir")
    assert first.question == "place"
    reply = dialogue.amend(first.conversation_id, place=None, max_hours=None, level=None)
    assert reply.question is None and reply.question_text is None


# -- conversations and languages ---------------------------------------------------------------


@pytest.mark.parametrize("bad_id", ["x" * 22, "../../etc/passwd", ""])
def test_an_unknown_conversation_starts_again_with_the_form(
    dialogue: Dialogue, store: MemoryStore, bad_id: str
) -> None:
    reply = dialogue.amend(bad_id, place="Namur", level="basic")
    assert reply.restarted is (bad_id != "")
    assert reply.conversation_id != bad_id and store.get(reply.conversation_id) is not None
    assert reply.intent == "amend" and reply.guidance is None
    assert reply.profile.place == PLACES["namur"] and reply.profile.domain_level == "basic"
    assert reply.text.endswith(
        "Que voulez-vous apprendre ? Par exemple : la comptabilité, "
        "Excel, la cuisine, ou un métier."
    )
    if bad_id:
        assert reply.text.startswith("La conversation était trop ancienne")


def test_an_unknown_conversation_with_an_empty_form_asks_what_to_learn(
    dialogue: Dialogue,
) -> None:
    reply = dialogue.amend("y" * 22, language="en")
    assert reply.restarted and reply.summary is None and reply.language == "en"
    assert reply.text == (
        "Our previous conversation expired: we are starting again.\n\n"
        "What would you like to learn? For example: accounting, Excel, cooking, or a trade."
    )


def test_the_subject_can_be_named_after_an_amend(dialogue: Dialogue) -> None:
    start = dialogue.amend(None, place="Namur")
    reply = dialogue.reply(start.conversation_id, "la comptabilité")
    assert reply.profile.place == PLACES["namur"] and ids(reply)[0] == "compta-namur"


def test_the_answer_follows_the_conversation_language(dialogue: Dialogue, first: Reply) -> None:
    # Issue 10: the page's language (sent by the form) no longer switches a conversation
    # under way; the person's own language goes on.
    german_start = dialogue.reply(None, "Ich möchte Buchhaltung lernen, ich wohne in Namur")
    assert german_start.language == "de"
    german = dialogue.amend(german_start.conversation_id, max_hours=45.5, language="fr")
    assert german.language == "de"
    assert "- Höchstens 45,5 Stunden Kurs." in (german.summary or "")
    assert german.profile.evidence["max_hours"] == "edited: 45.5"
    kept = dialogue.amend(first.conversation_id, max_hours=45, language="de")
    assert kept.language == "fr"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"max_hours": 0}, "max_hours must be a positive number"),
        ({"max_hours": -3}, "max_hours must be a positive number"),
        ({"max_hours": math.nan}, "max_hours must be a positive number"),
        ({"max_hours": math.inf}, "max_hours must be a positive number"),
        ({"max_hours": True}, "max_hours must be a positive number"),
        ({"max_hours": "40"}, "max_hours must be a positive number"),
        ({"level": "expert"}, "level must be one of: none, basic, comfortable, professional"),
        ({"place": "x" * 101}, "place is too long"),
        ({"language": "es"}, "language must be one of: fr, nl, en, de"),
    ],
)
def test_values_the_form_cannot_send_are_refused(
    dialogue: Dialogue, first: Reply, fields: dict[str, object], message: str
) -> None:
    with pytest.raises(InvalidMessageError, match=message):
        dialogue.amend(first.conversation_id, **fields)
