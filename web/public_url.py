"""The address Boussole is reached at, for links that leave the site (share links, the
widget tag).

Never the request's ``Host`` header, which the client chooses (``Host: evil.example`` would
give ``http://evil.example/s/…``): the ``BOUSSOLE_PUBLIC_URL`` setting, or else the address
the server is bound to (the ASGI ``server`` of the connection, default ports left out).
"""

from __future__ import annotations

from fastapi import Request

DEFAULT_PORTS = {"http": 80, "https": 443}


def public_base(request: Request) -> str:
    """``https://boussole.example.be`` (no trailing slash)."""
    configured: str | None = getattr(request.state.settings, "public_url", None)
    if configured:
        return configured.rstrip("/")
    scheme = request.url.scheme if request.url.scheme in DEFAULT_PORTS else "http"
    host, port = request.scope.get("server") or ("127.0.0.1", 8000)
    if port is None or DEFAULT_PORTS[scheme] == port:
        return f"{scheme}://{_bracketed(host)}"
    return f"{scheme}://{_bracketed(host)}:{port}"


def _bracketed(host: str) -> str:
    return f"[{host}]" if ":" in host else host
