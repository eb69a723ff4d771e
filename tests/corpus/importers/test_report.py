"""Refused records: one line each naming source, record and field; --skip-invalid keeps
the rest; the output is written whole or not at all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus.errors import CatalogError, ImportRefusedError
from corpus.importers import import_source, write_jsonl
from corpus.loaders import load_catalog
from tests.corpus.importers.conftest import LHEO_SAMPLE, Write

MAPPING = """[source]
delimiter = ";"
[fields]
id = { from = "code" }
title = { from = "nom" }
duration_hours = { from = "jours", unit = "days" }
start_dates = { from = "debut", date_format = "%d/%m/%Y" }
url = { from = "lien" }
"""
ROWS = [
    "code;nom;jours;debut;lien",
    "a;Soudure;5;07/09/2026;https://example.org/a",
    "b;;2;;",  # no title
    "c;Cuisine;deux;;",  # not a duration
    "d;Vente;1;2026-09-07;",  # not dd/mm/yyyy
    "a;Encore A;1;;",  # duplicate id
    "e f;Espace;1;;",  # id with a space
    "g;Trop de cellules;1;;;x",
    "h;Accueil;3;01/10/2026;javascript:alert(1)",  # url dropped, record kept
]


@pytest.fixture
def bad_csv(write: Write) -> tuple[Path, Path]:
    return write("offres.csv", "\n".join(ROWS) + "\n"), write("m.toml", MAPPING)


def test_every_refused_record_is_one_line_and_nothing_is_imported(
    bad_csv: tuple[Path, Path],
) -> None:
    source, mapping = bad_csv
    with pytest.raises(ImportRefusedError) as caught:
        import_source(source, mapping=mapping)
    lines = caught.value.lines
    assert len(lines) == 6
    expected = [
        ("row 2 (id 'b')", "field 'title'", "missing"),
        ("row 3 (id 'c')", "field 'duration_hours'", "'deux' is not a duration"),
        ("row 4 (id 'd')", "field 'start_dates'", "does not match the date format '%d/%m/%Y'"),
        ("row 5 (id 'a')", "field 'id'", "duplicate id (first seen at row 1)"),
        ("row 6 (id 'e f')", "field 'id'", "letters, digits"),
        ("row 7", "", "6 cells but the header has 5 columns"),
    ]
    for line, (where, field, reason) in zip(lines, expected, strict=True):
        assert line.startswith(f"{source}, {where}")
        assert field in line and reason in line
        assert "\n" not in line
    message = str(caught.value)
    assert "6 records refused, nothing written" in message and "--skip-invalid" in message
    assert isinstance(caught.value, CatalogError)


def test_skip_invalid_imports_the_rest_and_reports_the_refusals(
    bad_csv: tuple[Path, Path],
) -> None:
    source, mapping = bad_csv
    report = import_source(source, mapping=mapping, skip_invalid=True)
    assert [m.id for m in report.catalog] == ["a", "h"]
    assert (report.imported, report.skipped) == (2, 6)
    assert report.catalog.by_id()["h"].url is None
    summary = report.summary().splitlines()
    assert summary[0] == "imported 2, skipped 6"
    assert all(line.startswith(f"  skipped: {source}, row ") for line in summary[1:])
    assert [r.field for r in report.refusals] == [
        "title",
        "duration_hours",
        "start_dates",
        "id",
        "id",
        None,
    ]


def test_when_every_record_is_refused_skip_invalid_still_fails(write: Write) -> None:
    source = write("c.jsonl", '{"id": "a"}\n{"title": "B"}\n')
    with pytest.raises(ImportRefusedError, match="2 records refused"):
        import_source(source, skip_invalid=True)


def test_a_broken_jsonl_line_is_that_lines_refusal(write: Write) -> None:
    source = write("c.jsonl", '{"id": "a", "title": "A"}\n{"id": "b", \n[1]\n')
    report = import_source(source, skip_invalid=True)
    assert [m.id for m in report.catalog] == ["a"]
    assert [(r.unit, r.record) for r in report.refusals] == [("line", 2), ("line", 3)]
    assert "broken JSON" in report.refusals[0].reason


def test_an_oversized_field_is_refused_with_its_name(write: Write) -> None:
    record = {"id": "a", "title": "A", "description": "x" * 100_001}
    with pytest.raises(ImportRefusedError, match="field 'description': longer than"):
        import_source(write("c.jsonl", json.dumps(record) + "\n"))


def test_the_written_catalog_loads_back_the_same(tmp_path: Path) -> None:
    report = import_source(LHEO_SAMPLE)
    out = tmp_path / "deep" / "catalog.jsonl"
    write_jsonl(report.catalog, out)
    loaded = load_catalog(out)
    assert [m.content_key() for m in loaded] == [m.content_key() for m in report.catalog]
    assert [p.name for p in out.parent.iterdir()] == ["catalog.jsonl"]  # no temporary left


def test_the_checksum_follows_the_content_not_the_file(write: Write) -> None:
    a = import_source(write("a.jsonl", '{"id": "a", "title": "A"}\n'))
    same = import_source(write("b.json", '[{"title": "A", "id": "a"}]'))
    other = import_source(write("c.jsonl", '{"id": "a", "title": "B"}\n'))
    assert a.catalog.checksum == same.catalog.checksum != other.catalog.checksum
