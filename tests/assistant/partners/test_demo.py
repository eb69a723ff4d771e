from __future__ import annotations

import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from assistant.partners import FilePartnerStore, InvalidOriginError
from assistant.partners.demo import DEMO_PARTNER, demo_origins, make_demo_partner_server

BOUSSOLE = "http://127.0.0.1:8000"


class Page(HTMLParser):
    """What the tests read from the page: tags with their attributes, and some texts."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.texts: dict[str, str] = {}
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            del self._open[len(self._open) - 1 - self._open[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        for tag in self._open:
            if tag in ("pre", "h1", "title", "ol"):
                self.texts[tag] = self.texts.get(tag, "") + data

    def all(self, name: str) -> list[dict[str, str | None]]:
        return [attrs for tag, attrs in self.tags if tag == name]


@pytest.fixture
def store(tmp_path: Path) -> FilePartnerStore:
    return FilePartnerStore(tmp_path / "partners.json")


@contextmanager
def running(store: FilePartnerStore) -> Iterator[tuple[ThreadingHTTPServer, str, str]]:
    server, key = make_demo_partner_server(store, "127.0.0.1", 0, BOUSSOLE)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server, key, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def get(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.headers["Content-Type"], response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read().decode()


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def test_page_embeds_the_widget_with_a_key_the_store_accepts(store: FilePartnerStore) -> None:
    with running(store) as (_, key, base):
        status, content_type, html = get(base + "/")
    assert status == 200 and content_type == "text/html; charset=utf-8"
    page = parse(html)
    widget = [a for a in page.all("script") if a.get("src") == f"{BOUSSOLE}/widget.js"]
    assert widget == [
        {
            "src": f"{BOUSSOLE}/widget.js",
            "data-key": key,
            "data-lang": "fr",
            "data-color": "#0b6e4f",
            "data-title": "Trouver une formation",
            "async": None,
        }
    ]
    partner = store.by_publishable_key(key)
    assert partner is not None and partner.name == DEMO_PARTNER
    # The same tag, shown for partners to copy.
    assert f'data-key="{key}"' in page.texts["pre"]
    assert page.texts["pre"].startswith(f'<script src="{BOUSSOLE}/widget.js"')


def test_the_server_origin_is_registered(store: FilePartnerStore) -> None:
    with running(store) as (server, key, base):
        port = server.server_address[1]
    partner = store.by_publishable_key(key)
    assert partner is not None
    assert partner.origins == (base, f"http://localhost:{port}")
    assert partner.allows_origin(base)
    assert store.all_origins() == frozenset(partner.origins)


def test_a_restart_rotates_the_keys(store: FilePartnerStore) -> None:
    with running(store) as (_, first_key, _):
        pass
    with running(store) as (_, second_key, base):
        _, _, html = get(base + "/")
    assert first_key != second_key
    assert store.by_publishable_key(first_key) is None
    assert store.by_publishable_key(second_key) is not None
    assert f'data-key="{second_key}"' in html
    assert [p.name for p in store.list()] == [DEMO_PARTNER]


def test_a_revoked_demo_partner_comes_back(store: FilePartnerStore) -> None:
    with running(store):
        pass
    store.revoke(DEMO_PARTNER)
    with running(store) as (_, key, _):
        assert store.by_publishable_key(key) is not None


def test_page_is_accessible_and_loads_only_from_itself_and_boussole(
    store: FilePartnerStore,
) -> None:
    with running(store) as (_, _, base):
        _, _, html = get(base + "/")
    page = parse(html)
    assert page.all("html") == [{"lang": "fr"}]
    names = [tag for tag, _ in page.tags]
    for landmark in ("header", "nav", "main", "footer"):
        assert names.count(landmark) == 1, landmark
    assert names.count("h1") == 1 and names.count("h2") >= 2
    assert page.texts["h1"].strip() and "Démoville" in page.texts["title"]
    assert page.all("ol") == [{"id": "events", "aria-live": "polite"}]
    assert not page.texts.get("ol", "").strip()
    # No inline script: every script has a src, and only the widget's is another host's.
    scripts = page.all("script")
    assert all(s.get("src") for s in scripts)
    assert {s["src"] for s in scripts} == {f"{BOUSSOLE}/widget.js", "/demo.js"}
    for _, attrs in page.tags:
        for name in ("src", "href"):
            value = attrs.get(name) or ""
            assert value.startswith(("/", "#", "data:", BOUSSOLE)) or not value, value


def test_assets_and_404(store: FilePartnerStore) -> None:
    with running(store) as (_, _, base):
        status, content_type, script = get(base + "/demo.js")
        assert status == 200 and content_type == "text/javascript; charset=utf-8"
        assert 'addEventListener("boussole:module"' in script
        status, content_type, _ = get(base + "/demo.css")
        assert status == 200 and content_type.startswith("text/css")
        assert get(base + "/?from=partner")[0] == 200
        for path in ("/nope", "/widget.js", "/demo.js/x", "/index.html.j2", "/../partners.json"):
            status, _, _ = get(base + path)
            assert status == 404, path


def test_demo_origins() -> None:
    assert demo_origins("127.0.0.1", 8001) == ["http://127.0.0.1:8001", "http://localhost:8001"]
    assert demo_origins("localhost", 8001) == ["http://localhost:8001", "http://127.0.0.1:8001"]
    assert demo_origins("0.0.0.0", 80) == ["http://127.0.0.1", "http://localhost"]
    assert demo_origins("portail.demoville.be", 8001) == ["http://portail.demoville.be:8001"]
    assert demo_origins("::1", 8001) == ["http://[::1]:8001"]


def test_a_bad_boussole_url_is_refused_before_anything_changes(store: FilePartnerStore) -> None:
    with pytest.raises(InvalidOriginError, match="'ftp://x'"):
        make_demo_partner_server(store, "127.0.0.1", 0, "ftp://x")
    assert store.list() == []
