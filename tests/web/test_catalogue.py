"""The catalogue through HTTP: numbered pages that keep the filters, orders, the town as a
point with a radius, the relevance gate on typed words, and the module page's map and
contact."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from assistant.search import SearchService
from assistant.settings import Settings
from corpus.loaders import load_catalog
from index.builder import build_index
from index.store import LoadedIndex
from tests.conftest import SMALL, write_jsonl
from tests.fakes import FakeEncoder
from tests.web.conftest import PartnerKeys
from tests.web.html_tools import Node, parse
from web.app import create_app

TOWNS = [("Namur", "5000"), ("Wavre", "1300"), ("Arlon", "6700"), ("Tournai", "7500")]
SOON = date.today() + timedelta(days=10)
LATER = date.today() + timedelta(days=40)


def soldering(n: int) -> dict[str, Any]:
    """A welding module of our own (52 of them: three pages with SMALL's eight)."""
    town, code = TOWNS[n % len(TOWNS)]
    return {
        "id": f"w{n:02d}",
        "title": f"Soudure à l'arc, groupe {n:02d}",
        "description": "Soudage semi-automatique MIG MAG sur acier, lecture de plans.",
        "provider": "Centre de soudure",
        "city": town,
        "postal_code": code,
        "duration_hours": 120,
        "level": "initiation" if n % 2 else "intermediaire",
        "format": "presentiel",
        "start_dates": [LATER.isoformat()] if n % 3 == 0 else [],
        "tags": ["soudure"],
    }


def catalogue_records() -> list[dict[str, Any]]:
    records = [dict(m) for m in SMALL] + [soldering(n) for n in range(52)]
    for m in records:
        if m["id"] == "m6":  # a start date soon, and a contact kept as extra keys
            m["start_dates"] = [SOON.isoformat()]
            m["contact"] = "Accueil BeCode"
            m["email"] = "charleroi@becode.example"
            m["phone"] = "+32 71 00 00 00"
    return records


@pytest.fixture
def client(tmp_path: Path, partner: PartnerKeys) -> Iterator[TestClient]:
    catalog = load_catalog(write_jsonl(tmp_path / "catalog.jsonl", catalogue_records()))
    encoder = FakeEncoder()
    build_index(catalog, encoder, tmp_path / "index")
    app = create_app(
        Settings(index_dir=tmp_path / "index"),
        services=SearchService(LoadedIndex.open(tmp_path / "index", encoder)),
        partners=partner.store,
    )
    with TestClient(app) as c:
        yield c


def items(page: Node) -> list[Node]:
    return page.find("ul", cls="module-list").find_all("li")


def ids(page: Node) -> list[str]:
    return [li.find("a").attrs["href"].rsplit("/", 1)[-1] for li in items(page)]


def pager(page: Node) -> Node:
    return page.find("nav", cls="pagination")


def test_pages_are_numbered_with_previous_next_and_the_count(client: TestClient) -> None:
    first = parse(client.get("/modules").text)
    assert first.find("h2", id="results-title").text == "60 formations"
    assert len(items(first)) == 25
    nav = pager(first)
    assert [a.text for a in nav.find_all("a")] == ["2", "3", "Page suivante"]
    assert nav.find("a", rel="next").attrs["href"] == "/modules?page=2"
    assert nav.find("span", cls="current").attrs["aria-current"] == "page"
    second = parse(client.get("/modules?page=2").text)
    nav = pager(second)
    assert nav.find("a", rel="prev").attrs["href"] == "/modules"
    assert nav.find("a", rel="next").attrs["href"] == "/modules?page=3"
    assert "Formations 26 à 50" in second.find("p", cls="range").text
    last = parse(client.get("/modules?page=3").text)
    assert len(items(last)) == 10 and not pager(last).find_all("a", rel="next")
    every = ids(first) + ids(second) + ids(last)
    assert len(set(every)) == 60


def test_filters_and_order_are_kept_across_pages(client: TestClient) -> None:
    page = parse(client.get("/modules?level=initiation&sort=date").text)
    nav = pager(page)
    assert nav.find("a", rel="next").attrs["href"] == "/modules?level=initiation&sort=date&page=2"
    listed = ids(page)
    # the next start date first (SOON before LATER), undated modules last
    assert listed[0] != "m6"  # m6 is intermediate: filtered out
    dated = [i for i in listed if i.startswith("w") and int(i[1:]) % 3 == 0]
    assert listed[: len(dated)] == dated
    twin = client.get("/modules.json?level=initiation&sort=date").json()
    assert twin["sort"] == "date" and twin["total"] == int(
        page.find("h2", id="results-title").text.split()[0]
    )


def test_order_by_date_and_by_distance_from_the_town(client: TestClient) -> None:
    by_date = ids(parse(client.get("/modules?sort=date").text))
    assert by_date[0] == "m6"  # the soonest start
    by_town = parse(client.get("/modules?city=Charleroi&sort=town").text)
    listed = ids(by_town)
    assert listed[:2] == ["m6", "m4"]  # Charleroi itself, then Gosselies
    wheres = [li.find("span", cls="where").text for li in items(by_town)]
    assert wheres[0] == "Charleroi · à 0 km" and wheres[1].startswith("Gosselies · à ")
    assert wheres[-1] == "À distance"  # distance courses last, never with a distance


def test_the_town_is_a_point_with_a_radius(client: TestClient) -> None:
    near = parse(client.get("/modules?city=Charleroi").text)
    listed = set(ids(near))
    assert {"m4", "m6"} <= listed  # Gosselies is in "Charleroi"
    assert {"m3", "m7"} <= listed  # distance courses are in reach from everywhere
    assert "m1" not in listed  # Mons is about 35 km away
    assert "15 km" in near.find("h2", id="results-title").text
    wide = parse(client.get("/modules?city=Charleroi&radius_km=60").text)
    assert "m1" in ids(wide)  # nearest first: Mons comes before the distance courses
    count = int(wide.find("h2", id="results-title").text.split()[0])
    assert count > len(listed) and "60 km" in wide.find("h2", id="results-title").text
    assert parse(client.get("/modules?city=6041").text).find("select", id="f-radius")
    twin = client.get("/modules.json?city=Charleroi").json()
    distances = {m["id"]: m["distance_km"] for m in twin["modules"]}
    assert distances["m6"] == 0 and 0 < distances["m4"] < 15 and distances["m7"] is None
    bad = client.get("/modules?city=Atlantide")
    assert bad.status_code == 422 and "commune" in parse(bad.text).find("p", cls="error").text
    assert client.get("/modules.json?city=Atlantide").status_code == 422


def test_typed_words_are_ranked_by_relevance_and_paged_by_post(client: TestClient) -> None:
    r = client.post("/modules", data={"q": "soudure semi-automatique"})
    page = parse(r.text)
    assert r.status_code == 200
    assert page.find("select", id="f-sort").find("option", selected="").attrs["value"] == ""
    listed = ids(page)
    assert listed and all(i.startswith("w") for i in listed)  # nothing off topic
    assert page.find("h2", id="results-title").text == "52 formations"
    buttons = pager(page).find_all("button")
    assert [b.attrs["value"] for b in buttons] == ["2", "3", "2"]
    assert all(b.attrs["form"] == "search-form" and b.attrs["name"] == "page" for b in buttons)
    second = parse(
        client.post("/modules", data={"q": "soudure semi-automatique", "page": "2"}).text
    )
    assert set(ids(second)).isdisjoint(listed)
    hrefs = [a.attrs.get("href", "") for a in second.iter() if a.tag in ("a", "link", "form")]
    hrefs += [f.attrs.get("action", "") for f in second.find_all("form")]
    assert not any("soudure" in h for h in hrefs), "the words never go into an address"
    by_title = parse(
        client.post("/modules", data={"q": "soudure semi-automatique", "sort": "title"}).text
    )
    assert ids(by_title)[:2] == ["w00", "w01"]


def test_words_nothing_on_topic_passes_get_the_nearest_with_a_notice(client: TestClient) -> None:
    r = client.post("/modules", data={"q": "excel", "city": "Charleroi", "level": "initiation"})
    page = parse(r.text)
    notice = page.find("p", cls="notice").text
    assert notice == "Aucune formation sur « excel » à Charleroi : voici les plus proches."
    assert set(ids(page)) == {"m2", "m3"}  # Excel, without the place and the level
    found = parse(client.post("/modules", data={"q": "excel", "level": "initiation"}).text)
    assert ids(found) == ["m2"] and not found.find_all("p", cls="notice")
    none = parse(client.post("/modules", data={"q": "zorglub plugh"}).text)
    assert not items(none) and "« zorglub plugh »" in none.find("p", cls="notice").text


def test_the_page_number_of_a_filter_only_post_goes_to_the_address(client: TestClient) -> None:
    r = client.post(
        "/modules", data={"q": "", "city": "Namur", "page": "2"}, follow_redirects=False
    )
    assert r.status_code == 303 and r.headers["location"] == "/modules?city=Namur&page=2"


def test_module_page_has_a_map_the_contact_and_a_json_link(client: TestClient) -> None:
    page = parse(client.get("/modules/m6").text)
    svg = page.find("figure", cls="place-map").find("svg")
    assert svg.attrs["role"] == "img" and "Charleroi" in svg.find("title").text
    town = svg.find("circle", cls="town")
    width, height = (float(v) for v in svg.attrs["viewbox"].split()[2:])
    assert 0 < float(town.attrs["cx"]) < width and 0 < float(town.attrs["cy"]) < height
    assert page.find("path", cls="country").attrs["d"].startswith("M")
    assert svg.find("text", cls="landmark").text == "Bruxelles"  # to read the map by
    english = parse(client.get("/modules/m6?lang=en").text)
    assert english.find("text", cls="landmark").text == "Brussels"
    contact = page.find("ul", cls="contact")
    assert contact.find("a", href="mailto:charleroi@becode.example")
    assert contact.find("a", href="tel:+3271000000") and "Accueil BeCode" in contact.text
    assert page.find("link", rel="alternate").attrs["href"] == "/modules/m6.json"
    footer = page.find("footer")
    assert footer.find("a", href="/modules/m6.json").text == "Cette fiche en JSON"
    assert not page.find("main").find_all("a", href="/modules/m6.json")
    remote = parse(client.get("/modules/m7").text)  # a distance course: no place to mark
    assert not remote.find_all("figure", cls="place-map") and not remote.find_all(cls="contact")
    assert "À distance" in remote.find("dl", cls="facts").text


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ("lang=en&level=avance", "1 course"),
        ("lang=de&level=avance", "1 Kurs"),
        ("lang=nl", "60 opleidingen"),
        ("level=avance", "1 formation"),
    ],
)
def test_the_count_follows_the_languages_plural(client: TestClient, query: str, count: str) -> None:
    page = parse(client.get(f"/modules?{query}").text)
    assert page.find("h2", id="results-title").text == count


def test_words_that_name_no_subject_leave_the_filters_alone(client: TestClient) -> None:
    page = parse(client.post("/modules", data={"q": "formation", "city": "Charleroi"}).text)
    listed = ids(page)
    assert listed == ids(parse(client.get("/modules?city=Charleroi").text))
    assert listed[0] == "m6" and not page.find_all("p", cls="notice")  # nearest first
