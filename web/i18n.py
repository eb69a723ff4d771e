"""The pages' languages: French first, then Dutch, English and German.

Strings are written in French in the templates (``{% trans %}``, ``_()``); the Babel catalogs
``web/locales/{nl,en,de}/LC_MESSAGES/messages.po`` translate them. The ``.po`` files are read
when the app starts (no compiled ``.mo`` to keep in step); a string missing from a catalog, or
left empty there, shows in French, never as a key. ``pybabel extract -F babel.cfg`` refreshes
``web/locales/messages.pot`` from the templates (see the README).
"""

from __future__ import annotations

import functools
import io
from pathlib import Path
from typing import Literal

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

PageLanguage = Literal["fr", "nl", "en", "de"]
PAGE_LANGUAGES: tuple[PageLanguage, ...] = ("fr", "nl", "en", "de")
DEFAULT_LANGUAGE: PageLanguage = "fr"
# Each language's name in itself, for the switch.
LANGUAGE_NAMES: dict[PageLanguage, str] = {
    "fr": "Français",
    "nl": "Nederlands",
    "en": "English",
    "de": "Deutsch",
}
LOCALES = Path(__file__).parent / "locales"


def page_language(value: str | None) -> PageLanguage:
    """``value`` if it is one of the page languages, else French."""
    for lang in PAGE_LANGUAGES:
        if value == lang:
            return lang
    return DEFAULT_LANGUAGE


@functools.lru_cache(maxsize=len(PAGE_LANGUAGES))
def translations(language: PageLanguage) -> NullTranslations:
    """The catalog of ``language`` (French: none, the templates are written in French)."""
    po = LOCALES / language / "LC_MESSAGES" / "messages.po"
    if language == DEFAULT_LANGUAGE or not po.is_file():
        return NullTranslations()
    with po.open("rb") as f:
        catalog = read_po(f, locale=language)
    buffer = io.BytesIO()
    # Fuzzy entries are guesses: French is better than a wrong translation.
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer)
