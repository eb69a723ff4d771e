"""schema.org JSON-LD on the site: one ``Course`` in every module page, the whole catalog at
``/modules.jsonld``.

The data is :mod:`corpus.jsonld`'s; here it gets the public address of each page (never the
request's ``Host``: :func:`web.public_url.public_base`) and the town's coordinates the index
placed it at. The catalog document is built once per index generation, day and address, and
kept (its bytes) until one of them changes.
"""

from __future__ import annotations

import json
import math
import threading
from typing import Any

from fastapi import Request
from markupsafe import Markup

from assistant.search import SearchService
from corpus.freshness import Freshness
from corpus.jsonld import course, item_list, script_json
from corpus.model import Module
from web.public_url import public_base
from web.render import segment

MEDIA_TYPE = "application/ld+json"


def _geo(service: SearchService, module: Module) -> tuple[float, float] | None:
    row = service.rows.get(module.id)
    if row is None:
        return None
    lat, lon = (float(v) for v in service.facets.coords[row])
    return None if math.isnan(lat) or math.isnan(lon) else (lat, lon)


def module_course(base: str, service: SearchService, module: Module, **kw: Any) -> dict[str, Any]:
    """The ``Course`` of ``module``, its page under ``base``."""
    url = f"{base}/modules/{segment(module.id)}"
    return course(module, url=url, geo=_geo(service, module), **kw)


def module_script(request: Request, service: SearchService, module: Module) -> Markup:
    """The JSON-LD to put in the module's ``<script type="application/ld+json">``, escaped."""
    return Markup(script_json(module_course(public_base(request), service, module)))


class CatalogDocument:
    """``/modules.jsonld``: the modules a jobseeker may see, as an ``ItemList`` of Courses."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple[str, str, str] | None = None
        self._body = b""

    def body(self, base: str, service: SearchService, freshness: Freshness) -> bytes:
        """The document's bytes for the generation ``service`` serves (cached)."""
        cutoff = freshness.cutoff()
        key = (service.index.generation.name, str(cutoff), base)
        with self._lock:
            if key == self._key:
                return self._body
        gone = service.facets.past(cutoff)
        courses = (
            module_course(base, service, m, context=False)
            for row, m in enumerate(service.index.modules)
            if not gone[row]
        )
        data = item_list(courses, name="Boussole")
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        with self._lock:
            self._key, self._body = key, body
        return body
