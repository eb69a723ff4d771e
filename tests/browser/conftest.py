"""Fixtures of the browser tests: the real app and the demo partner portal on loopback ports.

One uvicorn server (the real app, real e5 model, demo catalog indexed once) and one Debian
chromium serve the whole session; a second server, on a copy of the index, serves the console's
catalog rebuild test only (``rebuild_app``). ``console`` opens the first app's database, to make
console accounts. Each test opens browser contexts through ``new_context``,
which records every request (for the "no request to another host" test) and saves a
screenshot of the context's last page under ``test-output/screenshots/`` (or
``$BOUSSOLE_TEST_OUTPUT/screenshots/``). A missing chromium fails the tests; it never skips them.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import uvicorn
from playwright.sync_api import Browser, BrowserContext, Error, Playwright, sync_playwright

from assistant.console import Console, open_console
from assistant.partners import FilePartnerStore, make_demo_partner_server, page_url
from assistant.search import SearchService
from assistant.services import LiveService, search_config
from assistant.settings import Settings
from index.encoders import Encoder
from index.store import LoadedIndex
from web.app import create_app

REPO = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",  # the tests may run as root (CI containers)
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LAST_TEST = "test_no_request_to_another_host"
START_SECONDS = 180


@dataclass(frozen=True)
class LiveApp:
    """The app served by uvicorn: its base URL (no trailing slash) and its partner store."""

    url: str
    store: FilePartnerStore
    settings: Settings

    @property
    def netloc(self) -> str:
        return urlsplit(self.url).netloc


@dataclass(frozen=True)
class DemoPartner:
    """One demo partner portal: the page's URL and the publishable key its widget tag holds."""

    url: str
    key: str

    @property
    def origin(self) -> str:
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}"


@dataclass
class RequestLog:
    """Every request of every browser context of the session: (test id, URL)."""

    entries: list[tuple[str, str]] = field(default_factory=list)
    # host:port of the app and of every demo partner portal started in the session.
    allowed: set[str] = field(default_factory=set)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the request-host check last, so that it sees the requests of every browser test."""
    last = [item for item in items if item.name == LAST_TEST]
    for item in last:
        items.remove(item)
    items.extend(last)


@pytest.fixture(scope="session")
def output_dir() -> Path:
    """Where screenshots go: ``$BOUSSOLE_TEST_OUTPUT`` or ``test-output/`` at the repo root."""
    root = Path(os.environ.get("BOUSSOLE_TEST_OUTPUT") or REPO / "test-output")
    screenshots = root / "screenshots"
    screenshots.mkdir(parents=True, exist_ok=True)
    return screenshots


@pytest.fixture(scope="session")
def request_log() -> RequestLog:
    return RequestLog()


@contextlib.contextmanager
def serve(app: Any, name: str) -> Iterator[str]:
    """Serve ``app`` with uvicorn in a thread on a free loopback port; yield its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))  # bound before the thread starts: no race for the port
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        log_config=None,  # records propagate to the root logger (the log test reads them)
        access_log=True,
        ws="none",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name=name, daemon=True)
    thread.start()
    deadline = time.monotonic() + START_SECONDS
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            sock.close()
            pytest.fail(f"the Boussole app did not start on 127.0.0.1:{port} (see the log above)")
        time.sleep(0.05)  # uvicorn has no "started" event to wait on
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()


def app_settings(var: Path, index_dir: Path) -> Settings:
    """The settings of an app under test: everything it writes lives in ``var``."""
    return Settings(
        index_dir=index_dir,
        partners_file=var / "partners.json",
        database_url=f"sqlite:///{var / 'boussole.db'}",
        secret_key_file=var / "secret.key",
        # Every test browses from 127.0.0.1: the per-address page limit is not under test here.
        public_rate_limit=100_000,
    )


@pytest.fixture(scope="session")
def live_app(
    tmp_path_factory: pytest.TempPathFactory, demo_index_dir: Path, request_log: RequestLog
) -> Iterator[LiveApp]:
    """The real app (search service opened from the settings) served on a free loopback port."""
    var = tmp_path_factory.mktemp("browser-var")  # never the checkout's var/
    settings = app_settings(var, demo_index_dir)
    store = FilePartnerStore(settings.partners_file)
    app = create_app(settings, partners=store)
    with serve(app, "boussole-app") as url:
        request_log.allowed.add(urlsplit(url).netloc)
        yield LiveApp(url=url, store=store, settings=settings)


