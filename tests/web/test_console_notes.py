"""Issue 13, the console: a note is private unless shared (and the form says who sees it);
a refused or name-like reference keeps what was typed beside the reason; the share page and
the print view say who to contact; the age groups are labelled from the one definition."""

from __future__ import annotations

from corpus.audience import OLDER_FROM, YOUNG_UNDER
from tests.web.console_fixtures import ConsoleApp
from tests.web.html_tools import Node, parse
from tests.web.test_console_shortlists import (  # noqa: F401  (built_index: a fixture)
    FULL,
    built_index,
    new_list,
    share,
    token_of,
)

PRIVATE = "Conflit avec l'ancien employeur"
SHARED = "Apportez votre CV le premier jour"


def notes_shown(page: Node) -> list[str]:
    return [n.find("p").text for n in page.find_all("div", cls="doc-note")]


def annotate(c: object, base: str, module_id: str, note: str, visibility: str | None) -> None:
    data = {"csrf": token_of(c), "module_id": module_id, "note": note}  # type: ignore[arg-type]
    if visibility:
        data["visibility"] = visibility
    r = c.post(f"{base}/note", data=data)  # type: ignore[attr-defined]
    assert r.status_code == 200


def test_a_private_note_never_reaches_the_person(console_app: ConsoleApp) -> None:
    c = console_app.signed_in("ana@forem.be")
    public_id = new_list(c, "DOS 31", "m9", "m2")
    base = f"/console/shortlists/{public_id}"
    annotate(c, base, "m9", PRIVATE, None)  # private is the default
    annotate(c, base, "m2", SHARED, "shared")
    page = parse(c.get(base).text)
    # The counsellor sees both, each marked, and the form says who sees a note.
    assert page.find("textarea", id="i1-note").text == PRIVATE
    assert "checked" in page.find("input", id="i1-private").attrs
    assert "checked" in page.find("input", id="i2-shared").attrs
    legend = page.find("fieldset", id="i1-visibility").find("legend").text
    assert legend.startswith("Qui voit cette note ?")
    labels = page.find("fieldset", id="i1-visibility").text
    assert "PDF" in labels and "lien" in labels
    assert page.find("span", cls="note-private").text == "Note privée"
    printed = parse(c.get(f"{base}/print").text)
    assert notes_shown(printed) == [SHARED]
    pdf = c.get(f"{base}.pdf")
    assert pdf.status_code == 200
    with console_app.client() as stranger:
        shared_page = stranger.get(share(c, public_id)).text
    assert notes_shown(parse(shared_page)) == [SHARED]
    assert PRIVATE not in shared_page
    # Making it shared shows it; making it private again hides it.
    annotate(c, base, "m9", PRIVATE, "shared")
    assert notes_shown(parse(c.get(f"{base}/print").text)) == [PRIVATE, SHARED]
    annotate(c, base, "m9", PRIVATE, "private")
    assert notes_shown(parse(c.get(f"{base}/print").text)) == [SHARED]


def test_a_note_added_from_the_results_keeps_its_visibility(console_app: ConsoleApp) -> None:
    c = console_app.signed_in("ana@forem.be")
    data = {"csrf": token_of(c), "shortlist": "new", "reference": "DOS 32", "note": SHARED}
    r = c.post("/console/shortlists/add", data={**data, "module_id": "m9", "visibility": "shared"})
    page = parse(r.text)
    assert "checked" in page.find("input", id="i1-shared").attrs
    public_id = r.url.path.rsplit("/", 1)[-1]
    assert notes_shown(parse(c.get(f"/console/shortlists/{public_id}/print").text)) == [SHARED]


def test_a_name_like_reference_is_held_until_confirmed(console_app: ConsoleApp) -> None:
    c = console_app.signed_in("ana@forem.be")
    r = c.post("/console/shortlists", data={"csrf": token_of(c), "reference": "Marie Dupont"})
    assert r.status_code == 422
    page = parse(r.text)
    field = page.find("input", id="new-reference")
    assert field.attrs["value"] == "Marie Dupont" and field.attrs["aria-invalid"] == "true"
    assert "nom d'une personne" in page.find("p", id="new-reference-error").text
    box = page.find("input", id="new-reference-not-a-name")
    r = c.post(
        "/console/shortlists",
        data={"csrf": token_of(c), "reference": "Namur Sud", box.attrs["name"]: "1"},
    )
    assert r.status_code == 200 and parse(r.text).find("h1").text == "Liste Namur Sud"
    # From the results: the add form again, the modules and the typed words kept.
    data = {"csrf": token_of(c), "shortlist": "new", "reference": "Jean Martin", "note": "x"}
    r = c.post("/console/shortlists/add", data={**data, "module_id": ["m9", "m2"]})
    assert r.status_code == 422
    page = parse(r.text)
    assert page.find("input", id="keep-ref").attrs["value"] == "Jean Martin"
    assert page.find("textarea", id="keep-note").text == "x"
    assert page.find("input", id="keep-ref-not-a-name")
    kept = [i.attrs["value"] for i in page.find_all("input", name="module_id")]
    assert kept == ["m9", "m2"]
    r = c.post(
        "/console/shortlists/add",
        data={**data, "module_id": kept, "not_a_name": "1"},
        follow_redirects=False,
    )
    assert r.status_code == 303


def test_an_email_reference_from_the_results_is_not_a_dead_end(console_app: ConsoleApp) -> None:
    c = console_app.signed_in("ana@forem.be")
    data = {"csrf": token_of(c), "shortlist": "new", "reference": "marie@example.be"}
    r = c.post("/console/shortlists/add", data={**data, "module_id": "m9"})
    assert r.status_code == 422
    page = parse(r.text)
    assert "adresse e-mail" in page.find("p", id="keep-ref-error").text
    assert page.find("input", id="keep-ref").attrs["value"] == "marie@example.be"
    assert page.find("form", id="keep-form").find("button").text == "Ajouter les formations cochées"
    assert "Retour" not in page.find("main").text


def test_the_share_page_and_print_view_say_who_to_contact(console_app: ConsoleApp) -> None:
    console_app.console.office_contact = "Maison de l'emploi de Mons, 065 11 11 11"
    c = console_app.signed_in("ana@forem.be")
    public_id = new_list(c, "DOS 33", "m9")
    with console_app.client() as stranger:
        page = parse(stranger.get(share(c, public_id)).text)
    contacts = page.find("section", cls="doc-contacts")
    facts = {d.find("dt").text: d.find("dd").text for d in contacts.find_all("div")}
    assert facts["Votre conseiller"] == "Maison de l'emploi de Mons, 065 11 11 11"
    assert facts[FULL["provider"]].startswith("Voir le lien")  # no contact in the catalog
    printed = parse(c.get(f"/console/shortlists/{public_id}/print").text)
    assert printed.find("section", cls="doc-contacts").find("h2").text == "Qui contacter ?"


def test_the_console_labels_the_age_groups_from_the_one_definition(
    console_app: ConsoleApp,
) -> None:
    c = console_app.signed_in("ana@forem.be")
    page = parse(c.get("/console/search").text)
    labels = {lab.attrs.get("for"): lab.text for lab in page.find_all("label")}
    assert labels["s-status-young"] == f"Jeune (moins de {YOUNG_UNDER} ans)"
    assert labels["s-status-over_45"] == f"{OLDER_FROM} ans ou plus"
