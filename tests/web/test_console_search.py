"""The counsellor's search: a posted form, explained results, nothing of the text kept."""

from __future__ import annotations

import logging
from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from assistant.db.models import Base
from assistant.errors import InvalidQueryError
from assistant.filters import Facets, Filters
from corpus.model import Module
from tests.web.console_fixtures import ConsoleApp, csrf_of
from tests.web.html_tools import Node, parse

PROFILE = "Je n'ai jamais utilisé d'ordinateur, j'habite à Mons et je voudrais apprendre Excel"


def search(client: TestClient, **fields: object) -> tuple[int, Node]:
    token = csrf_of(client.get("/console/search").text)
    r = client.post("/console/search", data={"csrf": token, **fields})
    return r.status_code, parse(r.text)


def results(page: Node) -> list[Node]:
    return page.find("ol", cls="results").find_all("li", cls="result")


def titles(page: Node) -> list[str]:
    return [card.find("h3").text for card in results(page)]


def test_the_form_posts_the_text_with_the_csrf_token(console_app: ConsoleApp) -> None:
    c = console_app.signed_in("ana@forem.be")
    page = parse(c.get("/console/search").text)
    form = page.find("form", cls="console-search")
    assert form.attrs["method"] == "post" and form.attrs["action"] == "/console/search"
    assert form.find("textarea", name="text")
    assert form.find("input", name="csrf").attrs["value"]
    for control in form.find_all("input") + form.find_all("select") + form.find_all("textarea"):
        if control.attrs.get("type") not in ("hidden", "submit"):
            assert page.find("label", for_=control.attrs["id"]), control.attrs["name"]
    assert [h.tag for h in page.iter() if h.tag in ("h1", "h2")] == ["h1"]


def test_results_show_reasons_checks_scores_and_the_pathway(console_app: ConsoleApp) -> None:
    c = console_app.signed_in("ana@forem.be")
    status, page = search(c, text=PROFILE)
    assert status == 200
    cards = results(page)
    assert cards
    first = cards[0]
    assert first.find("ul", cls="reasons").find_all("li")
    table = first.find("table", cls="checks")
    assert [th.attrs["scope"] for th in table.find("thead").find_all("th")] == ["col"] * 3
    rows = {
        tr.find("th").text: tr.find_all("td")[-1].text
        for tr in table.find("tbody").iter()
        if tr.tag == "tr"
    }
    assert rows["Distance"] == "Convient"
    scores = {
        div.find("dt").text: div.find("dd").text
        for div in first.find("dl", cls="scores").find_all("div")
    }
    assert set(scores) == {
        "Score",
        "Mots (BM25)",
        "Sens (embeddings)",
        "Fusion",
        "Contraintes (facteur)",
    }
    assert float(scores["Score"].replace(",", ".")) > 0
    assert scores["Contraintes (facteur)"].startswith("×")
    steps = page.find("ol", cls="pathway").find_all("li", cls="result")
    assert [s.find("h3").text for s in steps] == [
        "Premiers pas en informatique (24h)",
        "Excel avancé : tableaux croisés dynamiques",
    ]
    understood = page.find("dl", cls="understood").text
    assert "Mons (7000)" in understood and "Débute" in understood
    # The search was counted: a number and a tag of the catalogue, not the text.
    report = console_app.console.usage.report()
    assert report.days[0][1] == 1 and report.topics


