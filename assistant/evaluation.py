"""Retrieval metrics, defined exactly as ``shared/eval/score.py``: nDCG@k with gain
2^grade - 1, Recall@k and MRR@k over grade >= 2; unjudged modules count as 0; a query
without results scores 0."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import InvalidQueryError

Qrels = dict[str, dict[str, int]]


@dataclass(frozen=True)
class Scores:
    ndcg: float
    recall: float
    mrr: float
    queries: int


def load_qrels(path: Path) -> Qrels:
    """Read a qrels TSV (``query_id<TAB>module_id<TAB>grade``)."""
    qrels: Qrels = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) < 3:
            raise InvalidQueryError(
                f"{path}, line {number}: expected query_id<TAB>module_id<TAB>grade"
            )
        try:
            grade = int(parts[2])
        except ValueError:
            raise InvalidQueryError(
                f"{path}, line {number}: grade {parts[2]!r} is not 0-3"
            ) from None
        qrels.setdefault(parts[0], {})[parts[1]] = grade
    return qrels


def load_queries(path: Path) -> list[tuple[str, str]]:
    """Read a query file: ``(id, text)`` pairs in file order."""
    out = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidQueryError(f"{path}: cannot read the query file ({exc})") from exc
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            out.append((str(record["id"]), str(record["text"])))
        except (json.JSONDecodeError, KeyError, TypeError):
            raise InvalidQueryError(
                f'{path}, line {number}: expected {{"id": ..., "text": ...}}'
            ) from None
    return out


def score_run(
    qrels: Mapping[str, Mapping[str, int]], run: Mapping[str, Sequence[str]], k: int = 10
) -> tuple[Scores, dict[str, dict[str, float]]]:
    """Mean and per-query metrics of a run (query id → module ids, best first)."""
    per: dict[str, dict[str, float]] = {}
    for qid, judged in qrels.items():
        ranked = list(run.get(qid, []))[:k]
        dcg = sum((2 ** judged.get(d, 0) - 1) / math.log2(i + 2) for i, d in enumerate(ranked))
        ideal = sorted(judged.values(), reverse=True)[:k]
        idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
        relevant = {d for d, g in judged.items() if g >= 2}
        hits = [d for d in ranked if d in relevant]
        rr = next((1 / (i + 1) for i, d in enumerate(ranked) if d in relevant), 0.0)
        per[qid] = {
            "ndcg": dcg / idcg if idcg else 0.0,
            "recall": len(hits) / len(relevant) if relevant else 0.0,
            "mrr": rr,
        }
    n = len(per) or 1
    mean = Scores(
        ndcg=sum(p["ndcg"] for p in per.values()) / n,
        recall=sum(p["recall"] for p in per.values()) / n,
        mrr=sum(p["mrr"] for p in per.values()) / n,
        queries=len(per),
    )
    return mean, per
