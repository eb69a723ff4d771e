"""``boussole eval-understanding`` end to end, on a small gold file of its own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.cli import main


@pytest.fixture
def gold(tmp_path: Path) -> Path:
    lines = [
        {
            "id": "t1",
            "part": "tune",
            "text": "Ik woon in Gent en heb geen auto.",
            "gold": {"lang": "nl", "place": "Gand", "has_car": False},
        },
        {
            "id": "t2",
            "part": "tune",
            "text": "Je cherche du travail.",
            "gold": {"lang": "fr", "diploma": "higher"},
        },
        {
            "id": "h1",
            "part": "heldout",
            "text": "I live in Namur.",
            "gold": {"lang": "en", "place": "Namur", "max_hours": 12},
        },
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    return path


def test_prints_both_parts_with_fields_and_micro(
    gold: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["eval-understanding", "--gold", str(gold)]) == 0
    out = capsys.readouterr().out
    assert "part tune: 2 profiles" in out and "part heldout: 1 profiles" in out
    rows = {line.split()[0]: line.split() for line in out.splitlines() if line.startswith("  ")}
    assert rows["has_car"][1:4] == ["1.000", "1.000", "1.000"]
    assert "diploma" in rows  # a missed field is listed with recall 0
    assert out.count("micro (all fields)") == 2


def test_details_name_wrong_fields_but_not_heldout_by_default(
    gold: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["eval-understanding", "--gold", str(gold), "--details"]) == 0
    out = capsys.readouterr().out
    assert "t2 diploma" in out
    assert "h1 " not in out
    assert main(["eval-understanding", "--gold", str(gold), "--part", "heldout", "--details"]) == 0
    out = capsys.readouterr().out
    assert "h1 max_hours" in out and "part tune" not in out


def test_missing_gold_file_is_a_usage_error(tmp_path: Path) -> None:
    assert main(["eval-understanding", "--gold", str(tmp_path / "none.jsonl")]) == 2


def test_any_part_of_a_file_can_be_scored_alone(
    gold: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fresh = tmp_path / "fresh.jsonl"
    row = {"id": "f1", "part": "fresh", "text": "Je vis à Namur.", "gold": {"lang": "fr"}}
    fresh.write_text(json.dumps(row) + "\n", encoding="utf-8")
    assert main(["eval-understanding", "--gold", str(fresh)]) == 0
    out = capsys.readouterr().out
    assert "part fresh: 1 profiles" in out and "part tune" not in out
    assert main(["eval-understanding", "--gold", str(fresh), "--part", "fresh", "--details"]) == 0
    assert "f1 place" in capsys.readouterr().out  # Namur read but not in the gold: a false positive
    assert main(["eval-understanding", "--gold", str(gold), "--part", "nope"]) == 2
    assert "parts: tune, heldout" in capsys.readouterr().out
