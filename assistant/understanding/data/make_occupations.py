#!/usr/bin/env python
"""Build ``occupations.jsonl`` from the shared ESCO and ROME tables plus a hand-written supplement.

    python assistant/understanding/data/make_occupations.py /work/shared/data
    python assistant/understanding/data/make_occupations.py /work/shared/data \
        -o /tmp/occupations.jsonl

Input: ``esco/esco_occupations_fr.jsonl`` (title, alt_labels, isco_group) and
``rome/rome_v460_metiers.jsonl`` (title, appellations, id = ROME code) under the folder given.
Run it with the project's virtualenv (it imports ``assistant`` and ``corpus``). The output is
deterministic (same inputs, same bytes). Steps:

1. Every title and variant is split into its gendered forms ("Conducteur / Conductrice
   d'engins" → "conducteur d'engins", "conductrice d'engins"; "magasinier/magasinière" →
   both), parenthesised notes and "-XYZ-" acronyms dropped.
2. An ESCO occupation whose preferred label is a ROME métier's title is merged into it
   (``source: both``); other ESCO occupations keep their entry and get the ROME code of the
   métier sharing their label or, failing that, at least ``_WEAK_LINK`` names.
3. The supplement (``SUPPLEMENT`` below) adds colloquial, Belgian, English and Dutch names to
   the entry that owns a given table name, or makes a new ``supp:`` entry.
4. Each normalised name goes to exactly one entry: supplement names first, then preferred
   labels, then variants; among equals, merged entries, then ESCO, then ROME.
5. Names that cannot be told apart from ordinary words are dropped (``DROPPED``: "agent",
   "chef", "aide", "responsable", "carrière"...), as are names longer than ``MAX_WORDS``
   words and short acronyms other than ``ACRONYMS``. Entries left without a name are dropped.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict

from assistant.understanding.occupations import phrase_key
from corpus.text import fold

logger = logging.getLogger("make_occupations")

MAX_WORDS = 7  # normalised words; nobody types a longer job title
ACRONYMS = {"DRH", "PDG", "DJ", "VRP", "PNC", "DAF", "RRH", "ATSEM", "ASH", "AVS", "AESH"}


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Too generic alone, or ordinary words first: never matched as single words. Jobseekers who
# write "j'étais ouvrier" or "je suis employée" get the generic supplement entries instead.
DROPPED = _wordset(
    """
    agent agente chef cheffe aide responsable conseiller conseillere gestionnaire assistant
    assistante adjoint adjointe directeur directrice operateur operatrice collaborateur
    collaboratrice consultant consultante specialiste expert experte coordinateur
    coordinatrice coordonnateur coordonnatrice superviseur superviseuse attache attachee
    charge chargee prepose preposee salarie salariee professionnel professionnelle praticien
    praticienne associe associee titulaire contractuel contractuelle apprenti apprentie
    compagnon artisan intervenant intervenante encadrant encadrante accompagnant accompagnante
    accueillant accueillante createur creatrice constructeur fabricant exploitant exploitante
    dirigeant dirigeante representant representante membre stagiaire interimaire saisonnier
    independant benevole volontaire personnel maitre maitresse engage agree traitant
    carton gradation livraison couleur homme femme monsieur dame premier premiere second
    seconde principal principale general generale social sociale industriel industrielle
    modele critique road go nez garde carriere litiere glaciere vestiaire personnage
    silhouette doublure sensitif sensitive voyant voyante medium major lecteur lectrice
    distributeur capteur classeur calculateur calculatrice simulateur detecteur transmetteur
    intercepteur regulateur traceur mixeur planeur lanceur ouvreur casseur passeur tireur
    receveur releveur composeur configurateur optimisateur performer shaper escort escorte
    stationnaire devops dsi cdo informatique formation cours travail emploi metier boulot
    ordinateur bureau job poste place soignant soignante ressource conduite vente accueil
    commerce gestion securite surveillance entretien nettoyage menage logistique transport
    service sante soin cuisine comptabilite production maintenance marketing communication
    design web data support reseau systeme projet equipe atelier magasin
    """
)


class Row(TypedDict):
    """One line of ``occupations.jsonl``."""

    id: str
    label: str
    synonyms: list[str]
    isco: str | None
    rome: str | None
    source: str


class Item(TypedDict, total=False):
    """A supplement item: ``to`` an existing name, or a new entry's ``id``, ``label``..."""

    to: str
    id: str
    label: str
    isco: str | None
    rome: str | None
    synonyms: list[str]


