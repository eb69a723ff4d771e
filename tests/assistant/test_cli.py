from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant import cli
from index.encoders import make_encoder
from tests.conftest import SMALL, write_jsonl
from tests.fakes import FakeEncoder


@pytest.fixture(autouse=True)
def fake_encoders(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI builds its encoder by name; hand it the fake for these unit tests."""
    monkeypatch.setattr(cli, "make_encoder", lambda name: FakeEncoder())
    monkeypatch.setattr("assistant.services.make_encoder", lambda name: FakeEncoder())
    monkeypatch.setenv("BOUSSOLE_ENCODER", "fake")


def test_build_search_and_batch_run(
    tmp_path: Path, small_catalog_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ix = str(tmp_path / "ix")
    assert (
        cli.main(
            ["index", "build", "--catalog", str(small_catalog_file), "--index-dir", ix, "--quiet"]
        )
        == 0
    )
    assert "8 modules" in capsys.readouterr().out

    assert cli.main(["search", "--index-dir", ix, "conduire un chariot élévateur"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith(" 1. Cariste")

    queries = write_jsonl(
        tmp_path / "q.jsonl",
        [
            {"id": "q1", "text": "excel tableaux croisés", "style": "keyword"},
            {"id": "q2", "text": "réseaux cisco"},
        ],
    )
    assert cli.main(["search", "--index-dir", ix, "--queries", str(queries), "--k", "3"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [x["id"] for x in lines] == ["q1", "q2"]
    assert len(lines[0]["results"]) == 3
    assert set(lines[0]["results"][0]) == {"id", "score"}
    assert lines[1]["results"][0]["id"] == "m4"

    qrels = tmp_path / "qrels.tsv"
    qrels.write_text("q1\tm3\t3\nq1\tm2\t1\nq2\tm4\t3\n", encoding="utf-8")
    assert (
        cli.main(["eval", "--index-dir", ix, "--queries", str(queries), "--qrels", str(qrels)]) == 0
    )
    summary = capsys.readouterr().out.strip().splitlines()[-1]
    assert summary.startswith("queries=2 nDCG@10=") and "MRR@10=1.0000" in summary


def test_bad_catalog_exits_non_zero_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "title": "A"}\n{"id": "a", "title": "B"}\n', encoding="utf-8")
    ix = tmp_path / "ix"
    assert cli.main(["index", "build", "--catalog", str(bad), "--index-dir", str(ix)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "bad.jsonl" in err[0] and "line 2" in err[0] and "'id'" in err[0]
    assert not ix.exists() or not (ix / "CURRENT").exists()


def test_catalog_check(small_catalog_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["catalog", "check", str(small_catalog_file)]) == 0
    assert "8 modules, valid" in capsys.readouterr().out


def test_search_without_index_explains(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["search", "--index-dir", str(tmp_path / "none"), "excel"]) == 1
    assert "boussole index build" in capsys.readouterr().err


def test_search_needs_text_or_queries(tmp_path: Path) -> None:
    assert cli.main(["search", "--index-dir", str(tmp_path)]) == 2


def test_make_encoder_names() -> None:
    assert make_encoder("e5-small").id == "e5-small"
    assert make_encoder("minilm").id == "minilm"
    assert make_encoder("st:/models/my-model").id == "st:my-model"
    _ = SMALL


def test_serve_refuses_an_index_of_another_encoder(
    tmp_path: Path,
    small_catalog_file: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ix = str(tmp_path / "ix")
    assert (
        cli.main(
            ["index", "build", "--catalog", str(small_catalog_file), "--index-dir", ix, "--quiet"]
        )
        == 0
    )
    monkeypatch.setattr(cli, "make_encoder", lambda name: FakeEncoder(name="other-model"))
    assert cli.main(["serve", "--index-dir", ix, "--port", "1"]) == 1
    err = capsys.readouterr().err
    assert "built with encoder 'fake'" in err and "other-model" in err
