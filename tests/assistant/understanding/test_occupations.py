"""The occupation lexicon: the bundled table, finding jobs in free text, and their roles."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest

from assistant.understanding.occupations import (
    DATA_PATH,
    Occupation,
    OccupationLexicon,
    default_lexicon,
    phrase_key,
)

Found = list[tuple[str, str, str]]  # (words as written, role, occupation id)


@pytest.fixture(scope="module")
def lexicon() -> OccupationLexicon:
    return default_lexicon()


def found(lexicon: OccupationLexicon, text: str) -> Found:
    return [(m.matched, m.role, m.occupation.id) for m in lexicon.find_in_text(text)]


def expected(lexicon: OccupationLexicon, mentions: list[tuple[str, str, str]]) -> Found:
    """(words, role, a name of the occupation) → (words, role, id of that occupation)."""
    out = []
    for words, role, name in mentions:
        occupation = lexicon.lookup(name)
        assert occupation is not None, name
        out.append((words, role, occupation.id))
    return out


# (text, [(words as written, role, a name that looks up the expected occupation)])
POSITIVES: list[tuple[str, list[tuple[str, str, str]]]] = [
    (
        "J'ai travaillé 15 ans comme magasinier et je voudrais devenir développeur web",
        [("magasinier", "past", "magasinier"), ("développeur web", "goal", "développeur web")],
    ),
    (
        "Ex-infirmière, souhaite se réorienter vers la formation d'adultes",
        [("infirmière", "past", "infirmier")],
    ),
    ("Je cherche un formateur", [("formateur", "unknown", "formateur")]),
    ("Je suis caissière chez Delhaize depuis 10 ans", [("caissière", "past", "caissier")]),
    (
        "Anciennes caissières, nous voulons devenir aides-soignantes",
        [("caissières", "past", "caissier"), ("aides-soignantes", "goal", "aide-soignant")],
    ),
    (
        "j'ai bossé comme chauffeur poids lourd",
        [("chauffeur poids lourd", "past", "chauffeur de poids lourd")],
    ),
    ("je voudrais une formation de cariste", [("cariste", "goal", "cariste")]),
    ("j'étais facteur", [("facteur", "past", "postier")]),
    ("je veux devenir pilote de ligne", [("pilote de ligne", "goal", "pilote de ligne")]),
    (
        "I worked as a warehouse worker and I want to become a nurse",
        [("warehouse worker", "past", "magasinier"), ("nurse", "goal", "infirmière")],
    ),
    (
        "Ik was magazijnier en ik wil programmeur worden",
        [("magazijnier", "past", "magasinier"), ("programmeur", "goal", "développeur")],
    ),
    ("Ik heb tien jaar als schoonmaker gewerkt", [("schoonmaker", "past", "nettoyeur")]),
    (
        "Ik werk als verkoper maar ik wil kapper worden",
        [("verkoper", "past", "vendeur"), ("kapper", "goal", "coiffeur")],
    ),
    ("Ik ben kassierster", [("kassierster", "past", "caissière")]),
    (
        "je voudrais travailler comme aide-ménagère",
        [("aide-ménagère", "goal", "femme de ménage")],
    ),
    (
        "technicien de surface dans une école",
        [("technicien de surface", "unknown", "agent d'entretien")],
    ),
    ("je cherche un emploi de vendeuse", [("vendeuse", "goal", "vendeur")]),
    ("J'ai été serveuse dans un restaurant", [("serveuse", "past", "serveur")]),
    ("j'étais serveur dans un bar", [("serveur", "past", "serveur")]),
    (
        "J'ai été femme de ménage, je veux être puéricultrice",
        [("femme de ménage", "past", "aide-ménagère"), ("puéricultrice", "goal", "puériculteur")],
    ),
    ("je suis demandeuse d'emploi, ancienne vendeuse", [("vendeuse", "past", "vendeur")]),
    ("Après 20 ans comme maçon, j'ai mal au dos", [("maçon", "past", "maçon")]),
    ("Je suis intéressée par le métier de boulanger", [("boulanger", "goal", "boulanger")]),
    ("ma mère est infirmière", [("infirmière", "unknown", "infirmier")]),
    ("Mon mari est chauffeur de bus", [("chauffeur de bus", "unknown", "conducteur de bus")]),
    ("She is a nurse", [("nurse", "unknown", "infirmier")]),
    ("je ne veux plus être magasinier", [("magasinier", "past", "magasinier")]),
    ("j'aimerais bosser comme dev", [("dev", "goal", "développeur")]),
    ("Objectif : data analyst", [("data analyst", "goal", "data analyst")]),
    (
        "magasinier/magasinière cherche emploi",
        [("magasinier/magasinière", "unknown", "magasinier")],
    ),
    (
        "je cherche un job de commis de cuisine ou plongeur",
        [("commis de cuisine", "goal", "commis de cuisine"), ("plongeur", "goal", "plongeuse")],
    ),
    (
        "former teacher looking for a job as a developer",
        [("teacher", "past", "enseignant"), ("developer", "goal", "développeur")],
    ),
    (
        "j'ai travaillé comme agent de gardiennage",
        [("agent de gardiennage", "past", "agent de sécurité")],
    ),
    (
        "Je veux me reconvertir en community manager",
        [("community manager", "goal", "community manager")],
    ),
    (
        "Je suis accueillante d'enfants",
        [("accueillante d'enfants", "past", "assistante maternelle")],
    ),
    (
        "je voudrais devenir educatrice specialisee",
        [("educatrice specialisee", "goal", "éducateur spécialisé")],
    ),
    (
        "Je travaille comme agent d'entretien dans une école",
        [("agent d'entretien", "past", "technicien de surface")],
    ),
    (
        "Monsieur Y a exercé comme chauffeur-livreur pendant 8 ans ; il vise un poste de cariste",
        [("chauffeur-livreur", "past", "chauffeur livreur"), ("cariste", "goal", "cariste")],
    ),
    ("Je veux etre infirmiere", [("infirmiere", "goal", "infirmier")]),
    (
        "Je bosse comme magasinier cariste chez DHL",
        [("magasinier cariste", "past", "magasinier")],
    ),
    (
        "Je vise un poste de préparateur de commandes",
        [("préparateur de commandes", "goal", "préparatrice de commandes")],
    ),
    (
        "Je suis boulanger et je voudrais devenir pâtissier",
        [("boulanger", "past", "boulanger"), ("pâtissier", "goal", "pâtissière")],
    ),
    (
        "Conducteur·rice poids lourd – permis C",
        [("Conducteur·rice poids lourd", "unknown", "chauffeur poids lourd")],
    ),
    ("Aide-soignant·e en maison de repos", [("Aide-soignant", "unknown", "aide-soignante")]),
    ("je suis employée", [("employée", "past", "employé")]),
    (
        "J'ai été employé chez Colruyt comme réassortisseur",
        [("employé", "past", "employé"), ("réassortisseur", "past", "réassort")],
    ),
    ("Profil : développeuse Java junior", [("développeuse", "past", "développeur")]),
    (
        "je suis plombier chauffagiste",
        [("plombier chauffagiste", "past", "plombier chauffagiste")],
    ),
    (
        "je voudrais devenir technicien helpdesk",
        [("technicien helpdesk", "goal", "helpdesk")],
    ),
    (
        "J'ai une formation d'aide-soignante",
        [("aide-soignante", "unknown", "aide-soignant")],
    ),
    (
        "je voudrais devenir guide touristique",
        [("guide touristique", "goal", "guide touristique")],
    ),
    (
        "CHAUFFEUR POIDS LOURDS depuis 1998",
        [("CHAUFFEUR POIDS LOURDS", "unknown", "chauffeur poids lourd")],
    ),
    ("je souhaite devenir puericultrice", [("puericultrice", "goal", "puériculteur")]),
    ("j'ai bossé comme docker au port d'Anvers", [("docker", "past", "docker")]),
    (
        "J'ai travaillé comme vendeuse et j'ai suivi une formation de cariste",
        [("vendeuse", "past", "vendeur"), ("cariste", "unknown", "cariste")],
    ),
    (
        "Je voudrais devenir infirmière, j'ai déjà travaillé en maison de repos comme "
        "aide-soignante",
        [("infirmière", "goal", "infirmier"), ("aide-soignante", "past", "aide-soignant")],
    ),
    ("Je ne veux pas devenir comptable", [("comptable", "unknown", "comptable")]),
    (
        "ancien militaire reconverti en agent de sécurité",
        [("militaire", "past", "militaire"), ("agent de sécurité", "past", "vigile")],
    ),
]


@pytest.mark.parametrize(("text", "mentions"), POSITIVES, ids=[t for t, _ in POSITIVES])
def test_finds_the_occupations_and_their_roles(
    lexicon: OccupationLexicon, text: str, mentions: list[tuple[str, str, str]]
) -> None:
    assert found(lexicon, text) == expected(lexicon, mentions)


NEGATIVES = [
    "je veux apprendre Excel",
    "je ne connais rien à l'informatique",
    "j'ai des enfants",
    "un facteur de risque important",
    "le pilote de l'imprimante ne marche pas",
    "Je voudrais configurer un serveur Linux",
    "passer du côté serveur",
    "mon conseiller Forem m'a dit de chercher une formation",
    "Je suis chercheur d'emploi depuis 2 ans",
    "je voudrais changer de carrière",
    "je suis au chômage, j'ai travaillé dans le bureau d'une entreprise",
    "apprendre à coder en Python",
    "je voudrais apprendre à programmer",
    "des outils comme Docker et Kubernetes",
    "je cherche une formation en cuisine",
    "je veux travailler dans la logistique",
    "J'ai besoin d'aide pour mon CV",
    "Je cherche un travail, un boulot, un emploi, peu importe le métier",
    "le guide de l'étudiant",
    "un avocat bien mûr dans la salade",
    "mon patron ne me paie plus",
    "J'ai un ordinateur portable et je vais au bureau en bus",
    "Je cherche une formation au Forem à Liège",
    "I want to learn Dutch",
    "Ik zoek een opleiding in Gent",
    "le centre commercial recrute",
    "la femme de mon voisin",
    "la rue est bouchée, le boucher est fermé",
    "j'aime le commercial et le marketing",
    "Je suis en reconversion professionnelle",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_names_no_occupation_where_there_is_none(lexicon: OccupationLexicon, text: str) -> None:
    assert found(lexicon, text) == []


def test_longest_name_wins(lexicon: OccupationLexicon) -> None:
    [lorry] = lexicon.find_in_text("je suis chauffeur poids lourd")
    assert lorry.matched == "chauffeur poids lourd"
    assert lorry.occupation.rome == "N4101"
    [web] = lexicon.find_in_text("je suis développeur web")
    assert web.occupation.rome == "M1855"
    [plain] = lexicon.find_in_text("je suis développeur")
    assert plain.occupation.rome == "M1805"


def test_spans_point_into_the_original_text(lexicon: OccupationLexicon) -> None:
    text = "Bonjour ! Ancienne CAISSIÈRE (Aldi), je vise un poste d'aide-soignante à Namur."
    mentions = lexicon.find_in_text(text)
    assert [text[m.start : m.end] for m in mentions] == [m.matched for m in mentions]
    assert [m.matched for m in mentions] == ["CAISSIÈRE", "aide-soignante"]
    assert [m.role for m in mentions] == ["past", "goal"]


def test_table_codes_of_common_jobs(lexicon: OccupationLexicon) -> None:
    cases = {
        "magasinier": ("9333", "N1110"),
        "aide-soignante": ("5321", "J1501"),
        "cariste": ("8344", "N1101"),
        "développeur web": ("2513", "M1855"),
    }
    for name, (isco, rome) in cases.items():
        occupation = lexicon.lookup(name)
        assert occupation is not None
        assert (occupation.isco, occupation.rome) == (isco, rome), name


def test_lookup_by_label_or_synonym_once_normalised(lexicon: OccupationLexicon) -> None:
    magasinier = lexicon.lookup("magasinier")
    assert magasinier is not None
    assert lexicon.lookup("MAGASINIÈRES") == magasinier
    assert lexicon.lookup(magasinier.label) == magasinier
    assert lexicon.lookup("magazijnier") == magasinier
    for word in ["agent", "chef", "aide", "informatique", "formation", "demandeur d'emploi"]:
        assert lexicon.lookup(word) is None, word


def test_phrase_key_folds_case_accents_plurals_and_small_words() -> None:
    assert phrase_key("Aides-Soignantes") == "aide soignante"
    assert phrase_key("agent d'entretien") == phrase_key("Agent entretien")
    assert phrase_key("Infirmière en soins généraux") == phrase_key("infirmiere de soins generaux")
    assert phrase_key("manœuvre") == "manoeuvre"


def test_a_small_lexicon_built_in_memory() -> None:
    small = OccupationLexicon(
        [
            Occupation("t:1", "Cuisinier / Cuisinière", ("cuisinier", "cuisinière"), None, None),
            Occupation("t:2", "Chef de cuisine", ("chef de cuisine",), "3434", None),
        ]
    )
    assert len(small) == 2
    found_ = [
        (m.matched, m.occupation.id) for m in small.find_in_text("chef de cuisine, cuisinière")
    ]
    assert found_ == [("chef de cuisine", "t:2"), ("cuisinière", "t:1")]


def test_load_reads_a_table_from_a_path(tmp_path: Path) -> None:
    table = tmp_path / "jobs.jsonl"
    row = {"id": "t:1", "label": "Cariste", "synonyms": ["cariste"], "isco": "8344", "rome": None}
    table.write_text(json.dumps(row) + "\n\n", encoding="utf-8")
    small = OccupationLexicon.load(table)
    [mention] = small.find_in_text("Je suis cariste")
    assert mention.occupation == Occupation("t:1", "Cariste", ("cariste",), "8344", None)
    assert mention.role == "past"


def test_default_lexicon_is_loaded_once() -> None:
    assert default_lexicon() is default_lexicon()


# -- the bundled table ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def rows() -> list[dict[str, object]]:
    return [json.loads(line) for line in DATA_PATH.read_text(encoding="utf-8").splitlines()]


def test_bundled_table_is_compact_and_well_formed(rows: list[dict[str, object]]) -> None:
    assert DATA_PATH.stat().st_size < 2_000_000
    assert len(rows) > 3000
    assert len({row["id"] for row in rows}) == len(rows)
    for row in rows:
        assert set(row) == {"id", "label", "synonyms", "isco", "rome", "source"}
        assert row["source"] in {"esco", "rome", "both", "supp"}
        assert row["synonyms"]


def test_each_name_belongs_to_one_occupation(rows: list[dict[str, object]]) -> None:
    owner: dict[str, object] = {}
    for row in rows:
        synonyms = row["synonyms"]
        assert isinstance(synonyms, list)
        for name in synonyms:
            assert owner.setdefault(phrase_key(name), row["id"]) == row["id"], name


def test_generic_words_are_not_single_word_names(rows: list[dict[str, object]]) -> None:
    names = {phrase_key(n) for row in rows for n in row["synonyms"]}  # type: ignore[attr-defined]
    generic = ["agent", "chef", "aide", "responsable", "conseiller", "assistant", "directeur"]
    domains = ["informatique", "formation", "cours", "travail", "emploi", "metier", "boulot"]
    assert not names & {phrase_key(w) for w in generic + domains + ["ordinateur", "bureau"]}
    # both genders are there
    assert {"magasinier", "magasiniere", "conducteur engin agricole"} <= names


# -- the derivation script -----------------------------------------------------------------


@pytest.fixture(scope="module")
def make_occupations() -> Iterator[ModuleType]:
    name = "_make_occupations_under_test"
    spec = importlib.util.spec_from_file_location(name, DATA_PATH.parent / "make_occupations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # its dataclasses look their module up
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules[name]


@pytest.mark.parametrize(
    ("label", "forms"),
    [
        (
            "Conducteur / Conductrice d'engins agricoles",
            ["conducteur d'engins agricoles", "conductrice d'engins agricoles"],
        ),
        ("magasinier/magasinière", ["magasinier", "magasinière"]),
        (
            "Directeur adjoint / Directrice adjointe d'hypermarché",
            ["directeur adjoint d'hypermarché", "directrice adjointe d'hypermarché"],
        ),
        (
            "Instrumentiste Industriel / Industrielle",
            ["instrumentiste industriel", "instrumentiste industrielle"],
        ),
        (
            "Infirmier / Infirmière anesthésiste (IADE)",
            ["infirmier anesthésiste", "infirmière anesthésiste"],
        ),
        (
            "Huissier (menuisier) / Huissière (menuisière)",
            ["huissier menuisier", "huissière menuisière"],
        ),
        ("Cariste", ["cariste"]),
    ],
)
def test_labels_split_into_both_genders(
    make_occupations: ModuleType, label: str, forms: list[str]
) -> None:
    gender_forms: Callable[[str], list[str]] = make_occupations.gender_forms
    assert gender_forms(label) == forms
