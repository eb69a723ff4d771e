"""The search service: free text (+ filters) → ranked modules with scores.

Lexical (BM25) and semantic (embedding) retrieval each rank the modules the filters allow;
reciprocal-rank fusion merges the two lists. Filters are a row mask applied inside both
retrievers, so a filtered search returns k results whenever k modules pass the filters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from assistant.errors import InvalidQueryError
from assistant.filters import Facets, Filters, Mask
from corpus.model import Module
from index.bm25 import top_k
from index.dense import best_rows
from index.fusion import reciprocal_rank_fusion
from index.store import LoadedIndex


class Mode(StrEnum):
    HYBRID = "hybrid"
    LEXICAL = "lexical"
    SEMANTIC = "semantic"


@dataclass(frozen=True)
class SearchConfig:
    """Tuning of the service (see :class:`assistant.settings.Settings`)."""

    rrf_k: int = 10
    lexical_weight: float = 1.0
    # Embeddings weigh 1.5 times BM25: through the whole guidance, nDCG@10 rose on the three
    # test collections (geneve +0.018, wallonie +0.003, demo +0.003 over 1.0), and every
    # weight from 1.25 to 1.75 scored at least as well as 1.0 on each; fitted on one dev
    # collection, the best weight is 1.5 on the other too. Score-normalised convex fusion
    # (min-max or z-score, alpha 0.4-0.7) scored lower than this on geneve and demo. A
    # flatter fusion (k 30, weight 1.75) raised wallonie to 0.825 but let nearby off-topic
    # modules into the top 3 of three behaviour probes: the distance then outweighed the topic.
    semantic_weight: float = 1.5
    candidates: int = 100
    max_query_chars: int = 4000
    max_k: int = 100


@dataclass(frozen=True)
class PreparedQuery:
    """A query embedded, BM25-scored and compared with every module once (lives for one
    request only): rankings under any mask then take their best rows without a new scan."""

    text: str
    vector: npt.NDArray[np.float32]
    lexical_scores: npt.NDArray[np.float32]
    cosines: npt.NDArray[np.float32] | None = None  # to every row; None: search the index


@dataclass(frozen=True)
class Ranked:
    """A row of the fused ranking and its parts."""

    row: int
    score: float
    lexical_rank: int | None
    lexical_score: float | None
    semantic_rank: int | None
    semantic_score: float | None


@dataclass(frozen=True)
class Hit:
    """One ranked module and where its score comes from."""

    module: Module
    score: float
    lexical_rank: int | None = None
    lexical_score: float | None = None
    semantic_rank: int | None = None
    semantic_score: float | None = None


@dataclass(frozen=True)
class SearchResult:
    hits: list[Hit]
    total_allowed: int
    filters: Filters = field(default_factory=Filters)


class SearchService:
    """Answers searches on one loaded index. Thread-safe for concurrent reads."""

    def __init__(self, index: LoadedIndex, config: SearchConfig | None = None) -> None:
        self.index = index
        self.config = config or SearchConfig()
        self.facets = Facets(index.modules, index.places)
        self.rows = index.row_of()  # module id → row

    def check_text(self, text: str) -> str:
        """The query text, stripped; raises :class:`InvalidQueryError` when empty or too long."""
        if not isinstance(text, str) or not text.strip():
            raise InvalidQueryError(
                "the query text is empty; describe the person or the training sought"
            )
        if len(text) > self.config.max_query_chars:
            raise InvalidQueryError(
                f"the query text has {len(text)} characters; shorten it to at most "
                f"{self.config.max_query_chars}"
            )
        return text.strip()

    def search(
        self,
        text: str,
        *,
        k: int = 10,
        filters: Filters | None = None,
        mode: Mode = Mode.HYBRID,
    ) -> SearchResult:
        """Rank the modules for ``text`` among those ``filters`` allow.

        Raises:
            InvalidQueryError: empty or over-long text, or k out of range.
        """
        text = self.check_text(text)
        if not 1 <= k <= self.config.max_k:
            raise InvalidQueryError(f"k must be between 1 and {self.config.max_k}")
        filters = filters or Filters()
        mask = self.facets.mask(filters)
        allowed = self.index.size if mask is None else int(mask.sum())
        ranked = self.rank(text, mask, max(self.config.candidates, k), mode=mode)
        hits = [
            Hit(
                self.index.modules[r.row],
                r.score,
                r.lexical_rank,
                r.lexical_score,
                r.semantic_rank,
                r.semantic_score,
            )
            for r in ranked[:k]
        ]
        return SearchResult(hits, allowed, filters)

    def prepare(self, text: str, words: str | None = None) -> PreparedQuery:
        """Embed and score ``text`` once, for several rankings under different masks; BM25
        scores ``words`` instead when given (the need without the words of other facts)."""
        vector = self.embed(text)
        lexical = self.index.bm25.scores(text if words is None else words)
        return PreparedQuery(text, vector, lexical, self.index.dense.cosines(vector))

    def embed(self, text: str) -> npt.NDArray[np.float32]:
        """The query vector (the whole text: cutting long narratives to 32 words made the
        query embedding 25 % faster but cost 0.03-0.04 nDCG@10 on every test collection)."""
        vector: npt.NDArray[np.float32] = self.index.encoder.encode_queries([text])[0]
        return vector

    def rank(
        self,
        text: str | PreparedQuery,
        mask: Mask | None,
        depth: int,
        *,
        mode: Mode = Mode.HYBRID,
    ) -> list[Ranked]:
        """Rows allowed by ``mask``, ranked for ``text`` by fusing BM25 and embeddings.

        Each retriever ranks up to ``depth`` allowed rows; the fused list holds their union.
        A :class:`PreparedQuery` skips embedding and scoring the text again.
        """
        lexical: list[tuple[int, float]] = []
        semantic: list[tuple[int, float]] = []
        if mode in (Mode.HYBRID, Mode.LEXICAL):
            if isinstance(text, PreparedQuery):
                scores = text.lexical_scores
                lexical = [(row, float(scores[row])) for row in top_k(scores, depth, mask)]
            else:
                lexical = self.index.lexical(text, depth, mask)
        if mode in (Mode.HYBRID, Mode.SEMANTIC):
            if isinstance(text, PreparedQuery) and text.cosines is not None:
                semantic = best_rows(text.cosines, depth, mask)
            else:
                vector = text.vector if isinstance(text, PreparedQuery) else self.embed(text)
                semantic = self.index.semantic(vector, depth, mask)
        fused = reciprocal_rank_fusion(
            {"lexical": [r for r, _ in lexical], "semantic": [r for r, _ in semantic]},
            weights={
                "lexical": self.config.lexical_weight,
                "semantic": self.config.semantic_weight,
            },
            k=self.config.rrf_k,
        )
        lex = {row: (rank, score) for rank, (row, score) in enumerate(lexical, 1)}
        sem = {row: (rank, score) for rank, (row, score) in enumerate(semantic, 1)}
        out = []
        for row, score in fused:
            lr, ls = lex.get(row, (None, None))
            sr, ss = sem.get(row, (None, None))
            out.append(Ranked(row, score, lr, ls, sr, ss))
        return out

    def module(self, module_id: str) -> Module | None:
        """The module with this id, or ``None``."""
        row = self.rows.get(module_id)
        return None if row is None else self.index.modules[row]
