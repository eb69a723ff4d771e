"""Bad input on the JSON API: a clear 422 naming the field, never a 500."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.search import SearchService
from assistant.settings import Settings
from corpus.loaders import load_catalog
from index.builder import build_index
from index.store import LoadedIndex
from tests.conftest import SMALL, write_jsonl
from tests.fakes import FakeEncoder
from tests.web.conftest import PartnerKeys
from tests.web.html_tools import parse
from web.app import create_app

LONE = "\ud800"


@pytest.fixture
def client(built_index: LoadedIndex, tmp_path: Path, partner: PartnerKeys) -> Iterator[TestClient]:
    settings = Settings(index_dir=tmp_path / "index")
    app = create_app(settings, services=SearchService(built_index), partners=partner.store)
    with TestClient(app, headers=partner.headers) as c:
        yield c


def _post(client: TestClient, path: str, body: dict[str, object]) -> tuple[int, dict[str, object]]:
    # json.dumps writes the lone surrogate as the escape "\ud800", as a client library would.
    raw = json.dumps(body)
    r = client.post(path, content=raw, headers={"Content-Type": "application/json"})
    return r.status_code, r.json()


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/api/v1/search", {"text": f"excel {LONE}"}, "text"),
        ("/api/v1/pathway", {"text": f"réseaux {LONE}"}, "text"),
        ("/api/v1/chat", {"message": f"bonjour {LONE}"}, "message"),
        ("/api/v1/search", {"text": "excel", "profile": {"goals": [LONE]}}, "profile.goals"),
        ("/api/v1/search", {"text": "excel", "filters": {"provider": LONE}}, "filters.provider"),
    ],
)
def test_a_lone_surrogate_is_422_naming_the_field(
    client: TestClient, path: str, body: dict[str, object], field: str
) -> None:
    status, answer = _post(client, path, body)
    assert status == 422
    errors = answer["errors"]
    assert isinstance(errors, list)
    assert any(
        e["field"].startswith(field) and ("surrogate" in e["problem"] or "unicode" in e["problem"])
        for e in errors
    )
    assert LONE not in json.dumps(answer, ensure_ascii=False).encode("utf-8", "replace").decode()


def test_k_above_the_documented_maximum_is_422(client: TestClient) -> None:
    ok = client.post("/api/v1/search", json={"text": "excel", "k": 100})
    assert ok.status_code == 200
    r = client.post("/api/v1/search", json={"text": "excel", "k": 101})
    assert r.status_code == 422
    assert "k" in json.dumps(r.json()) and "100" in json.dumps(r.json())


def test_unknown_filters_city_is_422_like_an_unknown_profile_place(client: TestClient) -> None:
    place = client.post(
        "/api/v1/search", json={"text": "excel", "profile": {"place": "Zzyzxville"}}
    )
    city = client.post("/api/v1/search", json={"text": "excel", "filters": {"city": "Zzyzxville"}})
    assert place.status_code == city.status_code == 422
    assert city.json()["detail"].replace("filters.city", "profile.place") == place.json()["detail"]


def test_a_known_town_without_modules_and_a_catalog_town_are_accepted(client: TestClient) -> None:
    known = client.post("/api/v1/search", json={"text": "excel", "filters": {"city": "Arlon"}})
    assert known.status_code == 200 and known.json()["count"] == 0
    postal = client.post("/api/v1/search", json={"text": "excel", "filters": {"city": "5590"}})
    assert postal.status_code == 200 and postal.json()["count"] >= 1


def test_module_links_percent_encode_the_id(tmp_path: Path, partner: PartnerKeys) -> None:
    records = [dict(SMALL[1], id="excel@technobel"), *SMALL[2:4]]
    index_dir = tmp_path / "at-index"
    build_index(load_catalog(write_jsonl(tmp_path / "at.jsonl", records)), FakeEncoder(), index_dir)
    index = LoadedIndex.open(index_dir, FakeEncoder())
    app = create_app(Settings(index_dir=index_dir), services=SearchService(index))
    with TestClient(app) as c:
        page = parse(c.get("/modules").text)
        hrefs = [
            a.attrs["href"] for a in page.find_all("a") if "technobel" in a.attrs.get("href", "")
        ]
        assert hrefs and all(h.startswith("/modules/excel%40technobel") for h in hrefs)
        module = c.get(hrefs[0])
        assert module.status_code == 200
        twin = parse(module.text).find("link", rel="alternate").attrs["href"]
        assert twin == "/modules/excel%40technobel.json" and c.get(twin).status_code == 200
