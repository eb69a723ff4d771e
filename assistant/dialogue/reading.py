"""What a chat message is: its intent and the profile fields it sets.

:class:`MessageReader` reads one message in the light of the conversation so far (is a
question pending? were matches shown?) and returns a :class:`Reading`. It changes nothing:
:class:`assistant.dialogue.turns.Dialogue` acts on the reading.

Order of the checks: injection and markup, restart, greeting/thanks alone, insults and other
languages, why/cost/enrol, then the profile parser: not knowing what to do (orientation),
the first description, or the answer to the pending question, a refinement, "more", a new
subject; and finally off topic.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from assistant.dialogue import answer_cues, cues, words
from assistant.dialogue.conversations import Conversation
from assistant.errors import InvalidQueryError
from assistant.understanding import Profile, without_markup
from assistant.understanding.narrative import names_a_subject
from corpus.model import Module

_RAW_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


class InvalidMessageError(InvalidQueryError, ValueError):
    """The message or form cannot be answered as sent (empty, too long, unknown language,
    a field out of range)."""


@dataclass(frozen=True)
class Reading:
    """What a message was read as, before anything is done about it."""

    intent: str
    cue_language: str | None = None  # the language of the cue that decided the intent
    parsed: Profile | None = None
    changes: Mapping[str, Any] = field(default_factory=dict)
    rest: str = ""  # the folded message without its intent cue


def has_profile(profile: Profile) -> bool:
    """Something was understood already (a fact or a subject)."""
    return bool(profile.stated) or bool(profile.topic.strip())


def has_subject(profile: Profile) -> bool:
    """The profile names what to learn: a goal, or content words beyond its cue phrases."""
    if profile.goals:
        return True
    topic = words.fold_message(profile.topic)
    for said in profile.evidence.values():
        topic = topic.replace(words.fold_message(said), " ")
    for table in (cues.GREETING, cues.THANKS, cues.HELP):  # "hallo, kunt u mij helpen"
        topic = words.strip_cues(table, topic)
    return bool(words.content_words(topic))


def subject_of(profile: Profile) -> str:
    """What the person wants to learn, to be named back ("nothing on « coiffure »"): the goal
    occupations, else the words of the topic that may name a subject (at most six)."""
    if profile.goals:
        return ", ".join(profile.goals)
    topic = profile.topic
    for said in profile.evidence.values():
        topic = topic.replace(said, " ")
    meaningful = set(words.content_words(words.fold_message(topic)))
    kept = [w for w in _RAW_WORD.findall(topic) if words.fold_message(w) in meaningful]
    return " ".join(kept[:6])


def said_subject(profile: Profile) -> str:
    """The subject the summary says back: the topic's words when no goal names it ("la
    soudure": "soudure"); nothing for an orientation."""
    if profile.goals or wants_orientation(profile) or not has_subject(profile):
        return ""
    subject = subject_of(profile)
    # "j'ai obtenu ..., je cherche la suite logique": narrative, no subject to say back
    return subject if names_a_subject(subject) else ""


def wants_orientation(profile: Profile) -> bool:
    """The person does not know what to do yet and named no trade to aim at."""
    return profile.orientation and not profile.goals


def contradiction(profile: Profile) -> bool:
    """Distance learning wanted, but no computer at home or never used one: to ask about."""
    wants_remote = "distanciel" in profile.formats and "distanciel" not in profile.formats_refused
    no_device = profile.has_computer is False or profile.digital_level == "none"
    return wants_remote and no_device


def knows(profile: Profile, facet: str) -> bool:
    """The profile already says something about ``facet`` (``place``, ``level``, ``time``,
    ``interests``, ``device``)."""
    if facet == "interests":
        return bool(profile.goals or profile.past) or (
            bool(profile.topic.strip()) and not profile.orientation
        )
    if facet == "device":
        return not contradiction(profile)
    if facet == "place":
        return profile.place is not None or "distanciel" in profile.formats
    if facet == "level":
        return profile.digital_level is not None or profile.domain_level is not None
    return (
        profile.max_hours is not None
        or profile.max_weeks is not None
        or bool(profile.schedules)
        or bool(profile.schedules_refused)  # "pas le soir" already says something of time
        or profile.prefers_short
    )


