"""schema.org JSON-LD of modules: what each field becomes, safe inside a script element, and
checked against schema.org's own vocabulary (tests/corpus/schemaorg)."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

import pytest

from corpus.jsonld import course, is_free, iso_duration, item_list, script_json
from corpus.model import Module
from tests.corpus.schemaorg.vocabulary import violations, vocabulary

URL = "https://boussole.example.be/modules/dig-001"
CLASSROOM = Module(
    id="dig-001",
    title="Premiers pas en informatique",
    description="Souris, clavier, fichiers.",
    provider="Le Forem",
    city="Mons",
    postal_code="7000",
    region="Wallonie",
    duration_hours=40,
    level="initiation",
    format="presentiel",
    certification="Attestation de réussite",
    prerequisites="Aucun",
    cost="Gratuit pour les demandeurs d'emploi",
    language="fr",
    url="https://provider.example/dig-001",
    start_dates=(date(2027, 3, 15), date(2027, 1, 11)),
    tags=("ordinateur", "souris"),
)
ONLINE = Module(
    id="web-9", title="HTML", format="distanciel", duration_hours=1.5, cost="120 €", language="nl"
)


@pytest.mark.parametrize(
    ("hours", "iso"),
    [(40, "PT40H"), (1.5, "PT1H30M"), (0.25, "PT15M"), (900, "PT900H"), (None, None), (0, None)],
)
def test_durations_are_iso_8601(hours: float | None, iso: str | None) -> None:
    assert iso_duration(hours) == iso


@pytest.mark.parametrize(
    ("cost", "free"),
    [
        ("Gratuit pour les demandeurs d'emploi", True),
        ("GRATUITE", True),
        ("Kosteloos voor werkzoekenden", True),
        ("Free for jobseekers", True),
        ("120 € (gratuité possible sur demande)", False),
        ("250 €", False),
        ("0 €", True),
        ("45,50 EUR", False),
        ("Gratuit ; 30 € de matériel", False),
        (None, False),
    ],
)
def test_free_is_read_from_the_cost_words(cost: str | None, free: bool) -> None:
    assert is_free(cost) is free


def test_a_classroom_module_is_a_course_with_a_dated_instance_per_session() -> None:
    data = course(CLASSROOM, url=URL, geo=(50.45, 3.95))
    assert data["@context"] == "https://schema.org" and data["@type"] == "Course"
    assert (data["name"], data["courseCode"], data["url"]) == (CLASSROOM.title, "dig-001", URL)
    assert data["provider"] == {"@type": "Organization", "name": "Le Forem"}
    assert data["timeRequired"] == "PT40H" and data["inLanguage"] == "fr"
    assert data["educationalCredentialAwarded"] == "Attestation de réussite"
    assert data["educationalLevel"] == "initiation"
    assert data["offers"]["price"] == 0 and data["offers"]["priceCurrency"] == "EUR"
    instances = data["hasCourseInstance"]
    assert [i["startDate"] for i in instances] == ["2027-01-11", "2027-03-15"]
    for instance in instances:
        assert instance["@type"] == "CourseInstance" and instance["courseMode"] == "onsite"
        assert instance["courseWorkload"] == "PT40H"
        place = instance["location"]
        assert place["address"] == {
            "@type": "PostalAddress",
            "addressCountry": "BE",
            "addressLocality": "Mons",
            "postalCode": "7000",
            "addressRegion": "Wallonie",
        }
        assert place["geo"] == {"@type": "GeoCoordinates", "latitude": 50.45, "longitude": 3.95}


def test_a_distance_module_without_dates_has_one_online_instance() -> None:
    data = course(ONLINE, url=URL, context=False)
    assert "@context" not in data and "provider" not in data and "description" not in data
    assert data["offers"] == {"@type": "Offer", "description": "120 €"}
    (instance,) = data["hasCourseInstance"]
    assert instance["courseMode"] == "online" and "startDate" not in instance
    assert instance["location"] == {"@type": "VirtualLocation"}
    assert instance["inLanguage"] == "nl" and data["timeRequired"] == "PT1H30M"


def test_the_output_uses_only_schema_org_types_and_their_properties() -> None:
    document = item_list(
        [course(m, url=URL, geo=(50.4, 4.4), context=False) for m in (CLASSROOM, ONLINE)],
        name="Boussole",
    )
    assert violations(document) == []
    assert violations(course(CLASSROOM, url=URL, geo=(50.4, 4.4))) == []


@pytest.mark.parametrize(
    ("bad", "said"),
    [
        ({"@type": "Course", "durationHours": 4}, "not a schema.org property"),
        ({"@type": "Course", "courseMode": "online"}, "not a property of Course"),
        ({"@type": "Cours", "name": "x"}, "not a schema.org type"),
        ({"@type": "Course", "provider": {"name": "x"}}, "without a single @type"),
        ({"@type": "CourseInstance", "location": {"@type": "Place", "zip": "1"}}, "zip"),
    ],
)
def test_the_vocabulary_check_catches_what_schema_org_lacks(bad: dict[str, Any], said: str) -> None:
    found = violations(bad)
    assert found and said in found[0]


def test_the_vocabulary_is_schema_orgs_own() -> None:
    v = vocabulary()
    assert v["version"] and "schemaorg-current-https.jsonld" in v["source"]
    assert len(v["types"]) > 800 and len(v["properties"]) > 1400
    assert "CourseInstance" in v["properties"]["courseMode"]["domains"]


HOSTILE = "</script><script>alert(1)</script><!-- <!--<script> & \u2028\u2029 </SCRIPT >"


def test_script_json_cannot_close_or_change_the_script_element() -> None:
    module = Module(id="x", title=HOSTILE, description=HOSTILE, provider=HOSTILE)
    text = script_json(course(module, url=URL))
    assert not re.search(r"[<>&\u2028\u2029]", text)
    assert json.loads(text)["description"] == HOSTILE  # the data itself is intact
