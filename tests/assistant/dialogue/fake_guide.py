"""A small fake guidance service for dialogue tests: 13 modules, 9 towns, no index.

It implements :class:`assistant.dialogue.turns.Guide` with plain word overlap and the hard
constraints the dialogue relies on (place radius, length, required format, exclusions), so the
tests can check what the dialogue asks for, not how well a real ranker ranks.
"""

from __future__ import annotations

import math
import re
from datetime import date

from assistant.dialogue import Dialogue, Reply
from assistant.guidance import (
    Check,
    Guidance,
    Match,
    Pathway,
    PathwayStep,
    Reason,
    Relaxation,
)
from assistant.understanding import PlaceRef, Profile, ProfileParser
from corpus.model import Module
from corpus.text import fold


def _place(name: str, code: str, province: str, region: str, lat: float, lon: float) -> PlaceRef:
    return PlaceRef(name, code, name, province, region, lat, lon)


PLACES = {
    "namur": _place("Namur", "5000", "Namur", "Wallonie", 50.4669, 4.8675),
    "liege": _place("Liège", "4000", "Liège", "Wallonie", 50.6326, 5.5797),
    "charleroi": _place("Charleroi", "6000", "Hainaut", "Wallonie", 50.4108, 4.4446),
    "mons": _place("Mons", "7000", "Hainaut", "Wallonie", 50.4542, 3.9523),
    "bruxelles": _place("Bruxelles", "1000", "", "Bruxelles", 50.8504, 4.3488),
    "ciney": _place("Ciney", "5590", "Namur", "Wallonie", 50.2941, 5.1000),
    "arlon": _place("Arlon", "6700", "Luxembourg", "Wallonie", 49.6833, 5.8167),
    "gembloux": _place("Gembloux", "5030", "Namur", "Wallonie", 50.5614, 4.6981),
    "gent": _place("Gent", "9000", "Oost-Vlaanderen", "Vlaanderen", 51.0543, 3.7174),
}
PLACES["brussel"] = PLACES["bruxelles"]
BY_CODE = {p.postal_code: p for p in PLACES.values()}
_PLACE_RE = re.compile(r"\b(" + "|".join(PLACES) + r")\b|\b(\d{4})\b")
OCCUPATIONS = {
    "comptable": "Comptable",
    "cuisinier": "Cuisinier / Cuisinière",
    "cariste": "Cariste",
    "aide-soignant": "Aide-soignant / Aide-soignante",
    "developpeur web": "Développeur web / Développeuse web",
}
_OCC_RE = re.compile(r"\b(" + "|".join(OCCUPATIONS) + r")e?\b")


def _folded_same_length(text: str) -> str:
    return "".join((fold(c) or c)[:1] for c in text)


def find_places(text: str) -> list[tuple[PlaceRef, tuple[int, int], bool]]:
    """Town names and postal codes of :data:`PLACES`, in reading order."""
    folded = _folded_same_length(text)
    out = []
    for m in _PLACE_RE.finditer(folded):
        place = PLACES.get(m.group(1) or "") or BY_CODE.get(m.group(2) or "")
        if place is not None:
            near = folded[max(0, m.start() - 8) : m.start()].endswith(("pres de ", "near "))
            out.append((place, m.span(), near))
    return out


def find_occupations(text: str) -> list[tuple[str, str, tuple[int, int]]]:
    folded = _folded_same_length(text)
    out = []
    for m in _OCC_RE.finditer(folded):
        before = folded[max(0, m.start() - 12) : m.start()]
        role = "past" if ("ete " in before or "ancien" in before) else "goal"
        out.append((OCCUPATIONS[m.group(1)], role, m.span()))
    return out


def parser() -> ProfileParser:
    return ProfileParser(places=find_places, occupations=find_occupations)


def _m(mid: str, title: str, description: str, **kw: object) -> Module:
    return Module(id=mid, title=title, description=description, **kw)  # type: ignore[arg-type]


