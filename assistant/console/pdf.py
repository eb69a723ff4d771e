"""A shortlist as an A4 PDF (fpdf2), from plain data: no web, no database.

The PDF says who to contact (the counsellor's office, the providers), is tagged as far as
fpdf2 goes (title shown in the window, language ``fr``, its headings as structure elements
and bookmarks) and sets each module's facts in two columns, so a value that wraps (the next
start dates) stays under its value, as on the print view.

The text is set in DejaVu Sans when the system has it (Debian: ``fonts-dejavu-core``), so
every character prints. Without it the PDF falls back to the core Helvetica font, which knows
only Windows-1252: other characters print as ``?`` rather than failing the export.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from babel import Locale
from fpdf import FPDF, TextStyle, ViewerPreferences
from fpdf.enums import XPos, YPos

from corpus.contact import provider_contact as read_contact
from corpus.model import Module

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
CORE_ENCODING = "windows-1252"
MARGIN_MM = 18
LABEL_MM = 38  # the facts' label column; values start after it, wrapped lines too
NEXT_DATES = 3

FORMATS = {
    "presentiel": "En présentiel",
    "distanciel": "À distance",
    "hybride": "En partie à distance",
}
LEVELS = {
    "initiation": "Débutant",
    "intermediaire": "Intermédiaire",
    "avance": "Avancé",
    "certification": "Certification",
}
UNKNOWN = "Non précisé"
FRENCH = Locale("fr")


@dataclass(frozen=True)
class Entry:
    """One module of the shortlist: its title when kept, the catalog's module if still there."""

    title: str
    note: str = ""
    module: Module | None = None


@dataclass(frozen=True)
class ShortlistDoc:
    reference: str
    on: date  # the day it is printed or exported
    entries: Sequence[Entry]
    contact: str = ""  # the counsellor's office, from the settings ("" when not set)


def provider_contact(module: Module) -> str:
    """How to reach a module's provider, as one line: the e-mail, phone and contact text its
    catalog line has (read by :func:`corpus.contact.provider_contact`, as the module page
    does), joined; ``""`` when it has none."""
    found = read_contact(module)
    if found is None:
        return ""
    return " · ".join(part for part in (found.email, found.phone, found.note) if part)


def provider_contacts(entries: Sequence[Entry]) -> list[tuple[str, str]]:
    """Each provider of the list once, in the list's order, with its contact (``""`` when the
    catalog gives none: the module's enrolment link is then the way in)."""
    out: dict[str, str] = {}
    for entry in entries:
        module = entry.module
        if module is None or not module.provider:
            continue
        contact = provider_contact(module)
        if contact or module.provider not in out:
            out[module.provider] = out.get(module.provider) or contact
    return list(out.items())


def next_starts(module: Module, today: date, n: int = NEXT_DATES) -> list[date]:
    """The first ``n`` start dates on or after ``today``."""
    return sorted(d for d in module.start_dates if d >= today)[:n]


