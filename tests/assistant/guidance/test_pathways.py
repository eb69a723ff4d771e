"""Pathways as plans: one lineage, the goal's level, short first steps, time budgets."""

from __future__ import annotations

import numpy as np

from assistant.guidance.pathways import LONG_HOURS, PathwayInput, plan
from assistant.guidance.ranking import Candidate
from assistant.guidance.types import Match, Pathway
from assistant.understanding import Profile
from corpus.model import Module


def mod(i: str, level: str, hours: float, topic: str = "web", **kw: object) -> Module:
    return Module(id=i, title=f"{topic} {i}", level=level, duration_hours=hours, **kw)  # type: ignore[arg-type]


def vectors(modules: tuple[Module, ...]) -> np.ndarray:
    """Web modules point one way, data modules another."""
    out = np.zeros((len(modules), 2), dtype=np.float32)
    for row, m in enumerate(modules):
        out[row] = (1.0, 0.0) if m.title.startswith("web") else (0.0, 1.0)
    return out


def make(
    profile: Profile,
    modules: tuple[Module, ...],
    budget: float | None = None,
    *,
    aims_at_work: bool = False,
) -> Pathway | None:
    candidates = [
        Candidate(row, 1.0 - row / 100, 1.0 - row / 100, None, None) for row in range(len(modules))
    ]
    data = PathwayInput(
        profile,
        "Développeur web",
        candidates,
        modules,
        vectors(modules),
        budget,
        None,
        aims_at_work=aims_at_work,
    )

    def match(c: Candidate) -> Match:
        return Match(modules[c.row], c.score, None, (), ())

    return plan(data, match)


def levels(p: Pathway | None) -> list[str | None]:
    assert p is not None
    return [s.level for s in p.steps]


def test_a_beginner_aiming_at_a_job_climbs_to_the_certifying_module() -> None:
    modules = (
        mod("a", "intermediaire", 80),
        mod("b", "certification", 200),
        mod("c", "initiation", 40),
        mod("d", "avance", 60),
    )
    p = make(Profile(domain_level="none", goals=("Développeur web",)), modules)
    assert levels(p) == ["initiation", "intermediaire", "avance", "certification"]
    assert p is not None and p.total_hours == 380 and p.weeks == 14.0  # 380 h at 28 h a week


def test_steps_stay_in_the_goals_lineage() -> None:
    modules = (
        mod("top", "avance", 60),
        mod("x", "initiation", 30, topic="data"),
        mod("y", "initiation", 30),
    )
    p = make(Profile(domain_level="basic"), modules)
    assert p is not None and [s.match.module.id for s in p.steps] == ["y", "top"]


def test_a_long_programme_is_no_first_step_unless_nothing_else_exists() -> None:
    short = (mod("top", "avance", 60), mod("long", "initiation", 1120), mod("s", "initiation", 40))
    p = make(Profile(domain_level="none"), short)
    assert p is not None and p.steps[0].match.module.id == "s" and p.notes == ()
    only_long = (mod("top", "avance", 60), mod("long", "initiation", LONG_HOURS))
    p = make(Profile(domain_level="none"), only_long)
    assert p is not None and p.steps[0].match.module.id == "long"
    assert p.notes == ("long_first_step",)


def test_a_time_budget_drops_middle_steps_or_gives_no_plan() -> None:
    modules = (
        mod("top", "avance", 30),
        mod("m", "intermediaire", 50),
        mod("s", "initiation", 20),
    )
    p = make(Profile(domain_level="none"), modules, budget=60)
    assert p is not None and [s.match.module.id for s in p.steps] == ["s", "top"]
    assert make(Profile(domain_level="none"), modules, budget=40) is None


def test_no_plan_when_the_goal_is_not_above_the_entry_level() -> None:
    modules = (mod("a", "initiation", 20), mod("b", "initiation", 30))
    assert make(Profile(domain_level="none"), modules) is None
    assert make(Profile(), (mod("a", "avance", 20), mod("b", "initiation", 30))) is None


def test_part_time_pace_makes_more_weeks() -> None:
    modules = (mod("top", "avance", 30), mod("s", "initiation", 26))
    p = make(Profile(domain_level="none", schedules=frozenset({"morning"})), modules)
    assert p is not None and p.weeks == 4.0  # 56 h at 14 h a week


def test_computer_basics_alone_make_no_plan_without_progression() -> None:
    modules = (mod("a", "initiation", 20), mod("basics", "initiation", 24, topic="data"))
    candidates = [Candidate(0, 1.0, 1.0, None, None)]
    basics = Candidate(1, 0.5, 0.5, None, None)
    data = PathwayInput(
        Profile(digital_level="none"), "web", candidates, modules, vectors(modules), None, basics
    )
    assert plan(data, lambda c: Match(modules[c.row], c.score, None, (), ())) is None
    modules = (*modules, mod("b", "intermediaire", 40))
    candidates.append(Candidate(2, 0.9, 0.9, None, None))
    data = PathwayInput(
        Profile(digital_level="none"), "web", candidates, modules, vectors(modules), None, basics
    )
    p = plan(data, lambda c: Match(modules[c.row], c.score, None, (), ()))
    assert p is not None and [s.match.module.id for s in p.steps] == ["basics", "b"]


def test_the_goal_level_is_the_highest_among_the_five_shown() -> None:
    shown = (
        mod("a", "initiation", 20),
        mod("b", "initiation", 30),
        mod("c", "initiation", 25),
        mod("d", "intermediaire", 40),
        mod("e", "initiation", 35),
        mod("f", "avance", 50),
    )
    p = make(Profile(domain_level="none"), shown)
    assert levels(p) == ["initiation", "intermediaire"]  # "f" is sixth: not where they aim


def test_a_stated_job_aim_without_a_known_occupation_climbs_past_the_five_shown() -> None:
    shown = (
        mod("a", "initiation", 20),
        mod("b", "initiation", 30),
        mod("c", "initiation", 25),
        mod("d", "initiation", 40),
        mod("e", "initiation", 35),
        mod("f", "intermediaire", 50),
    )
    assert make(Profile(domain_level="none"), shown) is None  # nothing above the five
    p = make(Profile(domain_level="none"), shown, aims_at_work=True)
    assert levels(p) == ["initiation", "intermediaire"]
