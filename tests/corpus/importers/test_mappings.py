"""CSV and JSON exports through a TOML mapping: each shipped mapping on its sample, the
mapping's own checks, and exports in the catalog format without a mapping."""

from __future__ import annotations

import json
import tomllib
from datetime import date

import pytest

from corpus.errors import CatalogError
from corpus.importers import import_source
from corpus.importers.mapping import Mapping
from tests.corpus.importers.conftest import MAPPINGS, SAMPLES, Write


def test_opendatasoft_records_export() -> None:
    report = import_source(
        SAMPLES / "opendatasoft-formations-tic.json",
        mapping=MAPPINGS / "opendatasoft-formations-tic.toml",
    )
    modules = report.catalog.by_id()
    assert list(modules) == ["TIC-0101", "TIC-0207", "TIC-0315"]
    sheet = modules["TIC-0101"]
    assert sheet.title == "Bureautique : tableur pour débutants"
    assert sheet.provider == "Espace public numérique de Mons"
    assert (sheet.city, sheet.postal_code, sheet.region) == ("Mons", "7000", "Wallonie")
    assert sheet.duration_hours == pytest.approx(4 * 7.6)  # "4 jours"
    assert (sheet.level_key, sheet.format_key) == ("initiation", "presentiel")
    assert sheet.start_dates == (date(2026, 10, 5),)
    assert sheet.tags == ("tableur", "Excel", "LibreOffice Calc")
    assert sheet.language == "fr"
    python = modules["TIC-0207"]
    assert python.duration_hours == 12 * 38  # "12 semaines"
    assert (python.level_key, python.format_key) == ("intermediaire", "hybride")
    security = modules["TIC-0315"]
    assert security.duration_hours == 21  # "21 heures"
    assert security.format_key == "distanciel" and security.language == "en"
    assert security.url is None and security.start_dates == ()


def test_semicolon_csv_with_french_headers_days_and_dd_mm_yyyy() -> None:
    report = import_source(SAMPLES / "formations-fr.csv", mapping=MAPPINGS / "csv-fr-jours.toml")
    modules = report.catalog.by_id()
    assert list(modules) == ["CF-101", "CF-102", "CF-103"]
    forklift = modules["CF-101"]
    assert forklift.title == "Cariste - conduite de chariots élévateurs"
    assert forklift.description == (
        "Conduire un chariot élévateur en sécurité.\n\n"
        "Règles de sécurité, manœuvres, chargement et déchargement, examen pratique."
    )
    assert forklift.duration_hours == pytest.approx(5 * 7.6)
    assert forklift.start_dates == (date(2026, 9, 7), date(2026, 10, 5))
    assert forklift.tags == ("logistique", "chariot", "sécurité")
    assert forklift.audience == "Chercheur d'emploi"
    dutch = modules["CF-103"]
    assert dutch.level is None  # an empty cell
    assert dutch.format_key == "distanciel" and dutch.url is None
    assert modules["CF-102"].duration_hours == pytest.approx(30 * 7.6)


def test_plain_json_array_with_nested_fields_and_weeks() -> None:
    report = import_source(SAMPLES / "formations-array.json", mapping=MAPPINGS / "json-array.toml")
    modules = report.catalog.by_id()
    assert list(modules) == ["ext-9001", "ext-9002"]
    store = modules["ext-9001"]
    assert store.provider == "Logistics Academy"
    assert (store.city, store.postal_code) == ("Anvers", "2000")  # a number becomes text
    assert store.duration_hours == 8 * 38
    assert store.language == "nl" and store.format_key == "presentiel"
    assert store.start_dates == (date(2026, 10, 12), date(2027, 1, 18))
    assert modules["ext-9002"].duration_hours == pytest.approx(1.5 * 38)  # "1,5"


def test_every_shipped_mapping_has_its_sample() -> None:
    mappings = sorted(p.stem for p in MAPPINGS.glob("*.toml"))
    assert mappings == ["csv-fr-jours", "json-array", "opendatasoft-formations-tic"]


MINIMAL = '[fields]\nid = { from = "code" }\ntitle = { from = "nom" }\n'


@pytest.mark.parametrize(
    ("toml", "key"),
    [
        ('[fields]\ntitle = { from = "nom" }\n', "key 'fields'"),
        (MINIMAL + 'city = { from = "a", const = "b" }\n', "key 'fields.city'"),
        (MINIMAL + "city = { separator = ',' }\n", "key 'fields.city'"),
        (
            MINIMAL + 'duration_hours = { from = "d", unit = "years" }\n',
            "fields.duration_hours.unit",
        ),
        (MINIMAL + 'start_dates = { from = "d", date_format = "dd/mm" }\n', "date_format"),
        (MINIMAL + 'city = { from = "a", colour = "red" }\n', "fields.city.colour"),
        ('[source]\ndelimiter = ";;"\n' + MINIMAL, "key 'source.delimiter'"),
        ('[source]\nencoding = "klingon"\n' + MINIMAL, "key 'source.encoding'"),
        ('[source]\nformat = "xls"\n' + MINIMAL, "key 'source.format'"),
        ("[units]\ndays = 0\n" + MINIMAL, "key 'units.days'"),
        ("[extra]\n" + MINIMAL, "key 'extra'"),
    ],
)
def test_a_bad_mapping_names_its_key(write: Write, toml: str, key: str) -> None:
    source = write("s.json", '[{"code": "a", "nom": "A"}]')
    with pytest.raises(CatalogError, match="invalid mapping") as caught:
        import_source(source, mapping=write("m.toml", toml))
    assert key in str(caught.value)
    assert "m.toml" in str(caught.value)


def test_a_mapping_that_is_not_toml(write: Write) -> None:
    source = write("s.json", "[]")
    with pytest.raises(CatalogError, match="not valid TOML"):
        import_source(source, mapping=write("m.toml", "[fields\nid ="))


