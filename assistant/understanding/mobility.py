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

Span = tuple[int, int]

CAR = re.compile(
    r"\b(?:voiture|vehicule|bagnole|auto|wagen|car|motorise|rijbewijs|fuhrerschein|furerschein|"
    r"driving licen[cs]e|driver'?s licen[cs]e|permis(?: de conduire| voiture| b\b)?|permi|"
    r"drive|conduis|rijd|fahre)\b"
)
_NOT_CAR_LICENCE = re.compile(r"\s+(?:cariste|c\b|ce\b|d\b|poids|camion|bus|moto|de pecher)")
HAVE = re.compile(
    r"\b(?:j'ai|jai|j ai|ai|a une|a un|avec ma|have|has|i've got|own|heb|heeft|habe|hab|hat|"
    r"eigenes|eigene|eigen|possede|possedes|dispose d'une|dispose d'un|beschikt over|besitze|"
    r"besitzt|verfuge uber|verfugt uber|mijn eigen)\b"
)
# "Voiture : oui", "Auto vorhanden", "car available"
_CAR_OK = re.compile(
    r"\b(?:voiture|auto|car|wagen)\s*:?\s*(?:ok|oui|yes|ja|vorhanden|disponible|dispo|available|"
    r"beschikbaar|aanwezig)\b"
)
# a note's field that is the car alone: "..., Tournai. Voiture, rayon de 25 km."
_CAR_FIELD = re.compile(r"(?:voiture|vehicule|auto|wagen|car)\s*(?:[,;.]|$)")
# travelling by car ("je roule en voiture", "by car", "met de auto"), or a note's "Mobilité :
# voiture": the person has one
_BY_CAR = re.compile(
    r"(?:\b(?:en|by|met de|met mijn|met een|mit dem|mit meinem|mit einem|avec ma|in my|dans ma)\s+"
    r"|\b(?:mobilite|mobility|mobiliteit|mobilitat|transport|vervoer|deplacements?|"
    r"verplaatsing)\s*:\s*)$"
)
TRANSIT = rx(
    r"\btec\b",
    r"\bstib\b",
    r"\bde lijn\b",
    r"\bsncb\b",
    r"transports? (?:en commun|publics?)",
    r"openbaar vervoer",
    r"public transport",
    r"offentlich\w* verkehrsmittel",
    r"\bmet het ov\b|\bhet ov\b",
    # "je prends les transports", "I rely on buses", "auf Bus und Bahn angewiesen"
    r"\b(?:prends|prend|utilise|depends? des|par les|avec les) (?:les )?transports\b",
    r"\b(?:rely on|depend on|dependent on|afhankelijk van|angewiesen auf|auf) (?:the )?"
    r"(?:bus|buses|busse|trains?|trams?|bahn|zug|public)\b",
    r"\b(?:bus|busse|buses) (?:und|en|et|and|ou|of|oder) (?:bahn|zug|trein|train|tram|metro)\b",
    r"\b(?:fiets|velo|bike|fahrrad|rad|voet|pied) (?:en|et|and|und|of|ou|oder) (?:de |le |en |the |"
    r"mit dem |met de )?(?:bus|train|tram|metro|trein|zug)\b",
    r"\b(?:en|le|du|par|by|the|met de|mit dem|met|mit|per|avec le|take the|prends le|prend le|"
    r"neem de|neem|nehme den|nehme|take|use the)"
    r" (?:bus|train|tram|metro|trein|zug)\b",
    r"\b(?:bus|train|tram|metro|trein|zug)\s+(?:uniquement|seulement|only|alleen|nur)\b",
    r"\b(?:mobilite|mobility|mobiliteit|mobilitat|transport|vervoer|deplacements?)\s*:\s*"
    r"(?:\w+ )?(?:bus|train|tram|metro|trein|zug|tec|stib)\b",
    r"\b(?:uniquement|seulement|only|alleen|nur) (?:le |en |de |den |the |by |met de |mit dem )?"
    r"(?:bus|train|tram|metro|trein|zug)\b",
)
# Nearness said apart from the place: "pas trop loin de chez moi", "dans les environs", "close
# to home", "in de buurt", "in der Nähe": the person accepts the surroundings of their place.
NEARBY = rx(
    r"\b(?:pas (?:trop |si |tres )?loin|pres|proche|a cote) de chez (?:moi|nous)\b",
    r"\b(?:dans|aux) (?:les |mes )?(?:environs|alentours)\b",
    r"\bdans (?:le|mon) coin\b",
    r"\bdans (?:ma|la) region\b",
    r"\b(?:close to|near|not far from) (?:my )?(?:home|where i live|my place)\b",
    r"\b(?:nearby|in my area|in the area|around here)\b",
    r"\b(?:dicht bij|vlakbij|niet ver van) (?:huis|mijn huis|thuis)\b",
    r"\bin (?:de|mijn) (?:buurt|omgeving|regio)\b",
    r"\bin (?:der|meiner) (?:nahe|umgebung|gegend|region)\b",
    r"\bnicht (?:zu )?weit (?:von zu hause|weg|von mir)\b",
    # a whole province accepted: "je peux me déplacer dans toute la province"
    r"\b(?:dans|partout dans) (?:toute )?(?:la|ma) province\b",
    r"\bin (?:de|heel de|mijn|heel mijn) provincie\b|\bin der (?:ganzen )?provinz\b",
    r"\b(?:in|across|anywhere in) (?:the|my) (?:whole )?province\b",
)


