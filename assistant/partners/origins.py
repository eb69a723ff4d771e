"""Web origins, written the way a browser writes them in an ``Origin`` header.

Partners register the origins their pages are served from; a request's ``Origin`` is compared
with them as text, so both sides go through :func:`normalise_origin` first.

Errors::

    AssistantError
    └── InvalidOriginError    not an http(s) scheme://host[:port]
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

from assistant.errors import AssistantError

_HOST_RE = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")
_DEFAULT_PORTS = {"http": 80, "https": 443}


class InvalidOriginError(AssistantError):
    """An origin is unusable; the message names it and shows the expected shape."""


def normalise_origin(value: str) -> str:
    """``value`` as a browser writes it in an ``Origin`` header: ``scheme://host[:port]``.

    Scheme and host in lower case, internationalised host names in punycode, IPv6 in brackets,
    the scheme's default port dropped; one trailing slash is tolerated.

    Raises:
        InvalidOriginError: naming the value, for another scheme than http or https, a path,
            query or fragment, user info, a wildcard, or a missing or malformed host or port.
    """
    raw = value.strip() if isinstance(value, str) else ""

    def bad(reason: str) -> InvalidOriginError:
        return InvalidOriginError(
            f"origin {value!r} is not usable: {reason}; "
            "give scheme://host[:port], e.g. https://www.example.be"
        )

    if not raw:
        raise bad("it is empty")
    if "*" in raw:
        raise bad("wildcards are not allowed, list each origin")
    parts = urlsplit(raw)
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise bad("only http and https origins are allowed")
    if parts.path not in ("", "/") or "?" in raw or "#" in raw:
        raise bad("an origin has no path, query or fragment")
    if "@" in parts.netloc:
        raise bad("an origin has no user name or password")
    try:
        port = parts.port
        host = parts.hostname or ""
    except ValueError as exc:
        raise bad(f"malformed host or port ({exc})") from None
    normal = _host(host)
    if normal is None:
        raise bad("the host name is missing or not valid")
    if port is None or port == _DEFAULT_PORTS[scheme]:
        return f"{scheme}://{normal}"
    return f"{scheme}://{normal}:{port}"


def _host(host: str) -> str | None:
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return f"[{ip.compressed}]" if ip.version == 6 else ip.compressed
    try:
        name = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None
    return name if len(name) <= 253 and _HOST_RE.fullmatch(name) else None