@pytest.fixture(scope="session")
def console(live_app: LiveApp) -> Iterator[Console]:
    """The live app's console services (its database), to make accounts and read lists."""
    opened = open_console(live_app.settings)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def rebuild_app(
    tmp_path_factory: pytest.TempPathFactory,
    demo_index_dir: Path,
    e5: Encoder,
    request_log: RequestLog,
) -> Iterator[LiveApp]:
    """A second app on a copy of the demo index, for the catalog rebuild from the console.

    A rebuild publishes a new generation in the app's index folder: on a copy, the session's
    ``live_app`` (and every other test) keeps the demo index. It serves through the same
    :class:`~assistant.services.LiveService` as ``create_app`` makes, with the session's e5
    encoder (already loaded: no second model in memory).
    """
    var = tmp_path_factory.mktemp("rebuild-var")
    index_dir = var / "index"
    shutil.copytree(demo_index_dir, index_dir, symlinks=True)
    settings = app_settings(var, index_dir)
    service = SearchService(LoadedIndex.open(index_dir, e5), search_config(settings))
    live = LiveService(settings, service)
    store = FilePartnerStore(settings.partners_file)
    app = create_app(settings, services=live, partners=store)
    with serve(app, "boussole-rebuild-app") as url:
        request_log.allowed.add(urlsplit(url).netloc)
        yield LiveApp(url=url, store=store, settings=settings)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Debian's chromium (never a downloaded one); its absence is a failure, not a skip."""
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail(
            "chromium is not installed: the browser tests need Debian's chromium "
            "(apt-get install chromium; .ci/run does it). Never run `playwright install`."
        )
    browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


def _file_name(test_name: str) -> str:
    return re.sub(r"[^\w.\-\[\]]+", "_", test_name)


@pytest.fixture
def new_context(
    browser: Browser,
    live_app: LiveApp,
    request_log: RequestLog,
    output_dir: Path,
    request: pytest.FixtureRequest,
) -> Iterator[Callable[..., BrowserContext]]:
    """Open browser contexts (keyword arguments as ``browser.new_context``).

    Every request is recorded; uncaught page errors fail the test; at the end, the last open
    page of each context is saved as ``<test-name>.png`` (``<test-name>-2.png``, ... after).
    """
    contexts: list[BrowserContext] = []
    page_errors: list[str] = []
    test_id = request.node.nodeid

    def make(**options: Any) -> BrowserContext:
        options.setdefault("viewport", {"width": 1280, "height": 900})
        options.setdefault("locale", "fr-BE")
        context = browser.new_context(**options)
        context.set_default_timeout(15_000)
        context.on("request", lambda r: request_log.entries.append((test_id, r.url)))
        context.on("weberror", lambda e: page_errors.append(f"{e.page and e.page.url}: {e.error}"))
        contexts.append(context)
        return context

    yield make
    name = _file_name(request.node.name)
    for number, context in enumerate(contexts, 1):
        pages = [p for p in context.pages if not p.is_closed()]
        if pages:
            suffix = "" if number == 1 else f"-{number}"
            # A failing test may leave a page mid-navigation; its own error tells more.
            with contextlib.suppress(Error):
                pages[-1].screenshot(path=output_dir / f"{name}{suffix}.png", full_page=True)
        context.close()
    assert not page_errors, "uncaught errors in the pages:\n" + "\n".join(page_errors)


class Capture(logging.Handler):
    """Every log record, formatted with its exception and stack, from every thread."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def every_log_line() -> Iterator[Capture]:
    """Root logger at DEBUG with a capturing handler (uvicorn's loggers propagate to it)."""
    root = logging.getLogger()
    capture = Capture()
    level = root.level
    root.setLevel(logging.DEBUG)
    root.addHandler(capture)
    yield capture
    root.removeHandler(capture)
    root.setLevel(level)


@pytest.fixture
def demo_partner(live_app: LiveApp, request_log: RequestLog) -> Iterator[Callable[[], DemoPartner]]:
    """Start demo partner portals (stdlib server on a free port, partner ``demo``).

    Each start gives the partner ``demo`` new keys and this portal's origins, so only the
    portal started last in a test has a working key.
    """
    running: list[tuple[ThreadingHTTPServer, threading.Thread]] = []

    def start() -> DemoPartner:
        server, key = make_demo_partner_server(live_app.store, "127.0.0.1", 0, live_app.url)
        thread = threading.Thread(target=server.serve_forever, name="demo-partner", daemon=True)
        thread.start()
        running.append((server, thread))
        url = page_url(server)
        request_log.allowed.add(urlsplit(url).netloc)
        return DemoPartner(url=url, key=key)

    yield start
    for server, thread in running:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
