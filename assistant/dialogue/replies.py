"""What a turn gives back (:class:`Reply`), what it needs (:class:`Guide`), and the language
it is written in.

The language is the message's own, whatever the page's (:func:`reply_language`); the page's
only starts a conversation whose first message is too short to tell.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from assistant.dialogue import words
from assistant.dialogue.conversations import LANGUAGES, Conversation, Language
from assistant.dialogue.reading import InvalidMessageError, Reading
from assistant.guidance import Guidance
from assistant.understanding import Profile
from corpus.model import Module

MAX_MESSAGE_CHARS = 2000


class Guide(Protocol):
    """What the dialogue needs of the guidance service."""

    def understand(self, text: str) -> Profile: ...

    def guide(
        self, profile: Profile, *, k: int = 5, exclude: frozenset[str] = frozenset()
    ) -> Guidance: ...

    def module(self, module_id: str) -> Module | None: ...


@dataclass(frozen=True)
class Reply:
    """One answer of the assistant.

    Attributes:
        conversation_id: the id to send with the next message (new when ``restarted``).
        intent: what the message was read as (see the module docstring).
        text: the whole answer, plain text with HTML-escaped values.
        summary: what was understood, when the profile was (re)read; else ``None``.
        question: the facet asked about (``place``, ``level``, ``time``) or ``None``.
        question_text: that question, as asked.
        guidance: the guidance shown, when the service was asked this turn.
        focus_module: the module a why/cost/enrol answer is about.
        restarted: the conversation id sent was unknown or expired: a new one started.
        language: the language of the answer.
        profile: the profile after this turn.
        notices: the parts of ``text`` that are notices: a restarted conversation, a widened
            radius or other relaxation.
        listing: the part of ``text`` listing the matches or the pathway (a page shows cards
            instead), or saying why nothing fits.
        blocks: the remaining parts of ``text``: answers about one module, fixed answers.
        unresolved: form fields of an ``amend`` that could not be applied and kept their old
            value (``place``: the town was not recognised; a notice says so).
    """

    conversation_id: str
    intent: str
    text: str
    summary: str | None
    question: str | None
    question_text: str | None
    guidance: Guidance | None
    focus_module: Module | None
    restarted: bool
    language: Language
    profile: Profile = field(repr=False)
    notices: tuple[str, ...] = ()
    listing: str | None = None
    blocks: tuple[str, ...] = ()
    unresolved: tuple[str, ...] = ()


def check_message(message: str) -> str:
    """The message, stripped; raises :class:`InvalidMessageError` when empty or too long."""
    if len(message) > MAX_MESSAGE_CHARS:
        raise InvalidMessageError(
            f"The message is too long ({len(message)} characters): "
            f"send at most {MAX_MESSAGE_CHARS}."
        )
    text = message.strip()
    if not text:
        raise InvalidMessageError("The message is empty: write what you are looking for.")
    return text.replace("\u2019", "'").replace("\u2018", "'")


def reply_language(
    given: str | None, reading: Reading, folded: str, conv: Conversation
) -> Language:
    """The language of the answer: the message's own, whatever the page's.

    The message's function words decide first, then the cue that decided its intent
    ("goedemiddag", "danke"); a first message or description decides on a single
    function word.
    When the message is too short to tell ("Namur", "Excel"), a conversation already
    under way keeps its language, and a new one takes the page's (``given``).
    """
    candidates = [words.guess_language(folded), reading.cue_language]
    if reading.intent == "profile" or not conv.turns:
        candidates.append(words.guess_language(folded, minimum=1))
    if conv.turns:
        candidates.append(conv.language)
    candidates.append(given)
    for candidate in candidates:
        if candidate in LANGUAGES:
            return as_language(candidate)
    return conv.language


def as_language(value: str) -> Language:
    """``value`` as one of the languages (French when it is none of them)."""
    for lang in LANGUAGES:
        if lang == value:
            return lang
    return "fr"
