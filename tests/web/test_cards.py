"""Chat cards: the teaching language on every card, "À distance" for a distance course, and a
turn written in the reply's language on a page in another (issue 10)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.console import next_starts
from assistant.dialogue import Reply
from assistant.guidance import Guidance, Match, Pathway, PathwayStep
from assistant.understanding import Profile
from corpus.model import Module
from index.store import LoadedIndex
from tests.web.conftest import PartnerKeys
from tests.web.html_tools import Node, parse
from tests.web.test_pages import make_client, turns
from web.chat_context import Embed, card_helpers
from web.render import Pages
from web.routes.api import pathway_out
from web.transcripts import Turn


class _Turn:
    n = 1


def card(
    module: Module, distance_km: float | None, lang: str = "fr", embed: Embed | None = None
) -> Node:
    html = Pages().render_text(
        "_chat_card.html",
        lang,  # type: ignore[arg-type]
        match=Match(module, 1.0, distance_km, (), ()),
        turn=_Turn(),
        loop_index=1,
        step_no=None,
        embed=embed,
        **card_helpers(embed, lang),  # type: ignore[arg-type]
    )
    return parse(html)


def fact(node: Node, label: str) -> str:
    for pair in node.find_all("div"):
        dt = pair.find_all("dt")
        if dt and dt[0].text == label:
            return pair.find("dd").text
    raise AssertionError(f"no {label!r} on the card")


REMOTE = Module(id="r1", title="Tableur en ligne", city="Hornu", format="distanciel", language="nl")
CLASSROOM = Module(id="c1", title="Soudure", city="Seraing", format="presentiel")


def test_a_distance_course_card_says_a_distance_and_no_km() -> None:
    shown = card(REMOTE, 82.0)
    assert fact(shown, "Lieu") == "À distance"
    assert "km" not in shown.text


def test_a_classroom_card_gives_its_town_and_distance() -> None:
    assert fact(card(CLASSROOM, 7.0), "Lieu") == "Seraing · à 7 km"


@pytest.mark.parametrize(
    ("module", "lang", "label", "expected"),
    [
        (CLASSROOM, "fr", "Langue", "Cours en français"),
        (REMOTE, "fr", "Langue", "Cours en néerlandais"),
        (REMOTE, "en", "Language", "Taught in Dutch"),
        (CLASSROOM, "de", "Sprache", "Kurs auf Französisch"),
        (CLASSROOM, "nl", "Taal", "Les in het Frans"),
    ],
)
def test_every_card_says_its_teaching_language(
    module: Module, lang: str, label: str, expected: str
) -> None:
    assert fact(card(module, None, lang), label) == expected


@pytest.fixture
def client(built_index: LoadedIndex, tmp_path: Path, partner: PartnerKeys) -> Iterator[TestClient]:
    with make_client(built_index, tmp_path, partner) as c:
        yield c


def test_a_dutch_message_on_the_french_page_is_answered_in_dutch(client: TestClient) -> None:
    message = "Ik woon in Mons en ik wil graag Excel leren, ik ben een beginner"
    page = parse(client.post("/chat", data={"message": message, "lang": "fr"}).text)
    assert page.find("html").attrs["lang"] == "fr"  # the page stays French
    (turn,) = turns(page)
    assert turn.attrs["lang"] == "nl"
    assert turn.find(cls="summary").text.startswith("Ik heb begrepen")
    assert "U woont in Bergen." in turn.find(cls="summary").text  # Mons, in Dutch
    # The turn's own form goes on in the page's language.
    hidden = turn.find("form").find("input", name="lang")
    assert hidden.attrs["value"] == "fr"


def render_turn(guidance: Guidance, lang: str = "fr") -> Node:
    reply = Reply(
        conversation_id="c" * 22,
        intent="profile",
        text="",
        summary=None,
        question=None,
        question_text=None,
        guidance=guidance,
        focus_module=None,
        restarted=False,
        language="fr",
        profile=guidance.profile,
    )
    turn = Turn.of(1, "message", reply, {})
    html = Pages().render_text(
        "_turn.html",
        lang,  # type: ignore[arg-type]
        turn=turn,
        conversation_id=None,
        form_action="/chat",
        embed=None,
        latest=True,
        anchor=False,
        **card_helpers(None, lang),  # type: ignore[arg-type]
    )
    return parse(html)


def test_a_pathway_title_states_its_hours_and_weeks() -> None:
    match = Match(CLASSROOM, 1.0, 7.0, (), ())
    steps = (PathwayStep(match, "initiation"), PathwayStep(match, "intermediaire"))
    with_weeks = Guidance(Profile(), (match,), pathway=Pathway(steps, 120.0, "x", weeks=8.0))
    title = render_turn(with_weeks).find("p", cls="listing-title").text
    assert title == "Un parcours en 2 étapes, 120 heures en tout, environ 8 semaines :"
    without = Guidance(Profile(), (match,), pathway=Pathway(steps, 120.0, "x"))
    title = render_turn(without, "en").find("p", cls="listing-title").text
    assert title == "A pathway in 2 steps, 120 hours in total:"


def test_the_api_states_a_pathways_weeks_and_notes() -> None:
    match = Match(CLASSROOM, 1.0, 7.0, (), ())
    steps = (PathwayStep(match, "initiation"),)
    out = pathway_out(Pathway(steps, 400.0, "x", weeks=16.0, notes=("long_first_step",)))
    assert out is not None and out.weeks == 16.0 and out.notes == ["long_first_step"]
    assert pathway_out(Pathway((), None, "x")) is None


def test_a_card_gives_the_next_start_dates_as_the_console_does() -> None:
    today = date.today()
    past, soon, later = (
        today - timedelta(days=30),
        today + timedelta(days=9),
        today + timedelta(days=90),
    )
    module = Module(id="d1", title="Cariste", city="Liège", start_dates=(later, past, soon))
    shown = card(module, None)
    expected = [d.isoformat() for d in next_starts(module, today)]
    assert expected == [soon.isoformat(), later.isoformat()]  # past dates left out, in order
    assert [
        t.attrs["datetime"] for t in shown.find("dd", cls="starts").find_all("time")
    ] == expected
    only_past = Module(id="d2", title="Cariste", start_dates=(past,))
    assert fact(card(only_past, None), "Prochains départs") == "Aucune date à venir annoncée"
    assert not card(CLASSROOM, None).find_all("dd", cls="starts")  # no dates: nothing said


def test_a_card_gives_the_address_and_schedule_the_catalog_has() -> None:
    extra = {"adresse": "Rue de la Station 12, 4000 Liège", "schedule": "Lundi-vendredi 9h-16h"}
    module = Module(id="a1", title="Soudure", city="Liège", format="presentiel", extra=extra)
    shown = card(module, 3.0)
    assert fact(shown, "Adresse") == "Rue de la Station 12, 4000 Liège"
    assert fact(shown, "Horaire") == "Lundi-vendredi 9h-16h"
    assert fact(card(module, 3.0, "en"), "Schedule") == "Lundi-vendredi 9h-16h"
    # A distance course has no address to go to, and none is invented without the keys.
    remote = Module(id="a2", title="Tableur", format="distanciel", extra=extra)
    assert not card(remote, None).find_all("dd", cls="address")
    assert not card(CLASSROOM, 7.0).find_all("dd", cls="address")
    assert not card(CLASSROOM, 7.0).find_all("dd", cls="schedule")


def test_card_links_stay_in_the_partners_panel_and_enrolment_opens_a_new_tab() -> None:
    module = Module(id="x 1", title="Soudure", city="Liège", url="https://example.org/soudure")
    embed = Embed(
        key="pk_test", partner="Portail", origins=("http://portal.test",), color="#0b6e4f"
    )
    shown = card(module, None, "nl", embed)
    title = shown.find("h3").find("a").attrs["href"]
    assert title == "/embed/modules/x%201?key=pk_test&lang=nl&color=%230b6e4f"
    enrol = [a for a in shown.find_all("a") if a.attrs["href"].startswith("https://")]
    assert len(enrol) == 1
    assert enrol[0].attrs["target"] == "_blank" and "noopener" in enrol[0].attrs["rel"].split()
    own = card(module, None, "nl").find("h3").find("a").attrs["href"]
    assert own == "/modules/x%201?lang=nl"
