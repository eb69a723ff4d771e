from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from assistant.search import SearchService
from assistant.services import LiveService
from assistant.settings import Settings
from corpus.loaders import load_catalog
from index.builder import build_index
from index.store import LoadedIndex
from tests.conftest import SMALL, write_jsonl
from tests.fakes import FakeEncoder
from tests.web.conftest import PartnerKeys
from web.app import create_app

# Two more sessions of "Excel initiation": one over by autumn 2026, one starting then.
DATED = [
    {**SMALL[1], "id": "d1", "title": "Excel initiation (mars)", "start_dates": ["2026-03-02"]},
    {
        **SMALL[1],
        "id": "d2",
        "title": "Excel initiation (septembre)",
        "start_dates": ["2026-03-02", "2026-09-07"],
    },
]


@pytest.fixture
def client(built_index: LoadedIndex, tmp_path: Path, partner: PartnerKeys) -> Iterator[TestClient]:
    settings = Settings(index_dir=tmp_path / "index", max_body_bytes=16 * 1024)
    app = create_app(settings, services=SearchService(built_index), partners=partner.store)
    with TestClient(app, headers=partner.headers) as c:
        yield c


def test_search_returns_ranked_modules_with_scores(client: TestClient) -> None:
    r = client.post("/api/v1/search", json={"text": "tableaux croisés dynamiques Excel", "k": 3})
    assert r.status_code == 200
    body = r.json()
    # Only the two Excel modules answer the need: no off-topic module fills the third place.
    assert body["count"] == 2 == len(body["results"])
    first = body["results"][0]
    assert first["rank"] == 1 and first["module"]["id"] == "m3"
    assert first["score"] >= body["results"][1]["score"]
    assert set(first["scores"]) == {
        "lexical_rank",
        "lexical_score",
        "semantic_rank",
        "semantic_score",
    }
    assert "text" not in body  # the person's words are not echoed back


def test_search_filters_apply(client: TestClient) -> None:
    r = client.post(
        "/api/v1/search",
        json={"text": "formation", "k": 10, "filters": {"city": "Mons", "max_hours": 30}},
    )
    assert r.status_code == 200
    body = r.json()
    assert [h["module"]["id"] for h in body["results"]] == ["m1", "m7"] or sorted(
        h["module"]["id"] for h in body["results"]
    ) == ["m1", "m7"]
    assert body["allowed"] == 2 and body["filters"] == {"city": "Mons", "max_hours": 30}


def test_search_filters_by_provider(client: TestClient) -> None:
    r = client.post(
        "/api/v1/search",
        json={"text": "formation", "k": 10, "filters": {"provider": " FORÉM "}},
    )
    assert r.status_code == 200
    body = r.json()
    assert {h["module"]["provider"] for h in body["results"]} == {"Le Forem"}
    assert body["allowed"] == 4 == body["count"]
    assert body["filters"] == {"provider": "FORÉM"}


@contextmanager
def _dated_client(
    tmp_path: Path, partner: PartnerKeys, today: date, **settings: Any
) -> Iterator[TestClient]:
    encoder = FakeEncoder()
    tmp_path.mkdir(parents=True, exist_ok=True)
    catalog = load_catalog(write_jsonl(tmp_path / "dated.jsonl", [*SMALL, *DATED]))
    build_index(catalog, encoder, tmp_path / "dated")
    index = LoadedIndex.open(tmp_path / "dated", encoder)
    config = Settings(index_dir=tmp_path / "dated", **settings)
    live = LiveService(config, SearchService(index), float("inf"), today=lambda: today)
    app = create_app(config, services=live, partners=partner.store)
    with TestClient(app, headers=partner.headers) as c:
        yield c


@pytest.fixture
def dated_client(tmp_path: Path, partner: PartnerKeys) -> Iterator[TestClient]:
    # Early in 2026: every session of DATED is still to come, none is hidden as past.
    with _dated_client(tmp_path, partner, date(2026, 1, 1)) as client:
        yield client


def _excel_ids(client: TestClient) -> set[str]:
    r = client.post("/api/v1/search", json={"text": "Excel initiation", "k": 20})
    assert r.status_code == 200
    return {h["module"]["id"] for h in r.json()["results"]}


def test_modules_whose_sessions_are_all_past_are_hidden_from_the_api(
    tmp_path: Path, partner: PartnerKeys
) -> None:
    # Autumn 2026: d1's only session is past, d2 has one to come, m2 gives no date.
    with _dated_client(tmp_path / "a", partner, date(2026, 9, 1)) as client:
        shown = _excel_ids(client)
    assert "d1" not in shown and {"d2", "m2"} <= shown
    december = date(2026, 12, 3)  # d2's sessions are past too; m2 is not known to be over
    with _dated_client(tmp_path / "b", partner, december) as client:
        shown = _excel_ids(client)
    assert not shown & {"d1", "d2"} and "m2" in shown
    with _dated_client(tmp_path / "c", partner, december, hide_past_modules=False) as client:
        assert {"d1", "d2", "m2"} <= _excel_ids(client)


