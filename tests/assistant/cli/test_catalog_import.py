"""``boussole catalog import`` end to end: written on success, untouched on failure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import corpus.importers
from assistant.cli import app as cli

PACKAGE = Path(corpus.importers.__file__).parent


def test_lheo_import_writes_the_catalog(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "catalog.jsonl"
    source = PACKAGE / "samples" / "lheo-offres.xml"
    assert cli.main(["catalog", "import", str(source), "--format", "lheo", "--out", str(out)]) == 0
    assert "imported 4 modules" in capsys.readouterr().out
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert ids == ["SOUD-2026-CHA", "SOUD-2026-LGE", "WEB-DIST-1", "AIDE-SOIN-NAM"]
    assert cli.main(["catalog", "check", str(out)]) == 0


def test_mapping_import_guesses_the_format_from_the_mapping(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "catalog.jsonl"
    argv = [
        "catalog",
        "import",
        str(PACKAGE / "samples" / "formations-fr.csv"),
        "--mapping",
        str(PACKAGE / "mappings" / "csv-fr-jours.toml"),
        "--out",
        str(out),
    ]
    assert cli.main(argv) == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3


def test_refused_records_leave_the_output_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "offres.jsonl"
    source.write_text(
        '{"id": "a", "title": "A"}\n{"id": "b"}\n{"id": "a", "title": "C"}\n', encoding="utf-8"
    )
    out = tmp_path / "catalog.jsonl"
    out.write_text("previous\n", encoding="utf-8")
    assert cli.main(["catalog", "import", str(source), "--out", str(out)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("boussole: error: ") and "2 records refused" in err[0]
    assert err[1:] == [
        f"{source}, line 2 (id 'b'): field 'title': missing; every module needs an id and a title",
        f"{source}, line 3 (id 'a'): field 'id': duplicate id (first seen at line 1); "
        "ids must be unique",
    ]
    assert out.read_text(encoding="utf-8") == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["catalog.jsonl", "offres.jsonl"]


def test_skip_invalid_prints_the_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "offres.jsonl"
    source.write_text('{"id": "a", "title": "A"}\n{"id": "b"}\n', encoding="utf-8")
    out = tmp_path / "catalog.jsonl"
    argv = ["catalog", "import", str(source), "--out", str(out), "--skip-invalid"]
    assert cli.main(argv) == 0
    captured = capsys.readouterr()
    assert "imported 1 modules" in captured.out and "skipped 1" in captured.out
    assert captured.err.splitlines() == [
        "imported 1, skipped 1",
        f"  skipped: {source}, line 2 (id 'b'): field 'title': missing; every module needs "
        "an id and a title",
    ]
    assert [json.loads(x)["id"] for x in out.read_text(encoding="utf-8").splitlines()] == ["a"]


def test_hostile_xml_is_one_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "x.xml"
    source.write_text(
        '<!DOCTYPE lheo [<!ENTITY s SYSTEM "file:///etc/passwd">]><lheo>&s;</lheo>',
        encoding="utf-8",
    )
    out = tmp_path / "catalog.jsonl"
    assert cli.main(["catalog", "import", str(source), "--out", str(out)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "DOCTYPE" in err[0] and "root:" not in err[0]
    assert not out.exists()


def test_a_missing_source_or_mapping_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path / "c.jsonl")
    assert cli.main(["catalog", "import", str(tmp_path / "none.xml"), "--out", out]) == 1
    assert "cannot read the file" in capsys.readouterr().err
    source = PACKAGE / "samples" / "formations-array.json"
    argv = ["catalog", "import", str(source), "--mapping", str(tmp_path / "no.toml"), "--out", out]
    assert cli.main(argv) == 1
    assert "cannot read the mapping" in capsys.readouterr().err


def test_the_output_must_be_json_lines_and_writable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(PACKAGE / "samples" / "lheo-offres.xml")
    assert cli.main(["catalog", "import", source, "--out", str(tmp_path / "c.csv")]) == 2
    assert "must end in .jsonl" in capsys.readouterr().err
    folder = tmp_path / "taken.jsonl"
    folder.mkdir()
    assert cli.main(["catalog", "import", source, "--out", str(folder)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cannot write the catalog" in err[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken.jsonl"]
