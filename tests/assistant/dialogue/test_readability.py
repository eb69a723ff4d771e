"""French replies read easily for someone with little schooling (issues 10 and 13): every
French template, rendered with typical values and with the other values that change its
wording (one module or several, a widened search or not, an age said or a bound...), scores
at least 60 on the French Flesch scale of Kandel and Moles (``textstat.set_lang("fr")``,
``flesch_reading_ease``), with no sentence over 25 words and a mean of at most 15.

Why 60: on the Flesch scale (which Kandel and Moles fitted to French), 60-70 is "standard"
text, read easily by 13-15-year-olds in Flesch's own grading, and 70-80 "fairly easy": 60
is the least demanding level that still lets the replies quote module titles and providers
("Aide-comptable", "Bruxelles Formation"), long words that cost points the wording cannot
win back; a higher bar would force telegraphic, unnatural sentences. Today the templates
score 64 (the widest wording of one template) to 112, so 60 leaves room for catalog words,
while a long administrative sentence scores -60 and fails."""

from __future__ import annotations

import html
import re
from datetime import date
from typing import Any

import pytest
import textstat

from assistant.dialogue.text import TEMPLATES, DialogueText
from assistant.guidance import Check, Guidance, Match, PathwayStep, Reason, Relaxation
from assistant.guidance.types import NearMiss
from assistant.understanding import Profile
from corpus.model import Module
from tests.assistant.dialogue.fake_guide import PLACES

MIN_SCORE = 60.0
MAX_SENTENCE_WORDS = 25
MAX_MEAN_WORDS = 15.0

MODULE = Module(
    id="m1",
    title="Excel pour débuter",
    description="Les bases du tableur.",
    provider="Le Forem",
    city="Namur",
    duration_hours=30,
    level="initiation",
    format="presentiel",
    cost="Gratuit",
    url="https://example.org/excel",
    language="fr",
)
MATCH = Match(
    MODULE,
    1.0,
    3.0,
    (Reason("Excel", "Les bases du tableur."),),
    (
        Check("distance", True, 3.0),
        Check("duration", True, 30.0),
        Check("format", None, "presentiel"),
        Check("level", True, "initiation"),
        Check("cost", None, "Gratuit"),
    ),
)
PROFILE = Profile(
    place=PLACES["namur"],
    has_car=False,
    schedules=frozenset({"morning"}),
    schedules_refused=frozenset({"evenings"}),
    max_hours=40,
    formats_refused=frozenset({"distanciel"}),
    digital_level="basic",
    has_computer=False,
    reading_difficulty=True,
    goals=("Employé administratif",),
    statuses=frozenset({"jobseeker"}),
    topic="Excel",
)
# Typical values for each French template (a new template without a case fails the test).
CASES: dict[str, dict[str, Any]] = {
    "bad_position": {"count": 3},
    "cost": {"module": MODULE},
    "enrol": {"module": MODULE, "dates": [date(2030, 3, 4)]},
    "greeting": {},
    "language_fallback": {},
    "long_first_step": {},
    "injection": {},
    "matches": {"matches": [MATCH, MATCH], "more": False, "hint": True},
    "fewer": {"count": 2, "near_misses": [NearMiss(MODULE, ("too_far",), 45.0)]},
    "module_gone": {},
    "need_topic": {},
    "no_matches": {"near_misses": [NearMiss(MODULE, ("too_far", "too_long"), 45.0)]},
    "no_more": {},
    "noted": {},
    "nothing_on_topic": {"subject": "coiffure"},
    "nothing_shown": {},
    "off_topic": {"has_matches": False},
    "orientation": {},
    "pathway": {
        "steps": [PathwayStep(MATCH, "initiation"), PathwayStep(MATCH, "intermediaire")],
        "total_hours": 60.0,
        "weeks": 4.0,
        "goal": "Comptable",
        "hint": True,
    },
    "place_unknown": {"place": PLACES["namur"]},
    "question_device": {},
    "question_interests": {},
    "question_level": {},
    "question_place": {},
    "question_time": {},
    "relaxation": {"km": 60.0, "widened": True, "online": True, "anywhere": True},
    "restart": {},
    "restarted": {},
    "thanks": {},
    "why": {"module": MODULE, "match": MATCH},
}
# The other values that change a template's wording: each must read as easily.
VARIANTS: list[tuple[str, dict[str, Any]]] = [
    ("bad_position", {"count": 1}),
    ("enrol", {"module": MODULE, "dates": []}),
    ("fewer", {"count": 1, "near_misses": []}),
    ("matches", {"matches": [MATCH], "more": True, "hint": False}),
    ("no_matches", {"near_misses": []}),
    ("off_topic", {"has_matches": True}),
    ("pathway", {**CASES["pathway"], "goal": "", "hint": False, "weeks": None}),
    ("place_unknown", {"place": None}),
    ("relaxation", {"km": 30.0, "widened": True, "online": False, "anywhere": False}),
    ("relaxation", {"km": None, "widened": False, "online": True, "anywhere": False}),
    ("relaxation", {"km": 150.0, "widened": False, "online": False, "anywhere": True}),
]
SUMMARIES = [
    PROFILE,
    Profile(statuses=frozenset({"young", "jobseeker"}), evidence={"age": "j'ai 22"}),
    Profile(statuses=frozenset({"over_45"}), place=PLACES["namur"], near=True),
    Profile(max_travel_minutes=1, max_weeks=1, radius_km=15, has_car=True),
]
SENTENCE_END = re.compile(r"[.!?…:]+\s+|\n+")
WORD = re.compile(r"[^\W\d_]+")


