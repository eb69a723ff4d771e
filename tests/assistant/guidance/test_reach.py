"""Reach: widening until k on-topic modules, one true relaxation, distance learning."""

from __future__ import annotations

import numpy as np

from assistant.guidance.reach import radius_steps, widen
from assistant.understanding import PlaceRef, Profile

MONS = PlaceRef("Mons", "7000", "Mons", "Hainaut", "Wallonie", 50.45, 3.95)
KM = np.array([5.0, 25.0, 50.0, 90.0, 200.0, 140.0])
REMOTE = np.array([False, False, False, False, False, True])
ALL = np.ones(6, dtype=bool)


def kinds(reach: object) -> list[tuple[str, float | None, float | None]]:
    return [(r.kind, r.from_km, r.to_km) for r in reach.relaxations]  # type: ignore[attr-defined]


def test_widens_until_k_on_topic_modules_are_in_reach() -> None:
    on_topic = np.array([False, True, True, False, False, False])
    reach = widen(Profile(place=MONS), ALL, on_topic, REMOTE, KM, 2)
    assert reach.radius_km == 60.0 and kinds(reach) == [("radius", 15.0, 60.0)]
    assert reach.allowed.tolist() == [True, True, True, False, False, True]


def test_off_topic_modules_next_door_do_not_stop_the_widening() -> None:
    on_topic = np.array([False, False, False, True, False, False])
    reach = widen(Profile(place=MONS), ALL, on_topic, REMOTE, KM, 1)
    assert reach.radius_km == 100.0 and len(reach.relaxations) == 1


def test_a_stated_radius_is_a_limit() -> None:
    on_topic = np.array([False, False, True, True, False, False])
    profile = Profile(place=MONS, radius_km=20)
    assert radius_steps(profile) == [20.0]
    reach = widen(profile, ALL, on_topic, REMOTE, KM, 3)
    assert reach.relaxations == () and not reach.allowed[2]


def test_without_a_car_classrooms_stop_at_30_km_and_distance_learning_counts() -> None:
    profile = Profile(place=MONS, has_car=False)
    assert max(radius_steps(profile)) == 30.0
    on_topic = np.array([False, False, True, False, False, True])
    reach = widen(profile, ALL, on_topic, REMOTE, KM, 1)
    assert reach.allowed[5] and not reach.allowed[2] and reach.relaxations == ()


def test_only_distance_learning_found_says_so_once() -> None:
    on_topic = np.array([False, False, False, False, False, True])
    reach = widen(Profile(place=MONS), ALL, on_topic, REMOTE, KM, 2)
    assert kinds(reach) == [("distance_learning", 150.0, None)]


def test_distance_learning_not_counted_looks_for_classrooms_first() -> None:
    on_topic = np.array([False, True, False, False, False, True])
    counted = widen(Profile(place=MONS), ALL, on_topic, REMOTE, KM, 1)
    classroom = widen(Profile(place=MONS), ALL, on_topic, REMOTE, KM, 1, remote_counts=False)
    assert counted.radius_km == 15.0 and classroom.radius_km == 30.0


def test_no_place_means_no_distance_limit() -> None:
    reach = widen(Profile(), ALL, ALL, REMOTE, None, 3)
    assert reach.allowed.all() and reach.relaxations == () and reach.radius_km is None


def test_who_prefers_distance_learning_is_not_sent_to_far_classrooms() -> None:
    profile = Profile(place=MONS, formats=frozenset({"distanciel"}))
    assert radius_steps(profile) == [15.0]
    on_topic = np.array([False, False, True, True, False, True])
    reach = widen(profile, ALL, on_topic, REMOTE, KM, 3)
    assert reach.allowed[5] and not reach.allowed[2] and reach.relaxations == ()


def test_a_place_outside_the_catalogs_area_sets_no_distance_limit() -> None:
    far = np.array([400.0, 420.0, 500.0, 410.0, 450.0, 430.0])
    reach = widen(Profile(place=MONS), ALL, ALL, REMOTE, far, 3)
    assert reach.allowed.all() and kinds(reach) == [("anywhere", 150.0, None)]
