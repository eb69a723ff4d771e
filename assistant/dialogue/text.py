"""Every sentence the dialogue says, rendered from Jinja2 templates.

Templates live in ``templates/{fr,nl,en,de}/``. A template missing in Dutch, English
or German falls back to the French one (never to a bare key). Numbers take a decimal comma,
except in English; a number and its word agree by Babel's plural rules (``counted``).
Autoescape is on: anything that came from a catalog or from the person is
HTML-escaped, so the text is safe to put in a page as it is.
Undefined variables raise (StrictUndefined), so a template typo fails the tests, not a reply.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from babel import Locale
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

from assistant.dialogue.conversations import LANGUAGES
from assistant.dialogue.words import content_words, fold_message
from assistant.guidance import Guidance, Match, Relaxation
from assistant.understanding import PlaceRef, Profile
from corpus.audience import OLDER_FROM, YOUNG_UNDER, age_group
from corpus.places import default_gazetteer

TEMPLATES = Path(__file__).resolve().parent / "templates"
FALLBACK = "fr"
# Profile fields the summary reads back to the person ("woman" is never said back).
SUMMARISED = frozenset(
    {
        "place",
        "radius_km",
        "max_travel_minutes",
        "has_car",
        "public_transport",
        "willing_to_move",
        "schedules",
        "has_children",
        "max_hours",
        "max_weeks",
        "prefers_short",
        "formats",
        "digital_level",
        "domain_level",
        "little_schooling",
        "french_level",
        "goals",
        "past",
        "certification",
        "formats_refused",
        "schedules_refused",
        "has_computer",
        "reading_difficulty",
        "languages_spoken",
        "languages_not_spoken",
        "certificates_held",
        "diploma",
    }
)
# Words of a subject that is the computer itself: then the computer level and the level in
# the field are one level, said once.
COMPUTER_SUBJECT = frozenset(
    [
        "ordinateur",
        "ordinateurs",
        "informatique",
        "numerique",
        "computer",
        "computers",
        "pc",
        "internet",
        "digitale",
        "digitaal",
        "digital",
        "smartphone",
    ]
)
SAID_STATUSES = ("jobseeker", "worker", "young", "over_45", "student", "newcomer")
MAX_SHOWN = 5
MAX_NEAR_MISSES = 2


def _number(value: float, decimal: str) -> str:
    rounded = round(float(value), 1)
    if rounded.is_integer():
        return str(int(rounded))
    return f"{rounded:.1f}".replace(".", decimal)


def counted(value: float, one: str, other: str, *, language: str, decimal: str) -> str:
    """``value`` and the word that goes with it in ``language``, by Babel's (CLDR) plural
    rules, as ngettext chooses: "1 heure", "1,5 heure", "2 heures"; "1 hour", "1.5 hours"."""
    shown = _number(value, decimal)
    number = round(float(value), 1)
    word = one if Locale.parse(language).plural_form(number) == "one" else other
    return f"{shown} {word}"


def _km(value: float) -> str:
    return str(max(1, round(float(value))))


def gazetteer_name(place: PlaceRef, language: str) -> str:
    """The packaged gazetteer's name of ``place`` in ``language`` (loaded on first use)."""
    return default_gazetteer().name_in(place, language)


def said_statuses(statuses: frozenset[str]) -> list[str]:
    """The statuses the summary says, without a pair that reads as a contradiction: looking
    for work is said rather than having some; under 26 and over 45 together are not said."""
    said = [s for s in SAID_STATUSES if s in statuses]
    if "jobseeker" in said and "worker" in said:
        said.remove("worker")
    if "young" in said and "over_45" in said:
        said = [s for s in said if s not in ("young", "over_45")]
    return said


_AGE = re.compile(r"\b(\d{2})\b")
# Words that make an age a bound or a decade rather than the age itself ("plus de 50 ans").
_AGE_BOUND = re.compile(
    r"plus|moins|over|under|ouder|jonger|über|uber|unter|\+|aine|ties|tig|zig",
    re.IGNORECASE,
)


