"""The query-embedding cache of the ONNX e5 encoder (no model needed: ``_run`` is counted)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from index.e5.encoder import OnnxE5Encoder, QueryCache, cache_key


class Counting(OnnxE5Encoder):
    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.embedded: list[str] = []

    def _run(self, texts: Sequence[str], prompt: str, batch: int, threads: int = 1) -> np.ndarray:
        self.embedded += list(texts)
        rows = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            rows[i, hash(text) % self.dim] = 1.0
        return rows


def test_cache_key_is_the_text_as_the_model_reads_it() -> None:
    assert cache_key("  Soudure\tà   l'arc \n") == cache_key("Soudure à l'arc")
    assert cache_key("ﬁnance") == cache_key("finance")  # NFKC, as the tokenizer
    assert cache_key("Excel") != cache_key("excel")  # case reaches the model


def test_repeated_queries_are_embedded_once() -> None:
    encoder = Counting()
    first = encoder.encode_queries(["soudure à l'arc", "excel"])
    again = encoder.encode_queries(["  soudure   à l'arc", "excel", "excel"])
    assert encoder.embedded == ["soudure à l'arc", "excel"]
    assert np.array_equal(first[0], again[0]) and np.array_equal(again[1], again[2])
    assert encoder.queries.hits == 3


def test_duplicates_in_one_call_are_embedded_once() -> None:
    encoder = Counting()
    out = encoder.encode_queries(["cuisine", "cuisine ", "logistique"])
    assert encoder.embedded == ["cuisine", "logistique"]
    assert np.array_equal(out[0], out[1])


def test_cache_forgets_the_least_recently_used() -> None:
    cache = QueryCache(size=2)
    row = np.ones(3, dtype=np.float32)
    cache.put("a", row)
    cache.put("b", row)
    assert cache.get("a") is not None  # a is now the most recent
    cache.put("c", row)
    assert cache.get("b") is None and cache.get("a") is not None and len(cache) == 2


def test_cached_vectors_cannot_be_changed_by_a_caller() -> None:
    encoder = Counting()
    encoder.encode_queries(["cuisine"])
    cached = encoder.queries.get("cuisine")
    assert cached is not None
    with pytest.raises(ValueError):
        cached[0] = 5.0
    assert encoder.encode_queries(["cuisine"]).flags.writeable  # callers get their own copy


def test_passages_are_never_cached() -> None:
    encoder = Counting()
    encoder.encode_passages(["cuisine"])
    encoder.encode_passages(["cuisine"])
    assert encoder.embedded == ["cuisine", "cuisine"] and len(encoder.queries) == 0