MODULES = (
    _m(
        "info-namur",
        "Premiers pas en informatique",
        "Découvrir l'ordinateur, la souris et internet.",
        provider="Le Forem",
        city="Namur",
        duration_hours=24,
        level="initiation",
        format="presentiel",
        cost="Gratuit pour les demandeurs d'emploi",
        url="https://example.org/info",
        start_dates=(date(2024, 1, 8), date(2030, 3, 4)),
        tags=("ordinateur", "informatique"),
    ),
    _m(
        "excel-liege",
        "Excel pour débutants",
        "Tableur : cellules, formules simples, graphiques.",
        provider="Technifutur",
        city="Liège",
        duration_hours=30,
        level="initiation",
        format="presentiel",
        tags=("excel", "tableur", "bureautique"),
    ),
    _m(
        "excel-online",
        "Excel avancé en ligne",
        "Tableaux croisés dynamiques et Power Query.",
        provider="Bruxelles Formation",
        duration_hours=20,
        level="avance",
        format="distanciel",
        tags=("excel", "tableur"),
    ),
    _m(
        "compta-namur",
        "Comptabilité de base",
        "Les bases de la comptabilité et du bilan.",
        provider="IFAPME",
        city="Namur",
        duration_hours=60,
        level="initiation",
        format="presentiel",
        certification="Certificat IFAPME",
        cost="150 euros",
        tags=("comptabilite", "comptable"),
    ),
    _m(
        "compta-charleroi",
        "Comptabilité : gestion et TVA",
        "Comptabilité, TVA et gestion.",
        provider="Le Forem",
        city="Charleroi",
        duration_hours=120,
        level="intermediaire",
        format="presentiel",
        tags=("comptabilite", "comptable", "tva"),
    ),
    _m(
        "compta-online",
        "Comptabilité à distance",
        "Apprendre la comptabilité en ligne.",
        provider="Le Forem",
        duration_hours=40,
        level="initiation",
        format="distanciel",
        tags=("comptabilite", "comptable"),
    ),
    _m(
        "cuisine-liege",
        "Aide-cuisinier",
        "Métier de la cuisine : préparer, cuire, dresser.",
        provider="Horeca Formation",
        city="Liège",
        duration_hours=300,
        level="initiation",
        format="presentiel",
        tags=("cuisine", "cuisinier", "horeca"),
    ),
    _m(
        "cuisine-namur",
        "Cuisine de collectivité",
        "Cuisine pour cantines et collectivités.",
        provider="Le Forem",
        city="Namur",
        duration_hours=150,
        format="hybride",
        tags=("cuisine", "cuisinier"),
    ),
    _m(
        "soins-charleroi",
        "Aide-soignant(e)",
        "Soins aux personnes en maison de repos.",
        provider="Promotion sociale",
        city="Charleroi",
        duration_hours=400,
        format="presentiel",
        tags=("soins", "aide-soignant"),
    ),
    _m(
        "cariste-mons",
        "Cariste : permis chariot élévateur",
        "Conduire un chariot élévateur.",
        provider="Le Forem",
        city="Mons",
        duration_hours=35,
        format="presentiel",
        certification="Permis cariste",
        tags=("cariste", "logistique", "magasinier"),
    ),
    _m(
        "nl-bxl",
        "Néerlandais pour l'emploi",
        "Parler néerlandais au travail, cours du soir.",
        provider="Bruxelles Formation",
        city="Bruxelles",
        duration_hours=80,
        format="presentiel",
        tags=("neerlandais", "langues"),
    ),
    _m(
        "web-liege",
        "Développeur web : HTML et CSS",
        "Créer des sites web en HTML et CSS.",
        provider="Technifutur",
        city="Liège",
        duration_hours=200,
        level="initiation",
        format="presentiel",
        certification="Certificat",
        tags=("web", "developpeur", "html"),
    ),
    _m(
        "boekhouding-gent",
        "Boekhouding voor beginners",
        "Leer de basis van de boekhouding.",
        provider="VDAB",
        city="Gent",
        duration_hours=45,
        level="initiation",
        format="presentiel",
        language="nl",
        tags=("boekhouding", "accounting"),
    ),
)
COORDS = {
    "Namur": PLACES["namur"],
    "Liège": PLACES["liege"],
    "Charleroi": PLACES["charleroi"],
    "Mons": PLACES["mons"],
    "Bruxelles": PLACES["bruxelles"],
    "Gent": PLACES["gent"],
}
RADIUS_KM = 40.0
WIDER_KM = 150.0