def day(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def french_count(value: float, one: str, other: str) -> str:
    """``value`` and its word, plural by Babel's (CLDR) French rules: "1 heure", "1,5 heure",
    "2 heures" (the PDF and the job messages are in French)."""
    text = f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")
    form = FRENCH.plural_form(round(float(value), 1))
    return f"{text} {one if form == 'one' else other}"


def hours(value: float | None) -> str:
    if not value:
        return UNKNOWN
    return french_count(value, "heure", "heures")


def facts(module: Module, today: date) -> list[tuple[str, str]]:
    """The lines printed under a module's title, as (label, value)."""
    dates = next_starts(module, today)
    if dates:
        starts = ", ".join(day(d) for d in dates)
    elif module.start_dates:
        starts = "Aucune date à venir annoncée : à vérifier auprès de l'organisme"
    else:
        starts = "Non précisées : à vérifier auprès de l'organisme"
    place = module.city or UNKNOWN
    if module.city and module.postal_code:
        place = f"{module.postal_code} {module.city}"
    return [
        ("Organisme", module.provider or UNKNOWN),
        ("Lieu", place),
        ("Durée", hours(module.duration_hours)),
        ("Format", FORMATS.get(module.format_key or "", module.format or UNKNOWN)),
        ("Niveau", LEVELS.get(module.level_key or "", module.level or UNKNOWN)),
        ("Prix", module.cost or UNKNOWN),
        ("Prochaines dates", starts),
        ("Inscription", module.url or UNKNOWN),
    ]


class _Document(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.font_family, size=8)
        self.cell(0, 5, f"Page {self.page_no()}/{{nb}}", align="C")


def shortlist_pdf(doc: ShortlistDoc, *, font: Path | None = FONT, compress: bool = True) -> bytes:
    """The PDF of ``doc``.

    Args:
        doc: what to print.
        font: a Unicode TrueType font; ``None`` or a missing file: core Helvetica.
        compress: ``False`` leaves the page streams readable (for tests).
    """
    pdf = _Document(format="A4")
    pdf.set_compression(compress)
    pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    pdf.set_auto_page_break(True, margin=MARGIN_MM)
    pdf.set_title(f"Formations proposées - {doc.reference}")
    pdf.set_subject("Formations choisies avec votre conseiller")
    pdf.set_author("Boussole")
    pdf.set_lang("fr")
    # Readers show the title, not the file name, in their window (PDF/UA).
    pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)
    family, clean = _font(pdf, font)
    pdf.set_section_title_styles(
        TextStyle(family, "B", 16, t_margin=0, b_margin=2),
        TextStyle(family, "B", 12, t_margin=2, b_margin=1),
    )
    pdf.add_page()
    pdf.set_font(family, "", 10)

    def line(text: str, size: float = 10, style: str = "", height: float = 5.5) -> None:
        pdf.set_font(family, style, size)
        pdf.multi_cell(0, height, clean(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def fact(label: str, value: str) -> None:
        pdf.set_font(family, "B", 10)
        pdf.cell(LABEL_MM, 5.5, clean(label), new_x=XPos.RIGHT, new_y=YPos.TOP)
        pdf.set_font(family, "", 10)
        # Left-aligned, as on the page: justified text stretches the dates' spaces.
        pdf.multi_cell(0, 5.5, clean(value), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    # Headings are sections: structure elements and bookmarks a screen reader can follow.
    pdf.start_section(clean("Formations proposées"), level=0)
    line(f"Référence : {doc.reference}    Date : {day(doc.on)}")
    pdf.ln(4)
    if not doc.entries:
        line("Cette liste ne contient encore aucune formation.")
    for n, entry in enumerate(doc.entries, 1):
        pdf.start_section(clean(f"{n}. {entry.title}"), level=1)
        if entry.module is None:
            line("Cette formation n'est plus au catalogue : renseignez-vous auprès du conseiller.")
        else:
            for label, value in facts(entry.module, doc.on):
                fact(label, value)
        if entry.note:
            fact("Note du conseiller", entry.note)
        pdf.ln(3)
    pdf.start_section(clean("Qui contacter ?"), level=1)
    fact("Votre conseiller", doc.contact or "La personne qui vous a donné cette liste.")
    for provider, contact in provider_contacts(doc.entries):
        line(f"{provider} : {contact or 'voir le lien « Inscription » de sa formation.'}")
    return bytes(pdf.output())


def _font(pdf: FPDF, font: Path | None) -> tuple[str, Callable[[str], str]]:
    if font is not None and font.is_file():
        pdf.add_font("dejavu", "", str(font))
        for style, suffix in (("B", "-Bold"), ("I", "-Oblique")):
            variant = font.with_name(f"{font.stem}{suffix}{font.suffix}")
            pdf.add_font("dejavu", style, str(variant if variant.is_file() else font))
        return "dejavu", _keep
    pdf.core_fonts_encoding = CORE_ENCODING
    return "helvetica", _to_core


def _keep(text: str) -> str:
    return text


def _to_core(text: str) -> str:
    """``text`` with what Windows-1252 cannot write replaced by ``?``."""
    return text.encode(CORE_ENCODING, "replace").decode(CORE_ENCODING)
