"""Corrections made in the "what was understood" form: the place, the time and the level.

The chat page shows three fields filled from the profile (:func:`editable_fields`); what the
person submits is applied by :func:`apply_edits` and the guidance runs again
(:meth:`assistant.dialogue.turns.Dialogue.amend`). For each field: a value replaces the profile's,
``None`` clears it, :data:`UNSET` leaves it as it is.

- ``place`` is free text (a town or a postal code), read by the same profile parser as the
  chat messages, so "Namur", "5000", "4000 Liège" or "près de Namur" all work. A blank field
  clears the place. Text naming no known place changes nothing and is reported in
  :attr:`Edit.unresolved`, so that the person is asked to check the spelling.
- ``max_hours`` is the longest training the person accepts, in hours (a positive number).
- ``level`` is ``none``, ``basic``, ``comfortable`` or ``professional`` and sets
  ``Profile.domain_level``: the level in the field to learn, the one the level question asks
  about and the one guidance takes as the entry level of a pathway. ``digital_level``
  (computer skills) is only ever read from the person's own words.

An edited field's evidence is ``"edited: "`` followed by what was submitted, so a counsellor
can tell a corrected field from one read in a message (:func:`edited`). A field submitted with
its current value is not an edit: sending the pre-filled form back unchanged changes nothing.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from assistant.dialogue.reading import InvalidMessageError
from assistant.understanding import DigitalLevel, PlaceRef, Profile
from corpus.text import fold


class Unset(enum.Enum):
    """The type of :data:`UNSET`: a form field that was not sent."""

    UNSET = "unset"


UNSET = Unset.UNSET
LEVELS: dict[str, DigitalLevel] = {
    "none": "none",
    "basic": "basic",
    "comfortable": "comfortable",
    "professional": "professional",
}
EDITED = "edited: "
MAX_PLACE_CHARS = 100
# What each form field tells about the facets the dialogue asks questions about.
FACET_OF = {"place": "place", "max_hours": "time", "level": "level"}
# Read as the start of "j'habite à Ans": a place cue, so that a bare name that is also an
# ordinary word ("Ans", "Spa", "Heure") or a small misspelling ("Charleroy") is still found.
_PLACE_CUE = "j'habite à "

PlaceResolver = Callable[[str], tuple[PlaceRef, bool] | None]


@dataclass(frozen=True)
class Edit:
    """The profile after a form was applied.

    Attributes:
        profile: the new profile.
        facets: the facets the form said something about (``place``, ``time``, ``level``),
            filled in or cleared: no question is asked about them right after.
        unresolved: fields that could not be applied (``place``: no known town).
    """

    profile: Profile
    facets: frozenset[str]
    unresolved: tuple[str, ...] = ()


def editable_fields(profile: Profile) -> dict[str, Any]:
    """The values to pre-fill the form with; sending them back unchanged changes nothing.

    Keys: ``place`` (the town's name, or its postal code when it has none), ``max_hours``
    (hours) and ``level`` (``Profile.domain_level``), each ``None`` when not stated.
    """
    place = profile.place
    return {
        "place": (place.name or place.postal_code) if place is not None else None,
        "max_hours": profile.max_hours,
        "level": profile.domain_level,
    }


def edited(profile: Profile, field: str) -> bool:
    """True when ``field`` was last set in the form rather than read from a message."""
    return profile.evidence.get(field, "").startswith(EDITED)


def check_edits(
    *,
    place: str | Unset | None = UNSET,
    max_hours: float | Unset | None = UNSET,
    level: str | Unset | None = UNSET,
) -> None:
    """Raises :class:`InvalidMessageError` when a field has a value the form cannot send."""
    if isinstance(place, str) and len(place) > MAX_PLACE_CHARS:
        raise InvalidMessageError(
            f"place is too long: give a town or a postal code (at most {MAX_PLACE_CHARS} "
            "characters)."
        )
    if not (place is None or place is UNSET or isinstance(place, str)):
        raise InvalidMessageError("place must be a town or a postal code.")
    if max_hours is not None and max_hours is not UNSET and not _positive(max_hours):
        raise InvalidMessageError("max_hours must be a positive number of hours.")
    if level is not None and level is not UNSET and level not in LEVELS:
        raise InvalidMessageError(f"level must be one of: {', '.join(LEVELS)}.")


def place_resolver(parse: Callable[[str], Profile]) -> PlaceResolver:
    """Reads a place field with the profile parser ``parse``: ``(place, near)`` or ``None``.

    The text is read as written, then after a place cue, then capitalised after a place cue
    ("spa" → "j'habite à Spa"): the parser accepts a name that is also an ordinary word only
    when it is written like a place.
    """

    def resolve(text: str) -> tuple[PlaceRef, bool] | None:
        capitalised = " ".join(w[:1].upper() + w[1:] for w in text.split())
        for variant in (text, _PLACE_CUE + text, _PLACE_CUE + capitalised):
            parsed = parse(variant)
            if parsed.place is not None:
                return parsed.place, parsed.near
        return None

    return resolve


def apply_edits(
    profile: Profile,
    resolve: PlaceResolver,
    *,
    place: str | Unset | None = UNSET,
    max_hours: float | Unset | None = UNSET,
    level: str | Unset | None = UNSET,
) -> Edit:
    """``profile`` with the form's fields applied (see the module docstring).

    The values must have passed :func:`check_edits`.
    """
    changes: dict[str, Any] = {}
    evidence = dict(profile.evidence)
    unresolved: list[str] = []
    sent = {"place": place, "max_hours": max_hours, "level": level}
    if isinstance(place, str) and place.strip():
        typed = " ".join(place.split())
        if not _same_place(profile.place, typed):
            found = resolve(typed)
            if found is None:
                unresolved.append("place")
            else:
                changes.update(place=found[0], near=found[1])
                evidence["place"] = EDITED + typed
    elif place is not UNSET and profile.place is not None:
        changes.update(place=None, near=False)  # None or a blank field: the place is removed
        evidence.pop("place", None)
    if max_hours is not UNSET and max_hours != profile.max_hours:
        changes["max_hours"] = None if max_hours is None else float(max_hours)
        _mark(evidence, "max_hours", max_hours)
    if level is not UNSET and level != profile.domain_level:
        changes["domain_level"] = None if level is None else LEVELS[level]
        _mark(evidence, "domain_level", level)
    facets = frozenset(FACET_OF[name] for name, value in sent.items() if value is not UNSET)
    new = profile.with_changes(**changes, evidence=evidence) if changes else profile
    return Edit(new, facets, tuple(unresolved))


def _positive(value: object) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and value > 0
    )


def _same_place(current: PlaceRef | None, typed: str) -> bool:
    """The field still holds the current place (as pre-filled, or its postal code)."""
    if current is None:
        return False
    key = fold(typed)
    return key in {fold(current.name), current.postal_code, fold(current.municipality)}


def _mark(evidence: dict[str, str], field: str, value: object) -> None:
    if value is None:
        evidence.pop(field, None)
    elif isinstance(value, float) and value.is_integer():
        evidence[field] = f"{EDITED}{int(value)}"
    else:
        evidence[field] = f"{EDITED}{value}"