def test_search_filters_by_start_date(dated_client: TestClient) -> None:
    def ids(**filters: object) -> set[str]:
        body = {"text": "Excel initiation", "k": 20, "filters": filters}
        r = dated_client.post("/api/v1/search", json=body)
        assert r.status_code == 200
        assert r.json()["filters"] == filters
        return {h["module"]["id"] for h in r.json()["results"]}

    everything = ids()
    assert {"d1", "d2", "m2"} <= everything
    # d1's only session is over; d2 has one to come; undated modules are not known to be over.
    assert ids(starts_from="2026-09-01") == everything - {"d1"}
    assert ids(starts_from="2026-09-08") == everything - {"d1", "d2"}
    assert ids(starts_from="2026-09-01", provider="technobel") == {"d2", "m2"}


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_query_is_422_with_a_message(client: TestClient, text: str) -> None:
    r = client.post("/api/v1/search", json={"text": text})
    assert r.status_code == 422
    assert "empty" in r.json()["detail"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"k": 3}, "text"),
        ({"text": "excel", "k": 0}, "k"),
        ({"text": "excel", "k": 5000}, "k"),
        ({"text": "excel", "filters": {"level": "expert"}}, "filters.level"),
        ({"text": "excel", "filters": {"max_hours": -1}}, "filters.max_hours"),
        ({"text": "excel", "filters": {"provider": "  "}}, "filters.provider"),
        ({"text": "excel", "filters": {"provider": "x" * 101}}, "filters.provider"),
        ({"text": "excel", "filters": {"provider": ["forem"]}}, "filters.provider"),
        ({"text": "excel", "filters": {"starts_from": "demain"}}, "filters.starts_from"),
        ({"text": "excel", "filters": {"starts_from": "2027-02-30"}}, "filters.starts_from"),
        ({"text": "excel", "filters": {"starts_from": "15/01/2027"}}, "filters.starts_from"),
        ({"text": "excel", "filters": {"starts_from": 1800000000}}, "filters.starts_from"),
        ({"text": "excel", "unknown": 1}, "unknown"),
        ({"text": ["a", "list"]}, "text"),
    ],
)
def test_malformed_requests_name_the_field(
    client: TestClient, payload: dict[str, object], field: str
) -> None:
    r = client.post("/api/v1/search", json=payload)
    assert r.status_code == 422
    assert field in [e["field"] for e in r.json()["errors"]]


def test_broken_json_is_422_not_500(client: TestClient) -> None:
    r = client.post(
        "/api/v1/search", content=b'{"text": "excel"', headers={"content-type": "application/json"}
    )
    assert r.status_code == 422


def test_huge_body_is_413_and_server_keeps_serving(client: TestClient) -> None:
    huge = "a" * (1024 * 1024)
    r = client.post("/api/v1/search", json={"text": huge})
    assert r.status_code == 413
    assert "too large" in r.json()["detail"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: the middleware must count
        yield b'{"text": "'
        for _ in range(64):
            yield b"a" * 1024
        yield b'"}'

    r = client.post(
        "/api/v1/search", content=chunks(), headers={"content-type": "application/json"}
    )
    assert r.status_code == 413
    assert client.post("/api/v1/search", json={"text": "excel"}).status_code == 200


def test_module_by_id_and_unknown_id(client: TestClient) -> None:
    r = client.get("/api/v1/modules/m4")
    assert r.status_code == 200 and r.json()["certification"] == "Cisco CCNA"
    missing = client.get("/api/v1/modules/nope")
    assert missing.status_code == 404 and "nope" in missing.json()["detail"]


def test_extra_catalog_keys_survive_to_the_api(client: TestClient) -> None:
    assert client.get("/api/v1/modules/m8").json()["funding"] == "FSE"


def test_health_and_openapi(client: TestClient) -> None:
    health = client.get("/healthz").json()
    assert health["status"] == "ok" and health["modules"] == 8 and health["encoder"] == "fake"
    spec = client.get("/openapi.json").json()
    assert "/api/v1/search" in spec["paths"] and "/api/v1/modules/{module_id}" in spec["paths"]
    assert client.get("/docs").status_code == 200


def test_profile_fields_set_directly_override_the_text(client: TestClient) -> None:
    r = client.post(
        "/api/v1/search",
        json={
            "text": "apprendre Excel",
            "k": 5,
            "profile": {"place": "7000", "max_hours": 36, "statuses": ["jobseeker"]},
        },
    )
    assert r.status_code == 200
    body = r.json()
    assert body["profile"]["place"]["name"] == "Mons" and body["profile"]["max_hours"] == 36
    assert all(h["module"]["duration_hours"] <= 36 for h in body["results"])
    bad = client.post("/api/v1/search", json={"text": "excel", "profile": {"place": "Atlantis"}})
    assert bad.status_code == 422 and "Atlantis" in bad.json()["detail"]


def test_search_answer_carries_reasons_checks_and_understanding(client: TestClient) -> None:
    r = client.post(
        "/api/v1/search",
        json={"text": "J'habite à Mons, je veux apprendre les tableaux croisés dynamiques", "k": 3},
    )
    body = r.json()
    assert body["profile"]["place"]["name"] == "Mons"
    top = body["results"][0]
    assert top["module"]["id"] == "m3" and top["distance_km"] is None  # distance learning
    assert top["reasons"] and top["reasons"][0]["evidence"] in top["module"]["description"]
    assert {c["name"] for c in top["checks"]} >= {"distance", "duration", "format", "cost"}


def test_api_docs_load_nothing_from_another_host(client: TestClient) -> None:
    r = client.get("/docs")
    assert r.status_code == 200
    assert "/static/swagger/swagger-ui-bundle.js" in r.text and "//cdn" not in r.text
    assert client.get("/static/swagger/swagger-ui-bundle.js").status_code == 200