def test_one_form_around_the_results_adds_the_checked_modules(console_app: ConsoleApp) -> None:
    c = console_app.signed_in("ana@forem.be")
    status, page = search(c, text=PROFILE)
    assert status == 200
    keep = page.find("form", cls="add-form")
    assert keep.attrs["method"] == "post" and keep.attrs["action"] == "/console/shortlists/add"
    assert "console-search" not in keep.classes
    assert not [f for f in keep.iter() if f.tag == "form"]  # no form inside another
    assert keep.find("input", name="csrf").attrs["value"]
    assert keep.find("ol", cls="results") and keep.find("ol", cls="pathway")
    options = keep.find("select", name="shortlist").find_all("option")
    assert [(o.attrs["value"], o.text) for o in options] == [("new", "Nouvelle liste")]
    assert keep.find("input", name="reference").attrs["maxlength"] == "40"
    assert keep.find("textarea", name="note").attrs["maxlength"] == "2000"
    assert [b.attrs["type"] for b in keep.find_all("button")] == ["submit"]
    for control in keep.find_all("input") + keep.find_all("select") + keep.find_all("textarea"):
        if control.attrs.get("type") != "hidden":
            assert page.find("label", for_=control.attrs["id"]), control.attrs["name"]
    for card in results(page):
        box = card.find("input", name="module_id")
        assert box.attrs["type"] == "checkbox" and "checked" not in box.attrs
        assert box.attrs["value"] and box.attrs["id"].endswith("-keep")
        label = page.find("label", for_=box.attrs["id"]).text
        assert label == f"Retenir cette formation : {card.find('h3').text}"
    assert not page.find("form", cls="console-search").find_all("input", name="module_id")
    checked = [card.find("input", name="module_id").attrs["value"] for card in results(page)]
    r = c.post(
        "/console/shortlists/add",
        data={
            "csrf": keep.find("input", name="csrf").attrs["value"],
            "module_id": checked[:3],
            "shortlist": "new",
            "reference": "D-7",
            "note": "Voir avec elle",
        },
    )
    assert r.status_code == 200 and r.url.path.startswith("/console/shortlists/")
    added = parse(r.text)
    assert added.find("p", cls="flash").text == (
        "La liste est créée. 3 formations ajoutées à la liste."
    )
    assert [h.text for h in added.find("ol", cls="shortlist-items").find_all("h3")] == titles(page)[
        :3
    ]
    _, again = search(c, text=PROFILE)
    options = again.find("form", cls="add-form").find("select", name="shortlist").find_all("option")
    assert [o.text for o in options] == ["D-7", "Nouvelle liste"]
    assert options[0].attrs.get("selected") is not None


def test_the_results_stay_in_the_browser_history_only(console_app: ConsoleApp) -> None:
    # Chromium shows a POST answer again on Back when it may keep it ("no-cache": never
    # reused otherwise without asking); "no-store" gives "confirm form resubmission" instead.
    c = console_app.signed_in("ana@forem.be")
    token = csrf_of(c.get("/console/search").text)
    assert c.get("/console/search").headers["cache-control"] == "no-store"
    for data in ({"text": PROFILE}, {"text": " "}):
        r = c.post("/console/search", data={"csrf": token, **data})
        assert r.status_code in (200, 422)
        assert r.headers["cache-control"] == "private, no-cache"
        assert r.headers["referrer-policy"] == "same-origin"
    r = c.post("/console/shortlists/add", data={"csrf": token, "shortlist": "new"})
    assert r.status_code == 422 and r.headers["cache-control"] == "no-store"