# Hand-written names a jobseeker uses. "to": a name already in the tables, or an entry id; that
# entry receives the synonyms (and "isco"/"rome" if it has none). Without "to", a new entry is
# made from "id", "label", "isco" and "rome".
# Kept compact by hand: an item on a line or two.
# fmt: off
SUPPLEMENT: list[Item] = [
    # generic entries for words that say something on their own
    {"id": "supp:ouvrier", "label": "Ouvrier / Ouvrière (sans précision)",
     "isco": None, "rome": None, "synonyms": [
        "ouvrier", "ouvrière", "arbeider", "arbeidster", "ouvrier polyvalent",
        "ouvrière polyvalente"]},
    {"id": "supp:employe", "label": "Employé / Employée (sans précision)",
     "isco": None, "rome": None, "synonyms": [
        "employé", "employée", "bediende"]},
    {"id": "supp:ingenieur", "label": "Ingénieur / Ingénieure (sans précision)",
     "isco": None, "rome": None, "synonyms": [
        "ingénieur", "ingénieure", "engineer", "ingenieur"]},
    {"id": "supp:technicien", "label": "Technicien / Technicienne (sans précision)",
     "isco": None, "rome": None, "synonyms": [
        "technicien", "technicienne", "technician", "technieker"]},
    {"id": "supp:enseignant", "label": "Enseignant / Enseignante (sans précision)",
     "isco": None, "rome": None, "synonyms": [
        "enseignant", "enseignante", "professeur", "professeure", "prof", "teacher", "leraar",
        "lerares", "leerkracht"]},
    {"id": "supp:chauffeur", "label": "Chauffeur / Chauffeuse (sans précision)",
     "isco": None, "rome": None, "synonyms": [
        "chauffeur", "chauffeuse", "driver", "conducteur", "conductrice"]},
    # logistics and retail
    {"to": "magasinier", "synonyms": [
        "warehouse worker", "warehouseman", "magazijnier", "magazijnmedewerker",
        "logistiek medewerker", "ouvrier logistique", "ouvrière logistique", "employé logistique",
        "employée logistique", "magasinier cariste"]},
    {"to": "préparateur de commandes", "synonyms": [
        "préparateur de commande", "préparatrice de commande", "order picker", "orderpicker",
        "picker"]},
    {"to": "manutentionnaire", "synonyms": ["manut"]},
    {"to": "cariste", "synonyms": [
        "clarkiste", "chauffeur de clark", "conducteur de clark", "forklift driver",
        "forklift operator", "heftruckchauffeur", "heftruckbestuurder", "vorkheftruckchauffeur",
        "conducteur de chariot élévateur", "conductrice de chariot élévateur"]},
    {"to": "employé de libre-service", "synonyms": [
        "réassort", "employé de réassort", "employée de réassort", "réassortisseur",
        "réassortisseuse", "employé de rayon", "employée de rayon", "vakkenvuller",
        "shelf stacker"]},
    {"to": "caissier", "synonyms": [
        "caissier", "caissière", "cashier", "kassier", "kassierster",
        "caissière en grande surface"]},
    {"id": "supp:vendeur", "label": "Vendeur / Vendeuse en magasin",
     "isco": "5223", "rome": None, "synonyms": [
        "vendeur", "vendeuse", "vendeur en magasin", "vendeuse en magasin", "vendeur en boutique",
        "vendeuse en boutique", "vendeur polyvalent", "vendeuse polyvalente", "conseiller de vente",
        "conseillère de vente", "sales assistant", "shop assistant", "salesperson", "verkoper",
        "verkoopster", "winkelbediende"]},
    # cleaning and domestic work
    {"to": "technicien de surface", "isco": "9112", "synonyms": [
        "technicien de surface", "technicienne de surface", "agent d'entretien",
        "agente d'entretien", "agent de nettoyage", "agente de nettoyage", "nettoyeur",
        "nettoyeuse", "cleaner", "schoonmaker", "schoonmaakster", "ouvrier de nettoyage",
        "ouvrière de nettoyage"]},
    {"to": "employé de ménage", "synonyms": [
        "aide-ménagère", "aide-ménager", "aide ménagère titres-services", "femme de ménage",
        "homme de ménage", "technicienne de ménage", "poetsvrouw", "poetshulp", "huishoudhulp",
        "housekeeper", "cleaning lady", "domestic worker"]},
    # transport
    {"to": "chauffeur-livreur", "synonyms": [
        "chauffeur livreur", "chauffeuse livreuse", "livreur", "livreuse", "delivery driver",
        "koerier", "bezorger", "leveringschauffeur"]},
    {"to": "chauffeur de poids lourd", "synonyms": [
        "chauffeur poids lourd", "chauffeuse poids lourd", "chauffeur PL", "chauffeur camion",
        "chauffeur de camion", "chauffeuse de camion", "chauffeur C", "chauffeur CE",
        "chauffeur C+E", "camionneur", "camionneuse", "routier", "routière", "truck driver",
        "lorry driver", "vrachtwagenchauffeur"]},
    {"to": "conducteur de bus", "synonyms": [
        "chauffeur de bus", "chauffeuse de bus", "chauffeur bus", "chauffeur TEC", "chauffeur STIB",
        "bus driver", "buschauffeur"]},
    {"to": "chauffeur de taxi", "synonyms": ["taxi driver", "taxichauffeur"]},
    # IT
    {"to": "développeur informatique", "synonyms": [
        "développeur", "développeuse", "développeur informatique", "codeur", "codeuse", "dev",
        "programmeur", "programmeuse", "développeur logiciel", "développeuse logiciel", "developer",
        "software developer", "software engineer", "ontwikkelaar", "softwareontwikkelaar",
        "programmeur informatique"]},
    {"to": "développeur web", "synonyms": [
        "dev web", "web developer", "webdeveloper", "webontwikkelaar", "dev front", "dev front-end",
        "dev back", "dev back-end", "dev fullstack", "dev full-stack", "développeur front",
        "développeuse front", "développeur back", "développeuse back", "développeur fullstack",
        "développeuse fullstack", "développeur php", "développeur javascript", "intégrateur web",
        "intégratrice web"]},
    {"to": "informaticien", "synonyms": [
        "informaticien", "informaticienne", "informaticus", "ict'er", "IT-er"]},
    {"to": "conseiller support technique informatique", "isco": "3512", "synonyms": [
        "helpdesk", "help desk", "agent helpdesk", "agente helpdesk", "technicien helpdesk",
        "technicienne helpdesk", "technicien support", "technicienne support",
        "helpdesk medewerker", "helpdeskmedewerker", "servicedesk", "service desk",
        "support informatique", "IT support", "technicien informatique",
        "technicienne informatique", "technicien PC", "technicienne PC"]},
    {"to": "community manager", "synonyms": [
        "community manageuse", "social media manager", "gestionnaire de communauté"]},
    {"to": "web designer", "isco": "2166", "synonyms": [
        "webdesigner", "webdesigneuse", "web designeuse", "concepteur web", "conceptrice web"]},
    {"to": "data analyst", "synonyms": ["analyste de données", "data analist"]},
    {"to": "graphiste", "synonyms": ["graphic designer", "grafisch ontwerper"]},
    # care, childhood, education
    {"to": "puériculteur", "synonyms": [
        "puériculteur", "puéricultrice", "kinderverzorger", "kinderverzorgster", "childcare worker",
        "auxiliaire de l'enfance"]},
    {"to": "assistante maternelle", "synonyms": [
        "accueillante d'enfants", "gardienne", "accueillant d'enfants",
        "accueillante conventionnée", "co-accueillante", "gardienne d'enfants", "gardien d'enfants",
        "nounou", "childminder", "onthaalmoeder", "onthaalouder"]},
    {"to": "aide-soignant", "synonyms": [
        "aide soignant", "aide soignante", "nursing assistant", "care assistant", "zorgkundige",
        "verzorgende"]},
    {"to": "infirmier en soins généraux", "synonyms": [
        "infirmier", "infirmière", "infirmier bachelier", "infirmière bachelière",
        "infirmier breveté", "infirmière brevetée", "nurse", "verpleegkundige", "verpleger",
        "verpleegster"]},
    {"to": "employé familial", "synonyms": [
        "aide familiale", "aide familial", "gezinshelper", "gezinshelpster", "home carer"]},
    {"to": "éducateur spécialisé", "isco": "3412", "synonyms": [
        "éducateur", "éducatrice", "opvoeder", "opvoedster"]},
    {"to": "instituteur", "synonyms": [
        "instituteur", "institutrice", "instituteur primaire", "institutrice primaire",
        "institutrice maternelle", "instituteur maternel", "onderwijzer", "onderwijzeres",
        "primary school teacher", "kleuterleider", "kleuterleidster"]},
    {"to": "formateur", "synonyms": [
        "formateur", "formatrice", "formateur d'adultes", "formatrice d'adultes", "lesgever",
        "lesgeefster", "trainer"]},
    {"to": "assistant social", "synonyms": ["social worker", "maatschappelijk werker"]},
    # hospitality
    {"to": "commis de cuisine", "isco": "9412", "synonyms": [
        "aide-cuisinier", "aide-cuisinière", "aide de cuisine", "kitchen assistant", "keukenhulp",
        "keukenmedewerker"]},
    {"to": "plongeur en restauration", "isco": "9412", "synonyms": [
        "plongeur", "plongeuse", "dishwasher", "afwasser", "plongeur en cuisine"]},
    {"to": "serveur", "synonyms": [
        "serveur", "serveuse", "serveur en restauration", "serveuse en restauration",
        "garçon de café", "waiter", "waitress", "kelner", "ober", "dienster"]},
    {"to": "barman", "synonyms": ["barman", "barmaid", "bartender", "barmen", "barkeeper"]},
    {"to": "cuisinier", "synonyms": [
        "cuisinier", "cuisinière", "cook", "kok", "chef cuisinier", "cheffe cuisinière",
        "chef coq"]},
    # office
    {"to": "secrétaire", "synonyms": ["secretary", "secretaresse", "secrétaire de direction"]},
    {"to": "employé administratif", "isco": "4110", "synonyms": [
        "employé de bureau", "employée de bureau", "administratief medewerker",
        "administrative assistant", "office clerk", "employé administratif polyvalent"]},
    {"to": "réceptionniste", "synonyms": [
        "agent d'accueil", "receptionist", "receptioniste", "onthaalmedewerker",
        "hôtesse d'accueil", "hôte d'accueil", "agente d'accueil"]},
    {"to": "rome:D1408", "isco": "4222", "synonyms": [
        "téléconseiller", "téléconseillère", "agent de call center", "agente de call center",
        "call center agent", "opérateur de call center", "opératrice de call center",
        "callcenter medewerker", "callcentermedewerker"]},
    {"to": "comptable", "synonyms": ["accountant", "boekhouder", "boekhoudster"]},
    # building and industry
    {"to": "électricien du bâtiment", "synonyms": [
        "électricien", "électricienne", "electrician", "elektricien"]},
    {"to": "plombier", "synonyms": ["plumber", "loodgieter"]},
    {"to": "menuisier", "isco": "7522", "synonyms": [
        "menuisier", "menuisière", "carpenter", "joiner", "schrijnwerker", "timmerman"]},
    {"to": "maçon", "synonyms": ["bricklayer", "mason", "metselaar"]},
    {"to": "manœuvre de chantier", "isco": "9313", "synonyms": [
        "manœuvre", "manoeuvre", "ouvrier du bâtiment", "ouvrière du bâtiment",
        "ouvrier de chantier", "ouvrière de chantier", "ouvrier en construction",
        "construction worker", "bouwvakker"]},
    {"to": "peintre en bâtiment", "synonyms": [
        "peintre", "painter", "schilder", "peintre décorateur", "peintre en batiment"]},
    {"to": "soudeur", "synonyms": ["welder", "lasser"]},
    {"to": "mécanicien automobile", "synonyms": [
        "mécanicien", "mécanicienne", "mécano", "mécanicien auto", "mécanicienne auto", "mechanic",
        "car mechanic", "automechanicien", "garagiste"]},
    {"id": "supp:operateur-production", "label": "Opérateur / Opératrice de production",
     "isco": None, "rome": None, "synonyms": [
        "opérateur de production", "ouvrier de production", "ouvrière de production",
        "ouvrier d'usine", "ouvrière d'usine", "ouvrier en usine", "ouvrière en usine",
        "factory worker", "production operator", "productiemedewerker", "productieoperator",
        "opératrice de production"]},
    {"to": "technicien de maintenance industrielle", "isco": "7233", "synonyms": [
        "technicien de maintenance", "technicienne de maintenance", "maintenance technician",
        "onderhoudstechnicus", "technicien d'entretien"]},
    # trades and services
    {"to": "boulanger", "synonyms": ["baker", "bakker"]},
    {"to": "boucher", "synonyms": ["butcher", "slager", "beenhouwer"]},
    {"to": "coiffeur", "synonyms": ["hairdresser", "kapper", "kapster"]},
    {"to": "jardinier", "synonyms": ["gardener", "tuinier", "hovenier"]},
    {"to": "rome:K2503", "isco": "5414", "synonyms": [
        "agent de sécurité", "agente de sécurité", "agent de gardiennage", "agente de gardiennage",
        "vigile", "security guard", "security agent", "bewaker", "bewakingsagent",
        "agent de surveillance"]},
    # the tables' "facteur" builds organs; the jobseeker's delivers letters
    {"id": "supp:facteur", "label": "Facteur / Factrice",
     "isco": "4412", "rome": None, "synonyms": [
        "facteur", "factrice", "postier", "postière", "postman", "postbode"]},
    {"to": "garde d'enfant", "isco": "5311", "synonyms": ["babysitter", "oppas"]},
    {"to": "auxiliaire de vie", "isco": "5322", "synonyms": [
        "auxiliaire de vie", "auxiliaire de vie sociale", "aide de vie", "personal care worker"]},
    {"to": "militaire du rang", "synonyms": ["militaire", "soldier", "militair"]},
    {"to": "pilote de ligne", "synonyms": ["pilote", "pilote d'avion", "airline pilot", "piloot"]},
    {"to": "policier", "synonyms": [
        "agent de police", "agente de police", "inspecteur de police", "police officer",
        "politieagent", "politieman", "politievrouw"]},
]
# fmt: on

