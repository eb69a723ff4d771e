"""Hard constraints: hours at the person's pace, refused times and formats, held certificates."""

from __future__ import annotations

import pytest

from assistant.filters import Facets
from assistant.guidance.constraints import (
    FULL_TIME_PACE,
    PART_TIME_PACE,
    CatalogConstraints,
    audience_fits,
    hard_mask,
    holds,
    hours_budget,
    module_times,
    refused_times,
)
from assistant.understanding import Profile
from corpus.model import Module


def test_weeks_become_hours_at_the_persons_pace() -> None:
    assert hours_budget(Profile(max_weeks=10)) == 10 * FULL_TIME_PACE
    assert hours_budget(Profile(max_weeks=10, schedules=frozenset({"morning"}))) == (
        10 * PART_TIME_PACE
    )
    assert hours_budget(Profile(max_weeks=10, max_hours=50)) == 50
    assert hours_budget(Profile()) is None


def test_a_person_free_only_in_the_day_refuses_evenings_and_weekends() -> None:
    assert refused_times(Profile(schedules=frozenset({"daytime"}))) == {"evenings", "weekends"}
    assert "afternoon" in refused_times(Profile(schedules=frozenset({"morning"})))
    assert refused_times(Profile(schedules_refused=frozenset({"weekends"}))) == {"weekends"}
    assert refused_times(Profile(schedules=frozenset({"evenings"}))) == frozenset()


@pytest.mark.parametrize(
    ("text", "times"),
    [
        ("Cours du soir, deux soirées par semaine", {"evenings"}),
        ("Le samedi matin", {"weekends", "morning"}),
        ("Savoir utiliser un tableur", set()),  # "savoir" is no evening
        ("Avondopleiding boekhouding", {"evenings"}),
        ("Formation intensive le weekend", {"weekends"}),
        ("Formation intensive le week-end", {"weekends"}),
        ("Cours l'APRÈS-MIDI", {"afternoon"}),
        ("Cours l’après-midi, à Liège – 2 €", {"afternoon"}),
        ("ＳＡＭＥＤＩ", {"weekends"}),  # full-width letters fold to ASCII
        ("Comptabilité, café et œuvres – 2 €", set()),
    ],
)
def test_when_a_module_runs_is_read_from_its_words(text: str, times: set[str]) -> None:
    assert module_times(Module(id="x", title=text)) == times


def test_a_schedule_field_wins_over_the_description() -> None:
    module = Module(id="x", title="Cours du soir", extra={"schedule": "lundi 9h-12h, matin"})
    assert module_times(module) == {"morning"}


def test_a_held_certificate_is_matched_by_all_its_words() -> None:
    ccna = Module(id="a", title="Cisco CCNA 2 : routage", certification="Cisco CCNA")
    ccnp = Module(id="b", title="Cisco CCNP Enterprise", certification="Cisco CCNP")
    assert holds(ccna, ("CCNA",)) and not holds(ccnp, ("CCNA",))
    assert not holds(ccna, ("CCNA Security",))


def test_the_mask_drops_refused_formats_times_and_held_certificates() -> None:
    modules = (
        Module(id="a", title="Excel", format="presentiel", duration_hours=20),
        Module(id="b", title="Excel en ligne", format="distanciel", duration_hours=20),
        Module(id="c", title="Excel, cours du soir", format="presentiel", duration_hours=20),
        Module(id="d", title="Excel long", format="presentiel", duration_hours=400),
        Module(id="e", title="ICDL Excel", format="presentiel", certification="ICDL"),
    )
    facts = Facets(modules)
    profile = Profile(
        formats_refused=frozenset({"distanciel"}),
        schedules=frozenset({"morning"}),
        max_weeks=4,
        certificates_held=("ICDL",),
    )
    keep = hard_mask(profile, facts, CatalogConstraints(modules, facts))
    assert [m.id for m, k in zip(modules, keep, strict=True) if k] == ["a"]


def test_the_catalog_table_answers_as_the_per_module_rules() -> None:
    # The table precomputes what each module says once per index; a query's mask must be
    # the one the per-module rules give, row for row.
    modules = (
        Module(id="a", title="Cisco CCNA 2 : routage", certification="Cisco CCNA"),
        Module(id="b", title="Cisco CCNP Enterprise", certification="Cisco CCNP"),
        Module(id="c", title="Sécurité CCNA, cours du soir", audience="demandeurs d'emploi"),
        Module(id="d", title="Permis C", audience="jeunes de moins de 25 ans"),
        Module(id="e", title="Excel le samedi matin", audience="travailleurs"),
        Module(id="f", title="Soudure", extra={"schedule": "après-midi"}),
    )
    facts = Facets(modules)
    table = CatalogConstraints(modules, facts)
    assert table.times == [module_times(m) for m in modules]
    for held in [("CCNA",), ("ccna security",), ("Cisco",), ("permis c", "CCNP"), ("...",)]:
        assert list(table.held(held)) == [holds(m, held) for m in modules], held
    for statuses in [{"jobseeker"}, {"worker", "young"}, {"over_45"}, set()]:
        fits = [audience_fits(frozenset(statuses), g) for g in facts.groups]
        assert list(table.audience(frozenset(statuses))) == fits, statuses
    for times in [{"evenings"}, {"weekends", "afternoon"}, set()]:
        assert list(table.runs_at(frozenset(times))) == [bool(t & times) for t in table.times], (
            times
        )
