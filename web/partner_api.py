"""Partner access to the REST API: the secret key, CORS for the partner's origins, rate limits.

Every ``/api/v1`` call carries the partner's secret key, as ``Authorization: Bearer sk_...``
or ``X-Api-Key: sk_...``. A missing, unknown or revoked key gets 401. Each key has its own
limit (requests a minute, the partner's or ``BOUSSOLE_PARTNER_RATE_LIMIT``); past it, 429 with
``Retry-After``. A browser may call from the partner's allowed origins only: the CORS answer
names the calling origin when (and only when) the key's partner registered it.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request, Response
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from starlette.types import ASGIApp, Receive, Scope, Send

from assistant.partners import Partner, PartnerStore
from assistant.ratelimit import RateLimiter

API_PREFIX = "/api/v1"
ALLOWED_HEADERS = "Authorization, Content-Type, X-Api-Key"
_bearer = HTTPBearer(auto_error=False, description="The partner's secret key (sk_...).")
_header = APIKeyHeader(
    name="X-Api-Key", auto_error=False, description="Or the secret key in this header."
)


def partner_for(
    request: Request,
    response: Response,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    header: Annotated[str | None, Depends(_header)],
) -> Partner:
    """The partner whose secret key came with the request, within its rate limit."""
    key = (bearer.credentials if bearer else None) or header
    if not key:
        raise HTTPException(
            401,
            "missing API key: send the partner's secret key as 'Authorization: Bearer sk_...'",
            headers={"WWW-Authenticate": "Bearer"},
        )
    store: PartnerStore = request.state.partners
    partner = store.by_secret_key(key.strip())
    if partner is None:
        raise HTTPException(
            401,
            "unknown or revoked API key: check the secret key (sk_...) or ask for a new one",
            headers={"WWW-Authenticate": "Bearer"},
        )
    origin = request.headers.get("origin")
    cors = {"Access-Control-Allow-Origin": origin, "Vary": "Origin"} if origin else {}
    if not (origin and partner.allows_origin(origin)):
        cors = {}
    limiter: RateLimiter = request.state.limiter
    limit = partner.limit_per_minute(request.state.settings.partner_rate_limit)
    decision = limiter.check(f"key:{partner.id}", limit)
    if not decision.allowed:
        raise HTTPException(
            429,
            f"rate limit of {limit} requests a minute reached: retry in {decision.retry_after} s",
            headers={"Retry-After": str(decision.retry_after), **cors},
        )
    response.headers["X-RateLimit-Limit"] = str(limit)
    response.headers["X-RateLimit-Remaining"] = str(decision.remaining)
    response.headers.update(cors)
    return partner


PartnerDep = Annotated[Partner, Depends(partner_for)]


class PreflightMiddleware:
    """Answers CORS preflight requests to the API for the partners' registered origins.

    A preflight carries no key, so it is allowed for any active partner's origin; the real
    request then gets ``Access-Control-Allow-Origin`` only if that key's partner has the origin.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] != "OPTIONS"
            or not scope["path"].startswith(API_PREFIX)
        ):
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        origin = headers.get("origin", "")
        store = scope.get("state", {}).get("partners")
        allowed = store is not None and origin in store.all_origins()
        status = 204 if allowed else 403
        out = [(b"vary", b"Origin"), (b"content-length", b"0")]
        if allowed:
            out += [
                (b"access-control-allow-origin", origin.encode("latin-1")),
                (b"access-control-allow-methods", b"GET, POST"),
                (b"access-control-allow-headers", ALLOWED_HEADERS.encode()),
                (b"access-control-max-age", b"600"),
            ]
        await send({"type": "http.response.start", "status": status, "headers": out})
        await send({"type": "http.response.body", "body": b""})
