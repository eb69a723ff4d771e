"""The jobseeker's pages, in-process: chat without JavaScript, fragments for chat.js, catalogue,
statements, errors, and what never leaves the conversation."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from assistant.db.engine import open_engine, sessions
from assistant.db.models import UsageCount
from assistant.search import SearchService
from assistant.settings import Settings
from index.store import LoadedIndex
from tests.conftest import SMALL
from tests.web.conftest import PartnerKeys
from tests.web.html_tools import Node, parse
from web.app import create_app

PROFILE = "J'habite à Mons, je suis au chômage et je voudrais apprendre Excel depuis le début"
XSS = '<img src=x onerror="alert(1)"><script>alert(2)</script>'


def make_client(
    built_index: LoadedIndex, tmp_path: Path, partner: PartnerKeys, **settings: object
) -> TestClient:
    app = create_app(
        Settings(index_dir=tmp_path / "index", **settings),  # type: ignore[arg-type]
        services=SearchService(built_index),
        partners=partner.store,
    )
    return TestClient(app)


@pytest.fixture
def client(built_index: LoadedIndex, tmp_path: Path, partner: PartnerKeys) -> Iterator[TestClient]:
    with make_client(built_index, tmp_path, partner) as c:
        yield c


def turns(page: Node) -> list[Node]:
    return page.find("ol", id="transcript").find_all("li", cls="turn")


def conversation_id(page: Node) -> str:
    return page.find("form", id="chat-form").find("input", name="conversation_id").attrs["value"]


def test_home_is_an_empty_french_chat_with_the_disclosure(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = parse(r.text)
    assert page.find("html").attrs["lang"] == "fr"
    assert turns(page) == []
    assert "assistant automatique" in page.find("p", id="disclosure").text
    region = page.find(cls="transcript-region")
    assert region.attrs["role"] == "log" and region.attrs["aria-live"] == "polite"
    form = page.find("form", id="chat-form")
    assert form.attrs["method"] == "post" and form.attrs["action"] == "/chat#latest"
    label = page.find("label", for_="message")
    assert label.text and page.find("textarea", id="message").attrs["maxlength"] == "2000"


def test_pages_load_only_their_own_assets_and_refuse_framing(client: TestClient) -> None:
    r = client.get("/")
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    page = parse(r.text)
    sources = [n.attrs.get("src", "") for n in page.find_all("script")]
    sources += [n.attrs.get("href", "") for n in page.find_all("link")]
    assert sources and all(s.startswith("/") for s in sources), sources
    assert not any(n.children for n in page.find_all("script")), "no inline script"
    assert not page.find_all("style"), "no inline style"
    for asset in sources:
        assert client.get(asset).status_code == 200, asset


def test_a_posted_message_answers_with_the_whole_page(client: TestClient) -> None:
    r = client.post("/chat", data={"message": PROFILE})
    assert r.status_code == 200
    page = parse(r.text)
    (turn,) = turns(page)
    assert turn.find(cls="said").text == PROFILE
    assert turn.find(cls="summary").text
    cards = turn.find_all("li", cls="card")
    assert 1 <= len(cards) <= 5
    first = cards[0]
    link = first.find("h3").find("a")
    assert link.attrs["href"].startswith("/modules/")
    facts = {dt.text for dt in first.find_all("dt")}
    assert facts == {"Lieu", "Durée", "Format", "Niveau", "Langue", "Prix"}  # issue 10: language
    assert first.find("dd", cls="teaching").text.startswith("Cours en ")
    assert conversation_id(page) == turn.attrs["data-conversation-id"]


def test_the_conversation_goes_on_through_the_form(client: TestClient) -> None:
    first = parse(client.post("/chat", data={"message": PROFILE}).text)
    cid = conversation_id(first)
    second = parse(
        client.post("/chat", data={"message": "plutôt à distance", "conversation_id": cid}).text
    )
    assert [t.find(cls="said").text for t in turns(second)] == [PROFILE, "plutôt à distance"]
    assert conversation_id(second) == cid


def test_a_script_gets_only_the_new_turn(client: TestClient) -> None:
    r = client.post("/chat", data={"message": PROFILE}, headers={"X-Boussole-Fragment": "1"})
    assert r.status_code == 200
    fragment = parse(r.text)
    (turn,) = [n for n in fragment.children if isinstance(n, Node)]
    assert turn.tag == "li" and "turn" in turn.classes
    assert r.headers["x-conversation-id"] == turn.attrs["data-conversation-id"]
    assert not fragment.find_all("html")


def test_the_understood_profile_can_be_corrected(client: TestClient) -> None:
    first = parse(client.post("/chat", data={"message": PROFILE}).text)
    form = turns(first)[0].find("form", action="/chat/profile#latest")
    assert form.find("input", name="place").attrs["value"] == "Mons"
    cid = conversation_id(first)
    data = {"conversation_id": cid, "place": "Liège", "max_hours": "30", "level": "basic"}
    page = parse(client.post("/chat/profile", data=data).text)
    last = turns(page)[-1]
    assert not last.find_all(cls="said"), "an edit is not a message of the person"
    edit = last.find("form", action="/chat/profile#latest")
    assert edit.find("input", name="place").attrs["value"] == "Liège"
    assert edit.find("input", name="max_hours").attrs["value"] == "30"
    selected = [o for o in edit.find("select").find_all("option") if "selected" in o.attrs]
    assert [o.attrs["value"] for o in selected] == ["basic"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"message": "   "}, "Écrivez d'abord"),
        ({"message": "x" * 2001}, "trop long"),
    ],
)
def test_a_bad_message_is_explained_next_to_the_box(
    client: TestClient, data: dict[str, str], expected: str
) -> None:
    r = client.post("/chat", data=data)
    assert r.status_code == 422
    page = parse(r.text)
    assert expected in page.find("p", id="message-error").text
    box = page.find("textarea", id="message")
    assert box.attrs["aria-invalid"] == "true"
    assert "message-error" in box.attrs["aria-describedby"]


@pytest.mark.parametrize("hours", ["beaucoup", "-3", "0", "99999"])
def test_a_bad_number_of_hours_is_refused_with_a_reason(client: TestClient, hours: str) -> None:
    cid = conversation_id(parse(client.post("/chat", data={"message": PROFILE}).text))
    r = client.post("/chat/profile", data={"conversation_id": cid, "max_hours": hours})
    assert r.status_code == 422
    assert "heures" in parse(r.text).find("p", id="message-error").text


def test_forgetting_the_conversation_drops_it(client: TestClient) -> None:
    cid = conversation_id(parse(client.post("/chat", data={"message": PROFILE}).text))
    r = client.post("/chat/forget", data={"conversation_id": cid}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"
    page = parse(
        client.post("/chat", data={"message": "plutôt à distance", "conversation_id": cid}).text
    )
    assert len(turns(page)) == 1 and conversation_id(page) != cid


def test_typed_markup_is_shown_as_text(client: TestClient) -> None:
    r = client.post("/chat", data={"message": XSS})
    page = parse(r.text)
    assert turns(page)[0].find(cls="said").text == XSS
    assert not page.find_all("img") and "<script>alert" not in r.text


def test_the_profile_text_is_never_logged(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    cid = conversation_id(parse(client.post("/chat", data={"message": PROFILE + " Zorglub"}).text))
    client.post("/chat", data={"message": "Zorglub à distance", "conversation_id": cid})
    client.post("/chat/profile", data={"conversation_id": cid, "place": "Zorglubville"})
    assert caplog.records
    assert not [
        r for r in caplog.records if "Zorglub" in r.getMessage() or "chômage" in r.getMessage()
    ]


def test_too_many_messages_from_one_address_get_429(
    built_index: LoadedIndex, tmp_path: Path, partner: PartnerKeys
) -> None:
    with make_client(built_index, tmp_path, partner, public_rate_limit=2) as c:
        assert c.post("/chat", data={"message": PROFILE}).status_code == 200
        assert c.post("/chat", data={"message": PROFILE}).status_code == 200
        r = c.post("/chat", data={"message": PROFILE})
        assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
        assert "secondes" in parse(r.text).find("main").text


@pytest.mark.parametrize(
    ("lang", "h1"),
    [("nl", "nl"), ("en", "en"), ("de", "de"), ("xx", "fr")],
)
def test_the_language_comes_from_the_switch(client: TestClient, lang: str, h1: str) -> None:
    page = parse(client.get(f"/?lang={lang}").text)
    assert page.find("html").attrs["lang"] == h1
    switch = page.find("nav", cls="languages")
    current = [a for a in switch.find_all("a") if a.attrs.get("aria-current") == "true"]
    assert [a.attrs["lang"] for a in current] == [h1]
    assert page.find("form", id="chat-form").find("input", name="lang").attrs["value"] == h1


def test_the_reply_follows_the_page_language_when_the_message_cannot_tell(
    client: TestClient,
) -> None:
    page = parse(client.post("/chat", data={"message": "Excel", "lang": "en"}).text)
    assert page.find("html").attrs["lang"] == "en"
    (turn,) = turns(page)
    assert turn.attrs["lang"] == "en"


def test_the_reply_follows_the_message_language_over_the_page(client: TestClient) -> None:
    # Issue 10: a French description on the English page is answered in French.
    page = parse(client.post("/chat", data={"message": PROFILE, "lang": "en"}).text)
    assert page.find("html").attrs["lang"] == "en"
    (turn,) = turns(page)
    assert turn.attrs["lang"] == "fr"
    assert turn.find(cls="summary").text.startswith("J'ai compris")


def test_statements_exist(client: TestClient) -> None:
    for path, words in (("/accessibilite", "WCAG 2.2"), ("/confidentialite", "30 minutes")):
        r = client.get(path)
        assert r.status_code == 200 and words in parse(r.text).find("main").text


def test_the_catalogue_lists_and_filters_modules(client: TestClient) -> None:
    page = parse(client.get("/modules").text)
    items = page.find("ul", cls="module-list").find_all("li")
    assert len(items) == len(SMALL) == 8
    level = parse(client.get("/modules?level=avance").text)
    links = [
        li.find("a").attrs["href"] for li in level.find("ul", cls="module-list").find_all("li")
    ]
    assert links == ["/modules/m3"]
    twin = client.get("/modules.json?level=avance").json()
    assert twin["total"] == 1 and twin["modules"][0]["id"] == "m3"
    assert level.find("link", rel="alternate").attrs["href"] == "/modules.json?level=avance"


def test_catalogue_words_are_posted_never_put_in_the_address(client: TestClient) -> None:
    r = client.post("/modules", data={"q": "tableaux croisés", "level": ""})
    assert r.status_code == 200 and "q=" not in str(r.url)
    first = parse(r.text).find("ul", cls="module-list").find("a")
    assert first.attrs["href"] == "/modules/m3"
    only_filters = client.post(
        "/modules", data={"q": "", "format": "distanciel"}, follow_redirects=False
    )
    assert only_filters.status_code == 303
    assert only_filters.headers["location"] == "/modules?format=distanciel"


def test_a_bad_catalogue_filter_is_explained(client: TestClient) -> None:
    r = client.get("/modules?max_hours=beaucoup")
    assert r.status_code == 422 and "heures" in parse(r.text).find("p", cls="error").text


def test_module_page_and_its_json_twin(client: TestClient) -> None:
    page = parse(client.get("/modules/m4").text)
    assert page.find("h1").text == "Cisco CCNA 1 : introduction aux réseaux"
    assert page.find("link", rel="alternate").attrs["href"] == "/modules/m4.json"
    twin = client.get("/modules/m4.json").json()
    assert twin["id"] == "m4" and twin["certification"] == "Cisco CCNA"
    missing = client.get("/modules/nope")
    assert missing.status_code == 404 and "introuvable" in parse(missing.text).find("h1").text
    assert client.get("/modules/nope.json").status_code == 404


def test_searches_are_counted_without_their_text(
    built_index: LoadedIndex, tmp_path: Path, partner: PartnerKeys
) -> None:
    with make_client(built_index, tmp_path, partner) as c:
        c.post("/chat", data={"message": PROFILE + " Zorglub"})
        c.post("/chat", data={"message": "Zorglub xyzzy plugh"})
    engine = open_engine(Settings().database_url)
    with sessions(engine)() as db:
        rows = db.scalars(select(UsageCount)).all()
    engine.dispose()
    counts = {(r.kind, r.key): r.count for r in rows}
    assert counts[("search", "")] >= 1
    assert all("zorglub" not in r.key.lower() and "chômage" not in r.key for r in rows)


def test_too_many_catalogue_searches_from_one_address_get_429(
    built_index: LoadedIndex, tmp_path: Path, partner: PartnerKeys
) -> None:
    with make_client(built_index, tmp_path, partner, public_rate_limit=2) as c:
        assert c.post("/modules", data={"q": "tableaux croisés"}).status_code == 200
        assert c.post("/modules", data={"q": "tableaux croisés"}).status_code == 200
        r = c.post("/modules", data={"q": "tableaux croisés"})
        assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
        assert "secondes" in parse(r.text).find("main").text


def test_the_page_cannot_continue_a_partners_conversation(
    client: TestClient, partner: PartnerKeys
) -> None:
    started = client.post("/api/v1/chat", json={"message": PROFILE}, headers=partner.headers)
    cid = started.json()["conversation_id"]
    r = client.post("/chat", data={"message": "à distance", "conversation_id": cid})
    assert r.status_code == 404
    assert "terminée" in parse(r.text).find("main").text