def answers(changes: Mapping[str, Any], facet: str) -> bool:
    """The changes say something about ``facet``."""
    if facet == "device":  # a choice of format or of computer, whichever way it goes
        return "formats" in changes or "has_computer" in changes
    return knows(Profile().with_changes(**changes), facet)


class MessageReader:
    """Reads messages with the service's parser (first description) and the refinement parser.

    Args:
        understand: the parser of a first description (gazetteer and occupations).
        parse: the parser of the messages that follow.
        module: looks a shown module up by id (for "shorter than what was shown").
    """

    def __init__(
        self,
        understand: Callable[[str], Profile],
        parse: Callable[[str], Profile],
        module: Callable[[str], Module | None],
    ) -> None:
        self._understand = understand
        self._parse = parse
        self._module = module

    def read(self, conv: Conversation, text: str, folded: str) -> Reading:
        """The intent of ``text`` (``folded`` is its folded form) in ``conv``."""
        if lang := words.match_cue(cues.INJECTION, folded):
            return Reading("injection", lang)
        if cues.MARKUP.search(folded):
            # Markup says nothing of the person: the need around it is answered, the tags
            # never are; a message that is nothing but markup (or script) is refused.
            text = without_markup(text)
            folded = words.fold_message(text)
            if cues.MARKUP.search(folded) or not words.content_words(folded):
                return Reading("injection")
        if (lang := words.match_cue(cues.RESTART, folded)) and len(words.tokens(folded)) <= 6:
            return Reading("restart", lang)
        if words.only_polite(folded, cues.GREETING, cues.THANKS, cues.HELP):
            return _polite(folded)
        if cues.INSULT.search(folded) or words.is_foreign(folded):
            return Reading("off_topic")
        for intent, table in (("why", cues.WHY), ("cost", cues.COST), ("enrol", cues.ENROL)):
            if lang := words.match_cue(table, folded):
                rest = words.strip_cues(table, folded)
                if conv.last_match_ids or not words.content_words(rest):
                    return Reading(intent, lang, rest=rest)
        if not has_profile(conv.profile):
            return self._first(text, folded)
        return self._follow_up(conv, text, folded)

    def _first(self, text: str, folded: str) -> Reading:
        parsed = self._understand(text)
        if orientation := _orientation(parsed, folded):
            return orientation
        if cues.OFF_TOPIC.search(folded) and not cues.TRAINING.search(folded):
            return Reading("off_topic")  # "la météo à Namur": a place does not make a need
        if words.is_gibberish(folded) and not parsed.stated:
            return Reading("off_topic")
        if parsed.stated or has_subject(parsed) or cues.TRAINING.search(folded):
            return Reading("profile", parsed=parsed)
        return _fallback(folded)

    def _follow_up(self, conv: Conversation, text: str, folded: str) -> Reading:
        parsed = self._parse(text)
        changes = self.changes(conv, parsed, folded)
        orientation = _orientation(parsed, folded)
        if orientation and (not conv.last_match_ids or cues.TRADE.search(folded)):
            return Reading(orientation.intent, orientation.cue_language, parsed, changes)
        pending = conv.pending_question
        if pending == "interests" and (has_subject(parsed) or parsed.past):
            # What the person likes or did: the subject to guide on, orientation done.
            subject = {"topic": parsed.topic, "goals": parsed.goals, "orientation": False}
            return Reading("answer", parsed=parsed, changes={**changes, **subject})
        if pending is not None and (
            answers(changes, pending) or words.match_cue(answer_cues.INDIFFERENT, folded)
        ):
            return Reading("answer", parsed=parsed, changes=changes)
        if changes:
            if "goals" in changes or (not has_subject(conv.profile) and has_subject(parsed)):
                # A new occupation, or the first subject named: the message is the new topic.
                changes["topic"] = parsed.topic
                changes["goals"] = parsed.goals
                changes["orientation"] = False
            return Reading("refine", parsed=parsed, changes=changes)
        if cues.OFF_TOPIC.search(folded) or words.is_gibberish(folded):
            return Reading("off_topic")
        if conv.last_match_ids and words.position(folded) and len(words.tokens(folded)) <= 4:
            return Reading("why", rest=folded)  # "la 2 ?", "et la dernière ?"
        if lang := words.match_cue(cues.MORE, folded):
            return Reading("more", lang)
        if has_subject(parsed):
            subject = {"topic": parsed.topic, "goals": parsed.goals, "orientation": False}
            return Reading("refine", parsed=parsed, changes=subject)
        return _fallback(folded)

    def changes(self, conv: Conversation, parsed: Profile, folded: str) -> dict[str, Any]:
        """The fields a follow-up message sets (new values replace old ones)."""
        changes: dict[str, Any] = {name: getattr(parsed, name) for name in parsed.stated}
        if "place" in changes:
            changes["near"] = parsed.near
        if "formats" in changes:
            changes["format_required"] = parsed.format_required
        if answer_cues.DAYTIME.search(folded):
            changes["schedules"] = frozenset(changes.get("schedules", frozenset())) | {"daytime"}
        if answer_cues.LITTLE_TIME.search(folded):
            changes["prefers_short"] = True
        if conv.pending_question == "device":
            # The choice asked for wins over what the parser made of the same words ("près
            # de chez moi" is not "from home").
            for choice, pattern in answer_cues.DEVICE_ANSWERS.items():
                if pattern.search(folded):
                    changes.update(_device_choice(choice, conv.profile))
                    break
        if conv.pending_question == "level" and not answers(changes, "level"):
            for level, pattern in answer_cues.LEVEL_ANSWERS.items():
                if pattern.search(folded):
                    changes["domain_level"] = level
                    break
        if words.match_cue(cues.SHORTER, folded):
            changes["prefers_short"] = True
            cap = self._shorter_than_shown(conv)
            if cap is not None:
                current = changes.get("max_hours", conv.profile.max_hours)
                changes["max_hours"] = cap if current is None else min(cap, current)
        return changes

    def _shorter_than_shown(self, conv: Conversation) -> float | None:
        """Whole hours strictly below the shortest module last shown, when one length is known."""
        hours = [
            module.duration_hours
            for module_id in conv.last_match_ids
            if (module := self._module(module_id)) is not None and module.duration_hours
        ]
        if not hours:
            return None
        cap = math.ceil(min(hours)) - 1
        return float(cap) if cap >= 1 else None


