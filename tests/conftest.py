"""Shared fixtures: a small catalog, a fake encoder, a built index, an app client."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, make_url, text
from sqlalchemy.orm import Session, sessionmaker

from assistant.db.engine import open_engine, sessions, upgrade
from assistant.db.models import Base
from assistant.settings import Settings
from corpus.demo import demo_catalog_path
from corpus.loaders import load_catalog
from corpus.model import Catalog
from index.builder import build_index
from index.encoders import Encoder, make_encoder
from index.store import LoadedIndex
from tests.fakes import FakeEncoder


@pytest.fixture(autouse=True)
def _private_var(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets its own database and secret key, never the checkout's var/."""
    monkeypatch.setenv("BOUSSOLE_DATABASE_URL", f"sqlite:///{tmp_path / 'var' / 'boussole.db'}")
    monkeypatch.setenv("BOUSSOLE_SECRET_KEY_FILE", str(tmp_path / "var" / "secret.key"))
    monkeypatch.setenv("BOUSSOLE_PARTNERS_FILE", str(tmp_path / "var" / "partners.json"))


SMALL = [
    {
        "id": "m1",
        "title": "Premiers pas en informatique (24h)",
        "description": "Découvrir l'ordinateur, la souris, le clavier, les fichiers et internet.",
        "provider": "Le Forem",
        "city": "Mons",
        "postal_code": "7000",
        "duration_hours": 24,
        "level": "initiation",
        "format": "presentiel",
        "tags": ["ordinateur", "bases"],
    },
    {
        "id": "m2",
        "title": "Excel initiation",
        "description": "Tableur : cellules, formules simples, mise en forme, graphiques.",
        "provider": "Technobel",
        "city": "Ciney",
        "postal_code": "5590",
        "duration_hours": 40,
        "level": "initiation",
        "format": "presentiel",
        "tags": ["excel", "tableur"],
    },
    {
        "id": "m3",
        "title": "Excel avancé : tableaux croisés dynamiques",
        "description": "Tableaux croisés dynamiques, Power Query, fonctions de recherche.",
        "provider": "Le Forem",
        "city": "Mons",
        "postal_code": "7000",
        "duration_hours": 35,
        "level": "avance",
        "format": "distanciel",
        "tags": ["excel"],
    },
    {
        "id": "m4",
        "title": "Cisco CCNA 1 : introduction aux réseaux",
        "description": "Adressage IP, commutation, routage de base, câblage. Prépare au CCNA.",
        "provider": "TechnoFutur TIC",
        "city": "Gosselies",
        "postal_code": "6041",
        "duration_hours": 70,
        "level": "certification",
        "format": "hybride",
        "certification": "Cisco CCNA",
        "tags": ["réseaux", "cisco"],
    },
    {
        "id": "m5",
        "title": "Cariste : conduite de chariot élévateur",
        "description": "Conduite en sécurité du chariot élévateur frontal, gerbage, "
        "permis cariste.",
        "provider": "Le Forem",
        "city": "Liège",
        "postal_code": "4000",
        "duration_hours": 35,
        "level": "initiation",
        "format": "presentiel",
        "tags": ["logistique", "cariste"],
    },
    {
        "id": "m6",
        "title": "Développeur web junior",
        "description": "HTML, CSS, JavaScript, React et bases de données, en projets.",
        "provider": "BeCode",
        "city": "Charleroi",
        "postal_code": "6000",
        "duration_hours": 900,
        "level": "intermediaire",
        "format": "presentiel",
        "tags": ["web", "javascript"],
    },
    {
        "id": "m7",
        "title": "Sensibilisation à la cybersécurité",
        "description": "Reconnaître le phishing, mots de passe solides, sauvegardes.",
        "provider": "Technocité",
        "city": "Mons",
        "postal_code": "7000",
        "duration_hours": 8,
        "level": "initiation",
        "format": "distanciel",
        "tags": ["cybersécurité", "phishing"],
    },
    {
        "id": "m8",
        "title": "Magasinier : gestion de stock",
        "description": "Réception, stockage, inventaire, logiciel de gestion d'entrepôt (WMS).",
        "provider": "Le Forem",
        "city": "Mons",
        "postal_code": "7000",
        "duration_hours": None,
        "level": "intermediaire",
        "format": "presentiel",
        "tags": ["logistique", "stock"],
        "funding": "FSE",
    },
]


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


