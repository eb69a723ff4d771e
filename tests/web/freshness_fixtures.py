"""An app on a catalog with past, coming and undated sessions, a fixed day, and the console."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from assistant.console import Console, open_console
from assistant.search import SearchService
from assistant.services import LiveService
from assistant.settings import Settings
from corpus.loaders import load_catalog
from index.builder import build_index
from index.store import LoadedIndex
from tests.conftest import SMALL, write_jsonl
from tests.fakes import FakeEncoder
from tests.web.console_fixtures import PASSWORD, sign_in
from web.app import create_app

TODAY = date(2026, 12, 3)
HOSTILE = "</script><script>alert('x')</script><!-- & </SCRIPT>"
EXCEL = {k: v for k, v in SMALL[1].items() if k != "id"}
# Excel modules of our own: over (all sessions before TODAY), to come, and one of each.
DATED: list[dict[str, Any]] = [
    {
        **EXCEL,
        "id": "x-over",
        "title": "Excel initiation (printemps)",
        "start_dates": ["2026-03-02"],
    },
    {
        **EXCEL,
        "id": "x-coming",
        "title": "Excel initiation (janvier)",
        "start_dates": ["2026-09-07", "2027-01-11"],
        "cost": "Gratuit pour les demandeurs d'emploi",
        "certification": "Attestation de réussite",
        "region": "Wallonie",
        "url": "https://formation.example/excel",
    },
    {
        **EXCEL,
        "id": "x-hostile",
        "title": "Excel & </script> tableur",
        "description": f"Tableur Excel {HOSTILE} pour débutants.",
        "start_dates": ["2027-02-01"],
        "cost": "120 € par personne",
    },
    {**EXCEL, "id": "x-old", "title": "Excel initiation (2025)", "start_dates": ["2025-10-06"]},
]
ADMIN = "admin@forem.be"
COUNSELLOR = "ana@forem.be"


@dataclass
class FreshApp:
    client: TestClient
    console: Console

    def signed_in(self, email: str) -> TestClient:
        client = TestClient(self.client.app, base_url="https://testserver")
        client.__enter__()
        sign_in(client, email)
        return client


@contextmanager
def fresh_app(tmp_path: Path, database_url: str, **settings: Any) -> Iterator[FreshApp]:
    """The app on SMALL + DATED, on ``TODAY``; ``settings`` override the defaults."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    encoder = FakeEncoder()
    catalog = load_catalog(write_jsonl(tmp_path / "catalog.jsonl", [*SMALL, *DATED]))
    build_index(catalog, encoder, tmp_path / "index")
    config = Settings(
        index_dir=tmp_path / "index",
        database_url=database_url,
        secret_key_file=tmp_path / "secret.key",
        **settings,
    )
    console = open_console(config)
    console.accounts.add(ADMIN, PASSWORD, "admin")
    console.accounts.add(COUNSELLOR, PASSWORD, "counsellor")
    service = SearchService(LoadedIndex.open(tmp_path / "index", encoder))
    live = LiveService(config, service, float("inf"), today=lambda: TODAY)
    app = create_app(config, services=live, console=console)
    try:
        with TestClient(app) as client:
            yield FreshApp(client, console)
    finally:
        console.close()