def _km(a: PlaceRef, b: PlaceRef) -> float:
    dlat = math.radians(b.lat - a.lat)
    dlon = math.radians(b.lon - a.lon) * math.cos(math.radians((a.lat + b.lat) / 2))
    return 6371.0 * math.hypot(dlat, dlon)


def _words(text: str) -> set[str]:
    return {w[:6] for w in re.findall(r"[a-z]+", fold(text)) if len(w) >= 4}


STOP = _words(
    "formation cherche voudrais aimerais apprendre veux devenir comme pour dans avec debutant soir"
)


class FakeGuide:
    """Word overlap over :data:`MODULES`, with the hard constraints the dialogue cares about."""

    def __init__(self, modules: tuple[Module, ...] = MODULES) -> None:
        self.modules = {m.id: m for m in modules}
        self.calls: list[tuple[Profile, frozenset[str]]] = []
        self._parser = parser()

    def understand(self, text: str) -> Profile:
        return self._parser.parse(text)

    def module(self, module_id: str) -> Module | None:
        return self.modules.get(module_id)

    def guide(
        self, profile: Profile, *, k: int = 5, exclude: frozenset[str] = frozenset()
    ) -> Guidance:
        self.calls.append((profile, exclude))
        need = (_words(profile.topic) | _words(" ".join(profile.goals))) - STOP
        radius = profile.radius_km or RADIUS_KM
        matches = self._rank(profile, need, exclude, radius)
        relaxations: tuple[Relaxation, ...] = ()
        if not matches and profile.place is not None:
            matches = self._rank(profile, need, exclude, WIDER_KM)
            if matches:
                relaxations = (Relaxation("radius", radius, WIDER_KM),)
        matches = matches[:k]
        pathway = None
        if "parcou" in need and len(matches) >= 2:
            steps = tuple(PathwayStep(m, m.module.level_key) for m in matches[:2])
            total = sum(s.match.module.duration_hours or 0 for s in steps)
            goal = profile.goals[0] if profile.goals else profile.topic
            pathway = Pathway(steps, total, goal)
        on_topic = sum(bool(need & _words(self._text(m))) for m in self.modules.values())
        return Guidance(
            profile,
            tuple(matches),
            (),
            pathway,
            relaxations,
            len(matches),
            on_topic=on_topic,
            fewer_than_asked=0 < len(matches) < min(k, 3),
        )

    @staticmethod
    def _text(module: Module) -> str:
        return " ".join([module.title, module.description or "", *module.tags])

    def _rank(
        self, profile: Profile, need: set[str], exclude: frozenset[str], radius: float
    ) -> list[Match]:
        found = []
        for module in self.modules.values():
            if module.id in exclude:
                continue
            hits = sorted(need & _words(self._text(module)))
            if not hits:
                continue
            if profile.max_hours is not None and (module.duration_hours or 0) > profile.max_hours:
                continue
            if profile.format_required and module.format_key not in profile.formats:
                continue
            distance = None
            town = COORDS.get(module.city or "")
            if profile.place is not None and town is not None:
                distance = _km(profile.place, town)
                if distance > radius and module.format_key != "distanciel":
                    continue
            score = float(len(hits))
            if module.format_key in profile.formats:
                score += 0.5
            if profile.certification and module.certification:
                score += 0.5
            checks = (
                Check("distance", None if distance is None else distance <= radius, distance),
                Check(
                    "duration",
                    None
                    if profile.max_hours is None
                    else (module.duration_hours or 0) <= profile.max_hours,
                    module.duration_hours,
                ),
                Check(
                    "format",
                    (module.format_key in profile.formats) if profile.formats else None,
                    module.format_key,
                ),
                Check("cost", None, module.cost),
            )
            reasons = (Reason(hits[0], module.description or ""),)
            found.append(Match(module, score, distance, reasons, checks))
        found.sort(key=lambda m: (-m.score, m.distance_km or 0.0, m.module.id))
        return found


def talk(dialogue: Dialogue, *messages: str, language: str | None = None) -> list[Reply]:
    """Send ``messages`` in one conversation; return every reply."""
    replies: list[Reply] = []
    conversation_id: str | None = None
    for message in messages:
        reply = dialogue.reply(conversation_id, message, language)
        conversation_id = reply.conversation_id
        replies.append(reply)
    return replies