@pytest.fixture
def small_catalog_file(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "small.jsonl", SMALL)


@pytest.fixture
def small_catalog(small_catalog_file: Path) -> Catalog:
    return load_catalog(small_catalog_file)


@pytest.fixture
def fake_encoder() -> FakeEncoder:
    return FakeEncoder()


@pytest.fixture
def built_index(tmp_path: Path, small_catalog: Catalog, fake_encoder: FakeEncoder) -> LoadedIndex:
    index_dir = tmp_path / "index"
    build_index(small_catalog, fake_encoder, index_dir)
    return LoadedIndex.open(index_dir, fake_encoder)


# The database tests run on SQLite always, and on PostgreSQL when `make test` (or CI) gives its
# URL. In CI a missing URL is an error, not a quietly smaller suite.
PG_URL = os.environ.get("BOUSSOLE_TEST_DATABASE_URL", "")
if os.environ.get("CI") and not PG_URL:
    raise RuntimeError("CI must run the database tests on PostgreSQL: run them with `make test`")
DATABASES = ["sqlite", "postgresql"] if PG_URL else ["sqlite"]


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A PostgreSQL database of this test run's own (runs side by side never meet)."""
    server = make_url(PG_URL)
    name = f"{server.database}_{os.getpid()}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield server.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=DATABASES)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, migrated database: a SQLite file, or this run's PostgreSQL database emptied."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'boussole.db'}"
    url: str = request.getfixturevalue("postgres_url")
    engine = open_engine(url)
    with engine.begin() as connection:
        Base.metadata.drop_all(connection)
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()
    return url


@pytest.fixture
def db_engine(database_url: str) -> Iterator[Engine]:
    engine = open_engine(database_url)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def db(db_engine: Engine) -> sessionmaker[Session]:
    return sessions(db_engine)


# The real model and the demo index, shared by the integration and the browser tests (built
# once per session: about 45 s on 2 cores).


@pytest.fixture(scope="session")
def e5() -> Encoder:
    """The default encoder (multilingual-e5-small through ONNX Runtime), loaded once."""
    encoder = make_encoder(str(Settings.model_fields["encoder"].default))
    encoder.load()
    return encoder


@pytest.fixture(scope="session")
def demo_index_dir(tmp_path_factory: pytest.TempPathFactory, e5: Encoder) -> Path:
    """The demo catalog indexed with the default encoder, once per test session."""
    index_dir = tmp_path_factory.mktemp("demo") / "index"
    build_index(load_catalog(demo_catalog_path()), e5, index_dir)
    return index_dir


# Redis for the tests of many workers and replicas: a server of this test run's own, on a free
# port in a temporary folder (Debian's redis-server; CI installs it). Never skipped.


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The URL of a fresh redis-server started for this test session."""
    import shutil
    import socket
    import subprocess
    import time

    import redis

    binary = shutil.which("redis-server")
    if binary is None:
        raise RuntimeError(
            "redis-server is missing: install Debian's package (apt-get install -y "
            "redis-server); the tests of many workers and replicas run against it"
        )
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    folder = tmp_path_factory.mktemp("redis")
    server = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--dir",
            str(folder),
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    deadline = time.monotonic() + 20
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"redis-server did not start on port {port}") from None
            time.sleep(0.05)
    yield url
    client.close()
    server.terminate()
    server.wait(10)


@pytest.fixture
def redis_clean(redis_url: str) -> str:
    """``redis_url``, emptied before the test."""
    import redis

    with redis.Redis.from_url(redis_url) as client:
        client.flushdb()
    return redis_url