def stated_age(profile: Profile) -> int | None:
    """The age the person gave, as a number, when they gave one ("j'ai 45 ans"): said back as
    it was said. ``None`` for a bound, a decade or a birth year ("la cinquantaine", "plus de
    50 ans", "née en 1970"): then the summary says the age group's bound."""
    said = profile.evidence.get("age", "")
    found = _AGE.findall(said)
    if len(found) != 1 or _AGE_BOUND.search(said):
        return None
    age = int(found[0])
    return age if age_group(age) in profile.statuses else None


def said_levels(profile: Profile) -> tuple[str | None, str | None]:
    """The computer level and the level in the field, as the summary says them.

    When the subject is the computer itself, or both levels were read from the same words,
    they are one level: the one about the field is said, once ("you know the basics" and "you
    are a beginner" never stand side by side).
    """
    digital, domain = profile.digital_level, profile.domain_level
    if digital is None or domain is None:
        return digital, domain
    same_words = profile.evidence.get("digital_level") == profile.evidence.get("domain_level")
    subject = set(content_words(fold_message(" ".join((profile.topic, *profile.goals)))))
    if same_words or subject & COMPUTER_SUBJECT:
        return None, domain
    return digital, domain


def _tidy(text: str) -> str:
    """Single spaces, no trailing blanks, at most one empty line in a row."""
    lines = [" ".join(line.split()) for line in text.strip().splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


class DialogueText:
    """Renders the dialogue's templates in French, Dutch, English or German.

    Args:
        root: the folder holding one sub-folder of templates per language (default: the
            bundled ones).
        place_name: names a place in a language ("Brussel" in Dutch, "Brussels" in English);
            the templates' ``town`` filter. Default: the packaged gazetteer.
    """

    def __init__(
        self,
        root: Path | None = None,
        place_name: Callable[[PlaceRef, str], str] = gazetteer_name,
    ) -> None:
        self._root = root or TEMPLATES
        self._place_name = place_name
        self._envs: dict[str, Environment] = {lang: self._environment(lang) for lang in LANGUAGES}

    def _environment(self, language: str) -> Environment:
        loaders = [FileSystemLoader(self._root / language)]
        if language != FALLBACK:
            loaders.append(FileSystemLoader(self._root / FALLBACK))
        env = Environment(
            loader=ChoiceLoader(loaders),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        decimal = "." if language == "en" else ","
        env.filters["num"] = lambda v: _number(v, decimal)
        env.filters["km"] = _km
        # {{ counted(n, "heure", "heures") }}: the number and its word, plural by Babel's rules.
        env.globals["counted"] = functools.partial(counted, language=language, decimal=decimal)
        env.filters["town"] = lambda place: self._place_name(place, language)
        return env

    def compile_all(self) -> int:
        """Compile every template of every language now (how many), not in the first
        replies of each language (seconds of CPU on a busy machine)."""
        compiled = 0
        for env in self._envs.values():
            for name in env.list_templates(extensions=["j2"]):
                env.get_template(name)
                compiled += 1
        return compiled

    def render(self, language: str, name: str, **context: Any) -> str:
        """The template ``name`` (without ``.j2``) in ``language``, as tidy plain text."""
        env = self._envs.get(language, self._envs[FALLBACK])
        return _tidy(env.get_template(f"{name}.j2").render(**context))

    def summary(self, language: str, profile: Profile, subject: str = "") -> str:
        """What was understood, to be corrected: one line per resolved fact, never two lines
        that contradict each other. ``subject`` names what the person asked for when it is
        no known occupation ("la soudure": "Vous cherchez : soudure"); a goal is said instead
        when there is one."""
        statuses = said_statuses(profile.statuses)
        facts = bool(profile.stated & SUMMARISED) or bool(statuses) or bool(subject)
        digital, domain = said_levels(profile)
        not_spoken = set(profile.languages_not_spoken)
        spoken = set(profile.languages_spoken - profile.languages_not_spoken)
        if profile.french_level == "none":
            not_spoken.discard("fr")  # "you do not speak French yet" says it already
            spoken.discard("fr")
        return self.render(
            language,
            "summary",
            p=profile,
            facts=facts,
            statuses=statuses,
            schedules=sorted(profile.schedules - profile.schedules_refused),
            schedules_refused=sorted(profile.schedules_refused),
            formats=sorted(profile.formats - profile.formats_refused),
            formats_refused=sorted(profile.formats_refused),
            digital=digital,
            domain=domain,
            spoken=sorted(spoken),
            little_schooling=profile.little_schooling and profile.diploma != "higher",
            not_spoken=sorted(not_spoken),
            age=stated_age(profile),
            subject=subject.strip(),
            young_under=YOUNG_UNDER,
            older_from=OLDER_FROM,
        )

    def guidance(
        self,
        language: str,
        guidance: Guidance,
        *,
        more: bool = False,
        hint: bool = False,
        subject: str | None = None,
    ) -> list[str]:
        """One widening notice (if the search was widened), "only N fit" when fewer than asked
        were found, then the pathway, the matches or why nothing fits; the last item is the
        listing ("" when there is nothing to say), the others are notices.

        ``subject`` names what the person asked for; when the catalog has nothing on it
        (``on_topic == 0``), the answer says so in one sentence and shows nothing else. With
        no subject (an orientation), an empty answer stays silent: the question carries it.
        """
        shown = shown_matches(guidance)
        if not shown:
            if more:
                return [self.render(language, "no_more")]
            if not subject:
                return [""]
            if guidance.on_topic == 0:
                return [self.render(language, "nothing_on_topic", subject=subject)]
        parts = [self.widening(language, guidance.relaxations)]
        if guidance.pathway is not None and guidance.pathway.steps:
            pathway = guidance.pathway
            goal = pathway.goal if pathway.goal in guidance.profile.goals else ""
            if "long_first_step" in pathway.notes:  # nothing shorter exists: said, not hidden
                parts.append(self.render(language, "long_first_step"))
            parts.append(
                self.render(
                    language,
                    "pathway",
                    steps=pathway.steps,
                    total_hours=pathway.total_hours,
                    weeks=pathway.weeks,
                    goal=goal,
                    hint=hint,
                )
            )
        elif shown:
            # Set by the guidance when the person does not speak French and nothing in reach
            # is taught in a language they speak (read softly: older guidance lacks it).
            if getattr(guidance, "language_fallback", False):
                parts.append(self.render(language, "language_fallback"))
            if guidance.fewer_than_asked and not more:
                # Said as a notice (pages show it above the cards), with the on-topic
                # modules just out of reach.
                near = guidance.near_misses[:MAX_NEAR_MISSES]
                parts.append(self.render(language, "fewer", count=len(shown), near_misses=near))
            parts.append(self.render(language, "matches", matches=shown, more=more, hint=hint))
        else:
            near = guidance.near_misses[:MAX_NEAR_MISSES]
            parts.append(self.render(language, "no_matches", near_misses=near))
        return [p for p in parts[:-1] if p] + parts[-1:]

    def widening(self, language: str, relaxations: Sequence[Relaxation]) -> str:
        """One sentence saying how far the search went, from the final state of the
        relaxations (never one line per step: "widened to 60 km" and "nothing within 60 km"
        would read as a contradiction)."""
        if not relaxations:
            return ""
        radii = [r.to_km for r in relaxations if r.kind == "radius" and r.to_km]
        starts = [r.from_km for r in relaxations if r.from_km]
        return self.render(
            language,
            "relaxation",
            km=max(radii) if radii else (max(starts) if starts else None),
            widened=bool(radii),
            online=any(r.kind == "distance_learning" for r in relaxations),
            anywhere=any(r.kind == "anywhere" for r in relaxations),
        )


@functools.lru_cache(maxsize=1)
def default_text() -> DialogueText:
    """The bundled templates, compiled once per process (rendering is thread-safe)."""
    return DialogueText()


def shown_matches(guidance: Guidance) -> Sequence[Match]:
    """The matches the person sees, in the order numbered on screen."""
    if guidance.pathway is not None and guidance.pathway.steps:
        return [step.match for step in guidance.pathway.steps]
    return guidance.matches[:MAX_SHOWN]