def test_the_text_is_never_in_an_address_a_log_or_the_database(
    console_app: ConsoleApp, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    c = console_app.signed_in("ana@forem.be")
    secret = "Zorglub"
    token = csrf_of(c.get("/console/search").text)
    r = c.post("/console/search", data={"csrf": token, "text": f"{PROFILE}, {secret}"})
    assert r.status_code == 200
    page = parse(r.text)
    assert secret in page.find("textarea", name="text").text  # written back in the form only
    urls = [str(x.url) for x in [*r.history, r]]
    urls += [n.attrs.get("href", "") + n.attrs.get("action", "") for n in page.iter()]
    assert not [u for u in urls if secret in u]
    module_id = results(page)[0].find("input", name="module_id").attrs["value"]
    r = c.post(
        "/console/shortlists/add",
        data={"csrf": token, "module_id": module_id, "shortlist": "new", "reference": "D-1"},
    )
    assert r.status_code == 200 and secret not in r.text
    console_app.console.usage.flush()
    assert caplog.records
    assert not [rec for rec in caplog.records if secret in rec.getMessage()]
    with console_app.console.db() as db:
        for table in Base.metadata.sorted_tables:
            for row in db.execute(select(table)):
                stored = repr(tuple(row))
                assert secret not in stored and "habite" not in stored, table.name


def test_fields_override_what_the_text_says(console_app: ConsoleApp) -> None:
    c = console_app.signed_in("ana@forem.be")
    status, page = search(
        c,
        text="Je voudrais apprendre Excel",
        place="7000",
        max_hours="36",
        formats=["distanciel"],
        format_required="1",
        statuses=["jobseeker"],
        digital_level="comfortable",
    )
    assert status == 200
    assert titles(page)[0] == "Excel avancé : tableaux croisés dynamiques"
    for card in results(page):
        facts = {d.find("dt").text: d.find("dd").text for d in card.find("dl").find_all("div")}
        assert facts["Format"] == "À distance", card.find("h3").text
        assert int(facts["Durée"].split()[0]) <= 36
    understood = page.find("dl", cls="understood").text
    assert "Mons (7000)" in understood and "À distance (obligatoire)" in understood
    assert page.find("input", id="s-format-distanciel").attrs.get("checked") is not None
    assert page.find("input", name="max_hours").attrs["value"] == "36"


def test_a_goal_is_read_with_the_occupations_lexicon(console_app: ConsoleApp) -> None:
    c = console_app.signed_in("ana@forem.be")
    status, page = search(c, goal="cariste")
    assert status == 200
    assert "Cariste" in page.find("dl", cls="understood").text
    assert titles(page)[0] == "Cariste : conduite de chariot élévateur"


def test_filters_provider_and_certificate(console_app: ConsoleApp) -> None:
    c = console_app.signed_in("ana@forem.be")
    _, page = search(c, text="formation informatique excel réseaux", provider="forem", k="20")
    providers = {card.find("p", cls="provider").text for card in results(page)}
    assert providers == {"Le Forem"}
    _, page = search(c, text="formation informatique réseaux", certified="1")
    assert titles(page) == ["Cisco CCNA 1 : introduction aux réseaux"]
    _, page = search(c, text="formation informatique réseaux", certificate="CCNA")
    assert titles(page) == ["Cisco CCNA 1 : introduction aux réseaux"]


def test_start_date_filter_keeps_later_and_undated_modules() -> None:
    modules = (
        Module("past", "A", start_dates=(date(2026, 1, 5),)),
        Module("later", "B", start_dates=(date(2026, 1, 5), date(2026, 9, 7))),
        Module("undated", "C"),
    )
    facets = Facets(modules)
    keep = facets.mask(Filters(starts_from=date(2026, 9, 1)))
    assert keep is not None and keep.tolist() == [False, True, True]
    with pytest.raises(InvalidQueryError, match="provider"):
        Filters(provider=" ")


def test_bad_fields_are_said_next_to_them(console_app: ConsoleApp) -> None:
    c = console_app.signed_in("ana@forem.be")
    status, page = search(c, text=PROFILE, place="Zorglubville", radius_km="9999")
    assert status == 422
    assert page.find("p", id="err-radius_km")
    assert page.find("input", name="radius_km").attrs["aria-invalid"] == "true"
    assert page.find("textarea", name="text").text == PROFILE
    status, page = search(c, text=PROFILE, place="Zorglubville")
    assert status == 422
    assert page.find("input", name="place").attrs["aria-describedby"] == "err-place"
    assert "Commune" in page.find("p", id="err-place").text
    status, page = search(c, text="  ")
    assert status == 422 and page.find("p", id="err-text")
    status, page = search(c, text=PROFILE, starts_from="demain")
    assert status == 422 and page.find("p", id="err-starts_from")


def test_search_needs_a_session_and_the_csrf_token(console_app: ConsoleApp) -> None:
    with console_app.client() as anonymous:
        r = anonymous.get("/console/search", follow_redirects=False)
        assert r.status_code == 303
    c = console_app.signed_in("ana@forem.be")
    assert c.post("/console/search", data={"text": PROFILE}).status_code == 403
