"""LHEO XML in: the sample's modules, XSD findings per action, hostile and broken files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from corpus.errors import CatalogError, ImportRefusedError
from corpus.importers import import_source
from tests.corpus.importers.conftest import LHEO_SAMPLE, Write, lheo


def test_the_sample_gives_one_module_per_action() -> None:
    report = import_source(LHEO_SAMPLE)
    modules = report.catalog.by_id()
    assert list(modules) == ["SOUD-2026-CHA", "SOUD-2026-LGE", "WEB-DIST-1", "AIDE-SOIN-NAM"]
    assert (report.imported, report.skipped) == (4, 0)

    charleroi = modules["SOUD-2026-CHA"]
    assert charleroi.title == "Soudeur semi-automatique MIG-MAG"
    assert charleroi.description is not None
    assert charleroi.description.startswith("Souder des assemblages")  # objectif first
    assert "Lecture de plans" in charleroi.description  # contenu
    assert "EN ISO 9606-1" in charleroi.description  # résultats attendus
    assert charleroi.provider == "Centre de compétence Métal Hainaut"  # the organisme formateur
    assert (charleroi.city, charleroi.postal_code, charleroi.region) == (
        "Charleroi",
        "6000",
        "Wallonie",
    )
    assert charleroi.duration_hours == 534  # 420 h in centre + 114 h in a company
    assert charleroi.format_key == "presentiel"
    assert charleroi.certification == "RNCP 35012"
    assert charleroi.cost == "gratuit"
    assert charleroi.start_dates == (date(2026, 9, 7), date(2027, 1, 11))
    assert charleroi.url == "https://formations.example.org/soudage"
    assert charleroi.extra["formacode"] == ["23054"]
    assert charleroi.extra["lheo_formation"] == "SOUD-2026"

    liege = modules["SOUD-2026-LGE"]
    assert liege.provider == "Réseau Métal Wallonie"  # no formateur: the responsable
    assert liege.duration_hours == 534 and liege.city == "Liège"
    assert liege.start_dates == (date(2026, 10, 5),)


def test_a_distance_action_without_numero_takes_the_formation_numero() -> None:
    web = import_source(LHEO_SAMPLE).catalog.by_id()["WEB-DIST-1"]
    assert web.format_key == "distanciel"
    assert web.city is None
    assert web.duration_hours == 600  # "600 heures sur six mois" in duree-indicative
    assert web.start_dates == (date(2026, 9, 14),)  # 00000000 is LHEO's unknown date
    assert web.language == "fr"  # "FR" lower-cased
    assert web.cost == "250 € à charge du stagiaire"
    assert web.prerequisites is not None and "Niveau d'entrée obligatoire" in web.prerequisites
    assert web.certification is None


def test_mixed_teaching_a_numeric_region_and_certifiante_without_codes() -> None:
    care = import_source(LHEO_SAMPLE).catalog.by_id()["AIDE-SOIN-NAM"]
    assert care.format_key == "hybride"
    assert care.region is None  # "32" is a region code, not a name
    assert care.certification == "certifiante"


@pytest.mark.parametrize("namespace", ["", "http://www.lheo.org/2.0", "http://lheo.gouv.fr/2.3"])
def test_lheo_2_namespaces_and_none_are_read(namespace: str, write: Write) -> None:
    body = (
        '<formation numero="F"><intitule-formation>Cuisine</intitule-formation>'
        "<action/></formation>"
    )
    report = import_source(write("o.xml", lheo(body, namespace)))
    assert [m.id for m in report.catalog] == ["F-1"]


def test_xsd_findings_name_the_action_the_element_and_the_fix(write: Write) -> None:
    body = """<formation numero="A"><intitule-formation>Un</intitule-formation>
 <action numero="A1"><modalites-enseignement>3</modalites-enseignement></action>
 <action numero="A2"><session><periode><debut>2026-09-01</debut><fin>20261201</fin>
 </periode></session></action>
 <action numero="A3"><nombre-heures-total>beaucoup</nombre-heures-total></action>
 <action numero="A4"/>
</formation>"""
    source = write("bad.xml", lheo(body))
    with pytest.raises(ImportRefusedError) as caught:
        import_source(source)
    lines = caught.value.lines
    assert len(lines) == 3  # A4 is valid, and nothing is imported
    assert "action 1 (id 'A1', line 4)" in lines[0]
    assert "field 'modalites-enseignement'" in lines[0] and "0 (présentiel)" in lines[0]
    assert "field 'session/periode/debut'" in lines[1] and "YYYYMMDD" in lines[1]
    assert "'2026-09-01'" in lines[1]
    assert "field 'nombre-heures-total'" in lines[2] and "number of hours" in lines[2]
    assert all(line.startswith(str(source)) for line in lines)


def test_a_formation_level_finding_refuses_each_of_its_actions(write: Write) -> None:
    body = """<formation numero="A"><intitule-formation>Un</intitule-formation>
 <certifiante>oui</certifiante><action/><action/></formation>
