"""Modules whose sessions are all past: hidden from jobseekers by default (chat, catalogue,
API, pathway), still reachable by their page, flagged for counsellors, counted for admins."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.web.console_fixtures import csrf_of
from tests.web.freshness_fixtures import ADMIN, COUNSELLOR, FreshApp, fresh_app
from tests.web.html_tools import Node, parse

PAST = {"x-over", "x-old"}  # every session before TODAY
COMING = {"x-coming", "x-hostile"}


@pytest.fixture
def app(tmp_path: Path, database_url: str) -> Iterator[FreshApp]:
    with fresh_app(tmp_path, database_url) as made:
        yield made


@pytest.fixture
def shown_app(tmp_path: Path, database_url: str) -> Iterator[FreshApp]:
    with fresh_app(tmp_path, database_url, hide_past_modules=False) as made:
        yield made


def listed(client: TestClient) -> set[str]:
    r = client.get("/modules.json", params={"page": 1})
    assert r.status_code == 200
    body = r.json()
    return {m["id"] for m in body["modules"]} | (
        set() if body["pages"] == 1 else {"more pages than expected"}
    )


def partner_client(app: FreshApp) -> TestClient:
    _, _, secret = app.console.partners.add("Portail", ["https://portail.example"])
    app.client.headers["Authorization"] = f"Bearer {secret}"
    return app.client


def api_ids(client: TestClient, text: str = "Excel initiation tableur", k: int = 20) -> list[str]:
    r = client.post("/api/v1/search", json={"text": text, "k": k})
    assert r.status_code == 200
    return [h["module"]["id"] for h in r.json()["results"]]


def test_the_catalogue_and_its_json_twin_leave_past_modules_out(app: FreshApp) -> None:
    ids = listed(app.client)
    assert ids >= COMING and not ids & PAST
    assert "m8" in ids  # no date given: not known to be over, listed
    page = parse(app.client.get("/modules").text)
    shown = {a.attrs["href"].rsplit("/", 1)[-1] for a in page.find_all("a") if "href" in a.attrs}
    assert shown >= COMING and not shown & PAST
    # Typed words go through the same view.
    words = app.client.post("/modules", data={"q": "Excel tableur"})
    found = {a.attrs["href"].rsplit("/", 1)[-1] for a in parse(words.text).find_all("a")}
    assert "x-coming" in found and not found & PAST


def test_the_setting_off_lists_them(shown_app: FreshApp) -> None:
    assert listed(shown_app.client) >= PAST | COMING
    assert PAST & set(api_ids(partner_client(shown_app)))


def test_the_api_and_the_chat_hide_them_and_still_fill_k(app: FreshApp) -> None:
    client = partner_client(app)
    ids = api_ids(client)
    assert "x-coming" in ids and not set(ids) & PAST
    # A filter, not a removal after ranking: asking for 3 gives 3 current Excel modules.
    three = api_ids(client, k=3)
    assert len(three) == 3 and not set(three) & PAST
    r = client.post("/api/v1/chat", json={"message": "Je voudrais apprendre Excel, tableur"})
    assert r.status_code == 200
    chat = {h["module"]["id"] for h in r.json()["results"]}
    assert chat and not chat & PAST
    r = client.post("/api/v1/pathway", json={"text": "Je voudrais apprendre Excel, tableur"})
    assert r.status_code == 200
    body = r.json()
    steps = {s["module"]["id"] for s in (body["pathway"] or {}).get("steps", [])}
    assert not ({h["module"]["id"] for h in body["matches"]} | steps) & PAST


def flag(page: Node) -> Node | None:
    found = page.find_all("p", cls="past")
    return found[0] if found else None


def test_a_past_module_page_stays_reachable_and_says_so(app: FreshApp) -> None:
    r = app.client.get("/modules/x-over")
    assert r.status_code == 200
    page = parse(r.text)
    note = flag(page)
    assert note is not None and "Sessions passées" in note.text
    assert [dt.text for dt in page.find_all("dt")].count("Sessions passées") == 1
    coming = parse(app.client.get("/modules/x-coming").text)
    assert flag(coming) is None and "Prochains départs" in [dt.text for dt in coming.find_all("dt")]
    nl = parse(app.client.get("/modules/x-over", params={"lang": "nl"}).text)
    assert flag(nl) is not None and "Sessions passées" not in nl.text


def test_counsellors_see_past_modules_flagged(app: FreshApp) -> None:
    client = app.signed_in(COUNSELLOR)
    token = csrf_of(client.get("/console/search").text)
    r = client.post("/console/search", data={"csrf": token, "text": "Excel initiation tableur"})
    assert r.status_code == 200
    cards = parse(r.text).find("ol", cls="results").find_all("li", cls="result")
    by_id = {c.find("h3").find("a").attrs["href"].rsplit("/", 1)[-1]: c for c in cards}
    assert PAST & set(by_id), "the console hides nothing"
    for module_id, card in by_id.items():
        note = flag(card)
        assert (note is not None) == (module_id in PAST), module_id
        if note is not None:
            assert "Sessions passées" in note.text


def test_the_admin_catalog_view_counts_them(app: FreshApp) -> None:
    admin = app.signed_in(ADMIN)
    page = parse(admin.get("/console/admin/catalog").text)
    counts = {
        dd.attrs["data-count"]: int(dd.text)
        for dd in page.find("dl", id="freshness").find_all("dd")
    }
    # SMALL: eight undated modules; DATED: two past, two to come.
    assert counts == {"total": 12, "stale": 2, "undated": 8}
    assert "cachés aux demandeurs d'emploi" in page.text
