"""Orientation, off-topic redirects, honest answers and the contradiction asked once (issue 10)."""

from __future__ import annotations

import html

import pytest

from assistant.dialogue import Dialogue, Reply
from assistant.dialogue.conversations import MemoryStore
from assistant.dialogue.text import DialogueText
from assistant.guidance import Guidance, Match, Pathway, PathwayStep
from assistant.guidance.types import NearMiss
from assistant.understanding import Profile
from corpus.model import Module
from tests.assistant.dialogue.fake_guide import MODULES, FakeGuide, parser

DISCOVERY = Module(
    id="decouverte-mons",
    title="Découverte des métiers",
    description="Tester plusieurs métiers et construire son projet professionnel.",
    provider="Le Forem",
    city="Mons",
    duration_hours=60,
    level="initiation",
    format="presentiel",
    tags=("orientation", "projet professionnel", "bilan"),
)


@pytest.fixture
def guide() -> FakeGuide:
    return FakeGuide((*MODULES, DISCOVERY))


@pytest.fixture
def dialogue(guide: FakeGuide) -> Dialogue:
    return Dialogue(guide, MemoryStore(), parser().parse)


def talk(dialogue: Dialogue, *messages: str) -> list[Reply]:
    replies: list[Reply] = []
    conversation_id: str | None = None
    for message in messages:
        replies.append(dialogue.reply(conversation_id, message, "fr"))
        conversation_id = replies[-1].conversation_id
    return replies


# -- orientation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "language"),
    [
        ("je sais vraiment pas koi faire de ma vie", "fr"),
        ("Je n'ai aucune idée du métier que je pourrais faire, j'habite à Mons", "fr"),
        ("Honestly I don't know what kind of job to look for", "en"),
        ("ik weet echt niet welk beroep ik moet kiezen", "nl"),
        ("Ich weiß wirklich nicht, welchen Beruf ich wählen soll", "de"),
    ],
)
def test_not_knowing_what_to_do_starts_an_orientation(
    dialogue: Dialogue, guide: FakeGuide, message: str, language: str
) -> None:
    (reply,) = talk(dialogue, message)
    assert reply.intent == "orientation" and reply.language == language
    assert reply.question == "interests" and reply.question_text is not None
    assert reply.question_text.rstrip().endswith("?")
    # The guide was asked for orientation modules, and they are shown.
    asked, _ = guide.calls[-1]
    assert asked.orientation and "orientation" in asked.topic
    assert reply.guidance is not None
    assert [m.module.id for m in reply.guidance.matches][:1] == ["decouverte-mons"]


def test_orientation_without_modules_asks_its_question_and_invents_nothing() -> None:
    unrelated = tuple(m for m in MODULES if m.id in ("excel-liege", "web-liege"))
    dialogue = Dialogue(FakeGuide(unrelated), MemoryStore(), parser().parse)
    (reply,) = talk(dialogue, "je ne sais pas quoi faire")
    assert reply.intent == "orientation" and reply.question == "interests"
    assert reply.guidance is not None and not reply.guidance.matches
    assert "aucune formation" not in reply.text  # no "nothing on « orientation … »"


def test_the_interests_answer_becomes_the_subject(dialogue: Dialogue, guide: FakeGuide) -> None:
    first, second = talk(dialogue, "je ne sais pas quoi faire", "j'aime bien la cuisine")
    assert first.question == "interests"
    assert second.intent == "answer"
    assert not second.profile.orientation and "cuisine" in second.profile.topic
    assert second.guidance is not None
    assert {m.module.id for m in second.guidance.matches} & {"cuisine-liege", "cuisine-namur"}
    assert second.question != "interests"  # never asked twice


def test_off_topic_is_not_orientation_and_shows_an_example(dialogue: Dialogue) -> None:
    (weather,) = talk(dialogue, "Quelle est la météo demain à Namur ?")
    (lost,) = talk(dialogue, "je ne sais pas quoi faire")
    assert weather.intent == "off_topic" and lost.intent == "orientation"
    assert weather.guidance is None and weather.question is None
    assert "Par exemple" in weather.text and weather.text != lost.text