<formation numero="B"><intitule-formation>Deux</intitule-formation><action/></formation>"""
    report = import_source(write("f.xml", lheo(body)), skip_invalid=True)
    assert [m.id for m in report.catalog] == ["B-1"]
    assert [(r.record_id, r.field) for r in report.refusals] == [
        ("A-1", "certifiante"),
        ("A-2", "certifiante"),
    ]


def test_an_impossible_session_date_and_a_missing_id_are_refused(write: Write) -> None:
    body = """<formation numero="A"><intitule-formation>Un</intitule-formation>
 <action><session><periode><debut>20261301</debut><fin>20261201</fin></periode></session></action>
</formation>
<formation><intitule-formation>Sans numéro</intitule-formation><action/></formation>"""
    with pytest.raises(ImportRefusedError) as caught:
        import_source(write("d.xml", lheo(body)))
    first, second = caught.value.lines
    assert "'20261301' is not a date" in first
    assert "field 'id'" in second and "numero" in second


def test_a_structure_error_outside_any_formation_refuses_the_file(write: Write) -> None:
    source = write("s.xml", '<lheo><offres><formation numero="A"/></offres><offres/></lheo>')
    with pytest.raises(CatalogError, match="not valid LHEO") as caught:
        import_source(source, skip_invalid=True)
    assert caught.value.line == 1


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lheo [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
]>
<lheo><offres><formation numero="X"><intitule-formation>&f;</intitule-formation><action/>
</formation></offres></lheo>
"""


def test_billion_laughs_is_refused_without_expanding(write: Write) -> None:
    with pytest.raises(CatalogError, match="DOCTYPE") as caught:
        import_source(write("laughs.xml", BILLION_LAUGHS), skip_invalid=True)
    assert "remove the <!DOCTYPE" in str(caught.value)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_an_external_entity_is_never_read(tmp_path: Path, write: Write, encoding: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    document = (
        f'<?xml version="1.0" encoding="{encoding}"?>\n'
        f'<!DOCTYPE lheo [<!ENTITY s SYSTEM "{secret.as_uri()}">]>\n'
        '<lheo><offres><formation numero="X"><intitule-formation>&s;</intitule-formation>'
        "<action/></formation></offres></lheo>"
    )
    with pytest.raises(CatalogError, match="DOCTYPE") as caught:
        import_source(write("xxe.xml", document.encode(encoding)))
    assert "TOP-SECRET-VALUE" not in str(caught.value)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "the file is empty"),
        (b"   \n", "the file is empty"),
        (b"<lheo><offres><formation>", "not well-formed XML"),
        (b"not xml at all", "not well-formed XML"),
        (
            b'<?xml version="1.0" encoding="UTF-8"?>\n<lheo><offres><formation numero="X">'
            b"<intitule-formation>Caf\xe9</intitule-formation></formation></offres></lheo>",
            "encoding matches its XML declaration",
        ),
        (b"<catalogue/>", "not <lheo>"),
        (b"<lheo><resumes-offres/></lheo>", "holds no <offres>.*resumes-offres"),
    ],
)
def test_broken_files_get_one_clear_error(write: Write, content: bytes, expected: str) -> None:
    with pytest.raises(CatalogError, match=expected):
        import_source(write("broken.xml", content), skip_invalid=True)


def test_a_huge_text_field_is_refused_not_crashed_on(write: Write) -> None:
    huge = "x" * 20_000_000  # above libxml2's 10 MB text limit without huge_tree
    body = (
        f'<formation numero="F"><intitule-formation>{huge}</intitule-formation>'
        "<action/></formation>"
    )
    with pytest.raises(CatalogError) as caught:
        import_source(write("huge.xml", lheo(body)), skip_invalid=True)
    assert len(str(caught.value)) < 2000


def test_a_long_description_is_refused_by_the_xsd_length(write: Write) -> None:
    body = (
        '<formation numero="F"><intitule-formation>T</intitule-formation>'
        f"<contenu-formation>{'mot ' * 1000}</contenu-formation><action/></formation>"
    )
    with pytest.raises(ImportRefusedError, match="contenu-formation"):
        import_source(write("long.xml", lheo(body)))


def test_a_mapping_is_refused_for_lheo(tmp_path: Path) -> None:
    mapping = tmp_path / "m.toml"
    mapping.write_text('[fields]\nid = { from = "a" }\ntitle = { from = "b" }\n', encoding="utf-8")
    with pytest.raises(CatalogError, match="not lheo"):
        import_source(LHEO_SAMPLE, "lheo", mapping)


def test_findings_go_to_the_right_action_when_the_file_is_one_line(write: Write) -> None:
    one_line = (
        '<lheo><offres><formation numero="A"><intitule-formation>Un</intitule-formation>'
        "<action><modalites-enseignement>0</modalites-enseignement></action>"
        "<action><modalites-enseignement>3</modalites-enseignement></action>"
        "</formation></offres></lheo>"
    )
    report = import_source(write("flat.xml", one_line), skip_invalid=True)
    assert [m.id for m in report.catalog] == ["A-1"]
    assert [(r.record_id, r.field) for r in report.refusals] == [("A-2", "modalites-enseignement")]
