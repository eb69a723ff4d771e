"""Derive vocabulary.json from schema.org's official release file.

    python tests/corpus/schemaorg/make_vocabulary.py schemaorg-current-https.jsonld 30.0

The source is ``data/releases/<version>/schemaorg-current-https.jsonld`` of the schemaorg/schemaorg
repository (the file https://schema.org/version/latest/schemaorg-current-https.jsonld serves),
licensed CC BY-SA 3.0. The output keeps only what the tests check: every type with its direct
parents, and every property with the types it may be used on (``domainIncludes``) and its
replacement when superseded. Nothing is added by hand.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

OUT = Path(__file__).with_name("vocabulary.json")


def _ids(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value] if value else []
    return sorted(i["@id"].removeprefix("schema:") for i in items if i["@id"].startswith("schema:"))


def derive(source: dict[str, Any], version: str) -> dict[str, Any]:
    types: dict[str, list[str]] = {}
    properties: dict[str, dict[str, Any]] = {}
    for node in source["@graph"]:
        kinds = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
        name = node["@id"].removeprefix("schema:")
        if "rdfs:Class" in kinds:
            types[name] = _ids(node.get("rdfs:subClassOf"))
        elif "rdf:Property" in kinds:
            entry: dict[str, Any] = {"domains": _ids(node.get("schema:domainIncludes"))}
            if superseded := _ids(node.get("schema:supersededBy")):
                entry["supersededBy"] = superseded
            properties[name] = entry
    return {
        "source": "schemaorg/schemaorg data/releases/"
        f"{version}/schemaorg-current-https.jsonld (CC BY-SA 3.0)",
        "version": version,
        "types": dict(sorted(types.items())),
        "properties": dict(sorted(properties.items())),
    }


if __name__ == "__main__":
    data = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    vocabulary = derive(data, sys.argv[2])
    OUT.write_text(json.dumps(vocabulary, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    print(f"{len(vocabulary['types'])} types, {len(vocabulary['properties'])} properties → {OUT}")
