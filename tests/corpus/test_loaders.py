from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus.errors import CatalogError
from corpus.loaders import load_catalog
from tests.conftest import SMALL, write_jsonl


def test_jsonl_loads_every_field_and_keeps_unknown_keys(small_catalog_file: Path) -> None:
    catalog = load_catalog(small_catalog_file)
    assert [m.id for m in catalog] == [r["id"] for r in SMALL]
    m4 = catalog.by_id()["m4"]
    assert m4.duration_hours == 70.0
    assert m4.level_key == "certification"
    assert m4.format_key == "hybride"
    assert m4.tags == ("réseaux", "cisco")
    m8 = catalog.by_id()["m8"]
    assert m8.duration_hours is None
    assert m8.extra == {"funding": "FSE"}
    assert m8.to_dict()["funding"] == "FSE"
    assert len(catalog.checksum) == 64


def test_csv_loads_lists_and_blank_cells(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(
        "id,title,duration_hours,tags,start_dates,city,source_ref\n"
        'a,Excel,"40,5",excel|tableur,2027-01-18|2027-03-08,Mons,X1\n'
        "b,Word,,,,,\n",
        encoding="utf-8",
    )
    catalog = load_catalog(path)
    a, b = catalog.modules
    assert a.duration_hours == 40.5
    assert a.tags == ("excel", "tableur")
    assert [d.isoformat() for d in a.start_dates] == ["2027-01-18", "2027-03-08"]
    assert a.extra == {"source_ref": "X1"}
    assert b.duration_hours is None and b.city is None and b.tags == ()


def test_empty_string_and_null_mean_unknown(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "c.jsonl", [{"id": "a", "title": "T", "city": "", "level": None, "language": ""}]
    )
    m = load_catalog(path).modules[0]
    assert m.city is None and m.level is None and m.language == "fr"


@pytest.mark.parametrize(
    ("lines", "line", "field", "words"),
    [
        (['{"id": "a", "title": "A"}', '{"id": "a", "title": "B"}'], 2, "id", "duplicate"),
        (['{"id": "a", "title": "A"}', '{"id": "b"}'], 2, "title", "missing"),
        (['{"id": "a", "title": "  "}'], 1, "title", "missing"),
        (
            ['{"id": "a", "title": "A", "duration_hours": "quarante"}'],
            1,
            "duration_hours",
            "not a number",
        ),
        (['{"id": "a", "title": "A", "duration_hours": -3}'], 1, "duration_hours", "negative"),
        (['{"id": "a", "title": "A"}', '{"id": "b", "title": '], 2, None, "broken JSON"),
        (['["a", "b"]'], 1, None, "JSON object"),
        (
            ['{"id": "a", "title": "A", "start_dates": ["18/01/2027"]}'],
            1,
            "start_dates",
            "ISO date",
        ),
        (['{"id": "a", "title": "A", "tags": "excel"}'], 1, "tags", "list"),
        (['{"id": {"x": 1}, "title": "A"}'], 1, "id", "string"),
    ],
)
def test_bad_catalog_is_rejected_naming_file_line_and_field(
    tmp_path: Path, lines: list[str], line: int, field: str | None, words: str
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_catalog(path)
    err = caught.value
    assert err.line == line
    assert err.field == field
    assert words in err.reason
    message = str(err)
    assert "bad.jsonl" in message and f"line {line}" in message and "\n" not in message


def test_non_utf8_file_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(b'{"id": "a", "title": "A"}\n{"id": "b", "title": "Caf\xe9"}\n')
    with pytest.raises(CatalogError, match=r"line 2: .*UTF-8"):
        load_catalog(path)


def test_csv_row_with_wrong_cell_count_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("id,title\na,A\nb,B,extra\n", encoding="utf-8")
    with pytest.raises(CatalogError, match=r"row 2"):
        load_catalog(path)


def test_csv_without_title_column_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("id,name\na,A\n", encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_catalog(path)
    assert caught.value.field == "title"


def test_empty_catalog_and_unknown_suffix_are_rejected(tmp_path: Path) -> None:
    empty = tmp_path / "e.jsonl"
    empty.write_text("\n\n", encoding="utf-8")
    with pytest.raises(CatalogError, match="no module"):
        load_catalog(empty)
    other = tmp_path / "c.xlsx"
    other.write_bytes(b"PK")
    with pytest.raises(CatalogError, match=r"jsonl or a \.csv"):
        load_catalog(other)
    with pytest.raises(CatalogError, match="cannot read"):
        load_catalog(tmp_path / "missing.jsonl")


def test_content_key_changes_with_any_field(small_catalog_file: Path) -> None:
    a = load_catalog(small_catalog_file).modules[0]
    records = [dict(r) for r in SMALL]
    records[0]["cost"] = "Gratuit"
    b = load_catalog(write_jsonl(small_catalog_file.parent / "b.jsonl", records)).modules[0]
    assert a.content_key() != b.content_key()
    assert a.content_key() == load_catalog(small_catalog_file).modules[0].content_key()


def test_round_trip_through_to_dict(small_catalog_file: Path, tmp_path: Path) -> None:
    catalog = load_catalog(small_catalog_file)
    again = load_catalog(write_jsonl(tmp_path / "again.jsonl", [m.to_dict() for m in catalog]))
    assert again.modules == catalog.modules
    assert json.loads(json.dumps(again.modules[0].to_dict()))["id"] == "m1"


def test_raw_unicode_line_separators_inside_a_jsonl_value_are_text(tmp_path: Path) -> None:
    # json.dumps(ensure_ascii=False) writes U+2028/U+2029 raw; JSON Lines splits on "\n" only.
    description = "Première partie\u2028deuxième partie\u2029fin"
    path = tmp_path / "catalog.jsonl"
    lines = [
        json.dumps({"id": "a", "title": "A", "description": description}, ensure_ascii=False),
        json.dumps({"id": "b", "title": "B"}, ensure_ascii=False),
    ]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    catalog = load_catalog(path)
    assert [m.id for m in catalog.modules] == ["a", "b"]
    assert catalog.modules[0].description == description
