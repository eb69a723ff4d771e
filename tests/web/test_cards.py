"""Chat cards: the teaching language on every card, "À distance" for a distance course, and a
turn written in the reply's language on a page in another (issue 10)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.dialogue import Reply
from assistant.guidance import Guidance, Match, Pathway, PathwayStep
from assistant.understanding import Profile
from corpus.model import Module
from index.store import LoadedIndex
from tests.web.conftest import PartnerKeys
from tests.web.html_tools import Node, parse
from tests.web.test_pages import make_client, turns
from web.render import Pages, make_href
from web.routes.api import pathway_out
from web.transcripts import Turn


class _Turn:
    n = 1


def card(module: Module, distance_km: float | None, lang: str = "fr") -> Node:
    html = Pages().render_text(
        "_card.html",
        lang,  # type: ignore[arg-type]
        match=Match(module, 1.0, distance_km, (), ()),
        turn=_Turn(),
        loop_index=1,
        step_no=None,
        embed=None,
        href=make_href(lang),
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
        href=make_href(lang),
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