_FEMININE_STARTS = {"femme", "dame", "fille", "hotesse", "moniale"}
_MASCULINE_STARTS = {"homme", "monsieur", "garcon", "valet", "steward", "moine"}


@dataclass
class Entry:
    id: str
    label: str
    isco: str | None
    rome: str | None
    source: str
    preferred: list[str] = field(default_factory=list)
    variants: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    def keys(self, names: list[str]) -> set[str]:
        return {phrase_key(n) for n in names} - {""}


# --- splitting "masculin / féminin" labels -------------------------------------------------


def _parenthesis(match: re.Match[str]) -> str:
    """Drop "(IDE)"-like acronyms; keep sense notes as words: "Huissier (menuisier)" must
    not become the court's "huissier"."""
    inside = match.group(1).strip()
    if " " not in inside and sum(c.isupper() for c in inside) >= 2:
        return " "
    return f" {inside} "


def _clean(label: str) -> str:
    label = re.sub(r"\s*\(([^)]*)\)", _parenthesis, label)
    label = re.sub(r"\s+-[A-Za-z0-9&]+-(?=\s|$)", " ", label)
    label = re.sub(r"[\"«»“”]", " ", label)
    label = label.replace("–", " ").replace("’", "'")
    return re.sub(r"\s+", " ", label).strip(" ,;:-")


