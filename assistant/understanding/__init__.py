"""Understanding: reading a person's own words into a :class:`Profile`.

``parser`` finds the cues (place, mobility, time, format, levels, certification, status) and
keeps the words each field was read from (``cues`` for the pattern-only ones, ``reading`` for
one parse in progress); ``negation`` finds what a negation cue scopes over ("pas de
distanciel" refuses, not asks), and every reader consults it: ``conditions`` for times and
formats, ``mobility`` for car, transport and nearness, ``digital`` for computer use,
``levels`` for the level in the field, ``background`` for diploma, reading, certificates held
and orientation, ``languages`` for the message's language (also read by the dialogue's
replies) and the languages spoken or not. ``occupations`` tells the job held from the job
wanted (ESCO/ROME lexicon in ``data/``), ``past_jobs`` the clause of a job held, ``tense``
whether a clause is of the past ("jusqu'en 2021 j'étais ...": a past-time cue scopes over its
clause). ``statuses`` reads who the person is, with ``status_words`` (a lexicon of stems,
matched fuzzily: "CPAS", "AVIQ", "Sehbehinderung") and ``number_words`` (ages written out).
``sms`` writes SMS French out ("jveux", "g travaillé") before the cues are read. The parser is
the one place that decides which words are the topic: not a job held and its clause, not a
refusal, not what the person already knows (``clauses``), with ``narrative`` telling whether
what is left names a subject (the guidance's need analysis consumes it). ``spelling`` corrects
misspelt words, never a word of the message's language (``load_word_lists`` reads those of
the four languages ahead, for a server's warm-up). ``evaluation`` scores the parser
against ``gold/profiles.jsonl``; ``profile`` is the plain result. Imports ``corpus`` and
``index.analyzer`` only: never guidance, the dialogue or the console.
"""

from __future__ import annotations

from assistant.understanding.languages import detect_language, guess_language
from assistant.understanding.negation import Scope, negation_scopes
from assistant.understanding.occupations import OccupationLexicon, default_lexicon
from assistant.understanding.parser import ProfileParser, without_markup
from assistant.understanding.profile import DigitalLevel, PlaceRef, Profile
from assistant.understanding.spelling import warm_up as load_word_lists

__all__ = [
    "DigitalLevel",
    "OccupationLexicon",
    "PlaceRef",
    "Profile",
    "ProfileParser",
    "Scope",
    "default_lexicon",
    "detect_language",
    "guess_language",
    "load_word_lists",
    "negation_scopes",
    "without_markup",
]
