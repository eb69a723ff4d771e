"""Negation cues and their scope, in the four languages."""

from __future__ import annotations

import pytest

from assistant.understanding.negation import negated, negation_scopes, restricted
from corpus.text import fold


def scoped(text: str) -> list[str]:
    folded = fold(text)
    return [folded[s.span[0] : s.span[1]] for s in negation_scopes(folded)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("je ne supporte pas le bruit, mais j'aime le calme", ["pas le bruit"]),
        ("sans diplôme et sans voiture", ["sans diplome et sans voiture"]),
        ("ik heb geen rijbewijs maar wel een fiets", ["geen rijbewijs"]),
        ("I don't like night shifts because I sleep badly", ["don't like night shifts"]),
        ("Ich habe keinen Computer, aber ein Handy", ["keinen computer"]),
        ("jamais de travail en hauteur; le reste ça va", ["jamais de travail en hauteur"]),
    ],
)
def test_a_cue_scopes_to_the_end_of_its_clause(text: str, expected: list[str]) -> None:
    assert scoped(text) == expected


def test_and_with_a_new_subject_or_verb_closes_the_scope() -> None:
    assert scoped("pas de train et je dois venir tôt") == ["pas de train"]
    assert scoped("kein Fahrrad und will Maurer werden") == ["kein fahrrad"]
    # "and" inside a list keeps the scope open
    assert scoped("no nights and weekends") == ["no nights and weekends"]


@pytest.mark.parametrize(
    "text",
    ["pas plus de 12 semaines", "no more than 3 months", "niet meer dan 20 uur", "pas trop long"],
)
def test_bounds_are_not_negations(text: str) -> None:
    assert scoped(text) == []


def test_no_longer_is_a_stop_and_more_is_not_a_cue() -> None:
    folded = fold("je ne veux plus être serveuse")
    (scope,) = negation_scopes(folded)
    assert scope.kind == "stop"
    assert scoped("ik wil niet meer in de bouw werken")[0].startswith("niet meer")
    assert negation_scopes(fold("il y a plus de choix à Liège")) == []


def test_ne_que_is_a_restriction_not_a_negation() -> None:
    folded = fold("je ne travaille que le mardi, le reste est libre")
    assert negation_scopes(folded) == []
    assert [folded[a:b] for a, b in restricted(folded)] == ["le mardi"]


def test_misspelt_cues_are_found_but_not_lookalike_words() -> None:
    assert scoped("ik heb nooit gewerkt") == ["nooit gewerkt"]
    assert scoped("weiss nich wohin") == ["nich wohin"]
    assert scoped("ich suche einen Kurs") == []  # "einen" is not "keinen"


def test_negated_reports_the_covering_scope() -> None:
    folded = fold("pas le samedi, le dimanche oui")
    scopes = negation_scopes(folded)
    assert negated((folded.index("samedi"), folded.index("samedi") + 6), scopes) is not None
    assert negated((folded.index("dimanche"), folded.index("dimanche") + 8), scopes) is None


def test_a_notes_value_after_a_colon_negates_its_key() -> None:
    assert scoped("Permis de conduire : non. Vélo : oui") == ["permis de conduire : non"]
    assert scoped("PC-Kenntnisse: keine") == ["pc-kenntnisse: keine"]


def test_steps_are_no_negation() -> None:
    from assistant.understanding.negation import negation_scopes as scopes_of

    assert scopes_of("j'habite a deux pas de wavre") == []
    assert scopes_of("a 2 pas de la gare") == []
    assert [s.kind for s in scopes_of("je ne veux pas de cours du soir")] == ["not"]