def _similar(a: str, b: str) -> bool:
    fa, fb = fold(a.split("-")[0]), fold(b.split("-")[0])
    return fa[:3] == fb[:3] or fb in _FEMININE_STARTS or fa in _MASCULINE_STARTS


def _pair(left: list[str], right: list[str]) -> list[str]:
    """Both forms when the slash separates ``left`` from ``right``: the gendered words are
    the first of each side when they look alike, else the last of ``left``."""
    if not left or not right:
        return [" ".join(left + right)]
    if _similar(left[0], right[0]):
        head = len(left)
    else:
        head = next((len(left) - i for i in range(1, len(left)) if _similar(left[i], right[0])), 1)
    masculine = left + right[min(head, len(right)) :]
    feminine = left[: len(left) - head] + right
    return [" ".join(masculine), " ".join(feminine)]


def _split_unspaced(label: str) -> list[str]:
    if "/" not in label:
        return [label]
    parts = label.split("/")
    for k in range(1, len(parts)):
        left, right = "/".join(parts[:k]).split(), "/".join(parts[k:]).split()
        if left and right and _similar(left[0], right[0]):
            return _split_unspaced(" ".join(left)) + _split_unspaced(" ".join(right))
    left, right = parts[0].split(), "/".join(parts[1:]).split()
    return [f for form in _pair(left, right) for f in _split_unspaced(form)]


