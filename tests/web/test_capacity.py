"""A request path that never blocks: searches run off the event loop behind a bounded gate;
past it, 503 with Retry-After at once, while /healthz, static files and module pages answer."""

from __future__ import annotations

import asyncio
import sys
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient
from httpx import Response

from assistant.search import SearchService
from assistant.settings import Settings
from corpus.model import Catalog
from index.builder import build_index
from index.store import LoadedIndex
from tests.fakes import FakeEncoder
from tests.loops import run_async
from tests.web.conftest import PartnerKeys
from tests.web.html_tools import parse
from web.app import create_app
from web.capacity import SWITCH_INTERVAL, OverloadedError, SearchGate
from web.routes import health


class HeldEncoder(FakeEncoder):
    """The fake encoder; once ``hold`` is set, a query waits inside until ``release``."""

    def __init__(self) -> None:
        super().__init__()
        self.hold = False
        self.inside = threading.Event()
        self.release = threading.Event()

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        if self.hold:
            self.inside.set()
            assert self.release.wait(20), "the test never released the search"
        return super().encode_queries(texts)


@pytest.fixture
def held(
    tmp_path: Path, small_catalog: Catalog, partner: PartnerKeys
) -> Iterator[tuple[TestClient, HeldEncoder]]:
    """An app with one search slot and no queue, whose searches can be held inside."""
    encoder = HeldEncoder()
    build_index(small_catalog, encoder, tmp_path / "index")
    settings = Settings(
        index_dir=tmp_path / "index", search_slots=1, search_queue=0, public_rate_limit=1000
    )
    service = SearchService(LoadedIndex.open(tmp_path / "index", encoder))
    app = create_app(settings, services=service, partners=partner.store)
    with TestClient(app, headers=partner.headers) as client:
        yield client, encoder
    encoder.release.set()


def _occupy(client: TestClient, encoder: HeldEncoder, pool: ThreadPoolExecutor) -> Future[Response]:
    """Start a search that holds the only slot until the encoder is released."""
    encoder.hold = True
    first = pool.submit(client.post, "/api/v1/search", json={"text": "excel à Mons"})
    assert encoder.inside.wait(10), "the first search never started"
    return first


def test_a_full_gate_answers_503_with_retry_after_and_health_still_answers(
    held: tuple[TestClient, HeldEncoder],
) -> None:
    client, encoder = held
    with ThreadPoolExecutor(1) as pool:
        first = _occupy(client, encoder, pool)

        api = client.post("/api/v1/search", json={"text": "réseaux cisco"})
        assert api.status_code == 503
        assert int(api.headers["retry-after"]) >= 1
        assert "retry in" in api.json()["detail"]

        page = client.post("/chat", data={"message": "je cherche une formation excel"})
        assert page.status_code == 503 and int(page.headers["retry-after"]) >= 1
        html = parse(page.text)
        assert html.find("html").attrs["lang"] == "fr"
        assert "Réessayez dans quelques secondes" in html.find("main").text

        fragment = client.post(
            "/chat", data={"message": "excel"}, headers={"X-Boussole-Fragment": "1"}
        )
        assert fragment.status_code == 503 and "Réessayez" in fragment.text
        catalogue = client.post("/modules", data={"q": "excel"})
        assert catalogue.status_code == 503

        # While the only slot is busy, the cheap requests answer.
        health = client.get("/healthz")
        assert health.status_code == 200 and health.json()["status"] == "ok"
        assert client.get("/static/boussole.css").status_code == 200
        assert client.get("/modules/m2").status_code == 200
        assert client.get("/").status_code == 200

        encoder.release.set()
        assert first.result(20).status_code == 200
    encoder.hold = False
    again = client.post("/api/v1/search", json={"text": "réseaux cisco"})
    assert again.status_code == 200 and again.json()["count"] > 0


def test_a_search_waits_in_the_queue_then_gives_up_with_503() -> None:
    async def scenario() -> tuple[list[str], int]:
        gate = SearchGate(slots=1, queue=1, wait_seconds=0.2)
        release = asyncio.Event()
        events: list[str] = []

        async def holder() -> None:
            async with gate.slot():
                events.append("running")
                await release.wait()

        task = asyncio.create_task(holder())
        await asyncio.sleep(0)
        with pytest.raises(OverloadedError):  # waited its time in the queue
            async with gate.slot():
                events.append("never")
        waiting = asyncio.create_task(holder())  # the queue's one place
        await asyncio.sleep(0)
        with pytest.raises(OverloadedError):  # queue full: refused without waiting
            async with gate.slot():
                events.append("never")
        release.set()
        await asyncio.gather(task, waiting)
        return events, gate.admitted

    events, admitted = run_async(scenario)
    assert events == ["running", "running"] and admitted == 0


