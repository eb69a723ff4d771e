"""Parse an LHEO file safely and check it against Boussole's own LHEO XSD.

Parsing never resolves entities, never loads a DTD and never touches the network
(lxml with ``resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False``);
a file that declares a DOCTYPE is refused outright, so "billion laughs" and external
entities (XXE) never expand. The XSD, ``lheo-subset.xsd``, is ours, not the official LHEO
schema (not available offline): it covers the elements :mod:`corpus.importers.lheo` maps.
Before validation the namespace (any LHEO 2.x one) and every element the XSD does not
name are removed, so the check is about what Boussole reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree

from corpus.errors import CatalogError

XSD_PATH = Path(__file__).with_name("lheo-subset.xsd")
_XS = "{http://www.w3.org/2001/XMLSchema}"
# Attributes the XSD knows; others (xsi:schemaLocation, tag, horodatage...) are not checked.
_KEPT_ATTRIBUTES = {"formation": {"numero"}, "action": {"numero"}}
# A DOCTYPE is where entities ("billion laughs", external files) are declared: refused
# before parsing, in the encodings an XML file may use.
_DOCTYPE_MARKERS = tuple("<!DOCTYPE".encode(e) for e in ("utf-8", "utf-16-le", "utf-16-be"))
_DOCTYPE_REFUSED = (
    "the file declares a DOCTYPE (a DTD or entities); LHEO needs none and Boussole refuses "
    "them for safety: remove the <!DOCTYPE ...> declaration"
)
# What to do about an element whose value the XSD rejects.
HINTS = {
    "debut": "write session dates as YYYYMMDD (LHEO), e.g. 20260914",
    "fin": "write session dates as YYYYMMDD (LHEO), e.g. 20261218",
    "modalites-enseignement": "use 0 (présentiel), 1 (à distance) or 2 (mixte)",
    "certifiante": "use 0 or 1",
    "niveau-entree-obligatoire": "use 0 or 1",
    "prise-en-charge-frais-possible": "use 0 or 1",
    "nombre-heures-total": "give a number of hours, e.g. 120",
    "nombre-heures-centre": "give a number of hours, e.g. 120",
    "nombre-heures-entreprise": "give a number of hours, e.g. 40",
    "langue-formation": "give an ISO 639 code, e.g. fr",
}


@dataclass(frozen=True)
class SchemaProblem:
    """One XSD finding: the element (if found), its line, and the message."""

    element: etree._Element | None
    line: int
    message: str


@cache
def _schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD_PATH)))


@cache
def known_elements() -> frozenset[str]:
    """Every element name the XSD declares."""
    tree = etree.parse(str(XSD_PATH))
    return frozenset(el.get("name") for el in tree.iter(f"{_XS}element") if el.get("name"))


def parse(source: Path, raw: bytes) -> etree._Element:
    """The document's root, namespace-free and pruned to the elements the XSD knows.

    Raises:
        CatalogError: not well-formed, a DOCTYPE, or not an LHEO document.
    """
    if any(marker in raw for marker in _DOCTYPE_MARKERS):
        raise CatalogError(source, _DOCTYPE_REFUSED)
    parser = etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        reason = str(exc.msg or exc).split(", line")[0]
        raise CatalogError(
            source,
            f"not well-formed XML ({reason}); check the file is complete and its "
            "encoding matches its XML declaration",
            line=exc.lineno,
        ) from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise CatalogError(source, _DOCTYPE_REFUSED)
    if etree.QName(root).localname != "lheo":
        raise CatalogError(
            source, f"the root element is <{etree.QName(root).localname}>, not <lheo>", line=1
        )
    children = {etree.QName(c).localname for c in root if isinstance(c.tag, str)}
    if "offres" not in children:
        summaries = (
            "; it holds resumes-offres (summaries), which Boussole does not read: export the "
            "full offers"
            if "resumes-offres" in children
            else ""
        )
        raise CatalogError(
            source,
            f"<lheo> holds no <offres> (offres > formation > action){summaries}",
            line=root.sourceline,
        )
    _strip(root)
    return root


def _strip(root: etree._Element) -> None:
    known = known_elements()
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            element.getparent().remove(element)
            continue
        if element.tag.startswith("{"):
            element.tag = element.tag.split("}", 1)[1]
    for element in list(root.iter()):
        if element.tag not in known:
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)  # no mapped element has mixed content
            continue
        kept = _KEPT_ATTRIBUTES.get(element.tag, set())
        for name in list(element.attrib):
            if name not in kept:
                del element.attrib[name]
    etree.cleanup_namespaces(root)


def validate(root: etree._Element) -> list[SchemaProblem]:
    """Every finding of the XSD on the pruned tree (empty when valid)."""
    schema = _schema()
    if schema.validate(root):
        return []
    tree = root.getroottree()
    problems = []
    for error in schema.error_log:
        # The error's XPath, not its line: exports often hold a whole file on one line.
        found = tree.xpath(error.path) if error.path else []
        element = found[0] if found and isinstance(found[0], etree._Element) else None
        problems.append(SchemaProblem(element, error.line, _plain(error.message)))
    return problems


def _element_name(message: str) -> str | None:
    if message.startswith("Element '"):
        return message[len("Element '") :].split("'", 1)[0]
    return None


def _plain(message: str) -> str:
    name = _element_name(message)
    text = message.split("': ", 1)[1] if name and "': " in message else message
    text = re.sub(r"^\[facet '[^']*'\] ", "", text)
    hint = HINTS.get(name or "")
    return f"<{name}> {text.rstrip('.')}" + (f"; {hint}" if hint else "") if name else text