def gender_forms(label: str) -> list[str]:
    """Every gendered form of a table label, cleaned, in order and without repeats."""
    label = _clean(label)
    if " / " in label:
        left, right = label.split(" / ", 1)
        forms = _pair(left.split(), right.replace(" / ", "/").split())
    else:
        forms = [label]
    out: list[str] = []
    for form in forms:
        for f in _split_unspaced(form):
            f = _tidy(f)
            if f and f not in out:
                out.append(f)
    return out


def _tidy(form: str) -> str:
    words = re.sub(r"\s+", " ", form).strip(" ,;:-").split(" ")
    return " ".join(w if (w.isupper() and len(w) > 1) else w.lower() for w in words if w)


# --- loading, linking, merging --------------------------------------------------------------


def _label(title: str) -> str:
    title = re.sub(r"\s+", " ", title.replace("’", "'")).strip()
    return title[:1].upper() + title[1:]


def load_rome(path: Path) -> list[Entry]:
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        entry = Entry(f"rome:{row['id']}", _label(row["title"]), None, row["id"], "rome")
        entry.preferred = gender_forms(row["title"])
        entry.variants = [f for a in row.get("appellations") or [] for f in gender_forms(a)]
        entries.append(entry)
    return entries


def load_esco(path: Path) -> list[Entry]:
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        uuid = row["id"].rsplit("/", 1)[-1]
        isco = row.get("isco_group") or None
        title = row["title"]
        if title.count("/") == 1:  # "magasinier/magasinière" → "Magasinier / magasinière"
            title = " / ".join(part.strip() for part in title.split("/"))
        entry = Entry(f"esco:{uuid}", _label(title), isco, None, "esco")
        entry.preferred = gender_forms(row["title"])
        entry.variants = [f for a in row.get("alt_labels") or [] for f in gender_forms(a)]
        entries.append(entry)
    return entries


