"""LHEO 2.x offers (``lheo > offres > formation > action > session``) as catalog records.

One module per ``action``: its id is the action's ``numero`` attribute, else the
formation's ``numero`` (or ``identifiant-module``) and the action's position, ``F12-2``.
Fields, formation first then action:

- title: ``intitule-formation``; description: ``objectif-formation``,
  ``contenu-formation`` and ``resultats-attendus``, in that order;
- provider: ``organisme-formateur/raison-sociale-formateur``, else
  ``organisme-formation-responsable/nom-organisme`` (or ``raison-sociale``);
- city, postal_code, region: ``lieu-de-formation/coordonnees/adresse`` (``ville``,
  ``codepostal``; ``region`` only when it is a name, not a numeric code);
- duration_hours: ``nombre-heures-total``, else centre + entreprise hours, else a number of
  hours written in ``duree-indicative`` ("35 heures");
- format: ``modalites-enseignement`` 0 présentiel, 1 distanciel, 2 hybride (mixte);
- certification: the ``certification`` codes (RNCP, CERTIFINFO, RS), else "certifiante"
  when ``certifiante`` is 1; prerequisites: ``conditions-specifiques`` (and a note when
  ``niveau-entree-obligatoire`` is 1);
- cost: ``frais-restants`` (0 is "gratuit"), noting ``prise-en-charge-frais-possible``;
- language: ``langue-formation``; url: ``url-action``, else ``url-formation``;
- start_dates: each ``session/periode/debut`` (YYYYMMDD; 00000000 is unknown);
- extra: ``lheo_formation`` (its numero), ``formacode``, ``rome``, ``public_vise`` codes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from lxml import etree

from corpus.errors import CatalogError
from corpus.importers.lheo_schema import SchemaProblem, parse, validate
from corpus.importers.report import Candidate, Refusal

FORMATS = {"0": "presentiel", "1": "distanciel", "2": "hybride"}
# LHEO's "no date" values: unknown, and open-ended.
_NO_DATE = {"00000000", "99999999"}
_HOURS = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:h\b|heures?\b)", re.IGNORECASE)


class _BadValueError(Exception):
    def __init__(self, path: str, reason: str, line: int | None) -> None:
        super().__init__(reason)
        self.path, self.reason, self.line = path, reason, line


def lheo_candidates(source: Path, raw: bytes) -> Iterator[Candidate]:
    """One candidate per action; an action the XSD rejects is a refusal.

    Raises:
        CatalogError: the file is not safe, well-formed LHEO, or breaks outside any action.
    """
    root = parse(source, raw)
    problems = validate(root)
    refused = _problems_by_action(source, root, problems)
    number = 0
    for formation in root.iterfind("offres/formation"):
        for a_index, action in enumerate(formation.iterfind("action"), 1):
            number += 1
            action_id = _action_id(formation, action, a_index)
            if action in refused:
                problem = refused[action]
                yield Candidate(
                    number,
                    refusal=Refusal(
                        str(source),
                        number,
                        problem.message,
                        _path(problem.element),
                        action_id,
                        "action",
                        problem.line,
                    ),
                    unit="action",
                    line=action.sourceline,
                )
                continue
            if action_id is None:
                reason = (
                    "no id: give the action a numero attribute, or its formation a numero "
                    "or an identifiant-module"
                )
                yield Candidate(
                    number,
                    refusal=Refusal(
                        str(source), number, reason, "id", None, "action", action.sourceline
                    ),
                    unit="action",
                )
                continue
            try:
                record = _record(formation, action, action_id)
            except _BadValueError as bad:
                yield Candidate(
                    number,
                    refusal=Refusal(
                        str(source), number, bad.reason, bad.path, action_id, "action", bad.line
                    ),
                    unit="action",
                )
                continue
            yield Candidate(number, record=record, unit="action", line=action.sourceline)


def _problems_by_action(
    source: Path, root: etree._Element, problems: list[SchemaProblem]
) -> dict[etree._Element, SchemaProblem]:
    """The first problem of each action; a formation's own problem refuses all its actions."""
    out: dict[etree._Element, SchemaProblem] = {}
    for problem in problems:
        element = problem.element
        action = formation = None
        node = element
        while node is not None:
            if node.tag == "action" and action is None:
                action = node
            if node.tag == "formation":
                formation = node
                break
            node = node.getparent()
        if action is not None:
            out.setdefault(action, problem)
        elif formation is not None:
            actions = formation.findall("action")
            if not actions:
                continue
            for each in actions:
                out.setdefault(each, problem)
        else:
            raise CatalogError(source, f"not valid LHEO: {problem.message}", line=problem.line)
    return out


def _path(element: etree._Element | None) -> str | None:
    if element is None:
        return None
    steps = []
    node: etree._Element | None = element
    while node is not None and node.tag not in ("action", "formation"):
        steps.append(node.tag)
        node = node.getparent()
    return "/".join(reversed(steps)) or element.tag