def test_records_path_missing_from_the_document(write: Write) -> None:
    mapping = write("m.toml", '[source]\nrecords = "results[]"\n' + MINIMAL)
    with pytest.raises(CatalogError, match=r"no 'results'.*check \[source\] records"):
        import_source(write("s.json", '{"records": []}'), mapping=mapping)


def test_a_record_missing_its_nested_part_is_refused_alone(write: Write) -> None:
    mapping = write("m.toml", '[source]\nrecords = "records[].fields"\n' + MINIMAL)
    data = {"records": [{"fields": {"code": "a", "nom": "A"}}, {"geometry": None}]}
    report = import_source(write("s.json", json.dumps(data)), mapping=mapping, skip_invalid=True)
    assert [m.id for m in report.catalog] == ["a"]
    assert report.refusals[0].record == 2 and "no 'fields'" in report.refusals[0].reason


def test_a_cp1252_csv_read_as_utf8_says_how_to_fix_it(write: Write) -> None:
    mapping = write("m.toml", '[source]\ndelimiter = ";"\n' + MINIMAL)
    source = write("s.csv", "code;nom\na;Café\n".encode("cp1252"))
    with pytest.raises(CatalogError, match=r'encoding.*"cp1252"') as caught:
        import_source(source, mapping=mapping)
    assert caught.value.line == 2
    fixed = write("m2.toml", '[source]\ndelimiter = ";"\nencoding = "cp1252"\n' + MINIMAL)
    assert import_source(source, mapping=fixed).catalog.modules[0].title == "Café"


def test_the_wrong_csv_delimiter_is_named(write: Write) -> None:
    source = write("s.csv", "code;nom\na;A\n")
    with pytest.raises(CatalogError, match="delimiter"):
        import_source(source, mapping=write("m.toml", MINIMAL))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("c.jsonl", '{"id": "a", "title": "A", "tags": ["x"]}\n{"id": "b", "title": "B"}\n'),
        ("c.json", '[{"id": "a", "title": "A", "tags": ["x"]}, {"id": "b", "title": "B"}]'),
        ("c.csv", "id,title,tags\na,A,x\nb,B,\n"),
    ],
)
def test_catalog_format_needs_no_mapping(write: Write, name: str, content: str) -> None:
    report = import_source(write(name, content))
    assert [(m.id, m.tags) for m in report.catalog] == [("a", ("x",)), ("b", ())]


def test_the_format_is_guessed_or_asked_for(write: Write) -> None:
    source = write("export.txt", '{"id": "a", "title": "A"}\n')
    with pytest.raises(CatalogError, match="pass --format"):
        import_source(source)
    assert len(import_source(source, "jsonl").catalog) == 1
    with pytest.raises(CatalogError, match="unknown format 'xls'"):
        import_source(source, "xls")


def test_the_documented_example_mapping_is_valid() -> None:
    readme = (MAPPINGS.parent / "README.md").read_text(encoding="utf-8")
    example = readme.split("```toml\n", 1)[1].split("```", 1)[0]
    rules = Mapping.model_validate(tomllib.loads(example))
    assert rules.source.records == "records[].fields"
    assert set(rules.fields) >= {"id", "title", "duration_hours", "start_dates"}


def test_a_mapped_csv_column_missing_from_the_header_names_the_mapping_key(
    write: Write,
) -> None:
    mapping = write("m.toml", MINIMAL + 'city = { from = "Commune" }\n')
    with pytest.raises(CatalogError, match=r"lacks 'Commune' \(for fields.city.from\)"):
        import_source(write("s.csv", "code,nom,Ville\na,A,Mons\n"), mapping=mapping)


def test_a_csv_in_the_catalog_format_needs_id_and_title_columns(write: Write) -> None:
    with pytest.raises(CatalogError, match="lacks 'title'"):
        import_source(write("s.csv", "id,name\na,A\n"))


def test_a_json_field_no_record_has_is_warned_about(
    write: Write, caplog: pytest.LogCaptureFixture
) -> None:
    mapping = write("m.toml", MINIMAL + 'city = { from = "lieu.ville" }\n')
    with caplog.at_level("WARNING"):
        report = import_source(write("s.json", '[{"code": "a", "nom": "A"}]'), mapping=mapping)
    assert len(report.catalog) == 1
    assert "'lieu.ville' (fields.city.from)" in caplog.text


def test_iso_dates_and_date_times(write: Write) -> None:
    mapping = write("m.toml", MINIMAL + 'start_dates = { from = "d", date_format = "iso" }\n')
    data = json.dumps(
        [
            {"code": "a", "nom": "A", "d": "2026-10-05T08:00:00Z"},
            {"code": "b", "nom": "B", "d": "2026-11-02"},
        ]
    )
    report = import_source(write("s.json", data), mapping=mapping)
    assert [m.start_dates for m in report.catalog] == [(date(2026, 10, 5),), (date(2026, 11, 2),)]


def test_numeric_codes_go_through_value_maps(write: Write) -> None:
    mapping = write(
        "m.toml",
        MINIMAL + 'format = { from = "m", values = { "0" = "presentiel", "1" = "distanciel" } }\n',
    )
    report = import_source(write("s.json", '[{"code": "a", "nom": "A", "m": 1}]'), mapping=mapping)
    assert report.catalog.modules[0].format == "distanciel"


def test_a_csv_cell_over_the_csv_limit_is_one_clear_error(write: Write) -> None:
    source = write("s.csv", "id,title\na,A\nb," + "x" * 200_000 + "\n")
    with pytest.raises(CatalogError, match="a cell longer than") as caught:
        import_source(source, skip_invalid=True)
    assert caught.value.line == 2