def nearby(folded: str, scopes: list[Scope]) -> Span | None:
    """The span of a nearness said apart from the place, if any and not negated."""
    for m in NEARBY.finditer(folded):
        if negated(m.span(), scopes) is None:
            return m.span()
    return None


# a car said otherwise: "je suis motorisée", "own transport", "ik rijd met de auto", "I drive"
_MOTORISED = re.compile(
    r"\b(?:suis|est|is|bin|ben) (?:\w+ )?(?:motorisee?|vehiculee?|mobiel|motorisiert)\b|"
    r"\b(?:own transport|eigen vervoer|eigenes fahrzeug|propre vehicule|moyen de locomotion|"
    r"vehicule personnel|voiture personnelle|personal car|eigen wagen)\b|"
    r"\b(?:je conduis|i drive|i can drive|ik rijd|ich fahre)\b(?! (?:un |une |a |een |ein |einen )?"
    r"(?:camion|bus|truck|lorry|lkw|vrachtwagen|heftruck|chariot|taxi|forklift|stapler|tram|train))"
)


# "je ne suis pas véhiculée", "ik ben niet mobiel": no car
_NOT_MOTORISED = re.compile(
    r"\b(?:suis|est|is|bin|ben|am) (?:pas|niet|nicht|not) (?:\w+ )?"
    r"(?:motorisee?|vehiculee?|mobiel|motorisiert|mobile)\b"
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
            r"\b(?:a|my|the|no|own|adapted|by)\s+$", folded[: m.start()]
        ):
            continue  # French "car" (because)
        if m[0] in ("voiture", "vehicule", "bagnole", "auto", "wagen", "car"):
            start = max(folded.rfind(c, 0, m.start()) for c in ".;!?") + 1
            before = folded[max(start, m.start() - 40) : m.start()]
            by_car = _BY_CAR.search(before)
            alone = _CAR_FIELD.match(folded, m.start()) and not before.strip(" ,:")
            if HAVE.search(before) or by_car or _CAR_OK.match(folded, m.start()) or alone:
                c.has_car = True
                c.spans.setdefault("has_car", m.span())
                c.matched.append(m.span())
    if c.has_car is None and (denied := _NOT_MOTORISED.search(folded)):
        c.has_car = False
        c.spans.setdefault("has_car", denied.span())
        c.matched.append(denied.span())
    motor = _MOTORISED.search(folded)
    if c.has_car is None and motor and not negated(motor.span(), scopes):
        c.has_car = True
        c.spans.setdefault("has_car", motor.span())
        c.matched.append(motor.span())
    for m in TRANSIT.finditer(folded):
        if not negated(m.span(), scopes):
            c.public_transport = True
            c.spans.setdefault("public_transport", m.span())
            c.matched.append(m.span())
            break