def test_an_english_off_topic_message_is_redirected_in_english(dialogue: Dialogue) -> None:
    (reply,) = talk(dialogue, "Tell me a joke about the weather")
    assert reply.intent == "off_topic" and reply.language == "en"
    assert "For example" in reply.text


# -- honesty ----------------------------------------------------------------------------------


def test_nothing_on_topic_is_said_plainly_with_no_module(dialogue: Dialogue) -> None:
    (reply,) = talk(dialogue, "Je voudrais apprendre la plomberie, j'habite à Namur")
    assert reply.guidance is not None and not reply.guidance.matches
    text = html.unescape(reply.text)
    assert "Je n'ai trouvé aucune formation qui correspond à « plomberie » dans le catalogue." in (
        text
    )
    assert "élargi" not in text and "plus loin" not in text  # no widening line for nothing
    assert reply.question is None  # no level or hours asked about a subject the catalogue lacks


@pytest.mark.parametrize(
    ("language", "start"),
    [
        ("fr", "Je n'ai trouvé aucune formation"),
        ("nl", "Ik heb geen opleiding gevonden"),
        ("en", "I found no course"),
        ("de", "Ich habe keinen Kurs gefunden"),
    ],
)
def test_the_nothing_fits_sentence_exists_in_every_language(language: str, start: str) -> None:
    empty = Guidance(Profile(topic="lassen"), ())
    (listing,) = DialogueText().guidance(language, empty, subject="lassen")
    assert listing.startswith(start) and "lassen" in listing


def test_fewer_than_asked_says_how_many_and_what_is_just_out_of_reach(guide: FakeGuide) -> None:
    match = Match(guide.modules["cariste-mons"], 1.0, 2.0, (), ())
    far = NearMiss(guide.modules["cuisine-liege"], ("too_far",), 90.0)
    few = Guidance(Profile(topic="cariste"), (match,), (far,), on_topic=2, fewer_than_asked=True)
    notice, listing = DialogueText().guidance("fr", few, subject="cariste")
    assert notice.startswith("Une seule formation correspond à votre demande.")
    assert "Un peu plus loin :" in notice and "Aide-cuisinier : trop loin." in notice
    assert listing.startswith("Voici des formations pour vous")
    two = Guidance(Profile(topic="x"), (match, match), on_topic=2, fewer_than_asked=True)
    notice, _ = DialogueText().guidance("en", two, subject="x")
    assert notice == "Only 2 courses fit your request."


def test_a_catalog_that_has_the_topic_out_of_reach_offers_near_misses() -> None:
    # on_topic > 0 but nothing in reach: not "nothing in the catalogue".
    far = Guidance(Profile(topic="cuisine"), (), on_topic=2)
    (listing,) = DialogueText().guidance("fr", far, subject="cuisine")
    assert "dans le catalogue" not in listing and "aucune formation" in listing


# -- contradiction ----------------------------------------------------------------------------


def remote_without_computer() -> Profile:
    return Profile(formats=frozenset({"distanciel"}), has_computer=False, topic="comptabilité")


class NoComputerGuide(FakeGuide):
    """The parser of the first message reads "no computer" (as the understanding will)."""

    def understand(self, text: str) -> Profile:
        parsed = super().understand(text)
        if "pas d'ordinateur" in text:
            parsed = parsed.with_changes(has_computer=False)
        return parsed


@pytest.fixture
def no_computer() -> Dialogue:
    return Dialogue(NoComputerGuide(), MemoryStore(), parser().parse)


def test_remote_without_a_computer_is_asked_once(no_computer: Dialogue) -> None:
    first, second, third = talk(
        no_computer,
        "Comptabilité à distance, j'habite à Namur, je n'ai pas d'ordinateur",
        "le soir",
        "plutôt à distance alors",
    )
    assert first.question == "device" and first.question_text is not None
    assert "ordinateur" in first.question_text
    assert second.question != "device" and third.question != "device"


