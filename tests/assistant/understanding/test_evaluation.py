"""The understanding scorer, on tiny hand-made gold lines."""

from __future__ import annotations

import json
from pathlib import Path

from assistant.understanding import PlaceRef, Profile
from assistant.understanding.evaluation import evaluate, load_gold, score_profile

VERVIERS = PlaceRef("Verviers", "4800", "Verviers", "Liège", "Wallonie", 50.59, 5.86)


def test_scalar_right_wrong_and_missing() -> None:
    gold = {"has_car": False, "max_hours": 40, "diploma": "none"}
    got = Profile(has_car=False, max_hours=60.0, digital_level="basic")
    counts = score_profile(got, gold)
    assert (counts["has_car"].tp, counts["has_car"].fp, counts["has_car"].fn) == (1, 0, 0)
    # a wrong value is both a false positive and a false negative
    assert (counts["max_hours"].tp, counts["max_hours"].fp, counts["max_hours"].fn) == (0, 1, 1)
    assert (counts["diploma"].fp, counts["diploma"].fn) == (0, 1)
    assert (counts["digital_level"].fp, counts["digital_level"].fn) == (1, 0)


def test_has_car_false_unstated_is_a_false_positive_but_other_false_booleans_are_not() -> None:
    counts = score_profile(Profile(has_car=False, near=False), {})
    assert counts["has_car"].fp == 1
    assert counts["near"].fp == 0


def test_weeks_tolerate_one_week_and_place_compares_names() -> None:
    counts = score_profile(
        Profile(max_weeks=8.7, place=VERVIERS), {"max_weeks": 8, "place": "verviers"}
    )
    assert counts["max_weeks"].tp == 1
    assert counts["place"].tp == 1
    far = score_profile(Profile(max_weeks=10.0), {"max_weeks": 8})
    assert (far["max_weeks"].fp, far["max_weeks"].fn) == (1, 1)


def test_sets_count_per_element() -> None:
    got = Profile(schedules=frozenset({"evenings", "weekends"}))
    counts = score_profile(got, {"schedules": ["evenings", "morning"]})
    c = counts["schedules"]
    assert (c.tp, c.fp, c.fn) == (1, 1, 1)


def test_goal_concepts_read_goals_and_topic_and_punish_the_past_job() -> None:
    gold = {"goal": ["boulang|pain", "vente"], "past": ["plomb"]}
    got = Profile(goals=("Boulanger",), topic="devenir boulanger, ancien plombier")
    c = score_profile(got, gold)["goal"]
    assert (c.tp, c.fn) == (1, 1)
    assert c.fp == 1  # the past job leaked into the need


def test_goals_without_a_gold_goal_are_false_positives() -> None:
    c = score_profile(Profile(goals=("Soudeur", "Chauffagiste")), {})["goal"]
    assert c.fp == 2


def test_past_and_certificates_count_unmatched_predictions() -> None:
    got = Profile(past=("Cuisinier", "Serveur"), certificates_held=("VCA",))
    counts = score_profile(got, {"past": ["cuisin"], "certificates_held": ["ccna"]})
    assert (counts["past"].tp, counts["past"].fp, counts["past"].fn) == (1, 1, 0)
    c = counts["certificates_held"]
    assert (c.tp, c.fp, c.fn) == (0, 1, 1)


def test_evaluate_keeps_parts_apart_and_micro_averages(tmp_path: Path) -> None:
    lines = [
        {"id": "a", "part": "tune", "text": "x", "gold": {"lang": "fr", "has_car": False}},
        {"id": "b", "part": "tune", "text": "y", "gold": {"lang": "nl"}},
        {"id": "c", "part": "heldout", "text": "z", "gold": {"lang": "de"}},
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    rows = load_gold(path)

    def parse(text: str) -> Profile:
        return Profile(language="fr", has_car=False if text == "x" else None)

    tune = evaluate(parse, rows, "tune")
    assert tune.profiles == 2
    assert tune.fields["lang"].tp == 1 and tune.fields["lang"].fn == 1
    assert tune.overall.tp == 2 and tune.overall.fp == 1 and tune.overall.fn == 1
    assert tune.overall.f1 == 2 / 3
    assert [name for name, _, _ in tune.errors["b"]] == ["lang"]
    assert evaluate(parse, rows, "heldout").profiles == 1
    assert evaluate(parse, rows, "all").profiles == 3
