"""The chat: from a person's message to a short answer, one turn at a time.

Each turn reads the message (:mod:`assistant.dialogue.reading`), updates the conversation's
profile, asks the guidance service again when the profile changed, and renders the answer from
templates (:mod:`assistant.dialogue.text`). Deterministic: no model, no network. The person's
text is never logged and never repeated back.

Intents: ``profile`` (first description), ``orientation`` (not knowing what to do),
``answer`` (to the pending question), ``refine`` (change a criterion or the subject), ``why``,
``cost``, ``enrol`` (about one shown match), ``more``, ``restart``, and the fixed answers
``greeting``, ``thanks``, ``off_topic``, ``injection``. What a turn returns and the language
it is written in are in :mod:`assistant.dialogue.replies`. ``amend`` is not read from a
message: it is a correction sent from the "what was understood" form
(:meth:`Dialogue.amend`, :mod:`assistant.dialogue.amend`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from assistant.dialogue import cues, lexicon, words
from assistant.dialogue.amend import UNSET as UNSET
from assistant.dialogue.amend import Unset, apply_edits, check_edits, place_resolver
from assistant.dialogue.amend import editable_fields as editable_fields
from assistant.dialogue.conversations import (
    LANGUAGES,
    Conversation,
    ConversationStore,
    ForeignConversationError,
    Language,
    looks_like_id,
)
from assistant.dialogue.questions import ASKING, ORIENTATION_FACETS, ask, settle_pending
from assistant.dialogue.reading import InvalidMessageError as InvalidMessageError
from assistant.dialogue.reading import (
    MessageReader,
    Reading,
    has_profile,
    has_subject,
    said_subject,
    subject_of,
    wants_orientation,
)
from assistant.dialogue.replies import MAX_MESSAGE_CHARS as MAX_MESSAGE_CHARS
from assistant.dialogue.replies import Guide as Guide
from assistant.dialogue.replies import Reply as Reply
from assistant.dialogue.replies import as_language, check_message, reply_language
from assistant.dialogue.text import DialogueText, default_text, shown_matches
from assistant.guidance import Guidance, Match
from assistant.understanding import Profile
from corpus.model import Module

logger = logging.getLogger(__name__)

MAX_DATES = 3
LANGUAGE_ERROR = f"language must be one of: {', '.join(LANGUAGES)}."


@dataclass
class _Outcome:
    conv: Conversation
    blocks: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    first: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # said first
    unresolved: tuple[str, ...] = ()
    summary: bool = False
    guidance: Guidance | None = None
    more: bool = False
    hint: bool = False
    question: str | None = None
    focus: Module | None = None
    intent: str | None = None  # what the message turned out to be, when not what it was read as


def merge(profile: Profile, changes: Mapping[str, Any], evidence: Mapping[str, str]) -> Profile:
    """``profile`` with the changed fields replaced (newer words win), evidence kept."""
    said = {**profile.evidence, **{k: v for k, v in evidence.items() if k in changes}}
    return profile.with_changes(**changes, evidence=said)


class Dialogue:
    """Answers one message at a time and keeps each conversation in ``store``.

    Args:
        guide: the guidance service (or a fake in tests).
        store: where conversations live between turns.
        parser_for_refinements: reads the messages that follow the first description.
        k: how many matches to ask for.
        text: the template renderer (default: the bundled templates).
        clock: wall-clock seconds, for the conversations' timestamps.
        today: today's date, to pick the next start dates.
    """

    def __init__(
        self,
        guide: Guide,
        store: ConversationStore,
        parser_for_refinements: Callable[[str], Profile],
        *,
        k: int = 5,
        text: DialogueText | None = None,
        clock: Callable[[], float] = time.time,
        today: Callable[[], date] = date.today,
    ) -> None:
        self._guide = guide
        self._store = store
        self._reader = MessageReader(guide.understand, parser_for_refinements, guide.module)
        self._resolve_place = place_resolver(parser_for_refinements)
        self._k = k
        self._text = text or default_text()
        self._clock = clock
        self._today = today

    def reply(
        self,
        conversation_id: str | None,
        message: str,
        language: str | None = None,
        *,
        owner: str = "",
    ) -> Reply:
        """Answer ``message`` in the conversation ``conversation_id`` (``None``: a new one).

        ``owner`` says who is asking (a partner, the pages): a new conversation is theirs, and
        only they may continue it.

        Raises:
            ForeignConversationError: the conversation was started by another owner.
            InvalidMessageError: the message is empty or longer than 2,000 characters, or
                ``language`` is not ``fr``, ``nl``, ``en`` or ``de``. Also a ``ValueError``.
        """
        text = check_message(message)
        if language is not None and language not in LANGUAGES:
            raise InvalidMessageError(LANGUAGE_ERROR)
        conv, restarted = self._open(conversation_id, owner)
        folded = words.fold_message(text)
        reading = self._reader.read(conv, text, folded)
        conv = settle_pending(conv, reading.intent)
        outcome = self._act(conv, reading, folded)
        lang = reply_language(language, reading, folded, conv)
        return self._finish(outcome, outcome.intent or reading.intent, lang, restarted)

    def amend(
        self,
        conversation_id: str | None,
        *,
        place: str | Unset | None = UNSET,
        max_hours: float | Unset | None = UNSET,
        level: str | Unset | None = UNSET,
        language: str | None = None,
        owner: str = "",
    ) -> Reply:
        """Apply the "what was understood" form, then guide again (intent ``amend``).

        Each field replaces the profile's when given a value, clears it when ``None`` and is
        left alone when not passed (see :mod:`assistant.dialogue.amend`). The answer is the
        summary and the matches, as after a refinement; no question is asked about a field
        of the form. A place that names no known town keeps the old one: a notice asks to
        check the spelling, and ``Reply.unresolved`` is ``("place",)``.

        An unknown or expired ``conversation_id`` is treated as :meth:`reply` treats it: a new
        conversation starts (``restarted``) with the form's fields, and since it has no
        subject yet the answer asks what the person wants to learn. ``language`` (the page's)
        is the answer's only for a conversation that has none yet.

        Raises:
            ForeignConversationError: the conversation was started by another ``owner``.
            InvalidMessageError: ``max_hours`` is not a positive number, ``level`` is not
                ``none``, ``basic``, ``comfortable`` or ``professional``, ``place`` is longer
                than 100 characters, or ``language`` is unknown. Also a ``ValueError``.
        """
        check_edits(place=place, max_hours=max_hours, level=level)
        if language is not None and language not in LANGUAGES:
            raise InvalidMessageError(LANGUAGE_ERROR)
        conv, restarted = self._open(conversation_id, owner)
        edit = apply_edits(
            conv.profile, self._resolve_place, place=place, max_hours=max_hours, level=level
        )
        pending = conv.pending_question
        if pending in edit.facets and pending not in edit.unresolved:
            conv = conv.evolve(pending_question=None)  # answered in the form
        if has_subject(conv.profile):  # the form never changes the subject
            outcome = self._guided(conv, "amend", edit.profile, skip=edit.facets)
        else:
            summary = bool(edit.profile.stated)
            outcome = _Outcome(
                conv.evolve(profile=edit.profile), [("need_topic", {})], summary=summary
            )
        if edit.unresolved:
            outcome.first.append(("place_unknown", {"place": edit.profile.place}))
            outcome.unresolved = edit.unresolved
        # As for messages, the page's language only starts a conversation: one under way goes
        # on in the language the person writes in.
        lang = conv.language if conv.turns or not language else as_language(language)
        return self._finish(outcome, "amend", lang, restarted)

    def _open(self, conversation_id: str | None, owner: str) -> tuple[Conversation, bool]:
        now = self._clock()
        if not conversation_id:
            return Conversation.start(now, owner=owner), False
        found = self._store.get(conversation_id) if looks_like_id(conversation_id) else None
        if found is None:
            return Conversation.start(now, owner=owner), True
        if found.owner != owner:
            raise ForeignConversationError
        return found, False

    # -- acting --------------------------------------------------------------------------

    def _act(self, conv: Conversation, reading: Reading, folded: str) -> _Outcome:
        intent = reading.intent
        if intent == "restart":
            fresh = Conversation(
                id=conv.id, created=conv.created, updated=conv.updated, language=conv.language
            )
            return _Outcome(fresh, [("restart", {})])
        if intent in ("injection", "greeting", "thanks"):
            return _Outcome(conv, [(intent, {})])
        if intent == "off_topic":
            return _Outcome(conv, [("off_topic", {"has_matches": bool(conv.last_match_ids)})])
        if intent in ("why", "cost", "enrol", "more") and not conv.last_match_ids:
            return _Outcome(conv, [("nothing_shown", {})])
        if intent in ("why", "cost", "enrol"):
            return self._about(conv, intent, folded, reading.rest)
        if intent == "more":
            return self._guided(conv, intent, conv.profile, more=True)
        if reading.parsed is None:  # every other intent comes with a parsed message
            return _Outcome(conv, [("off_topic", {"has_matches": bool(conv.last_match_ids)})])
        if intent == "orientation":
            return self._orientation(conv, reading)
        if intent == "profile":
            if not reading.parsed.stated and not has_subject(reading.parsed):
                return _Outcome(conv.evolve(profile=reading.parsed), [("need_topic", {})])
            outcome = self._guided(conv, intent, reading.parsed)
            if _unrelated(reading.parsed, folded, outcome.guidance):
                # Nothing in the catalogue is near it, and nothing says it is about training
                # ("c'est quoi le programme télé ?"): a kind redirect, not "no course on télé".
                return _Outcome(conv, [("off_topic", {"has_matches": False})], intent="off_topic")
            return outcome
        profile = merge(conv.profile, reading.changes, reading.parsed.evidence)
        if intent == "answer" and profile == conv.profile:
            outcome = _Outcome(conv, [("noted", {})])
            outcome.conv, outcome.question = ask(conv)
            return outcome
        return self._guided(conv, intent, profile)

    def _orientation(self, conv: Conversation, reading: Reading) -> _Outcome:
        """Not knowing what to do: orientation modules, and one question about interests."""
        parsed = reading.parsed or Profile()
        profile = parsed
        if has_profile(conv.profile):
            profile = merge(conv.profile, reading.changes, parsed.evidence)
        lang = reading.cue_language if reading.cue_language in LANGUAGES else "fr"
        need = lexicon.ORIENTATION_NEED["fr"]
        if lang != "fr":
            need = f"{need} {lexicon.ORIENTATION_NEED[lang]}"
        # The person's own words stay in the need: "essayer plusieurs métiers" helps.
        profile = profile.with_changes(orientation=True, topic=f"{need} {parsed.topic}".strip())
        outcome = self._guided(conv, "orientation", profile)
        outcome.first.append(("orientation", {}))
        return outcome

    def _guided(
        self,
        conv: Conversation,
        intent: str,
        profile: Profile,
        *,
        more: bool = False,
        skip: frozenset[str] = frozenset(),
    ) -> _Outcome:
        if not has_subject(profile):
            return _Outcome(conv.evolve(profile=profile), [("need_topic", {})], summary=True)
        exclude = frozenset(conv.shown) if more else frozenset()
        guidance = self._guide.guide(profile, k=self._k, exclude=exclude)
        ids = tuple(m.module.id for m in shown_matches(guidance))
        hint = not conv.shown
        if ids or not more:
            conv = conv.evolve(
                last_match_ids=ids,
                last_guidance=guidance,
                focus_id=None,
                shown=conv.shown + tuple(i for i in ids if i not in conv.shown),
            )
        conv = conv.evolve(profile=profile)
        outcome = _Outcome(conv, summary=not more, guidance=guidance, more=more, hint=hint)
        if intent == "orientation":
            outcome.conv, outcome.question = ask(conv, skip, ORIENTATION_FACETS)
        elif intent in ASKING and (ids or guidance.on_topic):
            # Nothing in the catalogue on the subject: asking the level or the hours would
            # suggest otherwise; the answer invites another subject instead.
            outcome.conv, outcome.question = ask(conv, skip)
        return outcome

    def _about(self, conv: Conversation, intent: str, folded: str, rest: str) -> _Outcome:
        ids = conv.last_match_ids
        pos = words.position(folded)
        if pos is not None:
            index = len(ids) - 1 if pos == -1 else pos - 1
            if not 0 <= index < len(ids):
                return _Outcome(conv, [("bad_position", {"count": len(ids)})])
        else:
            titles = [m.title if m else "" for m in self._shown_modules(conv)]
            found = words.by_title(rest, titles)
            if found is not None:
                index = found
            else:
                index = ids.index(conv.focus_id) if conv.focus_id in ids else 0
        match = _match(conv.last_guidance, ids[index])
        module = match.module if match else self._guide.module(ids[index])
        if module is None:
            return _Outcome(conv, [("module_gone", {})])
        context: dict[str, Any] = {"module": module}
        if intent == "why":
            context["match"] = match
        elif intent == "enrol":
            today = self._today()
            context["dates"] = sorted(d for d in module.start_dates if d >= today)[:MAX_DATES]
        return _Outcome(conv.evolve(focus_id=module.id), [(intent, context)], focus=module)

    def _shown_modules(self, conv: Conversation) -> list[Module | None]:
        out: list[Module | None] = []
        for module_id in conv.last_match_ids:
            match = _match(conv.last_guidance, module_id)
            out.append(match.module if match else self._guide.module(module_id))
        return out

    # -- answering -----------------------------------------------------------------------

    def _finish(self, outcome: _Outcome, intent: str, lang: Language, restarted: bool) -> Reply:
        conv = outcome.conv.evolve(
            turns=outcome.conv.turns + 1, updated=self._clock(), language=lang
        )
        render = self._text.render
        notices = [render(lang, "restarted")] if restarted else []
        notices.extend(render(lang, name, **context) for name, context in outcome.first)
        summary = (
            self._text.summary(lang, conv.profile, said_subject(conv.profile))
            if outcome.summary
            else None
        )
        listing = None
        if outcome.guidance is not None:
            profile = outcome.guidance.profile
            *relaxed, listing = self._text.guidance(
                lang,
                outcome.guidance,
                more=outcome.more,
                hint=outcome.hint,
                subject=None if wants_orientation(profile) else subject_of(profile),
            )
            notices.extend(relaxed)
        blocks = [render(lang, name, **context) for name, context in outcome.blocks]
        # "we start again" and what could not be applied come before the summary
        head = len(outcome.first) + (1 if restarted else 0)
        parts = [*notices[:head], summary, *notices[head:], listing, *blocks]
        question_text = render(lang, f"question_{outcome.question}") if outcome.question else None
        if question_text:
            parts.append(question_text)
        self._store.put(conv)
        logger.debug("dialogue turn %d: %s", conv.turns, intent)
        return Reply(
            conversation_id=conv.id,
            intent=intent,
            text="\n\n".join(p for p in parts if p),
            summary=summary,
            question=outcome.question,
            question_text=question_text,
            guidance=outcome.guidance,
            focus_module=outcome.focus,
            restarted=restarted,
            language=lang,
            profile=conv.profile,
            notices=tuple(n for n in notices if n),
            listing=listing or None,
            blocks=tuple(b for b in blocks if b),
            unresolved=outcome.unresolved,
        )


def _unrelated(parsed: Profile, folded: str, guidance: Guidance | None) -> bool:
    """A first message that is not a need for training: no fact about the person, no goal,
    no word of training or work, and nothing in the catalogue answers it."""
    if guidance is None or parsed.stated or parsed.goals or cues.TRAINING.search(folded):
        return False
    return not shown_matches(guidance) and guidance.on_topic == 0


def _match(guidance: Guidance | None, module_id: str) -> Match | None:
    if guidance is None:
        return None
    return next((m for m in shown_matches(guidance) if m.module.id == module_id), None)
