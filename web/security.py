"""Security headers on every response, as a pure ASGI middleware.

Pages load only what the app serves (``'self'``): no CDN, font or tracker from elsewhere, and
no inline script or style. They may not be framed (``frame-ancestors 'none'``), except the
partner embed, whose route sets its own policy naming the partner's origins; a route that set
``Content-Security-Policy`` itself keeps it. Pages that nobody may frame also get
``X-Frame-Options: DENY`` for old browsers, and responses over HTTPS get HSTS.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "object-src 'none'",
        "frame-ancestors 'none'",
    ]
)


def embed_csp(origins: tuple[str, ...] | list[str]) -> str:
    """The policy of an embed page: framed only by ``origins`` (none: by nobody)."""
    ancestors = " ".join(origins) or "'none'"
    return CSP.replace("frame-ancestors 'none'", f"frame-ancestors {ancestors}")


# An error page inside a partner's frame must show, whoever frames it: it holds no chat.
FRAMEABLE_CSP = CSP.replace("frame-ancestors 'none'", "frame-ancestors *")

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    # same-origin: outbound links (enrolment pages) get no referrer, and same-site form posts
    # keep a real Origin header, which the console's CSRF check reads.
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


# Sent only over HTTPS (a browser ignores it over http); one year, as browsers' preload asks.
HSTS = "max-age=31536000"


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if "content-security-policy" not in headers:
                    headers["Content-Security-Policy"] = CSP
                if "frame-ancestors 'none'" in headers["content-security-policy"]:
                    # For browsers that predate frame-ancestors. It cannot name a partner's
                    # origins, so pages framed by partners rely on the CSP alone.
                    headers.setdefault("X-Frame-Options", "DENY")
                if scope.get("scheme") == "https":
                    headers.setdefault("Strict-Transport-Security", HSTS)
                for name, value in HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)
