"""Share links and the widget tag never take their host from the request; framing and HSTS
headers; forwarded headers trusted only from listed proxies."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi.testclient import TestClient

from assistant.cli import app as cli
from assistant.console import open_console
from assistant.search import SearchService
from assistant.settings import Settings
from index.store import LoadedIndex
from tests.fakes import FakeEncoder
from tests.web.console_fixtures import PASSWORD, ConsoleApp, csrf_of
from tests.web.html_tools import parse
from web.app import create_app

ADMIN = "admin@forem.be"
ANA = "ana@forem.be"


def _app(built_index: LoadedIndex, tmp_path: Path, **settings: Any) -> ConsoleApp:
    config = Settings(
        index_dir=tmp_path / "index",
        database_url=f"sqlite:///{tmp_path / 'db.sqlite'}",
        secret_key_file=tmp_path / "secret.key",
        **settings,
    )
    console = open_console(config)
    console.accounts.add(ANA, PASSWORD, "counsellor")
    console.accounts.add(ADMIN, PASSWORD, "admin")
    return ConsoleApp(config, console, create_app(config, services=SearchService(built_index)))


@pytest.fixture
def plain(built_index: LoadedIndex, tmp_path: Path) -> Iterator[ConsoleApp]:
    made = _app(built_index, tmp_path)
    yield made
    made.console.close()


@pytest.fixture
def public(built_index: LoadedIndex, tmp_path: Path) -> Iterator[ConsoleApp]:
    made = _app(built_index, tmp_path, public_url="https://boussole.example.be/")
    yield made
    made.console.close()


def _share_link(app: ConsoleApp, host: str) -> str:
    client = app.signed_in(ANA)
    client.headers["Host"] = host
    page = client.get("/console/shortlists")
    made = client.post(
        "/console/shortlists",
        data={"csrf": csrf_of(page.text), "reference": "DOS-1"},
        follow_redirects=False,
    )
    public_id = made.headers["location"].split("/")[-1].split("?")[0]
    token = csrf_of(client.get(f"/console/shortlists/{public_id}").text)
    r = client.post(f"/console/shortlists/{public_id}/share", data={"csrf": token})
    return parse(r.text).find("input", id="share-link").attrs["value"]


def _widget_tag(app: ConsoleApp, host: str) -> str:
    client = app.signed_in(ADMIN)
    client.headers["Host"] = host
    page = client.get("/console/admin/partners")
    r = client.post(
        "/console/admin/partners",
        data={"csrf": csrf_of(page.text), "name": "Portail", "origins": "https://p.example\n"},
    )
    return html.unescape(parse(r.text).find("section", cls="keys").find("textarea").text)


def test_share_link_ignores_a_forged_host_and_uses_the_bound_address(plain: ConsoleApp) -> None:
    link = _share_link(plain, "evil.example")
    assert "evil.example" not in link
    assert re.fullmatch(r"https://testserver/s/[\w.-]+", link), link


def test_share_link_and_widget_tag_use_the_public_url(public: ConsoleApp) -> None:
    link = _share_link(public, "evil.example")
    assert link.startswith("https://boussole.example.be/s/"), link
    tag = _widget_tag(public, "evil.example")
    assert 'src="https://boussole.example.be/widget.js"' in tag and "evil" not in tag


def test_widget_tag_ignores_a_forged_host(plain: ConsoleApp) -> None:
    tag = _widget_tag(plain, "evil.example")
    assert "evil.example" not in tag and 'src="https://testserver/widget.js"' in tag


@pytest.mark.parametrize(
    "bad", ["boussole.example.be", "ftp://x.example", "https://", "javascript:x"]
)
def test_public_url_must_be_an_http_address(bad: str) -> None:
    with pytest.raises(ValueError, match="public_url"):
        Settings(public_url=bad)


def test_pages_refuse_framing_for_old_browsers_too(plain: ConsoleApp) -> None:
    with TestClient(plain.app) as client:
        r = client.get("/accessibilite")
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
    assert r.headers["x-frame-options"] == "DENY"
    assert "strict-transport-security" not in r.headers  # plain http: no HSTS


def test_hsts_over_https_only(plain: ConsoleApp) -> None:
    with TestClient(plain.app, base_url="https://testserver") as client:
        r = client.get("/accessibilite")
    assert r.headers["strict-transport-security"].startswith("max-age=")
    assert int(r.headers["strict-transport-security"].split("=")[1].split(";")[0]) >= 15552000


def test_embed_page_framed_by_partners_has_no_x_frame_options(plain: ConsoleApp) -> None:
    _, publishable, _ = plain.console.partners.add("Portail", ["https://p.example"])
    with TestClient(plain.app) as client:
        r = client.get("/embed/chat", params={"key": publishable})
    assert "frame-ancestors https://p.example" in r.headers["content-security-policy"]
    assert "x-frame-options" not in r.headers  # it cannot name an origin; CSP rules there


# -- forwarded headers -------------------------------------------------------------------------


async def _echo_client(scope: Any, receive: Any, send: Any) -> None:
    client = scope.get("client") or ("", 0)
    body = f"{client[0]} {scope['scheme']}".encode()
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": body})


def _served_options(
    monkeypatch: pytest.MonkeyPatch, small_catalog_file: Path, tmp_path: Path, **env: str
) -> dict[str, Any]:
    captured: dict[str, Any] = {}
    monkeypatch.setattr("assistant.cli.serve.make_encoder", lambda name: FakeEncoder())
    monkeypatch.setattr("assistant.cli.index.make_encoder", lambda name: FakeEncoder())
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: captured.update(kw))
    monkeypatch.setenv("BOUSSOLE_ENCODER", "fake")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    ix = str(tmp_path / "ix")
    build = ["index", "build", "--catalog", str(small_catalog_file), "--index-dir", ix, "--quiet"]
    assert cli.main(build) == 0
    assert cli.main(["serve", "--index-dir", ix]) == 0
    return captured


def _seen_through(options: dict[str, Any], peer: str) -> str:
    kept = {k: v for k, v in options.items() if k in ("proxy_headers", "forwarded_allow_ips")}
    config = uvicorn.Config(_echo_client, **kept)
    config.load()
    client = TestClient(config.loaded_app, client=(peer, 5000))
    return client.get(
        "/", headers={"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"}
    ).text


def test_forwarded_headers_are_not_trusted_by_default_even_from_loopback(
    monkeypatch: pytest.MonkeyPatch, small_catalog_file: Path, tmp_path: Path
) -> None:
    options = _served_options(monkeypatch, small_catalog_file, tmp_path)
    assert _seen_through(options, "127.0.0.1") == "127.0.0.1 http"


def test_forwarded_headers_are_trusted_from_a_listed_proxy_only(
    monkeypatch: pytest.MonkeyPatch, small_catalog_file: Path, tmp_path: Path
) -> None:
    options = _served_options(
        monkeypatch, small_catalog_file, tmp_path, BOUSSOLE_FORWARDED_ALLOW_IPS="10.0.0.5"
    )
    assert _seen_through(options, "10.0.0.5") == "203.0.113.9 https"
    assert _seen_through(options, "127.0.0.1") == "127.0.0.1 http"
