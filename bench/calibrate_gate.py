#!/usr/bin/env python
"""Refit the relevance gate (assistant/guidance/gate.py) on graded query collections.

    python bench/calibrate_gate.py INDEX_DIR:QUERIES:QRELS [INDEX_DIR:QUERIES:QRELS ...]
        [--min-grade 1] [--recall 0.9]

For each query, the text is understood as the chat understands it (the profile's topic and
goals), ranked by the search (fused top 100), and each candidate's gate features are
computed; its label is ``grade >= --min-grade`` (unjudged = not relevant). A logistic model
(L2, Newton steps, features standardised then folded back into plain weights) is fitted on
all collections, then once per left-out collection to report how it carries over: AUC, and
precision / recall of the head (the fused top 10 kept by the gate) at the chosen threshold.

On topic means ``grade >= 1`` by default: a module judged related answers the need, one
judged 0 does not, and the gate only decides what may be shown at all (ranking among the
kept modules is the search's and the preferences' job). The threshold is the highest at
which the gate still keeps ``--recall`` (0.98) of the on-topic modules of the fused top 10 on
every collection (below it a module is off topic and never shown); ``confident``, the level
at which a module is surely on topic (the widening counts those), the highest keeping
``--confident-recall`` (0.9). The precision of the head kept is printed beside them. A
second fit without the cosine features gives ``LEXICAL_GATE``, used for an index built by an
encoder the first was not fitted on. Prints the
``GateModel(...)`` to paste.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.evaluation import load_qrels, load_queries
from assistant.guidance.gate import FEATURES, IdfTable, features
from assistant.guidance.need import words_of_need
from assistant.guidance.service import topic_text
from assistant.services import open_service, profile_parser
from assistant.settings import Settings

Floats = npt.NDArray[np.float64]
CANDIDATES = 100
LEXICAL_ONLY = np.array([0.0 if name.startswith(("cos", "sem")) else 1.0 for name in FEATURES])
HEAD = 10


@dataclass
class Collection:
    name: str
    x: Floats  # candidates × features
    y: Floats  # 1 = relevant
    query: npt.NDArray[np.int64]  # query number of each candidate
    rank: npt.NDArray[np.int64]  # fused rank of each candidate (1-based)


def load(spec: str, min_grade: int) -> tuple[Collection, str]:
    index_dir, queries, qrels_path = spec.split(":")
    service = open_service(Settings(index_dir=Path(index_dir)))
    parser = profile_parser()
    idf = IdfTable(service.index.bm25)
    qrels = load_qrels(Path(qrels_path))
    xs, ys, qs, rs = [], [], [], []
    for number, (qid, text) in enumerate(load_queries(Path(queries))):
        profile = parser.parse(text)
        topic = topic_text(profile)
        if not topic:
            continue
        words = words_of_need(profile, topic)  # as the guidance scores it
        prepared = service.prepare(topic, words)
        feats = features(service.index, idf, words, prepared.vector, prepared.lexical_scores)
        judged = qrels.get(qid, {})
        for rank, r in enumerate(service.rank(prepared, None, CANDIDATES)[:CANDIDATES], 1):
            module_id = service.index.modules[r.row].id
            xs.append(feats[r.row])
            ys.append(1.0 if judged.get(module_id, 0) >= min_grade else 0.0)
            qs.append(number)
            rs.append(rank)
    collection = Collection(
        Path(index_dir).name, np.array(xs), np.array(ys), np.array(qs), np.array(rs)
    )
    return collection, service.index.encoder.id


def fit(x: Floats, y: Floats, l2: float = 1.0) -> tuple[Floats, float]:
    """Logistic regression by Newton steps on standardised features; plain weights back."""
    mean, std = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = np.column_stack([(x - mean) / std, np.ones(len(x))])
    w = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ w, -30, 30)))
        grad = z.T @ (p - y) + penalty * w
        hess = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    weights = w[:-1] / std
    bias = float(w[-1] - (w[:-1] * mean / std).sum())
    return weights, bias


def predict(x: Floats, weights: Floats, bias: float) -> Floats:
    out: Floats = 1.0 / (1.0 + np.exp(-np.clip(x @ weights + bias, -30, 30)))
    return out


def auc(p: Floats, y: Floats) -> float:
    order = np.argsort(p)
    ranks = np.empty(len(p))
    ranks[order] = np.arange(1, len(p) + 1)
    pos = y == 1
    n_pos, n_neg = int(pos.sum()), int((~pos).sum())
    if not n_pos or not n_neg:
        return float("nan")
    return float((ranks[pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def head_stats(c: Collection, p: Floats, threshold: float) -> tuple[float, float, float]:
    """Precision and recall of the gated fused top 10, and the share of queries with a
    relevant module in their top 10 that keep at least one."""
    head = c.rank <= HEAD
    kept = head & (p >= threshold)
    relevant = head & (c.y == 1)
    precision = float((kept & relevant).sum() / max(kept.sum(), 1))
    recall = float((kept & relevant).sum() / max(relevant.sum(), 1))
    queries = set(c.query[relevant].tolist())
    served = set(c.query[kept & relevant].tolist())
    return precision, recall, len(served) / max(len(queries), 1)


def unanswered(c: Collection, p: Floats, confident: float) -> float:
    """Share of queries with an on-topic module whose candidates all fall below
    ``confident``: the service would say the catalog lacks their need."""
    queries = set(c.query[c.y == 1].tolist())
    sure = set(c.query[p >= confident].tolist())
    return len(queries - sure) / max(len(queries), 1)


def choose_threshold(cs: list[Collection], ps: list[Floats], recall: float) -> float:
    """The highest threshold at which the gate keeps at least ``recall`` of the relevant
    modules of the fused top 10 on every collection."""
    best = 0.01
    for threshold in np.arange(0.01, 0.9, 0.01):
        stats = [head_stats(c, p, float(threshold)) for c, p in zip(cs, ps, strict=True)]
        if min(s[1] for s in stats) < recall:
            break
        best = float(threshold)
    return round(best, 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("collections", nargs="+", help="INDEX_DIR:QUERIES:QRELS")
    parser.add_argument("--min-grade", type=int, default=1)
    parser.add_argument("--recall", type=float, default=0.98)
    parser.add_argument("--confident-recall", type=float, default=0.9)
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    loaded = [load(spec, args.min_grade) for spec in args.collections]
    cs = [c for c, _ in loaded]
    encoder = loaded[0][1]
    for held in range(len(cs)):
        train = [c for i, c in enumerate(cs) if i != held]
        w, b = fit(np.vstack([c.x for c in train]), np.concatenate([c.y for c in train]))
        ps = [predict(c.x, w, b) for c in train]
        t = choose_threshold(train, ps, args.recall)
        sure = choose_threshold(train, ps, args.confident_recall)
        c = cs[held]
        p = predict(c.x, w, b)
        prec, rec, served = head_stats(c, p, t)
        print(
            f"left out {c.name}: AUC={auc(p, c.y):.3f} threshold={t:.2f} "
            f"head precision={prec:.3f} recall={rec:.3f} queries served={served:.2f}; "
            f"queries left with no sure module (confident={sure:.2f}): "
            f"{unanswered(c, p, sure):.2f}"
        )
    w, b = fit(np.vstack([c.x for c in cs]), np.concatenate([c.y for c in cs]))
    ps = [predict(c.x, w, b) for c in cs]
    t = choose_threshold(cs, ps, args.recall)
    for threshold in (0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5):
        stats = [head_stats(c, p, threshold) for c, p in zip(cs, ps, strict=True)]
        print(
            f"threshold {threshold:.2f}: "
            + "  ".join(
                f"{c.name} P={s[0]:.2f} R={s[1]:.2f} Q={s[2]:.2f}"
                for c, s in zip(cs, stats, strict=True)
            )
        )
    for c, p in zip(cs, ps, strict=True):
        prec, rec, served = head_stats(c, p, t)
        print(
            f"all, on {c.name}: AUC={auc(p, c.y):.3f} head precision={prec:.3f} "
            f"recall={rec:.3f} queries served={served:.2f}"
        )
    show("DEFAULT_GATE", w, b, t, choose_threshold(cs, ps, args.confident_recall), encoder)
    # Without the cosines: the gate of an index built by an encoder it was not fitted for.
    lexical = [Collection(c.name, c.x * LEXICAL_ONLY, c.y, c.query, c.rank) for c in cs]
    w, b = fit(np.vstack([c.x for c in lexical]), np.concatenate([c.y for c in lexical]))
    ps = [predict(c.x, w, b) for c in lexical]
    t = choose_threshold(lexical, ps, args.recall)
    show("LEXICAL_GATE", w, b, t, choose_threshold(lexical, ps, args.confident_recall), None)


def show(
    name: str, w: Floats, b: float, threshold: float, confident: float, encoder: str | None
) -> None:
    print(f"{name} = GateModel(")
    print(f"    weights=({', '.join(f'{v:.4f}' for v in w)}),  # {', '.join(FEATURES)}")
    print(f"    bias={b:.4f},")
    print(f"    threshold={threshold:.2f},")
    print(f"    confident={confident:.2f},")
    print(f"    encoder={encoder!r},")
    print(")")


if __name__ == "__main__":
    main()