@pytest.mark.parametrize(
    ("answer", "formats", "has_computer"),
    [
        ("plutôt près de chez moi", frozenset({"presentiel"}), False),
        ("je peux emprunter un ordinateur à l'EPN", frozenset({"distanciel"}), True),
    ],
)
def test_the_device_answer_is_applied(
    no_computer: Dialogue, answer: str, formats: frozenset[str], has_computer: bool
) -> None:
    first, second = talk(
        no_computer, "Comptabilité à distance, j'habite à Namur, je n'ai pas d'ordinateur", answer
    )
    assert first.question == "device"
    assert second.intent == "answer"
    assert second.profile.formats == formats and second.profile.has_computer is has_computer


def test_a_message_the_catalogue_knows_nothing_of_is_redirected(dialogue: Dialogue) -> None:
    # No fact, no goal, no word of training, nothing on topic: a redirect with an example.
    (reply,) = talk(dialogue, "c'est quoi le programme télé ?")
    assert reply.intent == "off_topic" and reply.guidance is None
    assert "Par exemple" in reply.text


def test_a_subject_alone_is_not_redirected(dialogue: Dialogue) -> None:
    (reply,) = talk(dialogue, "cuisine ?")
    assert reply.intent == "profile" and reply.guidance is not None
    assert reply.guidance.matches


def test_a_polite_request_for_help_names_no_subject(dialogue: Dialogue) -> None:
    (reply,) = talk(dialogue, "Goedemorgen, kan je me helpen alstublieft?")
    assert reply.intent == "greeting" and reply.language == "nl" and reply.guidance is None


@pytest.mark.parametrize(
    ("language", "start"),
    [("fr", "Je n'ai pas trouvé de cours dans votre langue"), ("nl", "Ik heb in uw buurt geen")],
)
def test_courses_shown_in_french_to_someone_who_does_not_speak_it_are_announced(
    guide: FakeGuide, language: str, start: str
) -> None:
    match = Match(guide.modules["excel-liege"], 1.0, 2.0, (), ())
    french_only = Guidance(Profile(topic="excel"), (match,), on_topic=1)
    # The guidance's flag (issue 10, guidance side); set here as the guidance will set it.
    object.__setattr__(french_only, "language_fallback", True)
    notice, listing = DialogueText().guidance(language, french_only, subject="excel")
    assert notice.startswith(start)
    plain = Guidance(Profile(topic="excel"), (match,), on_topic=1)
    assert DialogueText().guidance(language, plain, subject="excel") == [listing]


def test_a_pathway_states_its_weeks_and_a_long_first_step(guide: FakeGuide) -> None:
    match = Match(guide.modules["cuisine-liege"], 1.0, 2.0, (), ())
    steps = (PathwayStep(match, "initiation"), PathwayStep(match, "initiation"))
    pathway = Pathway(steps, 600.0, "Cuisinier", weeks=20.0, notes=("long_first_step",))
    guided = Guidance(Profile(topic="cuisine"), (match,), pathway=pathway, on_topic=2)
    notice, listing = DialogueText().guidance("fr", guided, subject="cuisine")
    assert notice.startswith("La première étape est longue.")
    assert "(600 heures en tout, environ 20 semaines)" in listing
    plain = Pathway(steps, 600.0, "Cuisinier")
    (listing,) = DialogueText().guidance(
        "fr", Guidance(Profile(), (match,), pathway=plain, on_topic=2), subject="cuisine"
    )
    assert "(600 heures en tout)" in listing


def test_not_knowing_which_shown_course_to_choose_is_not_an_orientation(
    dialogue: Dialogue,
) -> None:
    first, second = talk(dialogue, "Cuisine à Liège, débutant", "je ne sais pas quoi choisir")
    assert first.guidance is not None and first.guidance.matches
    assert second.intent != "orientation" and "cuisine" in second.profile.topic.lower()
    _, _, third = talk(
        dialogue, "Cuisine à Liège, débutant", "le soir", "en fait je ne sais pas quel métier faire"
    )
    assert third.intent == "orientation"
