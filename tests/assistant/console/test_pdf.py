"""The shortlist PDF: valid, titled with the reference, with or without the DejaVu font."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from assistant.console.pdf import FONT, Entry, ShortlistDoc, facts, next_starts, shortlist_pdf
from corpus.model import Module

MODULE = Module(
    id="m9",
    title="Aide-comptable – les bases",
    provider="Bruxelles Formation",
    city="Bruxelles",
    postal_code="1000",
    duration_hours=120,
    level="initiation",
    format="hybride",
    cost="Gratuit",
    url="https://www.bruxellesformation.brussels/aide-comptable",
    start_dates=(date(2026, 1, 5), date(2026, 9, 7), date(2027, 1, 4)),
)
DOC = ShortlistDoc(
    "DOS 2024/17",
    date(2026, 3, 1),
    [
        Entry(MODULE.title, "Appeler l’organisme jeudi ✓", MODULE),
        Entry("Une formation retirée", ""),
    ],
)
# The system's DejaVu Sans (Debian: fonts-dejavu-core, which .ci/run installs), and the
# fallback used where it is missing.
FONTS = [
    pytest.param(FONT, id="dejavu"),
    pytest.param(Path("/nonexistent/font.ttf"), id="core-helvetica"),
]


@pytest.fixture(autouse=True)
def _font_installed() -> None:
    # A missing font is a broken test machine, not a reason to skip the Unicode PDF test.
    assert FONT.is_file(), f"{FONT} is missing: apt-get install fonts-dejavu-core"


def title_of(pdf: bytes) -> str:
    """The document's title (its Info dictionary's; bookmarks have titles too)."""
    titles = []
    for found in re.finditer(rb"/Title\s*(?:<([0-9a-fA-F]+)>|\((.*?)\))", pdf):
        if found[1]:
            raw = bytes.fromhex(found[1].decode())
            titles.append(
                raw[2:].decode("utf-16-be") if raw.startswith(b"\xfe\xff") else raw.decode()
            )
        else:
            titles.append(found[2].decode("latin-1"))
    documents = [t for t in titles if t.startswith("Formations proposées - ")]
    assert len(documents) == 1, f"no single document title in {titles}"
    return documents[0]


@pytest.mark.parametrize("font", FONTS)
def test_a_valid_pdf_titled_with_the_reference(font: Path) -> None:
    pdf = shortlist_pdf(DOC, font=font)
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert "DOS 2024/17" in title_of(pdf)


def test_without_the_font_text_is_written_in_windows_1252() -> None:
    pdf = shortlist_pdf(DOC, font=None, compress=False)
    shown = b"\n".join(re.findall(rb"\((.*?)\) Tj", pdf)).decode("cp1252")
    assert "Référence : DOS 2024/17" in shown
    assert "Aide-comptable – les bases" in shown  # an en dash is in Windows-1252
    assert "Appeler l’organisme jeudi ?" in shown  # a check mark is not: "?"
    assert "https://www.bruxellesformation.brussels/aide-comptable" in shown
    assert "n'est plus au catalogue" in shown


def test_facts_give_the_next_dates_or_say_to_check() -> None:
    assert next_starts(MODULE, date(2026, 3, 1)) == [date(2026, 9, 7), date(2027, 1, 4)]
    lines = dict(facts(MODULE, date(2026, 3, 1)))
    assert lines["Prochaines dates"] == "07/09/2026, 04/01/2027"
    assert lines["Lieu"] == "1000 Bruxelles" and lines["Durée"] == "120 heures"
    assert lines["Format"] == "En partie à distance" and lines["Niveau"] == "Débutant"
    assert "à vérifier" in dict(facts(MODULE, date(2028, 1, 1)))["Prochaines dates"]
    undated = Module(id="x", title="X")
    assert dict(facts(undated, date(2026, 3, 1)))["Prochaines dates"].startswith("Non précisées")


def shown_at(pdf: bytes) -> list[tuple[float, str]]:
    """(x in points, text) of each line the core font wrote, in order."""
    found = re.findall(rb"BT ([\d.]+) [\d.]+ Td (?:[\d.]+ Tw )?\((.*?)\) Tj ET", pdf)
    return [(float(x), text.decode("cp1252")) for x, text in found]


def test_the_pdf_is_tagged_with_its_title_and_language() -> None:
    pdf = shortlist_pdf(DOC, compress=False)
    assert b"/Lang (fr)" in pdf
    assert b"/DisplayDocTitle true" in pdf  # the window shows the title, not the file name
    assert b"/StructTreeRoot" in pdf and b"/MarkInfo" in pdf  # headings are structure
    assert b"/Outlines" in pdf  # and bookmarks


def test_facts_are_two_columns_and_a_wrapped_value_stays_under_its_value() -> None:
    long_note = "Rappeler l'organisme pour la date, " * 8
    doc = ShortlistDoc("DOS 1", date(2026, 3, 1), [Entry(MODULE.title, long_note, MODULE)])
    lines = shown_at(shortlist_pdf(doc, font=None, compress=False))
    label_x = next(x for x, text in lines if text == "Prochaines dates")
    value_x = next(x for x, text in lines if text == "07/09/2026, 04/01/2027")
    assert value_x > label_x
    note = [x for x, text in lines if "Rappeler" in text or "organisme pour" in text]
    assert len(note) > 1 and set(note) == {value_x}  # every line of the note, same column
    inscription = next(x for x, text in lines if text.startswith("https://"))
    assert inscription == value_x


def test_the_pdf_says_who_to_contact() -> None:
    with_contact = Module(
        id="m1",
        title="Cariste",
        provider="Centre Logistique",
        extra={"email": "info@centre.example", "phone": "065 00 00 00"},
    )
    doc = ShortlistDoc(
        "DOS 2",
        date(2026, 3, 1),
        [Entry("Cariste", "", with_contact), Entry(MODULE.title, "", MODULE)],
        contact="Maison de l'emploi de Mons, 065 11 11 11",
    )
    texts = [text for _x, text in shown_at(shortlist_pdf(doc, font=None, compress=False))]
    assert "Maison de l'emploi de Mons, 065 11 11 11" in texts
    assert "Centre Logistique : info@centre.example · 065 00 00 00" in texts
    assert any(t.startswith("Bruxelles Formation : voir le lien") for t in texts)
    anonymous = ShortlistDoc("DOS 3", date(2026, 3, 1), [])
    texts = [text for _x, text in shown_at(shortlist_pdf(anonymous, font=None, compress=False))]
    assert "La personne qui vous a donné cette liste." in texts
