"""schema.org JSON-LD of the catalog: a ``Course`` per module, a ``CourseInstance`` per session.

    course(module, url="https://boussole.example.be/modules/dig-001", geo=(50.45, 3.95))
    item_list(courses)            # the whole catalog, an ItemList of Courses
    script_json(data)             # the text to put inside <script type="application/ld+json">

What each catalog field becomes (vocabulary: https://schema.org/Course):

- ``title``/``description``/``id`` → ``name``, ``description``, ``courseCode`` and ``identifier``;
  ``provider`` → an ``Organization``; ``language`` → ``inLanguage``; ``level`` →
  ``educationalLevel``; ``certification`` → ``educationalCredentialAwarded``; ``prerequisites``
  → ``coursePrerequisites``; ``duration_hours`` → ``timeRequired`` as an ISO 8601 duration
  (``PT40H``); ``cost`` → an ``Offer`` (price 0 EUR when it says free, else its words).
- Each start date → a ``CourseInstance`` with ``startDate``, ``courseMode`` (``onsite``,
  ``online``, ``blended`` from the format), ``courseWorkload`` and the ``location``: a
  ``Place`` with its ``PostalAddress`` (country BE) and ``GeoCoordinates`` when the town is
  known, a ``VirtualLocation`` for a distance course. No date: one instance without one.

Pure: the page address and the coordinates are arguments. ``script_json`` escapes ``<``, ``>``
and ``&`` (and the JavaScript line separators) so no description can close the script tag.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from corpus.model import Module
from corpus.text import fold

CONTEXT = "https://schema.org"
COURSE_MODES = {"presentiel": "onsite", "distanciel": "online", "hybride": "blended"}
# A cost that says the course is free (folded words, any of the four languages).
_FREE = re.compile(r"\b(gratuit\w*|gratis|free|kosteloos|kostenlos|sans frais)\b")
# An amount in euros ("120 €", "45,50 EUR", "€ 30"): a cost that names one other than 0 is not free,
# whatever else it says ("120 €, gratuité possible sur demande").
_PRICE = re.compile(r"(?:€|\beur\b)\s*(\d+(?:[.,]\d+)?)|(\d+(?:[.,]\d+)?)\s*(?:€|eur\b|euros?\b)")
_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}
_SCRIPT_UNSAFE |= {"\u2028": "\\u2028", "\u2029": "\\u2029"}


def iso_duration(hours: float | None) -> str | None:
    """``40`` → ``PT40H``, ``1.5`` → ``PT1H30M``; ``None`` for an unknown or zero length."""
    if hours is None or not hours > 0:
        return None
    minutes = round(hours * 60)
    if minutes == 0:
        return None
    h, m = divmod(minutes, 60)
    return "PT" + (f"{h}H" if h else "") + (f"{m}M" if m else "")


def is_free(cost: str | None) -> bool:
    """Whether the catalog's cost text says the course is free: it says so ("gratuit",
    "kosteloos"...) or gives 0 €, and names no other amount."""
    text = fold(cost or "")
    amounts = [float((a or b).replace(",", ".")) for a, b in _PRICE.findall(text)]
    if any(amount > 0 for amount in amounts):
        return False
    return _FREE.search(text) is not None or bool(amounts)


def offer(cost: str) -> dict[str, Any]:
    """The ``Offer`` for a cost text: price 0 EUR when free, always the words themselves."""
    out: dict[str, Any] = {"@type": "Offer", "description": cost}
    if is_free(cost):
        out |= {"price": 0, "priceCurrency": "EUR"}
    return out


def location(module: Module, geo: tuple[float, float] | None) -> dict[str, Any] | None:
    """Where the sessions take place: a ``Place`` in Belgium, or a ``VirtualLocation``."""
    if module.format_key == "distanciel":
        virtual: dict[str, Any] = {"@type": "VirtualLocation"}
        if module.url:
            virtual["url"] = module.url
        return virtual
    if not (module.city or module.postal_code):
        return None
    address: dict[str, Any] = {"@type": "PostalAddress", "addressCountry": "BE"}
    for key, value in (
        ("addressLocality", module.city),
        ("postalCode", module.postal_code),
        ("addressRegion", module.region),
    ):
        if value:
            address[key] = value
    place: dict[str, Any] = {"@type": "Place", "address": address}
    if module.city:
        place["name"] = module.city
    if geo is not None:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": geo[0], "longitude": geo[1]}
    return place


def course_instances(module: Module, geo: tuple[float, float] | None) -> list[dict[str, Any]]:
    """One ``CourseInstance`` per start date (one without a date when none is given)."""
    common: dict[str, Any] = {"@type": "CourseInstance", "inLanguage": module.language}
    if (mode := COURSE_MODES.get(module.format_key or "")) is not None:
        common["courseMode"] = mode
    if (workload := iso_duration(module.duration_hours)) is not None:
        common["courseWorkload"] = workload
    if (where := location(module, geo)) is not None:
        common["location"] = where
    if not module.start_dates:
        return [common]
    return [{**common, "startDate": d.isoformat()} for d in sorted(module.start_dates)]


def course(
    module: Module, *, url: str, geo: tuple[float, float] | None = None, context: bool = True
) -> dict[str, Any]:
    """The schema.org ``Course`` of ``module``, whose Boussole page is at ``url``; ``geo`` is
    its town's (latitude, longitude) when known. ``context=False`` leaves out ``@context``
    (a Course inside a list that carries it)."""
    out: dict[str, Any] = {"@context": CONTEXT} if context else {}
    out |= {
        "@type": "Course",
        "@id": url,
        "url": url,
        "name": module.title,
        "courseCode": module.id,
        "identifier": module.id,
        "inLanguage": module.language,
    }
    optional: dict[str, Any] = {
        "description": module.description,
        "provider": {"@type": "Organization", "name": module.provider} if module.provider else None,
        "educationalLevel": module.level,
        "educationalCredentialAwarded": module.certification,
        "coursePrerequisites": module.prerequisites,
        "timeRequired": iso_duration(module.duration_hours),
        "offers": offer(module.cost) if module.cost else None,
        "keywords": ", ".join(module.tags) if module.tags else None,
        "sameAs": module.url,
    }
    out |= {k: v for k, v in optional.items() if v not in (None, "")}
    out["hasCourseInstance"] = course_instances(module, geo)
    return out


def item_list(courses: Iterable[dict[str, Any]], *, name: str) -> dict[str, Any]:
    """The whole catalog: an ``ItemList`` of ``Course`` s (made with ``context=False``)."""
    items = [
        {"@type": "ListItem", "position": n, "item": c} for n, c in enumerate(courses, start=1)
    ]
    return {
        "@context": CONTEXT,
        "@type": "ItemList",
        "name": name,
        "numberOfItems": len(items),
        "itemListElement": items,
    }


def script_json(data: Any) -> str:
    """``data`` as JSON that is safe inside an HTML ``<script>`` element: ``</script>`` or
    ``<!--`` in any text cannot end or change the element (``json.loads`` reads it back)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _SCRIPT_UNSAFE[m.group(0)], text)
