"""The relevance gate: which modules answer the need at all, before place or format count.

A logistic model over a few per-module features of one query's retrieval, all computed from
what the search already holds (the query is embedded once; no model is run here):

- ``cos``: the cosine of the module's vector with the query's;
- ``cos_gap``: the best cosine in the catalog minus this one (how far behind the closest);
- ``sem_rank``: log of the module's rank by cosine;
- ``lex_rel``: its BM25 score over the best BM25 score for this query (0 when no word is shared);
- ``lex_rank``: log of its rank by BM25 (the catalog size when no word is shared);
- ``coverage``: the IDF-weighted share of the query's content words found in the module,
  unknown words counting at the highest IDF (a need the catalog has never heard of covers
  nothing), and ``coverage_rel`` the same over the best coverage in the catalog.

The weights were fitted by ``bench/calibrate_gate.py`` to P(grade >= 1) on the qrels of the
two development collections and the demo set (the fused top 100 of each query, unjudged
modules counting as off topic) and checked leave-one-collection-out. The threshold is the
highest that keeps 90 % of the on-topic modules of each collection's fused top 10. Rerun the
script and paste its output here when the encoder, the fusion or the analyzer changes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from index.analyzer import analyze
from index.bm25 import BM25Index
from index.encoders import same_model
from index.store import LoadedIndex

Floats = npt.NDArray[np.float64]

FEATURES = ("cos", "cos_gap", "sem_rank", "lex_rel", "lex_rank", "coverage", "coverage_rel")


@dataclass(frozen=True)
class GateModel:
    """Logistic weights (one per feature, in ``FEATURES`` order), a bias and the threshold."""

    weights: tuple[float, ...]
    bias: float
    threshold: float  # below: off topic, never shown
    confident: float = 0.5  # at or above: surely on topic (widening counts these)
    encoder: str | None = None  # the encoder whose cosines it was fitted on; None: any
    # The catalog answers the need at all only when its best module reaches this (None: the
    # ``confident`` level). A need whose best module is merely near it ("mécanicien
    # automobile" → an industrial-maintenance course) is one the catalog lacks.
    answered: float | None = None

    @property
    def answered_level(self) -> float:
        """The probability the best module must reach for the need to be answered."""
        return self.confident if self.answered is None else self.answered

    def probability(self, features: Floats) -> Floats:
        """P(on topic) for each row of a ``rows × FEATURES`` matrix."""
        z = features @ np.asarray(self.weights, dtype=np.float64) + self.bias
        out: Floats = 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))
        return out


# Fitted by bench/calibrate_gate.py on geneve + wallonie (dev) + the demo set, on-topic =
# grade >= 1. Leave-one-collection-out (geneve / wallonie / demo left out in turn): AUC
# 0.80 / 0.82 / 0.89; at the threshold, head recall 0.96 / 0.97 / 1.00 and precision
# 0.57 / 0.76 / 0.47 (the fused top 10 alone: 0.55 / 0.76 / 0.44).
DEFAULT_GATE = GateModel(
    # cos, cos_gap, sem_rank, lex_rel, lex_rank, coverage, coverage_rel
    weights=(25.4197, -30.6198, -0.0160, 4.9537, -0.2893, 3.4870, -3.5922),
    bias=-21.9439,
    threshold=0.05,
    confident=0.19,
    encoder="e5-small",
    # Below the lowest best-module probability of the dev queries that have on-topic
    # modules (0.49, one geneve query; every other one is above 0.55), with a margin: no
    # answered query of the three collections loses its modules; a trade the catalog lacks,
    # whose best module is only a neighbouring trade (about 0.2), gets none.
    answered=0.4,
)
# A refit after the parser's later changes (weights 28.1759, -32.8481, 0.0031, 3.2278,
# -0.3905, 3.5711, -2.3897; bias -23.7168; confident 0.17) was measured end to end with
# bench/gate_threshold.py: leaving each collection out, every fold chose the threshold 0.05,
# and nDCG@10 moved +0.0015 geneve, +0.0106 wallonie, -0.0012 demo; but it let an unrelated
# trade (photovoltaics) into the top 3 of a beginner's Excel need on the demo catalog, at
# 0.05 as at 0.08. Not kept: a gate that shows an off-topic module is worse than one that
# scores a little lower.
# The same fit without the cosines: the gate of an index whose encoder has no fitted model
# (another model's cosines sit in another band).
LEXICAL_GATE = GateModel(
    weights=(0.0, 0.0, 0.0, 9.0710, 0.0973, 3.1856, -4.7206),
    bias=-4.0662,
    threshold=0.03,
    confident=0.08,
)


class IdfTable:
    """Per-term IDF of a BM25 index, computed once from its document frequencies."""

    def __init__(self, bm25: BM25Index) -> None:
        n = bm25.size
        df = np.diff(bm25.matrix.indptr).astype(np.float64)  # CSC: non-zeros per column
        self.idf: Floats = np.log1p((n - df + 0.5) / (df + 0.5))
        self.unknown = math.log1p((n + 0.5) / 0.5)  # a word no module uses
        self.vocabulary = bm25.vocabulary
        self.matrix = bm25.matrix

    def coverage(self, text: str) -> Floats:
        """For every row, the IDF-weighted share of ``text``'s content words it contains."""
        terms = list(dict.fromkeys(analyze(text)))
        rows = self.matrix.shape[0]
        if not terms:
            return np.zeros(rows, dtype=np.float64)
        known = [self.vocabulary[t] for t in terms if t in self.vocabulary]
        total = sum(float(self.idf[i]) for i in known) + self.unknown * (len(terms) - len(known))
        if not known or total <= 0:
            return np.zeros(rows, dtype=np.float64)
        present = (self.matrix[:, known] > 0).astype(np.float64)
        weights = self.idf[known]
        covered = np.asarray(present @ weights, dtype=np.float64).ravel()
        out: Floats = covered / total
        return out


