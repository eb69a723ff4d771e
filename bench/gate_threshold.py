#!/usr/bin/env python
"""Choose the relevance gate's threshold end to end, leaving one collection out in turn.

    python bench/gate_threshold.py NAME:INDEX_DIR:QUERIES:QRELS [NAME:...]
        [--thresholds 0.03,0.05,0.08,0.12] [--k 10]

Each query is understood and answered as ``boussole eval`` does (the guidance service with
the default gate), once per candidate threshold; nDCG/Recall/MRR@k are printed per
collection and threshold. Then, for each collection left out, the threshold with the best
mean nDCG@k on the others is chosen and the left-out collection's score at that threshold is
printed: how the choice carries over to a collection it was not made on. The gate's weights
and ``confident`` level stay those of ``DEFAULT_GATE`` (refit them with
``bench/calibrate_gate.py``).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.evaluation import Scores, load_qrels, load_queries, score_run
from assistant.guidance.gate import DEFAULT_GATE
from assistant.services import guidance_for, open_service
from assistant.settings import Settings


def evaluate(spec: str, thresholds: list[float], k: int) -> tuple[str, dict[float, Scores]]:
    """One collection's scores at each threshold."""
    name, index_dir, queries, qrels_path = spec.split(":")
    guidance = guidance_for(open_service(Settings(index_dir=Path(index_dir))))
    qrels = load_qrels(Path(qrels_path))
    profiles = [(qid, guidance.understand(text)) for qid, text in load_queries(Path(queries))]
    out: dict[float, Scores] = {}
    for threshold in thresholds:
        guidance.gate.model = dataclasses.replace(DEFAULT_GATE, threshold=threshold)
        run = {
            qid: [m.module.id for m in guidance.guide(profile, k=k).matches]
            for qid, profile in profiles
        }
        out[threshold], _ = score_run(qrels, run, k)
        s = out[threshold]
        print(
            f"{name}\tthreshold={threshold:g}\tnDCG@{k}={s.ndcg:.4f}\t"
            f"Recall@{k}={s.recall:.4f}\tMRR@{k}={s.mrr:.4f}",
            flush=True,
        )
    return name, out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("collections", nargs="+", help="NAME:INDEX_DIR:QUERIES:QRELS")
    parser.add_argument("--thresholds", default="0.03,0.05,0.08,0.12")
    parser.add_argument("--k", type=int, default=10)
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    thresholds = [float(t) for t in args.thresholds.split(",")]
    results = dict(evaluate(spec, thresholds, args.k) for spec in args.collections)
    print(f"default threshold: {DEFAULT_GATE.threshold:g}")
    for left_out in results:
        others = [n for n in results if n != left_out]
        if not others:
            break
        best = max(thresholds, key=lambda t: sum(results[n][t].ndcg for n in others) / len(others))
        s = results[left_out][best]
        print(
            f"left out {left_out}: chosen {best:g} on {'+'.join(others)}; "
            f"{left_out} nDCG@{args.k}={s.ndcg:.4f} Recall@{args.k}={s.recall:.4f} "
            f"MRR@{args.k}={s.mrr:.4f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
