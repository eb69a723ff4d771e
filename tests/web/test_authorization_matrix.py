"""Who may call what: every route of the app × every kind of caller.

Each route is put in a class (public, partner API, sign-in, counsellor page, admin page,
shortlist, share link) by the table and prefix rules below, and called by an anonymous
visitor, two counsellors (ana owns the shortlist used, bob does not), an admin and a partner
holding a secret API key. A route that no rule classifies fails the test: a new route must be
reviewed and placed here before it ships.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from httpx import Response
from starlette.routing import Mount

from assistant.console import Actor, utcnow
from assistant.db.models import CatalogJob, Shortlist
from tests.web.console_fixtures import ConsoleApp, csrf_of
from web.app import create_app

IDENTITIES = ("anonymous", "ana", "bob", "admin", "partner")
SIGNED_IN = ("ana", "bob", "admin")
READS = {"GET", "HEAD"}

PUBLIC, API, SIGN_IN, HOME = "public", "partner API", "sign-in", "console home"
COUNSELLOR, ADMIN, SHORTLIST, SHARE = "counsellor", "admin", "shortlist", "share link"

# Routes classified one by one; anything not here must match a prefix rule of `classify`.
EXPLICIT = {
    ("GET", "/openapi.json"): PUBLIC,
    ("GET", "/docs"): PUBLIC,
    ("GET", "/healthz"): PUBLIC,
    ("GET", "/"): PUBLIC,
    ("GET", "/chat"): PUBLIC,
    ("POST", "/chat"): PUBLIC,
    ("POST", "/chat/profile"): PUBLIC,
    ("POST", "/chat/forget"): PUBLIC,
    ("POST", "/chat/transcript"): PUBLIC,
    ("GET", "/accessibilite"): PUBLIC,
    ("GET", "/confidentialite"): PUBLIC,
    ("GET", "/modules"): PUBLIC,
    ("POST", "/modules"): PUBLIC,
    ("GET", "/modules.json"): PUBLIC,
    ("GET", "/modules.jsonld"): PUBLIC,
    ("GET", "/modules/{module_id}.json"): PUBLIC,
    ("GET", "/modules/{module_id}"): PUBLIC,
    ("GET", "/embed/chat"): PUBLIC,
    ("POST", "/embed/chat"): PUBLIC,
    ("POST", "/embed/chat/profile"): PUBLIC,
    ("POST", "/embed/chat/forget"): PUBLIC,
    ("POST", "/embed/chat/transcript"): PUBLIC,
    ("GET", "/embed/modules/{module_id}"): PUBLIC,
    ("GET", "/embed/theme.css"): PUBLIC,
    ("GET", "/widget.js"): PUBLIC,
    ("GET", "/console"): HOME,
    ("GET", "/console/login"): SIGN_IN,
    ("POST", "/console/login"): SIGN_IN,
    ("POST", "/console/logout"): COUNSELLOR,
    ("POST", "/console/logout-everywhere"): COUNSELLOR,
    ("GET", "/console/account"): COUNSELLOR,
}
# Static files: one file of each mount is fetched.
MOUNTS = {"/static": "/static/console.css", "/static/swagger": "/static/swagger/swagger-ui.css"}
# Bodies of the posts whose form or JSON is known; others get an empty form.
JSON_BODIES = {
    "/api/v1/search": {"text": "excel"},
    "/api/v1/pathway": {"text": "excel"},
    "/api/v1/chat": {"message": "je cherche une formation excel"},
}
FORM_BODIES = {
    "/chat": {"message": "excel"},
    "/modules": {"q": "excel"},
    "/embed/chat": {"message": "excel"},
}
PARAM = re.compile(r"{(\w+)(?::\w+)?}")


def _under(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith(prefix + "/") or path.startswith(prefix + ".")


def classify(method: str, path: str) -> str | None:
    """The class of a route, or None: then it was never reviewed."""
    if (method, path) in EXPLICIT:
        return EXPLICIT[(method, path)]
    if path.startswith("/api/v1/"):
        return API
    if _under(path, "/console/admin"):
        return ADMIN
    if _under(path, "/console/shortlists"):
        return SHORTLIST if "{public_id}" in path else COUNSELLOR
    if _under(path, "/console/search"):
        return COUNSELLOR
    if path.startswith("/s/"):
        return SHARE
    return None


def routes(app: FastAPI) -> Iterator[tuple[str, str, bool]]:
    """``(method, path template, is a mount)`` of every route, included routers too."""
    for context in iter_route_contexts(app.routes):
        if isinstance(context.original_route, Mount):
            yield "GET", str(context.path), True
            continue
        for method in sorted((context.methods or set()) - {"HEAD"}):
            yield method, str(context.path), False


@dataclass
class World:
    """The callers, and the records the sample URLs point at."""

    clients: dict[str, TestClient]
    samples: dict[str, str]
    publishable: str
    failures: list[str] = field(default_factory=list)


def _world(console_app: ConsoleApp) -> World:
    console = console_app.console
    ids = {u.email.split("@")[0]: u.id for u in console.accounts.list()}
    ana = Actor(ids["ana"], "ana@forem.be", "counsellor")
    shortlist = console.shortlists.create(ana, "DOS-42")
    console.shortlists.add_item(ana, shortlist.public_id, "m1", "Premiers pas", "une note")
    partner, publishable, secret = console.partners.add("Portail", ["https://portail.example"])
    with console.db.begin() as db:
        job = CatalogJob(started_by="admin@forem.be", started_at=utcnow(), status="done")
        db.add(job)
        db.flush()
        job_id = job.id
    version = console.shortlists.share(ana, shortlist.public_id)
    partner_client = console_app.client()
    partner_client.__enter__()
    partner_client.headers["Authorization"] = f"Bearer {secret}"
    anonymous = console_app.client()
    anonymous.__enter__()
    clients = {
        "anonymous": anonymous,
        "ana": console_app.signed_in("ana@forem.be"),
        "bob": console_app.signed_in("bob@forem.be"),
        "admin": console_app.signed_in("admin@forem.be"),
        "partner": partner_client,
    }
    samples = {
        "module_id": "m1",
        "public_id": shortlist.public_id,
        "token": console.links.token(shortlist.public_id, version),
        "job_id": str(job_id),
        "user_id": str(ids["ana"]),
        "partner_id": partner.id,
    }
    return World(clients, samples, publishable)


def _url(world: World, method: str, template: str) -> str:
    def sample(match: re.Match[str]) -> str:
        name = match[1]
        assert name in world.samples, f"{method} {template}: no sample value for {{{name}}}"
        return world.samples[name]

    url = PARAM.sub(sample, template)
    if template in ("/embed/chat", "/embed/modules/{module_id}"):
        return url + f"?key={world.publishable}"
    return url


def _call(world: World, who: str, method: str, template: str, **form: str) -> Response:
    url = _url(world, method, template)
    client = world.clients[who]
    if method in READS:
        return client.request(method, url, follow_redirects=False)
    if template in JSON_BODIES:
        return client.request(method, url, json=JSON_BODIES[template], follow_redirects=False)
    data: dict[str, Any] = {**FORM_BODIES.get(template, {}), **form}
    if template.startswith("/embed/chat"):
        data["key"] = world.publishable
    return client.request(method, url, data=data, follow_redirects=False)


def _to_login(r: Response) -> bool:
    return r.status_code == 303 and r.headers["location"].startswith("/console/login")


def _expect(world: World, who: str, method: str, template: str, kind: str, r: Response) -> None:
    """Record a failure unless ``who`` got what ``kind`` promises."""
    status, read = r.status_code, method in READS
    stranger = who in ("anonymous", "partner")
    if kind in (PUBLIC, SHARE):
        # A public post may refuse its input (422), never its caller.
        ok = status == 200 if read else status not in (401, 403) and status < 500
        ok = ok and not _to_login(r)
        want = "200" if read else "neither 401, 403, 5xx nor the sign-in page"
    elif kind == API:
        ok = (status == 200) if who == "partner" else status == 401
        want = "200" if who == "partner" else "401"
    elif kind == HOME:
        target = "/console/login" if stranger else "/console/search"
        ok = status == 303 and r.headers["location"] == target
        want = f"303 to {target}"
    elif kind == SIGN_IN:
        ok = status == (403 if not read else 200 if stranger else 303)
        want = "403 (no sign-in token)" if not read else "200" if stranger else "303"
    elif stranger:
        ok, want = _to_login(r), "303 to the sign-in page"
    elif not read:
        ok, want = status == 403, "403 (no CSRF token)"
    elif kind == ADMIN and who != "admin":
        ok, want = status == 403, "403"
    elif kind == SHORTLIST and who == "bob":
        ok, want = status == 404, "404 (not his)"
    else:
        ok, want = status == 200, "200"
    if not ok:
        world.failures.append(f"{method} {template} [{kind}] as {who}: {status}, want {want}")


def _shortlist_state(console_app: ConsoleApp, public_id: str) -> tuple[object, ...]:
    lists = console_app.console.shortlists
    found: Shortlist | None = lists.by_public_id(public_id)
    assert found is not None, "ana's shortlist was deleted"
    items = tuple((i.module_id, i.note) for i in found.items)
    return found.reference, found.share_version, items


def test_every_route_is_classified() -> None:
    app = create_app()
    unclassified = [f"{m} {p}" for m, p, mount in routes(app) if not mount and not classify(m, p)]
    mounts = [p for _, p, mount in routes(app) if mount and p not in MOUNTS]
    assert (unclassified, mounts) == ([], []), (
        "routes nobody has reviewed: classify them in tests/web/test_authorization_matrix.py"
    )
    present = {(m, p) for m, p, mount in routes(app) if not mount}
    stale = sorted(set(EXPLICIT) - present)
    assert stale == [], f"the table names routes that no longer exist: {stale}"


def test_a_new_route_fails_until_classified() -> None:
    assert classify("GET", "/console/reports") is None
    assert classify("POST", "/export") is None
    assert classify("GET", "/console/administration") is None  # not under /console/admin
    assert classify("GET", "/console/admin/new-page") == ADMIN
    assert classify("POST", "/console/shortlists/{public_id}/archive") == SHORTLIST
    assert classify("GET", "/console/shortlists/{public_id}.csv") == SHORTLIST
    assert classify("POST", "/console/shortlists/merge") == COUNSELLOR
    assert classify("GET", "/console/search/suggest") == COUNSELLOR
    assert classify("GET", "/s/{token}") == SHARE
    assert classify("DELETE", "/api/v1/whatever") == API


def test_the_authorization_matrix(console_app: ConsoleApp) -> None:
    app: FastAPI = console_app.app  # type: ignore[assignment]
    world = _world(console_app)
    public_id = world.samples["public_id"]
    before = _shortlist_state(console_app, public_id)
    checked: set[str] = set()
    for method, template, mount in routes(app):
        if mount:
            for who in IDENTITIES:
                r = world.clients[who].get(MOUNTS[template])
                if r.status_code != 200:
                    world.failures.append(f"{MOUNTS[template]} as {who}: {r.status_code}")
            continue
        kind = classify(method, template)
        assert kind is not None, f"{method} {template} is not classified"
        checked.add(kind)
        for who in IDENTITIES:
            r = _call(world, who, method, template)
            _expect(world, who, method, template, kind, r)
        if method not in READS and kind == ADMIN:
            _counsellors_try(world, method, template)
        if method not in READS and _under(template, "/console/shortlists"):
            _bob_tries(world, method, template)
    assert world.failures == [], "\n".join(world.failures)
    assert _shortlist_state(console_app, public_id) == before
    assert checked == {PUBLIC, API, SIGN_IN, HOME, COUNSELLOR, ADMIN, SHORTLIST, SHARE}


def _bob_tries(world: World, method: str, template: str) -> None:
    """Bob, with a valid form, tries to change ana's shortlist: it must not be found."""
    bob = world.clients["bob"]
    token = csrf_of(bob.get("/console/account").text)
    fields = {
        "csrf": token,
        "shortlist": world.samples["public_id"],
        "module_id": "m1",
        "note": "bob was here",
        "reference": "BOB-1",
    }
    r = _call(world, "bob", method, template, **fields)
    if "{public_id}" in template and r.status_code != 404:
        world.failures.append(f"{method} {template} as bob with a token: {r.status_code}, want 404")
    if r.status_code >= 500:
        world.failures.append(f"{method} {template} as bob with a token: {r.status_code}")


def _counsellors_try(world: World, method: str, template: str) -> None:
    """A counsellor's valid form does not make an admin post: still refused."""
    for who in ("ana", "bob"):
        account = world.clients[who].get("/console/account", follow_redirects=False)
        if account.status_code != 200:
            world.failures.append(f"{who} lost their session before {method} {template}")
            continue
        r = _call(world, who, method, template, csrf=csrf_of(account.text))
        if r.status_code != 403:
            world.failures.append(f"{method} {template} as {who} with a token: {r.status_code}")
