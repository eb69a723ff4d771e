"""Check JSON-LD against schema.org: every ``@type`` is a schema.org type, every property
exists, is not superseded, and may be used on the node's type (its ``domainIncludes`` names
the type or one of its ancestors)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

VOCABULARY = Path(__file__).with_name("vocabulary.json")
# Keywords of JSON-LD itself, not schema.org properties.
KEYWORDS = {"@context", "@type", "@id"}


@cache
def vocabulary() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(VOCABULARY.read_text(encoding="utf-8"))
    return data


@cache
def ancestors(name: str) -> frozenset[str]:
    """``name`` and every type above it."""
    out = {name}
    for parent in vocabulary()["types"].get(name, []):
        out |= ancestors(parent)
    return frozenset(out)


def violations(node: Any, where: str = "$") -> list[str]:
    """What in ``node`` (a JSON-LD document or part of one) schema.org does not allow."""
    if isinstance(node, list):
        return [v for i, item in enumerate(node) for v in violations(item, f"{where}[{i}]")]
    if not isinstance(node, dict):
        return []
    found: list[str] = []
    types, properties = vocabulary()["types"], vocabulary()["properties"]
    kind = node.get("@type")
    if not isinstance(kind, str):
        return [f"{where}: a node without a single @type"]
    if kind not in types:
        return [f"{where}: {kind} is not a schema.org type"]
    for key, value in node.items():
        if key in KEYWORDS:
            continue
        entry = properties.get(key)
        if entry is None:
            found.append(f"{where}.{key}: not a schema.org property")
        elif entry.get("supersededBy"):
            found.append(f"{where}.{key}: superseded by {entry['supersededBy']}")
        elif not ancestors(kind) & set(entry["domains"]):
            found.append(f"{where}.{key}: not a property of {kind}")
        found.extend(violations(value, f"{where}.{key}"))
    return found
