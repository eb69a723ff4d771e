"""Mobility read with its negation: a car (or none: "pas de permis", "geen auto", "kein
Führerschein"), and public transport taken ("je prends le bus", "met de trein", "TEC").
Part of :func:`~assistant.understanding.conditions.read_conditions`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.understanding.cues import rx
from assistant.understanding.negation import Scope, negated

if TYPE_CHECKING:
    from assistant.understanding.conditions import Conditions

CAR = re.compile(
    r"\b(?:voiture|vehicule|bagnole|auto|wagen|car|motorise|rijbewijs|fuhrerschein|furerschein|"
    r"driving licen[cs]e|driver'?s licen[cs]e|permis(?: de conduire| voiture| b\b)?|permi|"
    r"drive|conduis|rijd|fahre)\b"
)
_NOT_CAR_LICENCE = re.compile(r"\s+(?:cariste|c\b|ce\b|d\b|poids|camion|bus|moto|de pecher)")
HAVE = re.compile(
    r"\b(?:j'ai|jai|j ai|ai|a une|a un|avec ma|have|has|i've got|own|heb|heeft|habe|hab|hat|"
    r"eigenes|eigene|"
    r"mijn eigen)\b"
)
_CAR_OK = re.compile(r"\b(?:voiture|auto|car|wagen) (?:ok|oui|yes|ja)\b")
TRANSIT = rx(
    r"\btec\b",
    r"\bstib\b",
    r"\bde lijn\b",
    r"\bsncb\b",
    r"transports? (?:en commun|publics?)",
    r"openbaar vervoer",
    r"public transport",
    r"offentliche verkehrsmittel",
    r"\b(?:en|le|du|par|by|the|met de|mit dem|met|mit|per|avec le|take the|prends le|prend le|"
    r"neem de|neem|nehme den|nehme|take|use the)"
    r" (?:bus|train|tram|metro|trein|zug)\b",
)


def read_mobility(folded: str, scopes: list[Scope], c: Conditions) -> None:
    for m in CAR.finditer(folded):
        if m[0].startswith("permi") and _NOT_CAR_LICENCE.match(folded, m.end()):
            continue  # "permis cariste", "permis C": a goal or a certificate, not a car
        scope = negated(m.span(), scopes)
        if scope is not None:
            c.has_car = False
            c.spans.setdefault("has_car", (scope.cue[0], m.end()))
            c.refused_spans.append((scope.cue[0], m.end()))
            break
        if m[0] == "car" and not re.search(
            r"\b(?:a|my|the|no|own|adapted)\s+$", folded[: m.start()]
        ):
            continue  # French "car" (because)
        if m[0] in ("voiture", "vehicule", "bagnole", "auto", "wagen", "car"):
            start = max(folded.rfind(c, 0, m.start()) for c in ".;!?") + 1
            before = folded[max(start, m.start() - 40) : m.start()]
            if HAVE.search(before) or _CAR_OK.match(folded, m.start()):
                c.has_car = True
                c.spans.setdefault("has_car", m.span())
                c.matched.append(m.span())
    for m in TRANSIT.finditer(folded):
        if not negated(m.span(), scopes):
            c.public_transport = True
            c.spans.setdefault("public_transport", m.span())
            c.matched.append(m.span())
            break