def _orientation(parsed: Profile, folded: str) -> Reading | None:
    """Not knowing what to do, with no trade named: an orientation, never a refusal."""
    if parsed.goals:
        return None
    lang = words.match_cue(cues.ORIENTATION, folded)
    if lang is None and not parsed.orientation:
        return None
    return Reading("orientation", lang, parsed=parsed)


def _device_choice(choice: str, profile: Profile) -> dict[str, Any]:
    """The answer to "in person near you, or at a distance with a lent computer?"."""
    if choice == "in_person":
        formats = (profile.formats - {"distanciel"}) | {"presentiel"}
        return {"formats": formats, "format_required": False}
    return {"has_computer": True}  # a computer lent, or one at a public computer space


def _polite(folded: str) -> Reading:
    """A greeting or a bare request for help is greeted (and asked what to learn); thanks
    are thanked."""
    greeting = words.match_cue(cues.GREETING, folded)
    helping = words.match_cue(cues.HELP, folded)
    if greeting or helping:
        specific = [lang for lang in (greeting, helping) if lang not in (None, "any")]
        return Reading("greeting", specific[0] if specific else greeting or helping)
    return Reading("thanks", words.match_cue(cues.THANKS, folded))


def _fallback(folded: str) -> Reading:
    """Nothing understood: a polite word gets a polite answer, anything else is off topic."""
    if words.match_cue(cues.GREETING, folded) or words.match_cue(cues.THANKS, folded):
        return _polite(folded)
    return Reading("off_topic")
