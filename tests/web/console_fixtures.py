"""An app with the console on a fresh database, and signed-in clients for each role."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.console import Console, open_console
from assistant.search import SearchService
from assistant.settings import Settings
from index.store import LoadedIndex
from web.app import create_app

PASSWORD = "un mot de passe assez long"


@dataclass
class ConsoleApp:
    settings: Settings
    console: Console
    app: object

    def client(self) -> TestClient:
        # https: the session cookie is Secure, as in production.
        return TestClient(self.app, base_url="https://testserver")  # type: ignore[arg-type]

    def signed_in(self, email: str) -> TestClient:
        client = self.client()
        client.__enter__()
        sign_in(client, email)
        return client


def csrf_of(html: str, name: str = "csrf") -> str:
    found = re.search(rf'name="{name}" value="([^"]+)"', html)
    assert found, f"no {name} field in the page"
    return found[1]


def sign_in(client: TestClient, email: str, password: str = PASSWORD) -> None:
    form = client.get("/console/login")
    r = client.post(
        "/console/login",
        data={"email": email, "password": password, "login_csrf": csrf_of(form.text, "login_csrf")},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text


@pytest.fixture
def console_app(
    built_index: LoadedIndex, tmp_path: Path, database_url: str
) -> Iterator[ConsoleApp]:
    settings = Settings(
        index_dir=tmp_path / "index",
        database_url=database_url,
        secret_key_file=tmp_path / "secret.key",
    )
    console = open_console(settings)
    for email, role in (
        ("ana@forem.be", "counsellor"),
        ("bob@forem.be", "counsellor"),
        ("admin@forem.be", "admin"),
    ):
        console.accounts.add(email, PASSWORD, role)
    app = create_app(settings, services=SearchService(built_index), console=console)
    with TestClient(app):
        yield ConsoleApp(settings, console, app)
    jobs = getattr(app.state, "rebuild_jobs", None)
    if jobs is not None:  # a rebuild thread must not outlive its database
        jobs.wait()
    console.close()
