"""Reasons: quotes chosen for the concepts of the need, never empty."""

from __future__ import annotations

import pytest

from assistant.guidance.gate import IdfTable
from assistant.guidance.reasons import NeedConcepts, checks, reasons
from assistant.understanding import PlaceRef, Profile
from corpus.model import Module
from index.bm25 import BM25Index

NAMUR = PlaceRef("Namur", "5000", "Namur", "Namur", "Wallonie", 50.4669, 4.8675)


def concepts_for(profile: Profile, texts: list[str]) -> dict[str, float]:
    bm25 = BM25Index.build([{"text": t} for t in texts], {"text": 1.0})
    return NeedConcepts(IdfTable(bm25)).weights(profile)


def test_numbers_filler_and_time_words_are_not_need_concepts() -> None:
    profile = Profile(topic="magasinier 15 ans, le matin, je voudrais apprendre la soudure")
    concepts = concepts_for(
        profile, ["Soudure à l'arc, le matin", "Magasinier 15 ans", "Cariste le soir"]
    )
    assert "soudur" in concepts
    assert not {"15", "matin", "apprendr", "an"} & set(concepts)


def test_words_read_as_other_facts_are_not_need_concepts() -> None:
    profile = Profile(
        topic="ancien cariste, je veux apprendre la comptabilité",
        past=("Cariste",),
        evidence={"past": "cariste"},
    )
    concepts = concepts_for(profile, ["Comptabilité de base", "Cariste : chariot élévateur"])
    assert "cariste" not in concepts
    assert any(t.startswith("compt") for t in concepts)


def test_words_in_most_of_a_large_catalog_tell_nothing() -> None:
    texts = [f"Utiliser le module {i}" for i in range(60)] + ["Soudure TIG"]
    concepts = concepts_for(Profile(topic="utiliser la soudure"), texts)
    assert set(concepts) == {"soudur"}


def test_the_quote_is_the_sentence_sharing_the_need_and_the_main_subject() -> None:
    module = Module(
        id="x",
        title="Soudure TIG",
        description="Horaires le matin de 8 h à 12 h. Vous apprenez la soudure TIG sur acier.",
    )
    profile = Profile(topic="je voudrais apprendre la soudure le matin")
    (reason,) = reasons(profile, module, {"soudur": 2.0})
    assert reason.evidence == "Vous apprenez la soudure TIG sur acier."
    assert reason.need == "soudure"


def test_a_module_matched_by_meaning_only_names_what_it_is_about() -> None:
    module = Module(id="x", title="Gestion des stocks", description="Inventaires et flux.")
    profile = Profile(topic="logistique en entrepôt", goals=("Gestionnaire de stock",))
    (reason,) = reasons(profile, module, {"logist": 3.0})
    assert reason.need == "Gestionnaire de stock"
    assert reason.evidence == "Gestion des stocks"


def test_a_module_without_description_still_gets_a_reason() -> None:
    module = Module(id="x", title="Python pour débutants")
    (reason,) = reasons(Profile(topic="programmer en python"), module, {"python": 2.0})
    assert reason.evidence == "Python pour débutants" and reason.need == "python"


@pytest.mark.parametrize(
    ("fmt", "formats_refused", "ok"),
    [("distanciel", frozenset({"distanciel"}), False), ("presentiel", frozenset(), None)],
)
def test_checks_mark_a_refused_format(
    fmt: str, formats_refused: frozenset[str], ok: bool | None
) -> None:
    module = Module(id="x", title="T", format=fmt, duration_hours=10)
    profile = Profile(place=NAMUR, formats_refused=formats_refused)
    found = {c.name: c for c in checks(profile, module, 12.0, frozenset(), None)}
    assert found["format"].ok is ok


def test_distance_learning_has_no_distance_in_its_checks() -> None:
    module = Module(id="x", title="T", format="distanciel")
    found = {c.name: c for c in checks(Profile(place=NAMUR), module, None, frozenset(), None)}
    assert found["distance"].ok is True and found["distance"].value is None


def test_only_words_the_catalog_names_subjects_with_are_concepts() -> None:
    modules = [
        Module(id="a", title="Cybersécurité", description="Vous habitez loin ? Cours en ligne."),
        Module(id="b", title="Soudure", description="Évoluer vers un métier technique."),
    ]
    bm25 = BM25Index.build([{"t": f"{m.title} {m.description}"} for m in modules], {"t": 1.0})
    profile = Profile(topic="j'habite loin et je veux évoluer vers la cybersécurité")
    concepts = NeedConcepts(IdfTable(bm25), modules).weights(profile)
    assert set(concepts) == {"cybersecur"}


def test_a_title_naming_the_need_is_quoted_with_those_words() -> None:
    module = Module(id="x", title="Cybersécurité au quotidien", description="Huit séances.")
    profile = Profile(topic="Windows et cybersécurité")
    (reason,) = reasons(profile, module, {"cybersecur": 3.0, "window": 4.0})
    assert reason.need == "cybersécurité" and reason.evidence == "Cybersécurité au quotidien"


def test_a_need_the_catalog_has_no_word_for_is_named_in_a_few_words() -> None:
    module = Module(id="x", title="Comptabilité de base")
    profile = Profile(topic="bonjour je voudrais apprendre la comptabiliter pour travailler")
    (reason,) = reasons(profile, module, {})
    assert reason.evidence == "Comptabilité de base"
    assert len(reason.need.split()) <= 3 and "comptabiliter" in reason.need
