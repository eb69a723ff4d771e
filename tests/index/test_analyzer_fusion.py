from __future__ import annotations

import pytest

from index.analyzer import analyze, tokenize
from index.fusion import reciprocal_rank_fusion


def test_tokenize_removes_elisions_and_keeps_tech_names() -> None:
    assert tokenize("L'ordinateur d'Anne") == ["ordinateur", "anne"]
    assert "c++" in tokenize("Programmer en C++ et C#")
    assert "c#" in tokenize("Programmer en C++ et C#")


def test_analyze_folds_accents_and_stems_plurals() -> None:
    assert analyze("Réseaux") == analyze("reseau") == analyze("RÉSEAU")
    assert analyze("formations") == analyze("formation")
    assert analyze("informatique") == analyze("Informatiques")


def test_analyze_drops_function_words_and_first_person_filler() -> None:
    assert analyze("je voudrais apprendre à utiliser Excel") == analyze("apprendre utiliser excel")
    assert analyze("le la les de des et") == []


def test_rrf_rewards_agreement_and_orders_by_score() -> None:
    fused = reciprocal_rank_fusion({"a": ["x", "y", "z"], "b": ["y", "x", "w"]}, k=60)
    ids = [doc for doc, _ in fused]
    assert set(ids[:2]) == {"x", "y"}
    assert ids[2:] == ["z", "w"] or ids[2:] == ["w", "z"]
    assert fused[0][1] == pytest.approx(1 / 61 + 1 / 62)


def test_rrf_weights_and_zero_weight() -> None:
    fused = reciprocal_rank_fusion({"a": ["x"], "b": ["y"]}, weights={"a": 2.0, "b": 1.0})
    assert [d for d, _ in fused] == ["x", "y"]
    only_b = reciprocal_rank_fusion({"a": ["x"], "b": ["y"]}, weights={"a": 0.0})
    assert [d for d, _ in only_b] == ["y"]


def test_rrf_ties_keep_first_appearance_and_bad_k_is_refused() -> None:
    fused = reciprocal_rank_fusion({"a": ["x"], "b": ["y"]})
    assert [d for d, _ in fused] == ["x", "y"]
    with pytest.raises(ValueError):
        reciprocal_rank_fusion({"a": ["x"]}, k=-1)