_WEAK_LINK = 3  # shared variant names enough to link (not merge) without a shared label


def _tier(preferred: set[str], shared: set[str], title: set[str]) -> int:
    if preferred & title:
        return 3
    if preferred & shared:
        return 2
    return 1 if shared & title else 0


def link_and_merge(esco: list[Entry], rome: list[Entry]) -> list[Entry]:
    """Link ESCO occupations to ROME métiers by shared names; merge the best pair of each.

    The strength of a link, best first: the ESCO preferred label is the ROME title; it is one
    of the métier's variants; an ESCO variant is the ROME title; at least ``_WEAK_LINK`` shared
    variants. Ties go to the most shared names. Only the first kind merges (the same job under
    the same name); a métier left unmerged takes the ISCO group most of the ESCO occupations
    linked to it share.
    """
    by_key: dict[str, set[int]] = defaultdict(set)
    titles: list[set[str]] = []
    for i, r in enumerate(rome):
        titles.append(r.keys(r.preferred))
        for key in r.keys(r.preferred + r.variants):
            by_key[key].add(i)
    best_for: dict[int, tuple[tuple[int, int], int]] = {}  # métier → (strength, esco index)
    for j, e in enumerate(esco):
        preferred, every = e.keys(e.preferred), e.keys(e.preferred + e.variants)
        shared: dict[int, set[str]] = defaultdict(set)
        for key in every:
            for i in by_key.get(key, ()):
                shared[i].add(key)
        strengths = []
        for i, keys in shared.items():
            tier = _tier(preferred, keys, titles[i])
            if tier or len(keys) >= _WEAK_LINK:
                strengths.append(((tier, len(keys)), -i))
        if not strengths:
            continue
        strength, minus_i = max(strengths)
        i = -minus_i
        e.rome = rome[i].rome
        if strength[0] == 3 and strength > best_for.get(i, ((0, 0), -1))[0]:
            best_for[i] = (strength, j)
    linked_isco: dict[str, Counter[str]] = defaultdict(Counter)
    for e in esco:
        if e.rome and e.isco:
            linked_isco[e.rome][e.isco] += 1
    merged_esco: set[int] = set()
    out: list[Entry] = []
    for i, r in enumerate(rome):
        votes = linked_isco.get(r.rome or "")
        if votes:  # the ISCO group most of its linked ESCO occupations share
            r.isco = max(sorted(votes), key=lambda group: votes[group])
        if i in best_for:
            e = esco[best_for[i][1]]
            merged_esco.add(best_for[i][1])
            r.source, r.isco = "both", e.isco
            r.preferred = r.preferred + [f for f in e.preferred if f not in r.preferred]
            r.variants = r.variants + e.variants
        out.append(r)
    out.extend(e for j, e in enumerate(esco) if j not in merged_esco)
    return out