def _text(element: etree._Element, path: str) -> str | None:
    found = element.findtext(path)
    return found.strip() or None if found is not None else None


def _action_id(formation: etree._Element, action: etree._Element, index: int) -> str | None:
    own = (action.get("numero") or "").strip()
    if own:
        return own
    parent = (formation.get("numero") or "").strip() or _text(formation, "identifiant-module")
    return f"{parent}-{index}" if parent else None


def _record(formation: etree._Element, action: etree._Element, action_id: str) -> dict[str, Any]:
    place = "lieu-de-formation/coordonnees/adresse/"
    region = _text(action, place + "region")
    record: dict[str, Any] = {
        "id": action_id,
        "title": _text(formation, "intitule-formation"),
        "description": _join(
            formation, ("objectif-formation", "contenu-formation", "resultats-attendus")
        ),
        "provider": _text(action, "organisme-formateur/raison-sociale-formateur")
        or _text(formation, "organisme-formation-responsable/nom-organisme")
        or _text(formation, "organisme-formation-responsable/raison-sociale"),
        "city": _text(action, place + "ville"),
        "postal_code": _text(action, place + "codepostal"),
        "region": region if region and not region.isdigit() else None,
        "duration_hours": _hours(action),
        "format": FORMATS.get(_text(action, "modalites-enseignement") or ""),
        "certification": _certification(formation),
        "prerequisites": _prerequisites(action),
        "cost": _cost(action),
        "url": _text(action, "url-action/urlweb") or _text(formation, "url-formation/urlweb"),
        "start_dates": _starts(action),
    }
    language = _text(action, "langue-formation")
    if language:
        record["language"] = language.lower()
    extra = {
        "lheo_formation": (formation.get("numero") or "").strip() or None,
        "formacode": _all(formation, "domaine-formation/code-FORMACODE"),
        "rome": _all(formation, "domaine-formation/code-ROME"),
        "public_vise": _all(action, "code-public-vise"),
    }
    record.update({k: v for k, v in extra.items() if v})
    return record


def _all(element: etree._Element, path: str) -> list[str]:
    return [t.strip() for t in (e.text for e in element.iterfind(path)) if t and t.strip()]


def _join(element: etree._Element, paths: tuple[str, ...]) -> str | None:
    parts = [t for t in (_text(element, p) for p in paths) if t]
    return "\n\n".join(parts) or None


def _hours(action: etree._Element) -> float | None:
    total = _number(action, "nombre-heures-total")
    if total is not None:
        return total
    parts = [_number(action, p) for p in ("nombre-heures-centre", "nombre-heures-entreprise")]
    if any(p is not None for p in parts):
        return sum(p for p in parts if p is not None)
    match = _HOURS.search(_text(action, "duree-indicative") or "")
    return float(match.group(1).replace(",", ".")) if match else None


def _number(action: etree._Element, path: str) -> float | None:
    # The XSD has checked these are numbers; this keeps a bad one a refusal all the same.
    text = _text(action, path)
    if text is None:
        return None
    try:
        return float(text)
    except ValueError:
        element = action.find(path)
        line = element.sourceline if element is not None else None
        raise _BadValueError(path, f"{text[:40]!r} is not a number of hours", line) from None


def _certification(formation: etree._Element) -> str | None:
    codes = [
        f"{label} {code}"
        for label, tag in (
            ("RNCP", "code-RNCP"),
            ("CERTIFINFO", "code-CERTIFINFO"),
            ("RS", "code-RS"),
        )
        for code in _all(formation, f"certification/{tag}")
    ]
    if codes:
        return ", ".join(codes)
    return "certifiante" if _text(formation, "certifiante") == "1" else None


def _prerequisites(action: etree._Element) -> str | None:
    text = _text(action, "conditions-specifiques")
    if _text(action, "niveau-entree-obligatoire") == "1":
        note = "Niveau d'entrée obligatoire."
        return f"{text}\n{note}" if text else note
    return text


def _cost(action: etree._Element) -> str | None:
    left = _text(action, "frais-restants")
    funded = _text(action, "prise-en-charge-frais-possible") == "1"
    if left is None:
        return "prise en charge des frais possible" if funded else None
    try:
        amount = float(left.replace(",", ".").replace("€", "").strip())
    except ValueError:
        cost = left
    else:
        cost = "gratuit" if amount == 0 else f"{amount:g} € à charge du stagiaire"
    return f"{cost} (prise en charge possible)" if funded and cost != "gratuit" else cost


def _starts(action: etree._Element) -> list[str]:
    out = []
    for element in action.iterfind("session/periode/debut"):
        text = (element.text or "").strip()
        if text in _NO_DATE:
            continue
        try:
            day = date(int(text[:4]), int(text[4:6]), int(text[6:8]))
        except ValueError:
            raise _BadValueError(
                "session/periode/debut",
                f"{text!r} is not a date; write YYYYMMDD (00000000 when unknown)",
                element.sourceline,
            ) from None
        out.append(day.isoformat())
    return sorted(set(out))
