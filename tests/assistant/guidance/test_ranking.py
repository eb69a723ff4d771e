"""Ranking among on-topic modules: levels, teaching language, orientation, classrooms first."""

from __future__ import annotations

from assistant.filters import Facets
from assistant.guidance.ranking import (
    Candidate,
    entry_level,
    is_orientation,
    order,
    teaching_languages,
)
from assistant.understanding import Profile
from corpus.model import Module


def cand(row: int, score: float) -> Candidate:
    return Candidate(row, score, score, None, None)


def test_who_needs_another_teaching_language() -> None:
    assert teaching_languages(Profile()) == frozenset()
    assert teaching_languages(Profile(language="nl")) == frozenset()  # may well read French
    assert teaching_languages(Profile(language="nl", languages_not_spoken=frozenset({"fr"}))) == {
        "nl"
    }
    assert teaching_languages(Profile(french_level="none", languages_spoken=frozenset({"en"}))) == {
        "en"
    }
    assert teaching_languages(Profile(language="de", languages_spoken=frozenset({"de"}))) == {"de"}


def test_entry_level_reads_stated_levels_and_reading_difficulty() -> None:
    assert entry_level(Profile()) is None
    assert entry_level(Profile(reading_difficulty=True)) == 0
    assert entry_level(Profile(domain_level="comfortable")) == 1


def test_orientation_modules_are_told_by_their_title_or_tags() -> None:
    assert is_orientation(Module(id="a", title="Bilan de compétences"))
    assert is_orientation(Module(id="b", title="Essais métiers"))
    assert is_orientation(Module(id="c", title="Atelier", tags=("orientation",)))
    assert not is_orientation(Module(id="d", title="Soudure"))


MODULES = (
    Module(id="fr", title="Excel", format="presentiel"),
    Module(id="nl", title="Excel", format="presentiel", language="nl"),
    Module(id="online", title="Excel en ligne", format="distanciel"),
    Module(id="guide", title="Orientation professionnelle", format="presentiel"),
)
FACTS = Facets(MODULES)
CANDIDATES = [cand(0, 0.9), cand(2, 0.8), cand(1, 0.5), cand(3, 0.1)]


def ids(profile: Profile) -> list[str]:
    return [MODULES[c.row].id for c in order(profile, FACTS, MODULES, CANDIDATES)]


def test_by_default_the_score_decides() -> None:
    assert ids(Profile()) == ["fr", "online", "nl", "guide"]


def test_a_person_not_speaking_french_gets_their_language_first() -> None:
    profile = Profile(language="nl", languages_not_spoken=frozenset({"fr"}))
    assert ids(profile)[0] == "nl"


def test_no_computer_puts_distance_learning_after_classrooms() -> None:
    assert ids(Profile(has_computer=False)) == ["fr", "nl", "guide", "online"]
    assert ids(Profile(digital_level="none"))[-1] == "online"


def test_a_person_who_does_not_know_what_to_do_sees_orientation_first() -> None:
    assert ids(Profile(orientation=True))[0] == "guide"


def test_an_evening_course_is_preferred_by_who_asked_for_evenings() -> None:
    from assistant.guidance.ranking import preference

    times = [frozenset({"evenings"}), frozenset()]
    evening = Profile(schedules=frozenset({"evenings"}))
    assert preference(evening, FACTS, 0, None, times) > preference(evening, FACTS, 1, None, times)
    assert preference(Profile(), FACTS, 0, None, times) == preference(
        Profile(), FACTS, 1, None, times
    )


def test_a_computing_professional_starts_past_initiation_in_digital_work() -> None:
    pro = Profile(digital_level="professional", topic="je veux aller vers le cloud")
    assert entry_level(pro) == 1
    # in another trade their computer skills say nothing of their level
    assert entry_level(pro.with_changes(topic="je veux apprendre la soudure")) is None


def test_levels_below_the_persons_are_pushed_down_and_an_asked_certificate_is_not_steep() -> None:
    from assistant.guidance.ranking import preference

    levelled = (
        Module(id="i", title="Cloud", level="initiation"),
        Module(id="m", title="Cloud", level="intermediaire"),
        Module(id="c", title="Cloud", level="certification"),
    )
    facts = Facets(levelled)
    comfortable = Profile(domain_level="comfortable")
    below, at = (preference(comfortable, facts, r, None) for r in (0, 1))
    assert below < 1.0 < at
    beginner = Profile(domain_level="none")
    wants_certificate = beginner.with_changes(certification=True)
    assert preference(beginner, facts, 2, None) < 1.0
    assert preference(wants_certificate, facts, 2, None) >= 1.0


def test_who_knows_nothing_of_the_field_gets_initiations_before_the_next_level() -> None:
    from assistant.guidance.ranking import preference

    levelled = (
        Module(id="i", title="Web", level="initiation"),
        Module(id="m", title="Web", level="intermediaire"),
    )
    facts = Facets(levelled)
    for novice in (Profile(domain_level="none"), Profile(digital_level="none")):
        assert preference(novice, facts, 1, None) < 0.8 * preference(novice, facts, 0, None)
    # knowing the basics, the next level is a fair step
    basic = Profile(domain_level="basic")
    assert preference(basic, facts, 1, None) == 1.0
    # aiming at a certificate, a reconversion programme of the next level is the way there
    aiming = Profile(domain_level="none", certification=True)
    assert preference(aiming, facts, 1, None) == 1.0


PASSED = (
    Module(id="basics-here", title="Réseaux", level="initiation", format="presentiel"),
    Module(id="next-far", title="Réseaux", level="intermediaire", format="presentiel"),
    Module(id="basics-online", title="Réseaux", level="initiation", format="distanciel"),
    Module(id="next-here", title="Réseaux", level="intermediaire", format="presentiel"),
    Module(id="unlevelled", title="Réseaux", format="presentiel"),
)


def test_rows_below_the_persons_level_are_told_only_when_the_level_is_known() -> None:
    from assistant.guidance.ranking import below_level

    facts = Facets(PASSED)
    assert not below_level(Profile(), facts).any()
    pro = Profile(digital_level="professional", topic="administration réseau")
    assert below_level(pro, facts).tolist() == [True, False, True, False, False]
    assert not below_level(Profile(domain_level="none"), facts).any()


def test_a_level_already_passed_weighs_more_than_tens_of_kilometres() -> None:
    import numpy as np

    from assistant.guidance.ranking import preference

    facts = Facets(PASSED)
    km = np.array([2.0, 55.0, 300.0, 3.0, 2.0])
    pro = Profile(digital_level="professional", topic="administration réseau")
    near_basics, far_next, online_basics, near_next = (
        preference(pro, facts, r, km) for r in range(4)
    )
    # what they know already, even next door or online, comes after their level far away
    assert far_next > near_basics
    assert far_next > online_basics
    # at the same level, nearer is still better
    assert near_next > far_next
    # for a person whose level is unknown, the initiation next door stays first
    unknown = Profile(topic="administration réseau")
    assert preference(unknown, facts, 0, km) > preference(unknown, facts, 1, km)