# --- supplement and ownership ---------------------------------------------------------------


def _rank(entry: Entry) -> int:
    return {"supp": 0, "both": 0, "esco": 1, "rome": 2}[entry.source]


_DROPPED_KEYS = {phrase_key(w) for w in DROPPED}


def _keep(name: str) -> bool:
    key = phrase_key(name)
    words = key.split(" ")
    if not key or len(words) > MAX_WORDS:
        return False
    if len(words) == 1:
        bare = re.sub(r"[^\w]", "", name)
        if key in _DROPPED_KEYS or (bare.isupper() and len(bare) <= 5 and bare not in ACRONYMS):
            return False
        if len(name.split()) > 1:  # "au pair" would be matched as "pair"
            return False
    return not all(w.isdigit() for w in words)


def owners(entries: list[Entry]) -> dict[str, int]:
    """Which entry each normalised name goes to (index into ``entries``)."""
    claims: dict[str, tuple[tuple[int, int, str], int]] = {}
    for index, entry in enumerate(entries):
        for level, names in enumerate((entry.extra, entry.preferred, entry.variants)):
            for name in names:
                key = phrase_key(name)
                rank = (level, _rank(entry), entry.id)
                if key and (key not in claims or rank < claims[key][0]):
                    claims[key] = (rank, index)
    return {key: index for key, (_, index) in claims.items()}


def _fill(entry: Entry, item: Item) -> None:
    """Hand-set codes, used only where the tables give none."""
    entry.isco = entry.isco or item.get("isco")
    entry.rome = entry.rome or item.get("rome")


def apply_supplement(entries: list[Entry]) -> list[Entry]:
    owner = owners(entries)
    by_id = {entry.id: entry for entry in entries}
    for item in SUPPLEMENT:
        target = item.get("to")
        if target is None:
            entry = Entry(item["id"], item["label"], item.get("isco"), item.get("rome"), "supp")
            entry.extra = list(item["synonyms"])
            entries.append(entry)
        elif target in by_id:
            by_id[target].extra += item["synonyms"]
            _fill(by_id[target], item)
        elif phrase_key(target) in owner:
            entries[owner[phrase_key(target)]].extra += [target, *item["synonyms"]]
            _fill(entries[owner[phrase_key(target)]], item)
        else:
            raise SystemExit(f"supplement target {target!r} is not in the tables; fix SUPPLEMENT")
    return entries


def rows(entries: list[Entry]) -> list[Row]:
    owner = owners(entries)
    out: list[Row] = []
    for index, entry in enumerate(entries):
        seen: set[str] = set()
        synonyms = []
        for name in entry.extra + entry.preferred + entry.variants:
            key = phrase_key(name)
            if key in seen or owner.get(key) != index or not _keep(name):
                continue
            seen.add(key)
            synonyms.append(name)
        if synonyms:
            out.append(
                {
                    "id": entry.id,
                    "label": entry.label,
                    "synonyms": synonyms,
                    "isco": entry.isco,
                    "rome": entry.rome,
                    "source": entry.source,
                }
            )
    return sorted(out, key=lambda row: row["id"])


def build(shared: Path) -> list[Row]:
    rome = load_rome(shared / "rome" / "rome_v460_metiers.jsonl")
    esco = load_esco(shared / "esco" / "esco_occupations_fr.jsonl")
    entries = apply_supplement(link_and_merge(esco, rome))
    return rows(entries)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("shared", type=Path, help="folder holding esco/ and rome/")
    parser.add_argument(
        "-o", "--output", type=Path, default=Path(__file__).resolve().parent / "occupations.jsonl"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    table = build(args.shared)
    with args.output.open("w", encoding="utf-8", newline="\n") as out:
        for row in table:
            out.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")
    sources = Counter(row["source"] for row in table)
    names = sum(len(row["synonyms"]) for row in table)
    logger.info(
        "%d occupations (%s), %d names, %d bytes → %s",
        len(table),
        ", ".join(f"{k} {v}" for k, v in sorted(sources.items())),
        names,
        args.output.stat().st_size,
        args.output,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
