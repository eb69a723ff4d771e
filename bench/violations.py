#!/usr/bin/env python
"""Count results that break a query's stated constraints.

    python bench/violations.py QUERIES_META.jsonl RUN.jsonl CATALOG.jsonl [--k 10]

QUERIES_META lines carry ``{"id": ..., "constraints": {"max_hours": 50, "certification":
["certifiante"], "audience": "Chercheur d'emploi", "city": "Mons", "formats": ["presentiel"],
"formats_refused": ["distanciel"]}}`` (as in shared/eval/dev/wallonie/queries.meta.jsonl).
A result breaks a constraint when its known length exceeds ``max_hours``, when its
certification is not one of those asked, when its audience names jobseekers or workers but
not the person's group, when its format is not one of ``formats`` (a format required) or is
one of ``formats_refused`` (a format refused, "pas de distanciel").

With ``--queries QUERIES.jsonl``, each query's text is also understood as the chat does
(the profile parser), and the constraints it states are checked too: a format refused or
required, and hours (``max_hours``, or ``max_weeks`` at the assumed weekly pace). So a
negated format ("je ne veux pas de distanciel") counts as a constraint even when the meta
file does not state it. ``city`` is a place, not a
limit: results farther away are counted separately, by distance band, for information.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.evaluation import load_queries
from assistant.guidance.constraints import hours_budget
from assistant.services import profile_parser
from assistant.understanding import Profile
from corpus.audience import audience_groups
from corpus.loaders import load_catalog
from corpus.places import default_gazetteer, distance_km
from corpus.text import fold


def main() -> None:
    parser = argparse.ArgumentParser(description="Constraint violations in a run file.")
    parser.add_argument("meta", type=Path)
    parser.add_argument("run", type=Path)
    parser.add_argument("catalog", type=Path)
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument(
        "--queries",
        type=Path,
        help="the query texts: their understood constraints are checked too",
    )
    args = parser.parse_args()
    modules = load_catalog(args.catalog).by_id()
    metas = {m["id"]: m.get("constraints", {}) for m in map(json.loads, args.meta.open())}
    gazetteer = default_gazetteer()
    profiles: dict[str, Profile] = {}
    if args.queries is not None:
        parser_ = profile_parser()
        profiles = {qid: parser_.parse(text) for qid, text in load_queries(args.queries)}
    broken: Counter[str] = Counter()
    bands: Counter[str] = Counter()
    total = 0
    for line in args.run.open(encoding="utf-8"):
        run = json.loads(line)
        wanted = metas.get(run["id"], {})
        home = gazetteer.resolve(wanted["city"]) if wanted.get("city") else None
        for result in run["results"][: args.k]:
            module = modules[result["id"]]
            total += 1
            fmt = module.format_key
            required = {fold(f) for f in wanted.get("formats") or []}
            refused = {fold(f) for f in wanted.get("formats_refused") or []}
            profile = profiles.get(run["id"])
            if profile is not None:
                refused |= set(profile.formats_refused)
                if profile.format_required:
                    required |= set(profile.formats)
            if (required and fmt not in required) or (fmt is not None and fmt in refused):
                broken["format"] += 1
            hours = wanted.get("max_hours")
            stated = None if profile is None else hours_budget(profile)
            if stated is not None:
                hours = stated if hours is None else min(hours, stated)
            if hours is not None and (
                module.duration_hours is None or module.duration_hours > hours
            ):
                broken["max_hours"] += 1
            certs = wanted.get("certification")
            if certs and fold(module.certification or "") not in {fold(c) for c in certs}:
                broken["certification"] += 1
            audience = fold(wanted.get("audience") or "")
            groups = audience_groups(module.audience) & {"jobseeker", "worker"}
            person = "jobseeker" if "emploi" in audience else "worker" if audience else None
            if person and groups and person not in groups:
                broken["audience"] += 1
            if home is not None:
                there = gazetteer.resolve(module.city or "") if module.city else None
                if module.format_key == "distanciel":
                    bands["distance learning"] += 1
                elif there is None:
                    bands["unplaced"] += 1
                else:
                    d = distance_km(home, there)
                    bands[
                        "<=5 km"
                        if d <= 5
                        else "<=30 km"
                        if d <= 30
                        else "<=60 km"
                        if d <= 60
                        else ">60 km"
                    ] += 1
    print(
        f"results={total} violations={sum(broken.values())} "
        + " ".join(f"{k}={v}" for k, v in sorted(broken.items()))
    )
    print("distance bands: " + ", ".join(f"{k}: {v}" for k, v in sorted(bands.items())))


if __name__ == "__main__":
    main()
