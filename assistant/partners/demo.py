"""``boussole demo-partner``: a fictitious partner portal with the widget embedded.

The page of the "Maison de l'emploi de Démoville" shows a partner's side of the widget: the
one-line tag in use, the same tag in a ``<pre>`` to copy, and a log of the modules visitors open
(the widget's ``boussole:module`` events, listed by ``/demo.js``). It loads nothing from any
host but Boussole's. Served with the standard library only, on its own port, so that the widget
runs cross-origin as it does on a real partner's site.

Keys are kept only as hashes, so each start gives the partner ``demo`` fresh keys: it is added
the first time, and later has its keys rotated and its origins set to this server's address.
"""

from __future__ import annotations

import logging
import socket
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from assistant.partners.origins import InvalidOriginError, normalise_origin
from assistant.partners.store import PartnerStore, UnknownPartnerError, widget_tag

logger = logging.getLogger(__name__)

DEMO_PARTNER = "demo"
TEMPLATES = Path(__file__).resolve().parent / "templates"
WIDGET_ATTRIBUTES = {"lang": "fr", "color": "#0b6e4f", "title": "Trouver une formation"}
_HTML = "text/html; charset=utf-8"
_ANY_ADDRESS = {"", "0.0.0.0", "::"}
_LOOPBACK_TWINS = {"127.0.0.1": "localhost", "localhost": "127.0.0.1"}
_ASSETS = {
    "/demo.js": ("demo.js", "text/javascript; charset=utf-8"),
    "/demo.css": ("demo.css", "text/css; charset=utf-8"),
}


def demo_origins(host: str, port: int) -> list[str]:
    """The origins a browser sends from this server: ``http://host:port``, plus the other
    loopback name for 127.0.0.1 and localhost (and both for a wildcard address)."""
    names = ["127.0.0.1", "localhost"] if host in _ANY_ADDRESS else [host]
    if host in _LOOPBACK_TWINS:
        names.append(_LOOPBACK_TWINS[host])
    return [normalise_origin(f"http://{_bracketed(name)}:{port}") for name in names]


def register_demo_partner(store: PartnerStore, origins: list[str]) -> str:
    """Add the partner ``demo`` with these origins, or give it new keys and these origins.

    Returns:
        Its new publishable key (its secret key is not needed by the page and is dropped).
    """
    try:
        store.set_origins(DEMO_PARTNER, origins)
    except UnknownPartnerError:
        _, publishable, _ = store.add(DEMO_PARTNER, origins)
        return publishable
    _, publishable, _ = store.rotate_keys(DEMO_PARTNER, reinstate=True)
    return publishable


def render_page(boussole_url: str, publishable_key: str, origins: list[str]) -> str:
    """The portal's page with the widget tag for this key."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined
    )
    tag = widget_tag(boussole_url, publishable_key, **WIDGET_ATTRIBUTES)
    return env.get_template("index.html.j2").render(tag=tag, script=Markup(tag), origins=origins)


def make_demo_partner_server(
    store: PartnerStore, host: str, port: int, boussole_url: str
) -> tuple[ThreadingHTTPServer, str]:
    """Bind the demo portal and register it as partner ``demo`` (see the module docstring).

    Args:
        store: where the partner ``demo`` is added or updated.
        host: address to listen on.
        port: port to listen on; 0 picks a free one (read it from ``server.server_address``).
        boussole_url: where Boussole serves ``/widget.js``, e.g. ``http://127.0.0.1:8000``.

    Returns:
        The bound server (call ``serve_forever()``, then ``server_close()``) and the
        publishable key its page uses.

    Raises:
        InvalidOriginError: ``boussole_url`` is not an http(s) URL.
        PartnerError: the partners file cannot be read or written.
    """
    boussole_url = _base_url(boussole_url)
    server_class = _IPv6Server if ":" in host else ThreadingHTTPServer
    pages: dict[str, tuple[bytes, str]] = {}  # filled once the key is known
    server = server_class((host, port), partial(_Handler, pages=pages))
    try:
        origins = demo_origins(host, server.server_address[1])
        publishable = register_demo_partner(store, origins)
    except BaseException:
        server.server_close()
        raise
    pages["/"] = (render_page(boussole_url, publishable, origins).encode(), _HTML)
    for route, (name, content_type) in _ASSETS.items():
        pages[route] = ((TEMPLATES / name).read_bytes(), content_type)
    return server, publishable


def page_url(server: ThreadingHTTPServer) -> str:
    """The address to open in a browser."""
    host, port = server.server_address[:2]
    name = "127.0.0.1" if host in _ANY_ADDRESS else str(host)
    return f"http://{_bracketed(name)}:{port}/"


class _IPv6Server(ThreadingHTTPServer):
    address_family = socket.AF_INET6


class _Handler(BaseHTTPRequestHandler):
    """Serves the page and its two assets; everything else is 404."""

    def __init__(self, *args: Any, pages: dict[str, tuple[bytes, str]], **kwargs: Any) -> None:
        self._pages = pages
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        self._answer(with_body=True)

    def do_HEAD(self) -> None:
        self._answer(with_body=False)

    def _answer(self, *, with_body: bool) -> None:
        found = self._pages.get(urlsplit(self.path).path)
        if found is None:
            body, content_type = b"Page introuvable.\n", "text/plain; charset=utf-8"
            self.send_response(HTTPStatus.NOT_FOUND)
        else:
            body, content_type = found
            self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        # The page holds a key made at this start: never serve it from a cache later.
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def version_string(self) -> str:
        return "BoussoleDemoPartner"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        logger.debug("%s %s", self.address_string(), format % args)


def _bracketed(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _base_url(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or parts.query or parts.fragment:
        raise InvalidOriginError(
            f"Boussole URL {url!r} is not usable: give http(s)://host[:port][/path], "
            "e.g. http://127.0.0.1:8000"
        )
    normalise_origin(f"{parts.scheme}://{parts.netloc}")
    return url.strip().rstrip("/")
