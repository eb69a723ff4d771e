"""Issue 13, the jobseeker's chat and the widget, in-process: the transcript given back to
chat.js after a reload, "Effacer" in both modes, follow-ups that say only what changed, earlier
cards behind a disclosure, and the module view inside the partner's panel."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from index.store import LoadedIndex
from tests.web.conftest import PartnerKeys
from tests.web.html_tools import Node, parse
from tests.web.test_pages import PROFILE, conversation_id, make_client, turns
from web.followups import facts, summary_change

FRAGMENT = {"X-Boussole-Fragment": "1"}


@pytest.fixture
def client(built_index: LoadedIndex, tmp_path: Path, partner: PartnerKeys) -> Iterator[TestClient]:
    with make_client(built_index, tmp_path, partner) as c:
        yield c


def fragment_turns(html: str) -> list[Node]:
    return [n for n in parse(html).children if isinstance(n, Node) and n.tag == "li"]


def start(client: TestClient) -> str:
    return conversation_id(parse(client.post("/chat", data={"message": PROFILE}).text))


# --- The transcript after a reload or Back (chat.js posts the id it kept) ---------------------


def test_the_turns_so_far_come_back_for_the_posted_id(client: TestClient) -> None:
    cid = start(client)
    client.post("/chat", data={"message": "plutôt à distance", "conversation_id": cid})
    r = client.post("/chat/transcript", data={"conversation_id": cid}, headers=FRAGMENT)
    assert r.status_code == 200 and r.headers["x-conversation-id"] == cid
    assert r.headers["cache-control"] == "no-store"
    back = fragment_turns(r.text)
    assert [t.find(cls="said").text for t in back] == [PROFILE, "plutôt à distance"]
    assert [t.attrs["id"] for t in back] == ["turn-1", "turn-2"]
    # Only the newest shows its cards open; the earlier one keeps them behind the disclosure.
    assert "open" not in back[0].find("details", cls="proposals").attrs
    assert "open" in back[1].find("details", cls="proposals").attrs


@pytest.mark.parametrize("cid", ["", "not an id", "A" * 22])
def test_no_transcript_for_an_unknown_id(client: TestClient, cid: str) -> None:
    r = client.post("/chat/transcript", data={"conversation_id": cid}, headers=FRAGMENT)
    assert r.status_code == 404 and r.text == ""


def test_effacer_forgets_the_transcript_too(client: TestClient) -> None:
    cid = start(client)
    client.post("/chat/forget", data={"conversation_id": cid}, follow_redirects=False)
    r = client.post("/chat/transcript", data={"conversation_id": cid}, headers=FRAGMENT)
    assert r.status_code == 404


def test_a_widgets_transcript_is_not_given_to_the_page_nor_the_reverse(
    client: TestClient, partner: PartnerKeys
) -> None:
    embedded = client.post("/embed/chat", data={"key": partner.publishable, "message": PROFILE})
    embed_cid = conversation_id(parse(embedded.text))
    assert client.post("/chat/transcript", data={"conversation_id": embed_cid}).status_code == 404
    r = client.post(
        "/embed/chat/transcript", data={"key": partner.publishable, "conversation_id": embed_cid}
    )
    assert r.status_code == 200 and len(fragment_turns(r.text)) == 1
    assert "frame-ancestors http://portal.test" in r.headers["content-security-policy"]
    # Its cards open the module view inside the panel, with the partner's key.
    link = fragment_turns(r.text)[0].find("h3", cls="card-title").find("a").attrs["href"]
    assert link.startswith("/embed/modules/") and f"key={partner.publishable}" in link
    page_cid = start(client)
    refused = client.post(
        "/embed/chat/transcript", data={"key": partner.publishable, "conversation_id": page_cid}
    )
    assert refused.status_code == 404


def test_restoring_logs_nothing_of_the_text(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    message = "J'habite à Mons, ma voisine Ghislaine Zorglub me parle d'Excel"
    cid = conversation_id(parse(client.post("/chat", data={"message": message}).text))
    client.post("/chat/transcript", data={"conversation_id": cid}, headers=FRAGMENT)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "Zorglub" not in logged and cid not in logged


# --- The page around the transcript --------------------------------------------------------


def test_effacer_is_on_the_page_hidden_until_a_conversation_exists(client: TestClient) -> None:
    empty = parse(client.get("/").text).find("form", id="forget-form")
    assert "hidden" in empty.attrs and empty.attrs["action"] == "/chat/forget"
    page = parse(client.post("/chat", data={"message": PROFILE}).text)
    shown = page.find("form", id="forget-form")
    assert "hidden" not in shown.attrs
    assert shown.find("input", name="conversation_id").attrs["value"] == conversation_id(page)


def test_the_first_message_example_goes_after_the_first_turn(client: TestClient) -> None:
    empty = parse(client.get("/").text)
    assert "Gosselies" in empty.find("p", id="message-help").text
    assert empty.find("textarea", id="message").attrs["aria-describedby"] == "message-help"
    page = parse(client.post("/chat", data={"message": PROFILE}).text)
    assert not page.find_all("p", id="message-help")
    assert "aria-describedby" not in page.find("textarea", id="message").attrs


def test_an_answer_page_opens_at_the_newest_turn(client: TestClient) -> None:
    cid = start(client)
    page = parse(
        client.post("/chat", data={"message": "plutôt à distance", "conversation_id": cid}).text
    )
    first, second = turns(page)
    assert not first.find_all(id="latest") and second.find_all(id="latest")
    assert page.find("form", id="chat-form").attrs["action"].endswith("#latest")
    assert "latest" in second.classes and "latest" not in first.classes


# --- Follow-ups: the summary only when it changed ------------------------------------------


def test_a_follow_up_says_what_changed_in_the_summary(client: TestClient) -> None:
    cid = start(client)
    page = parse(
        client.post("/chat", data={"message": "plutôt à distance", "conversation_id": cid}).text
    )
    first, second = turns(page)
    assert "summary-change" not in first.find(cls="summary").classes  # the first: whole
    change = second.find(cls="summary-change")
    added = [li.text for li in change.find("ul", cls="added").find_all("li")]
    assert added and all(line not in first.find(cls="summary").text for line in added)
    assert any("distance" in line for line in added)
    # The whole summary stays one click away.
    assert "Mons" in second.find("details", cls="summary-whole").text


def test_a_follow_up_that_changes_nothing_shows_no_summary(client: TestClient) -> None:
    first = parse(client.post("/chat", data={"message": PROFILE}).text)
    form = turns(first)[0].find("form", action="/chat/profile#latest")
    # The form posted as it is: every field as this turn understood it.
    data = {n.attrs["name"]: n.attrs.get("value", "") for n in form.find_all("input")}
    selected = [o for o in form.find("select").find_all("option") if "selected" in o.attrs]
    data["level"] = selected[0].attrs["value"]
    page = parse(client.post("/chat/profile", data=data).text)
    last = turns(page)[-1]
    assert not last.find_all(cls="summary") and not last.find_all(cls="summary-change")
    assert not last.find_all("details", cls="edit-profile")


def test_a_changed_place_says_the_new_one_and_the_one_no_longer_kept(client: TestClient) -> None:
    cid = start(client)
    data = {"conversation_id": cid, "place": "Namur"}
    last = turns(parse(client.post("/chat/profile", data=data).text))[-1]
    change = last.find(cls="summary-change")
    assert "Namur" in change.find("ul", cls="added").text
    assert "Mons" in change.find("ul", cls="removed").text


def test_summary_change_compares_fact_lines() -> None:
    before = "J'ai compris :\n- Vous habitez à Mons.\n- Une formation courte.\nDites-moi."
    after = "J'ai compris :\n- Vous habitez à Namur.\n- Une formation courte.\nDites-moi."
    assert facts(before) == ["Vous habitez à Mons.", "Une formation courte."]
    change = summary_change(before, after)
    assert change is not None
    assert change.added == ("Vous habitez à Namur.",) and change.removed == (
        "Vous habitez à Mons.",
    )
    same = summary_change(before, before)
    assert same is not None and not same.added and not same.removed
    assert summary_change(None, after) is None and summary_change(before, None) is None


# --- The module view inside the partner's panel --------------------------------------------


def test_the_module_view_is_framed_only_by_the_partner_and_leads_back(
    client: TestClient, partner: PartnerKeys
) -> None:
    r = client.get(f"/embed/modules/m1?key={partner.publishable}&lang=nl&color=0b6e4f")
    assert r.status_code == 200
    assert "frame-ancestors http://portal.test" in r.headers["content-security-policy"]
    assert "x-frame-options" not in r.headers
    page = parse(r.text)
    assert page.find("h1").text == "Premiers pas en informatique (24h)"
    back = page.find("a", id="back-to-chat").attrs["href"]
    assert back.startswith("/embed/chat?") and f"key={partner.publishable}" in back
    assert "lang=nl" in back and "color=%230b6e4f" in back
    for link in page.find("main").find_all("a"):
        if not link.attrs["href"].startswith("/embed/"):  # leaves the panel: a new tab
            assert link.attrs.get("target") == "_blank", link.attrs
            assert "noopener" in link.attrs.get("rel", "").split(), link.attrs


def test_the_module_view_refuses_an_unknown_key_and_module(
    client: TestClient, partner: PartnerKeys
) -> None:
    assert client.get("/embed/modules/m1?key=pk_nope").status_code == 403
    missing = client.get(f"/embed/modules/nope?key={partner.publishable}")
    assert missing.status_code == 404
    assert "frame-ancestors http://portal.test" in missing.headers["content-security-policy"]
    assert parse(missing.text).find("a", id="back-to-chat")


def test_card_links_outside_open_a_new_tab(client: TestClient, partner: PartnerKeys) -> None:
    for answer in (
        client.post("/chat", data={"message": PROFILE}),
        client.post("/embed/chat", data={"key": partner.publishable, "message": PROFILE}),
    ):
        for link in turns(parse(answer.text))[0].find_all("a"):
            href = link.attrs["href"]
            if href.startswith("http"):
                assert link.attrs.get("target") == "_blank"
                assert "noopener" in link.attrs["rel"].split()
