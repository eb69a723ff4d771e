"""Two replicas sharing one Redis, one database and one index folder behave as one service.

Each replica is a whole app (its own process state: search service, dialogue, gate, rebuild
threads); what they share is what a deployment shares. A real redis-server runs for these
tests (see ``redis_url`` in tests/conftest.py), and the database is SQLite and PostgreSQL.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.console import Console, open_console
from assistant.search import SearchService
from assistant.services import LiveService
from assistant.settings import Settings
from corpus.model import Catalog
from index.builder import build_index
from index.store import LoadedIndex
from tests.conftest import SMALL
from tests.web.console_fixtures import PASSWORD, csrf_of, sign_in
from tests.web.html_tools import parse
from tests.web.test_console_admin_catalog import NEW_MODULE, GatedEncoder, jsonl, upload
from web.app import create_app

ADMIN = "admin@forem.be"


@dataclass
class Replica:
    app: object
    console: Console
    live: LiveService

    def client(self, **headers: str) -> TestClient:
        client = TestClient(self.app, base_url="https://testserver", headers=headers)  # type: ignore[arg-type]
        client.__enter__()  # runs the lifespan, as a started server would
        return client


@pytest.fixture
def replicas(
    tmp_path: Path, small_catalog: Catalog, database_url: str, redis_clean: str
) -> Iterator[tuple[Replica, Replica, GatedEncoder]]:
    encoder = GatedEncoder()
    encoder.gate.set()  # open unless a test closes it
    build_index(small_catalog, encoder, tmp_path / "index")
    settings = Settings(
        index_dir=tmp_path / "index",
        database_url=database_url,
        secret_key_file=tmp_path / "secret.key",
        redis_url=redis_clean,
        signin_attempts=2,
    )
    made = []
    for _ in range(2):
        console = open_console(settings)
        index = LoadedIndex.open(settings.index_dir, encoder)
        live = LiveService(settings, SearchService(index), check_seconds=0)
        made.append(Replica(create_app(settings, services=live, console=console), console, live))
    made[0].console.accounts.add(ADMIN, PASSWORD, "admin")
    yield made[0], made[1], encoder
    encoder.gate.set()
    for replica in made:
        jobs = getattr(replica.app.state, "rebuild_jobs", None)  # type: ignore[attr-defined]
        if jobs is not None:
            jobs.wait()
        replica.console.close()


def test_a_conversation_started_on_one_goes_on_on_the_other(
    replicas: tuple[Replica, Replica, GatedEncoder],
) -> None:
    a, b, _ = replicas
    _, _, secret = a.console.partners.add("Portail", ["https://portail.example"])
    auth = {"Authorization": f"Bearer {secret}"}
    first = a.client(**auth).post("/api/v1/chat", json={"message": "J'habite à Mons, Excel ?"})
    assert first.status_code == 200
    cid = first.json()["conversation_id"]
    then = b.client(**auth).post(
        "/api/v1/chat", json={"conversation_id": cid, "message": "plutôt à distance"}
    )
    assert then.status_code == 200
    assert then.json()["conversation_id"] == cid and then.json()["restarted"] is False
    assert then.json()["profile"]["place"] is not None  # Mons, said on the other replica

    # The pages: the transcript too goes on on the other replica.
    page = parse(a.client().post("/chat", data={"message": "Je voudrais apprendre Excel"}).text)
    page_cid = page.find("li", id="turn-1").attrs["data-conversation-id"]
    next_page = b.client().post(
        "/chat", data={"message": "plutôt à Mons", "conversation_id": page_cid}
    )
    turns = parse(next_page.text).find_all("li", cls="turn")
    assert [t.attrs["id"] for t in turns] == ["turn-1", "turn-2"]
    assert {t.attrs["data-conversation-id"] for t in turns} == {page_cid}

    # A reload served by either replica gets the turns back (chat.js posts the id it kept).
    fragment = {"X-Boussole-Fragment": "1"}
    for replica in (a, b):
        back = replica.client().post(
            "/chat/transcript", data={"conversation_id": page_cid}, headers=fragment
        )
        assert back.status_code == 200
        assert [t.attrs["id"] for t in parse(back.text).find_all("li", cls="turn")] == [
            "turn-1",
            "turn-2",
        ]

    # Forgotten on one, forgotten on both.
    a.client().post("/chat/forget", data={"conversation_id": page_cid}, follow_redirects=False)
    gone = b.client().post("/chat/transcript", data={"conversation_id": page_cid}, headers=fragment)
    assert gone.status_code == 404
    after = b.client().post(
        "/chat",
        data={"message": "et à Namur ?", "conversation_id": page_cid},
        headers={"X-Boussole-Fragment": "1"},
    )
    assert after.headers["X-Conversation-Id"] != page_cid  # a new conversation


def test_a_rate_limit_counts_across_both(replicas: tuple[Replica, Replica, GatedEncoder]) -> None:
    a, b, _ = replicas
    _, _, secret = a.console.partners.add("Petit", ["https://petit.example"], rate_limit=3)
    on_a = a.client(Authorization=f"Bearer {secret}")
    on_b = b.client(Authorization=f"Bearer {secret}")
    codes = [c.get("/api/v1/modules/m1").status_code for c in (on_a, on_b, on_a, on_b, on_a)]
    assert codes == [200, 200, 200, 429, 429]
    refused = on_b.get("/api/v1/modules/m1")
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1


def test_failed_sign_ins_count_across_both(replicas: tuple[Replica, Replica, GatedEncoder]) -> None:
    a, b, _ = replicas
    for replica in (a, b):
        with pytest.raises(AssertionError):
            sign_in(replica.client(), ADMIN, "not the password")
    client = a.client()  # 2 failures allowed in all, not on each replica: now refused
    form = client.get("/console/login").text
    refused = client.post(
        "/console/login",
        data={"email": ADMIN, "password": PASSWORD, "login_csrf": csrf_of(form, "login_csrf")},
    )
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 60
    assert "Trop d'essais" in parse(refused.text).find("p", id="login-error").text


def test_a_rebuild_started_on_one_is_served_by_both(
    replicas: tuple[Replica, Replica, GatedEncoder], tmp_path: Path
) -> None:
    a, b, encoder = replicas
    admin_a = a.client()
    sign_in(admin_a, ADMIN)
    admin_b = b.client()
    admin_b.cookies.update(admin_a.cookies)  # the session is in the shared database
    old = b.client().get("/healthz").json()["generation"]

    encoder.gate.clear()
    started = upload(admin_a, "catalogue.jsonl", jsonl([*SMALL, NEW_MODULE], tmp_path))
    assert started.status_code == 303
    job_url = started.headers["location"]
    assert encoder.waiting.wait(10)  # replica A builds, held at the gate
    refused = upload(admin_b, "autre.jsonl", jsonl(SMALL, tmp_path))
    assert refused.status_code == 409  # exactly one builder, whichever replica is asked
    assert admin_b.get(job_url + ".json").json()["status"] == "running"

    encoder.gate.set()
    deadline = time.monotonic() + 30
    while (job := admin_b.get(job_url + ".json").json())["status"] == "running":
        assert time.monotonic() < deadline, "the rebuild never finished"
        time.sleep(0.05)
    assert job["status"] == "done" and job["generation"] != old
    for replica in (a, b):
        client = replica.client()
        while client.get("/healthz").json()["generation"] != job["generation"]:
            assert time.monotonic() < deadline, "a replica never swapped to the new generation"
            replica.live.wait()
            time.sleep(0.05)
        assert client.get("/modules/m9").status_code == 200
