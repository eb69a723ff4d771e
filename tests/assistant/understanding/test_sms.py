"""SMS French written out before the cues are read."""

from __future__ import annotations

from assistant.understanding import ProfileParser
from assistant.understanding.sms import expansions
from corpus.text import fold

PARSER = ProfileParser()


def test_glued_pronouns_and_g_are_written_out() -> None:
    known = {
        c.written: c.known for c in expansions("jveux bosser, jsuis motivé, g travaillé ds un bar")
    }
    assert known == {"jveux": "je veux", "jsuis": "je suis", "g": "j'ai", "ds": "dans"}


def test_a_word_starting_with_j_is_left_alone() -> None:
    assert expansions("jardinier à Jodoigne, g 2 enfants") == []


def test_the_job_wanted_in_sms_is_a_goal_and_the_job_held_is_past() -> None:
    profile = PARSER.parse("g bossé 4 ans ds le nettoyage jveux faire magasinier")
    assert any("nettoyage" in fold(p) for p in profile.past)
    assert "magasinier" in fold(profile.topic)
    assert profile.evidence.get("spelling")  # the expansions are shown


def test_verbs_written_as_they_sound_after_their_pronoun() -> None:
    known = {c.written: c.known for c in expansions("je veu partir, je peu venir, maintenan")}
    assert known == {"veu": "veux", "peu": "peux", "maintenan": "maintenant"}
    assert expansions("je peu de temps") == []  # "peu de": a quantity, not "peux"
