"""Shortlists in the console: create, add, annotate, rename, remove, delete, print, PDF, share;
someone else's list is not found, every post needs the CSRF token."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from assistant.console import ShareLinks, shortlists
from assistant.db.models import AuditEvent
from corpus.loaders import load_catalog
from index.builder import build_index
from index.store import LoadedIndex
from tests.conftest import SMALL, write_jsonl
from tests.fakes import FakeEncoder
from tests.web.console_fixtures import ConsoleApp, csrf_of
from tests.web.html_tools import Node, parse
from web.console import shortlist_add

# A module with every field the print-outs show (the shared small catalog has none of them).
FULL = {
    "id": "m9",
    "title": "Aide-comptable : les bases",
    "description": "Comptabilité générale, TVA, encodage des factures, logiciel comptable.",
    "provider": "Bruxelles Formation",
    "city": "Bruxelles",
    "postal_code": "1000",
    "duration_hours": 120,
    "level": "initiation",
    "format": "hybride",
    "cost": "Gratuit pour les demandeurs d'emploi",
    "url": "https://www.bruxellesformation.brussels/aide-comptable",
    "start_dates": ["2020-01-06", "2099-02-03", "2099-09-07"],
    "tags": ["comptabilité"],
}


@pytest.fixture
def built_index(tmp_path: Path, fake_encoder: FakeEncoder) -> LoadedIndex:
    catalog = load_catalog(write_jsonl(tmp_path / "catalog.jsonl", [*SMALL, FULL]))
    build_index(catalog, fake_encoder, tmp_path / "index")
    return LoadedIndex.open(tmp_path / "index", fake_encoder)


def token_of(client: TestClient) -> str:
    return csrf_of(client.get("/console/shortlists").text)


def new_list(client: TestClient, reference: str = "DOS 2024/17", *modules: str) -> str:
    token = token_of(client)
    r = client.post(
        "/console/shortlists",
        data={"csrf": token, "reference": reference},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    public_id = r.headers["location"].split("/")[-1].split("?")[0]
    for module_id in modules:
        r = client.post(
            "/console/shortlists/add",
            data={"csrf": token, "shortlist": public_id, "module_id": module_id},
            follow_redirects=False,
        )
        assert r.status_code == 303
    return public_id


def items(page: Node) -> list[str]:
    return [h.text for h in page.find("ol", cls="shortlist-items").find_all("h3")]


def audit(app: ConsoleApp, action: str) -> list[AuditEvent]:
    with app.console.db() as db:
        return list(db.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_create_add_annotate_rename_remove_delete(console_app: ConsoleApp) -> None:
    c = console_app.signed_in("ana@forem.be")
    token = token_of(c)
    r = c.post("/console/shortlists", data={"csrf": token, "reference": "DOS 2024/17"})
    assert r.status_code == 200
    page = parse(r.text)
    assert page.find("p", cls="flash").text == "La liste est créée."
    public_id = r.url.path.rsplit("/", 1)[-1]
    base = f"/console/shortlists/{public_id}"
    r = c.post(
        "/console/shortlists/add",
        data={"csrf": token, "shortlist": public_id, "module_id": ["m9", "m2"]},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == f"{base}?done=added&n=2"
    assert items(parse(c.get(base).text)) == ["Aide-comptable : les bases", "Excel initiation"]
    r = c.post(f"{base}/note", data={"csrf": token, "module_id": "m9", "note": "Appeler jeudi"})
    assert r.status_code == 200 and parse(r.text).find("textarea", id="i1-note").text == (
        "Appeler jeudi"
    )
    r = c.post(f"{base}/note", data={"csrf": token, "module_id": "m9", "note": "x" * 2001})
    assert r.status_code == 422
    assert "2000" in parse(r.text).find("p", id="i1-error").text
    r = c.post(f"{base}/reference", data={"csrf": token, "reference": "DOS 2024/18"})
    assert parse(r.text).find("h1").text == "Liste DOS 2024/18"
    r = c.post(f"{base}/reference", data={"csrf": token, "reference": "jean@example.be"})
    assert r.status_code == 422
    page = parse(r.text)
    assert page.find("p", id="reference-error").text.startswith("La référence")
    assert page.find("input", id="reference").attrs["aria-invalid"] == "true"
    r = c.post(f"{base}/remove", data={"csrf": token, "module_id": "m2"})
    assert items(parse(r.text)) == ["Aide-comptable : les bases"]
    r = c.post(f"{base}/delete", data={"csrf": token})
    assert r.status_code == 422 and parse(r.text).find("p", id="delete-error")
    r = c.post(f"{base}/delete", data={"csrf": token, "confirm": "1"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/console/shortlists?done=deleted"
    assert c.get(base).status_code == 404
    assert len(audit(console_app, "shortlist_delete")) == 1


def test_a_bad_reference_is_said_next_to_its_field(console_app: ConsoleApp) -> None:
    c = console_app.signed_in("ana@forem.be")
    r = c.post("/console/shortlists", data={"csrf": token_of(c), "reference": "85.07.30-033.61"})
    assert r.status_code == 422
    page = parse(r.text)
    field = page.find("input", id="new-reference")
    assert field.attrs["aria-invalid"] == "true" and field.attrs["value"] == "85.07.30-033.61"
    assert "registre national" in page.find("p", id="new-reference-error").text


def add(client: TestClient, **fields: object) -> tuple[int, Node]:
    r = client.post("/console/shortlists/add", data={"csrf": token_of(client), **fields})
    return r.status_code, parse(r.text)


def test_add_the_checked_modules_into_a_new_list(console_app: ConsoleApp) -> None:
    c = console_app.signed_in("ana@forem.be")
    status, page = add(
        c,
        shortlist="new",
        reference="B-12",
        module_id=["m5", "m9", "m5", "m2"],  # a module both in the pathway and the results
        note="Appeler jeudi",
        title="Titre inventé",  # ignored: the titles come from the index
    )
    assert status == 200
    assert page.find("h1").text == "Liste B-12"
    assert page.find("p", cls="flash").text == (
        "La liste est créée. 3 formations ajoutées à la liste."
    )
    assert items(page) == [
        "Cariste : conduite de chariot élévateur",
        "Aide-comptable : les bases",
        "Excel initiation",
    ]
    notes = [page.find("textarea", id=f"i{n}-note").text for n in (1, 2, 3)]
    assert notes == ["Appeler jeudi"] * 3
    assert references(c) == ["B-12"]


def test_add_more_into_an_existing_list_says_how_many(console_app: ConsoleApp) -> None:
    c = console_app.signed_in("ana@forem.be")
    public_id = new_list(c, "DOS 11", "m9")
    base = f"/console/shortlists/{public_id}"
    r = c.post(
        "/console/shortlists/add",
        data={"csrf": token_of(c), "shortlist": public_id, "module_id": ["m9", "m2", "m3"]},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == f"{base}?done=added&n=2&already=1"
    page = parse(c.get(r.headers["location"]).text)
    assert page.find("p", cls="flash").text == (
        "2 formations ajoutées à la liste. 1 autre y était déjà."
    )
    assert items(page) == [
        "Aide-comptable : les bases",
        "Excel initiation",
        "Excel avancé : tableaux croisés dynamiques",
    ]
    status, page = add(c, shortlist=public_id, module_id="m2")
    assert status == 200
    assert page.find("p", cls="flash").text == "La formation cochée était déjà dans la liste."
    status, page = add(c, shortlist=public_id, module_id="m4")
    assert page.find("p", cls="flash").text == "1 formation ajoutée à la liste."


def references(client: TestClient) -> list[str]:
    page = parse(client.get("/console/shortlists").text)
    return [row.find("th").text for row in page.find("tbody").find_all("tr")]


def not_added(page: Node) -> str:
    text = page.find("main").text
    assert "bouton Retour de votre navigateur" in text
    return text


def again(page: Node, field_id: str, module_ids: list[str]) -> str:
    """The add form shown again: the error beside ``field_id``, the modules kept; the error."""
    assert page.find("h1").text == "Formations non ajoutées"
    field = page.find(id=field_id)
    assert field.attrs["aria-invalid"] == "true"
    assert f"{field_id}-error" in field.attrs["aria-describedby"].split()
    hidden = page.find("form", id="keep-form").find_all("input", name="module_id")
    assert [h.attrs["value"] for h in hidden] == module_ids
    return page.find(id=f"{field_id}-error").text


def test_nothing_is_added_when_something_is_wrong(console_app: ConsoleApp) -> None:
    c = console_app.signed_in("ana@forem.be")
    public_id = new_list(c, "DOS 12", "m9")
    status, page = add(c, shortlist=public_id)
    assert status == 422 and page.find("h1").text == "Aucune formation cochée"
    assert "Retenir cette formation" in not_added(page)
    status, page = add(c, shortlist=public_id, module_id=["m2", "nope-42"])
    assert status == 422 and page.find("h1").text == "Formation introuvable"
    assert "« nope-42 »" in not_added(page)
    # A refused reference or note: the form again, the reason beside its field, what was
    # typed kept, the checked modules still in it (no dead end, no Back needed).
    status, page = add(c, shortlist="new", reference="", module_id=["m2", "m3"])
    assert status == 422 and "Donnez une référence" in again(page, "keep-ref", ["m2", "m3"])
    status, page = add(c, shortlist="new", reference="85.07.30-033.61", module_id="m2")
    assert status == 422 and "registre national" in again(page, "keep-ref", ["m2"])
    assert page.find("input", id="keep-ref").attrs["value"] == "85.07.30-033.61"
    status, page = add(c, shortlist=public_id, module_id="m2", note="x" * 2001)
    assert status == 422 and "2000 caractères" in again(page, "keep-note", ["m2"])
    assert page.find("textarea", id="keep-note").text == "x" * 2001
    selected = [
        o for o in page.find("select", id="keep-list").find_all("option") if "selected" in o.attrs
    ]
    assert [o.attrs["value"] for o in selected] == [public_id]
    page = parse(c.get(f"/console/shortlists/{public_id}").text)
    assert items(page) == ["Aide-comptable : les bases"]
    assert references(c) == ["DOS 12"]


def test_a_list_holds_at_most_its_maximum(
    console_app: ConsoleApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    c = console_app.signed_in("ana@forem.be")
    public_id = new_list(c, "DOS 13", "m9", "m2")
    monkeypatch.setattr(shortlist_add, "MAX_ITEMS", 3)
    monkeypatch.setattr(shortlists, "MAX_ITEMS", 3)
    status, page = add(c, shortlist=public_id, module_id=["m2", "m3", "m4"])
    assert status == 422 and page.find("h1").text == "Formations non ajoutées"
    text = not_added(page)
    assert "3 formations au plus : celle-ci en a 2. 2 de plus étaient cochées" in text
    assert "Rien n'a été ajouté" in text
    base = f"/console/shortlists/{public_id}"
    assert items(parse(c.get(base).text)) == ["Aide-comptable : les bases", "Excel initiation"]
    status, page = add(c, shortlist="new", reference="DOS 14", module_id=["m1", "m2", "m3", "m4"])
    assert status == 422 and "en a 0. 4 de plus" in not_added(page)
    # The service's own limit, should another tab fill the list meanwhile.
    monkeypatch.setattr(shortlist_add, "MAX_ITEMS", 50)
    status, page = add(c, shortlist=public_id, module_id=["m3", "m4"])
    assert status == 422
    text = not_added(page)
    assert text.startswith("Formations non ajoutées Une liste contient")
    assert "Seule la première formation cochée a été ajoutée." in text
    assert items(parse(c.get(base).text))[-1] == "Excel avancé : tableaux croisés dynamiques"


def test_someone_elses_list_is_not_found_on_every_route(console_app: ConsoleApp) -> None:
    ana = console_app.signed_in("ana@forem.be")
    public_id = new_list(ana, "DOS 1", "m9")
    base = f"/console/shortlists/{public_id}"
    bob = console_app.signed_in("bob@forem.be")
    token = token_of(bob)
    for path in (base, f"{base}/print", f"{base}.pdf"):
        r = bob.get(path)
        assert r.status_code == 404, path
        assert parse(r.text).find("h1").text == "Liste introuvable"
    posts = {
        "/console/shortlists/add": {"shortlist": public_id, "module_id": "m2"},
        f"{base}/note": {"module_id": "m9", "note": "à moi"},
        f"{base}/remove": {"module_id": "m9"},
        f"{base}/reference": {"reference": "PRIS"},
        f"{base}/delete": {"confirm": "1"},
        f"{base}/share": {},
    }
    for path, data in posts.items():
        assert bob.post(path, data={"csrf": token, **data}).status_code == 404, path
    titles = [a.text for a in parse(bob.get("/console/shortlists").text).find_all("a")]
    assert "DOS 1" not in titles
    assert bob.get("/console/shortlists?all=1").text.count(public_id) == 0
    page = parse(ana.get(base).text)  # untouched
    assert page.find("h1").text == "Liste DOS 1" and items(page) == ["Aide-comptable : les bases"]
    assert page.find("textarea", id="i1-note").text == ""


def test_an_admin_reads_every_list(console_app: ConsoleApp) -> None:
    ana = console_app.signed_in("ana@forem.be")
    public_id = new_list(ana, "DOS 2", "m9")
    admin = console_app.signed_in("admin@forem.be")
    own = parse(admin.get("/console/shortlists").text)
    assert not own.find_all("table")
    everyone = parse(admin.get("/console/shortlists?all=1").text)
    table = everyone.find("table")
    assert [th.text for th in table.find("thead").find_all("th")][-1] == "Conseiller"
    row = table.find("tbody").find("tr")
    assert row.find("th").text == "DOS 2" and row.find_all("td")[-1].text == "ana@forem.be"
    page = parse(admin.get(f"/console/shortlists/{public_id}").text)
    assert "ana@forem.be" in page.find("main").text
    counsellor = parse(ana.get("/console/shortlists?all=1").text)
    assert "Conseiller" not in [th.text for th in counsellor.find("thead").find_all("th")]


def test_every_post_needs_the_csrf_token(console_app: ConsoleApp) -> None:
    c = console_app.signed_in("ana@forem.be")
    public_id = new_list(c, "DOS 3", "m9")
    base = f"/console/shortlists/{public_id}"
    posts = {
        "/console/search": {"text": "excel"},
        "/console/shortlists": {"reference": "DOS 4"},
        "/console/shortlists/add": {"shortlist": public_id, "module_id": "m2"},
        f"{base}/note": {"module_id": "m9", "note": "x"},
        f"{base}/remove": {"module_id": "m9"},
        f"{base}/reference": {"reference": "DOS 5"},
        f"{base}/delete": {"confirm": "1"},
        f"{base}/share": {},
    }
    for path, data in posts.items():
        assert c.post(path, data=data).status_code == 403, path
        assert c.post(path, data={**data, "csrf": "forged"}).status_code == 403, path
    page = parse(c.get(base).text)
    assert page.find("h1").text == "Liste DOS 3" and items(page) == ["Aide-comptable : les bases"]


def test_the_print_page(console_app: ConsoleApp) -> None:
    c = console_app.signed_in("ana@forem.be")
    public_id = new_list(c, "DOS 2024/17", "m9", "m2")
    base = f"/console/shortlists/{public_id}"
    token = token_of(c)
    shared = {"csrf": token, "module_id": "m9", "note": "Appeler jeudi", "visibility": "shared"}
    c.post(f"{base}/note", data=shared)
    c.post(f"{base}/note", data={"csrf": token, "module_id": "m2", "note": "Dossier incomplet"})
    r = c.get(f"{base}/print")
    assert r.status_code == 200 and r.headers["cache-control"] == "no-store"
    page = parse(r.text)
    assert any(link.attrs.get("href") == "/static/print.css" for link in page.find_all("link"))
    assert "DOS 2024/17" in page.find("p", cls="doc-meta").text
    first = page.find("li", cls="doc-item")
    assert first.find("h2").text == "Aide-comptable : les bases"
    facts = {d.find("dt").text: d.find("dd").text for d in first.find("dl").find_all("div")}
    assert facts == {
        "Organisme": "Bruxelles Formation",
        "Lieu": "1000 Bruxelles",
        "Durée": "120 heures",
        "Format": "En partie à distance",
        "Niveau": "Débutant",
        "Prix": "Gratuit pour les demandeurs d'emploi",
        "Prochaines dates": "03/02/2099, 07/09/2099",
        "Inscription": "https://www.bruxellesformation.brussels/aide-comptable",
    }
    assert first.find("div", cls="doc-note").find("p").text == "Appeler jeudi"
    notes = [n.find("p").text for n in page.find_all("div", cls="doc-note")]
    assert notes == ["Appeler jeudi"]  # the second module's note is private
    assert not page.find_all("form")
    assert [e.detail for e in audit(console_app, "shortlist_print")] == ["print"]
    css = c.get("/static/print.css").text
    assert "@page { size: A4; margin: 18mm; }" in css


def test_the_pdf_is_a_download_and_audited(console_app: ConsoleApp) -> None:
    c = console_app.signed_in("ana@forem.be")
    public_id = new_list(c, "DOS 2024/17", "m9")
    r = c.get(f"/console/shortlists/{public_id}.pdf")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/pdf"
    assert r.headers["content-disposition"] == 'attachment; filename="formations-DOS-2024-17.pdf"'
    assert r.headers["cache-control"] == "no-store"
    assert r.content.startswith(b"%PDF")
    events = audit(console_app, "shortlist_export")
    assert [(e.detail, e.target_id, e.actor) for e in events] == [
        ("pdf", public_id, "ana@forem.be")
    ]


def share(client: TestClient, public_id: str, *, renew: bool = False) -> str:
    data = {"csrf": token_of(client), **({"renew": "1"} if renew else {})}
    r = client.post(f"/console/shortlists/{public_id}/share", data=data)
    assert r.status_code == 200
    link = parse(r.text).find("input", id="share-link").attrs["value"]
    assert re.fullmatch(r"https://testserver/s/[\w.-]+", link), link
    return link.removeprefix("https://testserver")


def test_a_shared_link_opens_without_an_account(console_app: ConsoleApp) -> None:
    c = console_app.signed_in("ana@forem.be")
    public_id = new_list(c, "DOS 7", "m9")
    path = share(c, public_id)
    with console_app.client() as stranger:
        r = stranger.get(path)
        assert r.status_code == 200
        assert r.headers["cache-control"] == "no-store"
        assert r.headers["referrer-policy"] == "no-referrer"
        assert "noindex" in r.headers["x-robots-tag"]
        page = parse(r.text)
        assert page.find("h2").text == "Aide-comptable : les bases"
        assert "conseiller" in page.find("div", cls="doc-intro").text
        assert not page.find_all("form") and not page.find_all("nav")
        tampered = path[:-2] + ("xx" if not path.endswith("xx") else "yy")
        r = stranger.get(tampered)
        assert r.status_code == 404
        assert parse(r.text).find("h1").text == "Lien non valable"
        assert stranger.get("/s/nonsense").status_code == 404


def test_an_expired_link_says_to_ask_for_a_new_one(console_app: ConsoleApp) -> None:
    c = console_app.signed_in("ana@forem.be")
    public_id = new_list(c, "DOS 8", "m9")
    console = console_app.console
    days = console.links.days
    current = console.links
    console.links = ShareLinks(console.secret, days, clock=lambda: time.time() - 86400 * (days + 1))
    try:
        path = share(c, public_id)
    finally:
        console.links = current
    with console_app.client() as stranger:
        r = stranger.get(path)
        assert r.status_code == 410
        page = parse(r.text)
        assert page.find("h1").text == "Lien expiré"
        assert "nouveau lien" in page.find("main").text


def test_renewing_revokes_older_links_and_deleting_revokes_all(console_app: ConsoleApp) -> None:
    c = console_app.signed_in("ana@forem.be")
    public_id = new_list(c, "DOS 9", "m9")
    old = share(c, public_id)
    new = share(c, public_id, renew=True)
    with console_app.client() as stranger:
        assert stranger.get(old).status_code == 404
        assert stranger.get(new).status_code == 200
        token = token_of(c)
        c.post(f"/console/shortlists/{public_id}/delete", data={"csrf": token, "confirm": "1"})
        assert stranger.get(new).status_code == 404
