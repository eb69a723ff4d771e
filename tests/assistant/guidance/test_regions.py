"""A module reserved for one region's jobseekers (Actiris, Forem, VDAB) never "fits" a person
who lives in another region: its audience check says to verify (issue 13)."""

from __future__ import annotations

from assistant.guidance.constraints import audience_check, region_fits
from assistant.guidance.reasons import checks
from assistant.understanding import PlaceRef, Profile
from corpus.audience import audience_groups, audience_regions
from corpus.model import Module

LA_LOUVIERE = PlaceRef("La Louvière", "7100", "La Louvière", "Hainaut", "Wallonie", 50.48, 4.19)
ETTERBEEK = PlaceRef("Etterbeek", "1040", "Etterbeek", None, "Bruxelles", 50.83, 4.39)
ACTIRIS = "Demandeur d'emploi bruxellois inscrit chez Actiris"
MODULE = Module(id="b1", title="Comptabilité", provider="Bruxelles Formation", audience=ACTIRIS)


def audience_of(profile: Profile, module: Module = MODULE) -> bool | None:
    found = checks(
        profile,
        module,
        5.0,
        audience_groups(module.audience),
        None,
        audience_regions(module.audience),
    )
    return next(c.ok for c in found if c.name == "audience")


def test_a_brussels_only_module_does_not_fit_a_walloon_jobseeker() -> None:
    walloon = Profile(place=LA_LOUVIERE, statuses=frozenset({"jobseeker"}))
    assert audience_of(walloon) is False
    brussels = Profile(place=ETTERBEEK, statuses=frozenset({"jobseeker"}))
    assert audience_of(brussels) is True


def test_the_region_alone_decides_when_no_status_was_said() -> None:
    assert audience_of(Profile(place=LA_LOUVIERE)) is False
    assert audience_of(Profile(place=ETTERBEEK)) is True
    assert audience_of(Profile()) is None  # nothing to compare


def test_a_module_open_to_every_region_is_judged_on_statuses_only() -> None:
    open_module = Module(id="o1", title="Excel", audience="Chercheur d'emploi")
    worker = Profile(place=LA_LOUVIERE, statuses=frozenset({"worker"}))
    assert audience_of(worker, open_module) is False
    jobseeker = Profile(place=LA_LOUVIERE, statuses=frozenset({"jobseeker"}))
    assert audience_of(jobseeker, open_module) is True
    assert region_fits(jobseeker, frozenset()) is None


def test_a_status_that_rules_out_wins_over_a_fitting_region() -> None:
    worker = Profile(place=ETTERBEEK, statuses=frozenset({"worker"}))
    assert audience_check(worker, frozenset({"jobseeker"}), frozenset({"Bruxelles"})) is False