def rendered(name: str) -> str:
    text = DialogueText()
    if name == "summary":
        return html.unescape(text.summary("fr", PROFILE))
    return html.unescape(text.render("fr", name, **CASES[name]))


def sentences(text: str) -> list[list[str]]:
    return [WORD.findall(s) for s in SENTENCE_END.split(text) if WORD.search(s)]


def names() -> list[str]:
    return sorted(p.stem for p in (TEMPLATES / "fr").glob("*.j2") if not p.stem.startswith("_"))


def test_every_french_template_has_a_case() -> None:
    assert set(names()) == set(CASES) | {"summary"}


@pytest.mark.parametrize("name", names())
def test_a_french_template_reads_easily(name: str) -> None:
    text = rendered(name)
    textstat.set_lang("fr")
    score = textstat.flesch_reading_ease(text)
    assert score >= MIN_SCORE, f"{name}: Flesch {score:.0f} < {MIN_SCORE:.0f}: {text!r}"
    lengths = [len(s) for s in sentences(text)]
    assert max(lengths) <= MAX_SENTENCE_WORDS, f"{name}: a sentence of {max(lengths)} words"
    assert sum(lengths) / len(lengths) <= MAX_MEAN_WORDS, name


def check_readable(name: str, text: str) -> None:
    textstat.set_lang("fr")
    score = textstat.flesch_reading_ease(text)
    assert score >= MIN_SCORE, f"{name}: Flesch {score:.0f} < {MIN_SCORE:.0f}: {text!r}"
    lengths = [len(s) for s in sentences(text)]
    assert max(lengths) <= MAX_SENTENCE_WORDS, f"{name}: a sentence of {max(lengths)} words"


@pytest.mark.parametrize(
    ("name", "values"), VARIANTS, ids=[f"{n}-{i}" for i, (n, _v) in enumerate(VARIANTS)]
)
def test_every_wording_of_a_template_reads_easily(name: str, values: dict[str, Any]) -> None:
    check_readable(name, html.unescape(DialogueText().render("fr", name, **values)))


@pytest.mark.parametrize("profile", SUMMARIES)
def test_summaries_of_other_people_read_easily(profile: Profile) -> None:
    check_readable("summary", html.unescape(DialogueText().summary("fr", profile)))


def test_a_whole_guided_answer_reads_easily() -> None:
    text = DialogueText()
    guidance = Guidance(PROFILE, (MATCH,) * 5, relaxations=(Relaxation("radius", 15.0, 60.0),))
    reply = "\n\n".join([text.summary("fr", PROFILE), *text.guidance("fr", guidance, hint=True)])
    textstat.set_lang("fr")
    assert textstat.flesch_reading_ease(html.unescape(reply)) >= MIN_SCORE


def test_the_measure_tells_hard_text_from_easy() -> None:
    # The check can fail: a long administrative sentence scores far below the threshold.
    hard = (
        "Conformément aux dispositions réglementaires applicables, l'organisme de formation "
        "professionnelle communiquera ultérieurement les modalités administratives "
        "d'inscription relatives à l'accompagnement individualisé."
    )
    textstat.set_lang("fr")
    assert textstat.flesch_reading_ease(hard) < MIN_SCORE