def test_work_runs_off_the_event_loop_within_a_slot() -> None:
    async def scenario() -> tuple[bool, bool]:
        gate = SearchGate(slots=2, queue=0)
        loop_thread = threading.get_ident()
        elsewhere = await gate.run(lambda: threading.get_ident() != loop_thread)
        return elsewhere, gate.admitted == 0

    assert run_async(scenario) == (True, True)


@pytest.mark.parametrize(("slots", "queue", "wait"), [(0, 1, 1.0), (1, -1, 1.0), (1, 1, 0.0)])
def test_bad_gate_settings_are_refused(slots: int, queue: int, wait: float) -> None:
    with pytest.raises(ValueError, match="must be"):
        SearchGate(slots, queue, wait)


def test_a_search_is_refused_at_once_when_those_ahead_would_outlast_its_wait() -> None:
    """At the recent pace (each search held its slot 2 s), one search ahead already means a
    wait past the 1 s allowed: refused before waiting, although the queue has room."""

    async def scenario() -> list[str]:
        now = [0.0]
        gate = SearchGate(slots=1, queue=8, wait_seconds=1.0, clock=lambda: now[0])
        events: list[str] = []
        async with gate.slot():  # a first search that held its slot 2 s
            now[0] += 2.0
        assert gate.pace == 2.0 and gate.expected_wait() == 0.0  # a free slot: no wait
        release, running = asyncio.Event(), asyncio.Event()

        async def holder() -> None:
            async with gate.slot():
                events.append("running")
                running.set()
                await release.wait()

        task = asyncio.create_task(holder())
        await running.wait()
        assert gate.expected_wait() == 2.0
        try:
            async with gate.slot():
                events.append("never")
        except OverloadedError as refused:
            events.append(f"refused while the other runs, retry after {refused.retry_after}")
        release.set()
        await task
        async with gate.slot():  # the slot free again: admitted at once
            events.append("admitted")
        return events

    assert run_async(scenario) == [
        "running",
        "refused while the other runs, retry after 1",
        "admitted",
    ]


def test_the_pace_follows_recent_searches() -> None:
    async def scenario() -> list[float]:
        now = [0.0]
        gate = SearchGate(slots=2, queue=4, clock=lambda: now[0])
        paces = []
        for held in (1.0, 0.0, 0.0):
            async with gate.slot():
                now[0] += held
            paces.append(gate.pace)
        return paces

    first, second, third = run_async(scenario)
    assert first == 1.0 and first > second > third > 0


def test_the_app_hands_the_interpreter_lock_back_to_the_loop_quickly(
    held: tuple[TestClient, HeldEncoder],
) -> None:
    client, _ = held
    assert client.get("/healthz").status_code == 200
    assert SWITCH_INTERVAL < 0.005  # shorter than Python's default
    assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL)


def test_readiness_checks_run_at_most_once_per_max_age(monkeypatch: pytest.MonkeyPatch) -> None:
    """Probes within ``max_age`` get the last result without running the checks (no trip
    through a worker thread); later ones, or one for a new generation, run them again."""
    ran: list[str] = []

    def checks(engine: object, index_dir: Path, served: Path) -> list[str]:
        ran.append(served.name)
        return [] if served.name != "broken" else ["the index folder is damaged"]

    monkeypatch.setattr(health, "problems", checks)

    async def scenario() -> list[list[str]]:
        now = [0.0]
        readiness = health.Readiness(max_age=1.0, clock=lambda: now[0])
        here = Path("index")
        answers = [await readiness.problems(None, here, here / "g1") for _ in range(3)]
        answers += await asyncio.gather(*(readiness.problems(None, here, here / "g1"),) * 3)
        now[0] += 1.5
        answers.append(await readiness.problems(None, here, here / "g1"))
        answers.append(await readiness.problems(None, here, here / "broken"))
        return answers

    answers = run_async(scenario)
    assert ran == ["g1", "g1", "broken"]
    assert answers == [[]] * 7 + [["the index folder is damaged"]]
