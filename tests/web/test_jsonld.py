"""schema.org JSON-LD through the real app: in every module page (and the partner panel's
module view), and the whole catalog at /modules.jsonld, checked against schema.org."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.corpus.schemaorg.vocabulary import violations
from tests.web.freshness_fixtures import DATED, HOSTILE, FreshApp, fresh_app
from tests.web.html_tools import parse

PAST = {"x-over", "x-old"}


@pytest.fixture
def app(tmp_path: Path, database_url: str) -> Iterator[FreshApp]:
    with fresh_app(tmp_path, database_url, public_url="https://boussole.example.be") as made:
        yield made


def ld_scripts(html: str) -> list[Any]:
    """The JSON-LD of every ``<script type="application/ld+json">`` of the page, as an HTML
    parser ends them (at the first ``</script``): a text that closed the element early fails
    to parse here."""
    page = parse(html)
    scripts = page.find_all("script", type="application/ld+json")
    raw = re.findall(r'<script type="application/ld\+json">(.*?)</script', html, flags=re.S | re.I)
    assert len(raw) == len(scripts)
    return [json.loads(text) for text in raw]


def test_a_module_page_names_its_course_and_course_instances(app: FreshApp) -> None:
    r = app.client.get("/modules/x-coming")
    assert r.status_code == 200
    (data,) = ld_scripts(r.text)
    assert violations(data) == []
    assert data["@context"] == "https://schema.org" and data["@type"] == "Course"
    assert data["name"] == "Excel initiation (janvier)" and data["courseCode"] == "x-coming"
    assert data["url"] == "https://boussole.example.be/modules/x-coming"
    assert data["provider"] == {"@type": "Organization", "name": "Technobel"}
    assert data["timeRequired"] == "PT40H" and data["inLanguage"] == "fr"
    assert data["offers"]["price"] == 0 and data["offers"]["priceCurrency"] == "EUR"
    assert data["educationalCredentialAwarded"] == "Attestation de réussite"
    instances = data["hasCourseInstance"]
    assert [i["startDate"] for i in instances] == ["2026-09-07", "2027-01-11"]
    place = instances[0]["location"]
    assert instances[0]["@type"] == "CourseInstance" and instances[0]["courseMode"] == "onsite"
    assert place["address"]["addressLocality"] == "Ciney"
    assert place["address"]["postalCode"] == "5590" and place["address"]["addressCountry"] == "BE"
    # Ciney is in the gazetteer: its coordinates, as the index placed it.
    assert 50.0 < place["geo"]["latitude"] < 50.5 and 4.8 < place["geo"]["longitude"] < 5.3


def test_a_hostile_description_cannot_close_the_script(app: FreshApp) -> None:
    r = app.client.get("/modules/x-hostile")
    html = r.text
    (data,) = ld_scripts(html)
    hostile = next(m for m in DATED if m["id"] == "x-hostile")
    assert data["description"] == hostile["description"] and HOSTILE in data["description"]
    assert data["name"] == hostile["title"]
    body = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert body is not None and "<" not in body[1] and "&" not in body[1]
    # No script of the page but the JSON-LD and the site's own files.
    others = [
        s for s in parse(html).find_all("script") if s.attrs.get("type") != "application/ld+json"
    ]
    assert all(s.attrs.get("src", "").startswith("/static/") for s in others)


def test_the_partner_panel_module_view_carries_it_too(app: FreshApp) -> None:
    _, publishable, _ = app.console.partners.add("Portail", ["https://portail.example"])
    r = app.client.get(f"/embed/modules/x-coming?key={publishable}")
    assert r.status_code == 200
    (data,) = ld_scripts(r.text)
    assert data["@type"] == "Course" and data["hasCourseInstance"][0]["@type"] == "CourseInstance"


def test_the_whole_catalog_as_json_ld(app: FreshApp) -> None:
    r = app.client.get("/modules.jsonld")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/ld+json")
    data = r.json()
    assert violations(data) == []
    assert data["@type"] == "ItemList"
    courses = [item["item"] for item in data["itemListElement"]]
    ids = {c["courseCode"] for c in courses}
    listed = app.client.get("/modules.json").json()
    assert data["numberOfItems"] == len(courses) == listed["total"]
    assert not ids & PAST and {"x-coming", "x-hostile", "m1"} <= ids
    assert [item["position"] for item in data["itemListElement"]] == list(range(1, len(ids) + 1))
    assert app.client.get("/modules.jsonld").content == r.content  # same generation, same day
    page = parse(app.client.get("/modules").text)
    link = page.find("link", type="application/ld+json")
    assert link.attrs["rel"] == "alternate" and link.attrs["href"] == "/modules.jsonld"


def test_the_catalog_json_ld_lists_past_modules_when_the_setting_is_off(
    tmp_path: Path, database_url: str
) -> None:
    with fresh_app(tmp_path, database_url, hide_past_modules=False) as made:
        data = made.client.get("/modules.jsonld").json()
    ids = {item["item"]["courseCode"] for item in data["itemListElement"]}
    assert ids >= PAST