def features(
    index: LoadedIndex,
    idf: IdfTable,
    text: str,
    vector: npt.NDArray[np.float32],
    lexical: npt.NDArray[np.float32],
    catalog: npt.NDArray[np.bool_] | None = None,
    cosines: npt.NDArray[np.float32] | None = None,
) -> Floats:
    """The ``rows × FEATURES`` matrix for one query over the whole catalog.

    ``catalog`` leaves rows out of the catalog for this person (the certificates they hold):
    bests and ranks are taken among the other rows.
    """
    n = index.size
    if n == 0:
        return np.zeros((0, len(FEATURES)), dtype=np.float64)
    if cosines is None:
        cosines = index.dense.cosines(vector)
    cos = cosines.astype(np.float64)
    lex = lexical.astype(np.float64)
    cov = idf.coverage(text)
    if catalog is not None and catalog.any():
        cos = np.where(catalog, cos, -1.0)
        lex = np.where(catalog, lex, 0.0)
        cov = np.where(catalog, cov, 0.0)
    best_lex = float(lex.max())
    best_cov = float(cov.max())
    # A row without a shared word takes the catalog size as its rank; the others' ranks are
    # taken among themselves, which is the same (no such row outranks a scored one).
    lex_rank = np.full(n, math.log1p(n))
    scored = lex > 0
    if scored.any():
        lex_rank[scored] = np.log1p(_ranks(lex[scored]))
    return np.column_stack(
        [
            cos,
            float(cos.max()) - cos,
            # ranked in the cosines' own float32: the same order, half the bytes to sort
            np.log1p(_ranks(cos.astype(np.float32))),
            lex / best_lex if best_lex > 0 else np.zeros(n),
            lex_rank,
            cov,
            cov / best_cov if best_cov > 0 else np.zeros(n),
        ]
    )


def _ranks(values: npt.NDArray[np.floating]) -> Floats:
    """1-based rank of each value, highest first; equal values share the better rank."""
    # Looking the values up in sorted order walks the sorted array once; looking them up in
    # row order jumped about it (twice the time at 100k rows).
    order = np.argsort(values)
    ascending = values[order]
    higher = len(values) - np.searchsorted(ascending, ascending, side="right")
    out: Floats = np.empty(len(values), dtype=np.float64)
    out[order] = higher + 1.0
    return out


class RelevanceGate:
    """Decides, per module, whether it answers a query's need (a calibrated probability)."""

    def __init__(self, index: LoadedIndex, model: GateModel = DEFAULT_GATE) -> None:
        self.index = index
        # A model fitted on one encoder's cosines says nothing of another's.
        fitted = model.encoder is None or same_model(model.encoder, index.encoder.id)
        self.model = model if fitted else LEXICAL_GATE
        self.idf = IdfTable(index.bm25)

    def probabilities(
        self,
        text: str,
        vector: npt.NDArray[np.float32],
        lexical: npt.NDArray[np.float32],
        catalog: npt.NDArray[np.bool_] | None = None,
        cosines: npt.NDArray[np.float32] | None = None,
    ) -> Floats:
        """P(on topic) of every module for the query ``text`` (embedded as ``vector``, whose
        ``cosines`` to every row may be given), ``catalog`` being the rows that exist for this
        person (see :func:`features`)."""
        return self.model.probability(
            features(self.index, self.idf, text, vector, lexical, catalog, cosines)
        )

    def on_topic(
        self, text: str, vector: npt.NDArray[np.float32], lexical: npt.NDArray[np.float32]
    ) -> npt.NDArray[np.bool_]:
        """The rows whose probability reaches the model's threshold."""
        mask: npt.NDArray[np.bool_] = (
            self.probabilities(text, vector, lexical) >= self.model.threshold
        )
        return mask
