"""A shortlist as an A4 PDF (fpdf2), from plain data: no web, no database.

The text is set in DejaVu Sans when the system has it (Debian: ``fonts-dejavu-core``), so
every character prints. Without it the PDF falls back to the core Helvetica font, which knows
only Windows-1252: other characters print as ``?`` rather than failing the export.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from corpus.model import Module

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
CORE_ENCODING = "windows-1252"
MARGIN_MM = 18
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


def next_starts(module: Module, today: date, n: int = NEXT_DATES) -> list[date]:
    """The first ``n`` start dates on or after ``today``."""
    return sorted(d for d in module.start_dates if d >= today)[:n]


def day(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def hours(value: float | None) -> str:
    if not value:
        return UNKNOWN
    text = f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")
    return f"{text} heures"


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
    pdf.set_author("Boussole")
    pdf.set_lang("fr")
    family, clean = _font(pdf, font)
    pdf.add_page()

    def line(text: str, size: float = 10, style: str = "", height: float = 5.5) -> None:
        pdf.set_font(family, style, size)
        pdf.multi_cell(0, height, clean(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    line("Formations proposées", 16, "B", 8)
    line(f"Référence : {doc.reference}    Date : {day(doc.on)}")
    pdf.ln(4)
    if not doc.entries:
        line("Cette liste ne contient encore aucune formation.")
    for n, entry in enumerate(doc.entries, 1):
        line(f"{n}. {entry.title}", 12, "B", 6.5)
        if entry.module is None:
            line("Cette formation n'est plus au catalogue : renseignez-vous auprès du conseiller.")
        else:
            for label, value in facts(entry.module, doc.on):
                line(f"{label} : {value}")
        if entry.note:
            line(f"Note du conseiller : {entry.note}", style="I")
        pdf.ln(3)
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
