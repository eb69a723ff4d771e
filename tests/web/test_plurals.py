"""Numbers and their words agree through Babel's plural rules (issue 13: "Attendez 1
secondes"): the chat's wait message, the dialogue's counts, the PDF's hours."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.requests import Request

from assistant.console.pdf import french_count, hours
from assistant.dialogue.text import DialogueText
from assistant.ratelimit import Decision
from assistant.understanding import Profile
from web.chatpage import FRAGMENT_HEADER, ChatPages
from web.render import Pages


class Refusing:
    """A limiter that refuses, asking to wait ``seconds``."""

    def __init__(self, seconds: int) -> None:
        self.seconds = seconds

    def check(self, bucket: str, limit_per_minute: int) -> Decision:
        return Decision(allowed=False, retry_after=self.seconds, remaining=0)


def refusal(seconds: int, lang: Any) -> str:
    chat = ChatPages(Pages(), None, None, None, Refusing(seconds), 1)  # type: ignore[arg-type]
    scope = {
        "type": "http",
        "method": "POST",
        "path": "/chat",
        "query_string": b"",
        "headers": [(FRAGMENT_HEADER.lower().encode(), b"1")],
        "client": ("192.0.2.1", 1234),
        "server": ("testserver", 80),
        "scheme": "http",
    }
    response = chat.refused(Request(scope), lang)
    assert response is not None and response.status_code == 429
    return bytes(response.body).decode()


@pytest.mark.parametrize(
    ("lang", "one", "many"),
    [
        ("fr", "Attendez 1 seconde,", "Attendez 30 secondes,"),
        ("nl", "Wacht 1 seconde ", "Wacht 30 seconden "),
        ("en", "Wait 1 second,", "Wait 30 seconds,"),
        ("de", "Warten Sie 1 Sekunde ", "Warten Sie 30 Sekunden "),
    ],
)
def test_the_wait_is_said_with_the_right_plural(lang: str, one: str, many: str) -> None:
    assert one in refusal(1, lang)
    assert many in refusal(30, lang)


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("fr", ["- Pas plus de 1 minute de trajet.", "- Pas plus de 1 heure de formation."]),
        ("en", ["- No more than 1 minute of travel.", "- No more than 1 hour of training."]),
        ("de", ["- Höchstens 1 Minute Fahrt.", "- Höchstens 1 Stunde Kurs."]),
        ("nl", ["- Niet meer dan 1 minuut reizen.", "- Niet meer dan 1 uur opleiding."]),
    ],
)
def test_the_dialogue_says_one_in_the_singular(lang: str, said: list[str]) -> None:
    summary = DialogueText().summary(lang, Profile(max_hours=1, max_travel_minutes=1))
    for line in said:
        assert line in summary.splitlines()
    assert (
        DialogueText()
        .render("fr", "bad_position", count=1)
        .startswith("Je vous ai montré 1 formation.")
    )
    assert (
        DialogueText()
        .render("fr", "bad_position", count=3)
        .startswith("Je vous ai montré 3 formations.")
    )


def test_french_counts_follow_the_cldr_rule() -> None:
    # French: 0 and 1 (and 1,5) take the singular.
    assert hours(1) == "1 heure" and hours(1.5) == "1,5 heure" and hours(2) == "2 heures"
    assert french_count(0, "module indexé", "modules indexés") == "0 module indexé"
