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


@pytest.mark.parametrize(
    ("text", "job"),
    [
        # workplaces and sectors are past work too
        ("J'ai bossé ds un entrepôt avant, je veux changer", "entrepot"),
        ("J'ai fait 9 ans de boulangerie, mon poignet ne suit plus", "boulangerie"),
        ("J'ai une expérience dans la grande distribution", "grande distribution"),
        ("I spent six years in hospitality and want something else", "hospitality"),
        ("My last job was in a call centre.", "call centre"),
        ("I used to be a postman.", "postman"),
        ("Ik heb gewerkt als buschauffeur, nu zoek ik iets anders", "buschauffeur"),
        ("Ik heb jaren in de schoonmaak gewerkt", "schoonmaak"),
        ("Ich habe lange im Einzelhandel gearbeitet", "einzelhandel"),
        ("gelernte Friseurin, suche Umschulung", "friseurin"),
        # a counsellor's note speaks of the person
        ("Mme 50 ans, a travaillé 20 ans comme couturière.", "couturiere"),
        ("Has worked in a hotel kitchen for years.", "hotel kitchen"),
        ("Werkte 10 jaar als magazijnier.", "magazijnier"),
        ("Arbeitete bei einer Spedition, möchte umschulen.", "spedition"),
        ("peintre de formation, je veux apprendre la vente", "peintre"),
    ],
)
def test_more_forms_of_past_work(text: str, job: str) -> None:
    assert any(job in phrase for phrase in held(text)), held(text)


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        (
            "J'ai travaillé dans la menuiserie pendant 20 ans. Je veux apprendre Excel.",
            "menuis",
            "Excel",
        ),
        ("I worked in a bakery for ten years, now I want to learn web design.", "bakery", "web"),
        ("Ik heb 12 jaar in een garage gewerkt en wil boekhouding leren.", "garage", "boekhouding"),
        ("Ich war Koch im Hotel und möchte Buchhaltung lernen.", "Hotel", "Buchhaltung"),
    ],
)
def test_the_clause_of_a_job_held_leaves_the_topic(text: str, gone: str, kept: str) -> None:
    topic = PARSER.parse(text).topic
    assert gone not in topic and kept in topic
    # nor the words around it: the verb and the length of time are no need
    assert not any(w in topic for w in ("travaillé", "worked", "gewerkt", "20 ans", "ten years"))


@pytest.mark.parametrize(
    "text",
    [
        "Je veux quitter mon quartier",  # leaving a place is no trade
        "je suis dans le besoin",  # a situation, not a sector
        "I want to leave home early",
    ],
)
def test_no_past_job_in_other_uses_of_the_cues(text: str) -> None:
    assert held(text) == []


@pytest.mark.parametrize(
    ("text", "jobs"),
    [
        ("J'ai été caissière, puis dans un entrepôt.", ["caissiere", "entrepot"]),
        ("Ik was kok en daarna in een magazijn.", ["kok", "magazijn"]),
        ("Ich war Bäckerin, danach bei einer Spedition.", ["backerin", "spedition"]),
    ],
)
def test_the_next_job_told_after_one_held(text: str, jobs: list[str]) -> None:
    phrases = held(text)
    assert all(any(job in phrase for phrase in phrases) for job in jobs), phrases


def test_then_without_a_job_held_before_is_no_past() -> None:
    # a plan, not a past: nothing was held before "puis"
    assert held("Je veux apprendre le français, puis dans un an la comptabilité") == []


def test_working_again_is_no_job_held() -> None:
    # "à travailler comme": the infinitive of a wish, not a note's "a travaillé comme"
    assert held("Je veux recommencer à travailler comme cariste") == []
    assert held("Elle a travaillé comme cariste") == ["cariste"]
