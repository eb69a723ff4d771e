"""Partners: the secret key on the REST API, CORS for their origins only, per-key rate limits,
the embed page framed only by their origins, widget.js, and an OpenAPI whose examples run."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from assistant.partners import FilePartnerStore
from assistant.search import SearchService
from assistant.settings import Settings
from index.store import LoadedIndex
from tests.web.conftest import PartnerKeys
from tests.web.html_tools import parse
from web.app import create_app
from web.routes.embed import contrast_text

QUERY = {"text": "Excel tableaux croisés dynamiques"}


def make_app(built_index: LoadedIndex, tmp_path: Path, store: FilePartnerStore) -> Any:
    return create_app(
        Settings(index_dir=tmp_path / "index"), services=SearchService(built_index), partners=store
    )


@pytest.fixture
def client(built_index: LoadedIndex, tmp_path: Path, partner: PartnerKeys) -> Iterator[TestClient]:
    with TestClient(make_app(built_index, tmp_path, partner.store)) as c:
        yield c


@pytest.mark.parametrize("path", ["/api/v1/search", "/api/v1/chat", "/api/v1/pathway"])
def test_the_api_needs_a_secret_key(client: TestClient, path: str) -> None:
    r = client.post(path, json={"text": "excel", "message": "excel"})
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert "secret key" in r.json()["detail"]
    assert client.get("/api/v1/modules/m1").status_code == 401


def test_a_wrong_or_publishable_key_is_refused(client: TestClient, partner: PartnerKeys) -> None:
    for key in ("sk_wrong", partner.publishable, "", "Bearer"):
        r = client.post("/api/v1/search", json=QUERY, headers={"Authorization": f"Bearer {key}"})
        assert r.status_code == 401, key


def test_the_key_works_in_either_header(client: TestClient, partner: PartnerKeys) -> None:
    assert client.post("/api/v1/search", json=QUERY, headers=partner.headers).status_code == 200
    r = client.post("/api/v1/search", json=QUERY, headers={"X-Api-Key": partner.secret})
    assert r.status_code == 200 and r.headers["x-ratelimit-limit"] == "60"


def test_a_revoked_key_stops_working_at_once(client: TestClient, partner: PartnerKeys) -> None:
    assert client.post("/api/v1/search", json=QUERY, headers=partner.headers).status_code == 200
    partner.store.revoke("Portail test")
    assert client.post("/api/v1/search", json=QUERY, headers=partner.headers).status_code == 401


def test_each_key_has_its_rate_limit(built_index: LoadedIndex, tmp_path: Path) -> None:
    store = FilePartnerStore(tmp_path / "p.json")
    _, _, slow = store.add("Lent", ["https://lent.be"], rate_limit=2)
    _, _, other = store.add("Autre", ["https://autre.be"])
    with TestClient(make_app(built_index, tmp_path, store)) as c:
        for _ in range(2):
            ok = c.post("/api/v1/search", json=QUERY, headers={"X-Api-Key": slow})
            assert ok.status_code == 200
        r = c.post("/api/v1/search", json=QUERY, headers={"X-Api-Key": slow})
        assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
        assert "rate limit" in r.json()["detail"]
        assert c.post("/api/v1/search", json=QUERY, headers={"X-Api-Key": other}).status_code == 200


def test_cors_only_for_the_partners_origins(client: TestClient, partner: PartnerKeys) -> None:
    allowed = {**partner.headers, "Origin": "http://portal.test"}
    r = client.post("/api/v1/search", json=QUERY, headers=allowed)
    assert r.headers["access-control-allow-origin"] == "http://portal.test"
    other = {**partner.headers, "Origin": "https://evil.example"}
    r = client.post("/api/v1/search", json=QUERY, headers=other)
    assert r.status_code == 200 and "access-control-allow-origin" not in r.headers


def test_preflight_answers_registered_origins_only(client: TestClient) -> None:
    ask = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization",
    }
    r = client.options("/api/v1/search", headers={**ask, "Origin": "http://portal.test"})
    assert r.status_code == 204
    assert r.headers["access-control-allow-origin"] == "http://portal.test"
    assert "Authorization" in r.headers["access-control-allow-headers"]
    refused = client.options("/api/v1/search", headers={**ask, "Origin": "https://evil.example"})
    assert refused.status_code == 403 and "access-control-allow-origin" not in refused.headers


def test_pathway_leads_from_the_text(client: TestClient, partner: PartnerKeys) -> None:
    r = client.post(
        "/api/v1/pathway",
        json={
            "text": "Je débute avec l'ordinateur et je veux maîtriser Excel",
            "profile": {"place": "Mons"},
        },
        headers=partner.headers,
    )
    assert r.status_code == 200
    body = r.json()
    assert body["profile"]["place"]["name"] == "Mons"
    steps = body["pathway"]["steps"] if body["pathway"] else body["matches"]
    assert steps and all(s["module"]["id"].startswith("m") for s in steps)


def test_open_routes_need_no_key(client: TestClient) -> None:
    assert client.get("/healthz").status_code == 200
    assert client.get("/modules.json").status_code == 200
    assert client.get("/modules/m1.json").status_code == 200


def test_the_embed_is_framed_only_by_the_partners_origins(
    client: TestClient, partner: PartnerKeys
) -> None:
    r = client.get(f"/embed/chat?key={partner.publishable}&color=0B6E4F&title=Mon%20titre")
    assert r.status_code == 200
    csp = r.headers["content-security-policy"]
    assert (
        "frame-ancestors http://portal.test" in csp
        and "'none'" not in csp.split("frame-ancestors")[1]
    )
    page = parse(r.text)
    assert page.find("h1").text == "Mon titre"
    assert page.find(id="embed").attrs["data-origins"] == "http://portal.test"
    assert page.find("link", href="/embed/theme.css?color=0b6e4f")
    form = page.find("form", id="chat-form")
    assert form.attrs["action"] == "/embed/chat#latest"
    assert form.find("input", name="key").attrs["value"] == partner.publishable


def test_the_embed_chat_answers_inside_the_frame(client: TestClient, partner: PartnerKeys) -> None:
    data = {"key": partner.publishable, "message": "Je veux apprendre Excel à Mons"}
    r = client.post("/embed/chat", data=data)
    assert (
        r.status_code == 200
        and "frame-ancestors http://portal.test" in r.headers["content-security-policy"]
    )
    page = parse(r.text)
    assert page.find_all("li", cls="card")
    assert page.find_all("button", cls="choose")


@pytest.mark.parametrize("key", ["pk_unknown", "", "sk_nope"])
def test_an_unknown_key_gets_an_error_page_not_a_chat(client: TestClient, key: str) -> None:
    r = client.get(f"/embed/chat?key={key}")
    assert r.status_code == 403
    assert "frame-ancestors *" in r.headers["content-security-policy"]
    page = parse(r.text)
    assert not page.find_all("form") and "clé" in page.find("main").text
    assert client.post("/embed/chat", data={"key": key, "message": "Excel"}).status_code == 403


def test_a_revoked_key_gets_the_error_page(client: TestClient, partner: PartnerKeys) -> None:
    partner.store.revoke("Portail test")
    assert client.get(f"/embed/chat?key={partner.publishable}").status_code == 403


def test_widget_js_is_small_and_standalone(client: TestClient) -> None:
    r = client.get("/widget.js")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/javascript")
    assert len(r.content) <= 15 * 1024
    assert (
        "import " not in r.text
        and "http://" not in r.text
        and "https://" not in r.text.split("*/", 1)[1]
    )


def test_theme_css_keeps_text_readable(client: TestClient) -> None:
    assert "--accent: #ffdd00" in client.get("/embed/theme.css?color=FFDD00").text
    assert contrast_text("#ffdd00") == "#111111" and contrast_text("#0b5394") == "#ffffff"
    assert "--accent: #0b5394" in client.get("/embed/theme.css?color=red;}body{").text


def test_openapi_examples_are_real_requests(client: TestClient, partner: PartnerKeys) -> None:
    spec = client.get("/openapi.json").json()
    assert spec["components"]["securitySchemes"]
    ran = 0
    for path, methods in spec["paths"].items():
        for method, op in methods.items():
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
            schema = body.get("schema", {})
            ref = schema.get("$ref", "").rsplit("/", 1)[-1]
            examples = spec["components"]["schemas"].get(ref, {}).get("examples", [])
            for example in examples:
                r = client.request(method.upper(), path, json=example, headers=partner.headers)
                assert r.status_code == 200, (path, example, r.text)
                ran += 1
    assert ran >= 4
