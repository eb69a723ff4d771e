"""The job held, read from the words around it (tense, "ex-", notes), never taken as the goal."""

from __future__ import annotations

import pytest

from assistant.understanding import ProfileParser
from assistant.understanding.past_jobs import past_job_spans
from corpus.text import fold

PARSER = ProfileParser()  # no lexicon: only the phrases read around the job


def held(text: str) -> list[str]:
    folded = fold(text)
    return [folded[a:b] for a, b in past_job_spans(folded)]


@pytest.mark.parametrize(
    ("text", "job"),
    [
        ("j'ai travailler 12 an comme plafonneur", "plafonneur"),
        ("jai ete livreur pendant trois ans", "livreur"),
        ("Après quinze ans dans la menuiserie, je veux changer", "menuiserie"),
        ("Après dix ans dans l'industrie comme opérateur, j'arrête", "operateur"),
        ("Je travaille comme agent de sécurité la nuit", "agent de securite"),
        ("Ex-employée de banque, 50 ans.", "employee de banque"),
        ("Früher Dachdecker. Möchte umschulen.", "dachdecker"),
        ("Vroeger: poetshulp, nu werkzoekend", "poetshulp"),
        ("After ten years in retail as a cashier I want a change", "cashier"),
        ("Nach zwanzig Jahren als Maurer suche ich etwas anderes", "maurer"),
    ],
)
def test_job_held(text: str, job: str) -> None:
    assert any(job in phrase for phrase in held(text))


@pytest.mark.parametrize(
    "text",
    [
        "j'ai été licenciée en mars",
        "jai ete malade longtemps",
        "Früher habe ich viel gelesen",
        "après deux ans de chômage",
        "je voudrais devenir agent de sécurité",
        "je n'ai jamais travaillé dans la vente",
    ],
)
def test_no_job_held(text: str) -> None:
    assert not PARSER.parse(text).past


def test_the_job_held_leaves_the_topic() -> None:
    profile = PARSER.parse("J'ai été plafonneur, je voudrais apprendre la domotique")
    assert profile.past and "plafonneur" in profile.past[0]
    assert "plafonneur" not in profile.topic and "domotique" in profile.topic
