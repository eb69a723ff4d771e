"""The pages' translations: complete, in step with the templates and code, and used by the app.

The catalogs are ``web/locales/{nl,en,de}/LC_MESSAGES/messages.po``; the French source strings
come from ``_()`` in the templates and in ``web/``. When a test here fails after a string was
added or changed, refresh the catalogs with the two commands at the top of ``babel.cfg`` and
translate what is new (see the README, "Translations").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from fastapi.testclient import TestClient

from assistant.search import SearchService
from assistant.settings import Settings
from index.store import LoadedIndex
from tests.web.conftest import PartnerKeys
from tests.web.html_tools import parse
from web.app import create_app
from web.i18n import LOCALES, translations

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("nl", "en", "de")
PLURAL_FORMS = "nplurals=2; plural=(n != 1);"
REFRESH = (
    "refresh with: pybabel extract -F babel.cfg -o web/locales/messages.pot --no-wrap "
    "--sort-output --omit-header --project Boussole . && "
    "pybabel update -i web/locales/messages.pot -d web/locales --no-wrap"
)
# Every conversion a translation may use; newstyle gettext %-formats every string it returns.
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]")

# Each page's <h1>, written in French in its template.
PAGE_TITLES = {
    "/": "Trouver une formation qui vous convient",
    "/modules": "Catalogue des formations",
    "/confidentialite": "Ce que devient ce que vous écrivez",
    "/accessibilite": "Déclaration d'accessibilité",
}


def po_path(lang: str) -> Path:
    return LOCALES / lang / "LC_MESSAGES" / "messages.po"


def load_catalog(path: Path, lang: str | None = None) -> Catalog:
    with path.open("rb") as f:
        return read_po(f, locale=lang, abort_invalid=True)


def msgid(value: object) -> str:
    """The singular of a msgid or msgstr, for plain and plural messages alike."""
    if isinstance(value, (tuple, list)):
        return str(value[0]) if value else ""
    return str(value or "")


def catalog_ids(catalog: Catalog) -> set[str]:
    return {msgid(m.id) for m in catalog if m.id}


def source_ids() -> set[str]:
    """The msgids in the templates and code today, extracted as ``pybabel extract`` does."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f, "babel.cfg")  # type: ignore[no-untyped-call]
    return {msgid(found[2]) for found in extract_from_dir(ROOT, method_map, options_map)}


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_is_valid_and_fully_translated(lang: str) -> None:
    catalog = load_catalog(po_path(lang), lang)
    assert str(catalog.locale) == lang
    headers = dict(catalog.mime_headers)
    assert headers["Language"] == lang
    assert headers["Plural-Forms"] == PLURAL_FORMS
    assert headers["Content-Type"] == "text/plain; charset=utf-8"
    assert not catalog.fuzzy
    messages = [m for m in catalog if m.id]
    assert messages
    untranslated = [msgid(m.id) for m in messages if not m.string or not all(m.string)]
    fuzzy = [msgid(m.id) for m in messages if m.fuzzy]
    assert untranslated == [], f"{lang}: not translated: {untranslated}"
    assert fuzzy == [], f"{lang}: fuzzy (shown in French until checked): {fuzzy}"


@pytest.mark.parametrize("name", ["messages.pot", *LANGUAGES])
def test_catalog_is_in_step_with_the_sources(name: str) -> None:
    path = LOCALES / name if name.endswith(".pot") else po_path(name)
    in_catalog = catalog_ids(load_catalog(path))
    in_sources = source_ids()
    missing = sorted(in_sources - in_catalog)
    stale = sorted(in_catalog - in_sources)
    assert (missing, stale) == ([], []), (
        f"{path.relative_to(ROOT)}: new strings not in the catalog: {missing}; "
        f"strings no longer in the sources: {stale}; {REFRESH}"
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translations_keep_the_placeholders(lang: str) -> None:
    wrong: list[str] = []
    for message in load_catalog(po_path(lang), lang):
        if not message.id:
            continue
        source, translated = msgid(message.id), msgid(message.string)
        names = placeholders(source)
        if placeholders(translated) != names:
            wrong.append(f"{source!r} -> {translated!r}")
            continue
        try:
            # What jinja2's newstyle gettext does with every string; a stray % would fail here.
            translated % dict.fromkeys(names, 1)
        except (KeyError, ValueError, TypeError):
            wrong.append(f"{source!r} -> {translated!r}")
    assert wrong == [], f"{lang}: placeholders differ from the French: {wrong}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_string_missing_from_the_catalog_shows_in_french(lang: str) -> None:
    french = "Une phrase que personne n'a encore traduite : %(n)s"
    assert french not in catalog_ids(load_catalog(po_path(lang), lang))
    assert translations(lang).gettext(french) == french


def test_translations_are_not_french() -> None:
    # The catalogs are read, not silently replaced by the French fallback.
    assert translations("de").gettext("Envoyer") == "Senden"
    assert translations("nl").gettext("Envoyer") == "Verzenden"
    assert translations("en").gettext("Envoyer") == "Send"


@pytest.fixture
def client(built_index: LoadedIndex, tmp_path: Path, partner: PartnerKeys) -> Iterator[TestClient]:
    app = create_app(
        Settings(index_dir=tmp_path / "index"),
        services=SearchService(built_index),
        partners=partner.store,
    )
    with TestClient(app) as c:
        yield c


@pytest.mark.parametrize("path", list(PAGE_TITLES))
@pytest.mark.parametrize("lang", ["fr", *LANGUAGES])
def test_pages_render_in_each_language(client: TestClient, lang: str, path: str) -> None:
    french = PAGE_TITLES[path]
    if lang == "fr":
        expected = french
    else:
        message = load_catalog(po_path(lang), lang).get(french)
        assert message is not None and message.string and message.string != french
        expected = msgid(message.string)
    r = client.get(path, params={"lang": lang})
    assert r.status_code == 200
    page = parse(r.text)
    assert page.find("html").attrs["lang"] == lang
    assert [h1.text for h1 in page.find_all("h1")] == [expected]
