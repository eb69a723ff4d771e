"""Reach: which on-topic modules the person can get to, widening the radius step by step.

A classroom (or hybrid) module is in reach within the radius; a distance-learning one from
everywhere, unless the person refused it (then the hard mask already removed it). The radius
starts where the person put it and widens 15 → 30 → 60 km until ``k`` on-topic modules are in
reach; a radius the person stated ("pas plus de 20 km", "30 minutes") is a limit and never
widens, nor for a person who prefers distance learning, and a person without a car never
goes past 30 km. The answer carries one relaxation, the
final state: the radius it was widened to, or "distance learning" when no classroom came in
reach even at the last step and only distance courses are shown, or "anywhere" when the
catalog has no classroom within the widest radius at all (a place outside its area).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from assistant.guidance.types import Relaxation
from assistant.understanding import Profile
from index.placement import haversine_km

Mask = npt.NDArray[np.bool_]
Distances = npt.NDArray[np.float64]

RADIUS_STEPS = (15.0, 30.0, 60.0, 100.0, 150.0)
NO_CAR_LIMIT = 30.0


@dataclass(frozen=True)
class Reach:
    """The rows in reach and what was loosened to get there."""

    allowed: Mask
    relaxations: tuple[Relaxation, ...]
    radius_km: float | None  # the final radius (None: no place known)


def distances(profile: Profile, coords: npt.NDArray[np.float64]) -> Distances | None:
    """Kilometres from the person's place to every module (NaN where unplaced)."""
    if profile.place is None:
        return None
    return haversine_km(profile.place.lat, profile.place.lon, coords)


def stated_radius(profile: Profile) -> bool:
    """Whether the person set their own limit (kilometres or travel minutes)."""
    return bool(profile.radius_km or profile.max_travel_minutes)


def start_radius(profile: Profile) -> float:
    """The radius the search starts with."""
    if profile.radius_km:
        return float(profile.radius_km)
    if profile.max_travel_minutes:
        speed = 0.4 if (profile.has_car is False or profile.public_transport) else 0.8
        return max(5.0, profile.max_travel_minutes * speed)
    if profile.willing_to_move:
        return 60.0
    if profile.near:
        return 30.0 if profile.has_car is not False else 15.0
    return RADIUS_STEPS[0]


def radius_steps(profile: Profile) -> list[float]:
    """The radii to try, in order."""
    start = start_radius(profile)
    if stated_radius(profile) or profile.formats == frozenset({"distanciel"}):
        # A limit the person set; or they want distance learning, which is in reach from
        # everywhere: classrooms farther away are not what they asked for.
        return [start]
    steps = [start, *[s for s in RADIUS_STEPS if s > start]]
    if profile.has_car is False and not profile.willing_to_move:
        steps = [s for s in steps if s <= max(start, NO_CAR_LIMIT)]
    return steps


def widen(
    profile: Profile,
    base: Mask,
    on_topic: Mask,
    remote: Mask,
    km: Distances | None,
    k: int,
    *,
    remote_counts: bool = True,
) -> Reach:
    """The rows in reach: ``base`` rows within the first radius holding ``k`` on-topic ones.

    ``remote`` marks distance-learning rows (in reach from everywhere); with
    ``remote_counts=False`` (a person without a computer, or who never used one) they stay in
    reach but do not stop the widening, so classrooms are looked for first.
    """
    if km is None:
        return Reach(base, (), None)
    if profile.format_required and profile.formats == frozenset({"distanciel"}):
        return Reach(base & remote, (), None)
    with np.errstate(invalid="ignore"):
        covered = bool((~remote & (km <= RADIUS_STEPS[-1])).any())
    if not covered:
        # No classroom of the catalog within the widest radius: the place lies outside the
        # area the catalog serves (or was misread), so distance says nothing.
        return Reach(base, (Relaxation("anywhere", RADIUS_STEPS[-1], None),), None)
    steps = radius_steps(profile)
    start = steps[0]
    counted = on_topic if remote_counts else on_topic & ~remote
    with np.errstate(invalid="ignore"):
        for radius in steps:
            near = base & ((km <= radius) | remote)
            if int((near & counted).sum()) >= k:
                break
        classrooms = near & on_topic & ~remote
    relaxations: tuple[Relaxation, ...] = ()
    if radius != start:
        if not classrooms.any() and (near & on_topic & remote).any():
            relaxations = (Relaxation("distance_learning", radius, None),)
        else:
            relaxations = (Relaxation("radius", start, radius),)
    return Reach(near, relaxations, radius)
