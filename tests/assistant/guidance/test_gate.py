"""The relevance gate: calibrated probabilities, coverage of the need, per-encoder models."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.guidance.gate import (
    DEFAULT_GATE,
    FEATURES,
    LEXICAL_GATE,
    GateModel,
    IdfTable,
    RelevanceGate,
    _ranks,
)
from corpus.loaders import load_catalog
from index.bm25 import BM25Index
from index.builder import build_index
from index.store import LoadedIndex
from tests.conftest import write_jsonl
from tests.fakes import FakeEncoder


def test_ranks_put_the_highest_first_and_share_ties() -> None:
    assert _ranks(np.array([0.2, 0.9, 0.2, 0.5])).tolist() == [3.0, 1.0, 3.0, 2.0]


def test_coverage_weighs_rare_words_and_counts_unknown_ones_as_missing() -> None:
    bm25 = BM25Index.build(
        [{"t": "soudure acier"}, {"t": "acier"}, {"t": "acier bois"}, {"t": "peinture"}],
        {"t": 1.0},
    )
    idf = IdfTable(bm25)
    cover = idf.coverage("soudure acier")
    assert cover[0] == pytest.approx(1.0)
    assert 0 < cover[1] < 0.5 < cover[0]  # "acier" is common, "soudure" rare
    assert cover[3] == 0
    # A word no module uses weighs as much as the rarest: the need is only half covered.
    assert idf.coverage("soudure acier coiffure")[0] < 0.7


def test_the_probability_is_a_logistic_of_the_features() -> None:
    model = GateModel(weights=(0.0,) * (len(FEATURES) - 1) + (2.0,), bias=-1.0, threshold=0.5)
    x = np.zeros((2, len(FEATURES)))
    x[1, -1] = 1.0
    p = model.probability(x)
    assert p[0] == pytest.approx(1 / (1 + np.e)) and p[1] == pytest.approx(1 / (1 + np.e**-1))


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> LoadedIndex:
    folder = tmp_path_factory.mktemp("gate")
    records = [
        {"id": "a", "title": "Soudure à l'arc", "description": "Souder l'acier."},
        {"id": "b", "title": "Soudure TIG", "description": "Soudure fine de l'inox."},
        {"id": "c", "title": "Comptabilité", "description": "Bilan et TVA."},
        {"id": "d", "title": "Jardinage", "description": "Tailler les haies."},
    ]
    encoder = FakeEncoder()
    build_index(load_catalog(write_jsonl(folder / "c.jsonl", records)), encoder, folder / "ix")
    return LoadedIndex.open(folder / "ix", encoder)


def test_a_model_fitted_on_another_encoder_gives_way_to_the_lexical_one(
    index: LoadedIndex,
) -> None:
    assert DEFAULT_GATE.encoder is not None and DEFAULT_GATE.encoder != index.encoder.id
    assert RelevanceGate(index).model is LEXICAL_GATE
    own = GateModel(DEFAULT_GATE.weights, DEFAULT_GATE.bias, 0.5, encoder=index.encoder.id)
    assert RelevanceGate(index, own).model is own


def test_the_lexical_gate_keeps_the_modules_sharing_the_need(index: LoadedIndex) -> None:
    gate = RelevanceGate(index)
    text = "apprendre la soudure"
    vector = index.encoder.encode_queries([text])[0]
    on = gate.on_topic(text, vector, index.bm25.scores(text))
    assert [m.id for m, keep in zip(index.modules, on, strict=True) if keep] == ["a", "b"]


def test_a_need_the_catalog_never_heard_of_is_on_topic_nowhere(index: LoadedIndex) -> None:
    gate = RelevanceGate(index)
    text = "coiffure"
    vector = index.encoder.encode_queries([text])[0]
    assert not gate.on_topic(text, vector, index.bm25.scores(text)).any()


def test_rows_left_out_of_the_catalog_do_not_set_the_best(index: LoadedIndex) -> None:
    from assistant.guidance.gate import features

    idf = IdfTable(index.bm25)
    text = "soudure acier"
    vector = index.encoder.encode_queries([text])[0]
    lexical = index.bm25.scores(text)
    whole = features(index, idf, text, vector, lexical)
    without_a = features(index, idf, text, vector, lexical, np.array([False, True, True, True]))
    lex_rel = FEATURES.index("lex_rel")
    assert whole[0, lex_rel] == 1.0 > whole[1, lex_rel]
    assert without_a[1, lex_rel] == 1.0  # "b" is the best of what is left


def test_the_answered_level_defaults_to_the_confident_one() -> None:
    from assistant.guidance.gate import DEFAULT_GATE, GateModel

    assert GateModel((0.0,) * 7, 0.0, 0.1, confident=0.3).answered_level == 0.3
    assert DEFAULT_GATE.answered_level > DEFAULT_GATE.confident


def test_the_rank_features_are_ranks_among_every_row(index: LoadedIndex) -> None:
    # Ranks are taken cheaply (BM25 ranks among the scored rows only, cosines in float32);
    # they must be each row's rank in the whole catalog, rows without a shared word last.
    from assistant.guidance.gate import features

    text = "soudure acier"
    vector = index.encoder.encode_queries([text])[0]
    lexical = index.bm25.scores(text)
    cosines = index.dense.cosines(vector).astype(np.float64)
    got = features(index, IdfTable(index.bm25), text, vector, lexical)
    n = index.size
    assert 0 < np.count_nonzero(lexical) < n  # some rows share a word, some do not
    for row in range(n):
        above_cos = np.count_nonzero(cosines > cosines[row])
        assert got[row, FEATURES.index("sem_rank")] == pytest.approx(np.log1p(above_cos + 1))
        lex_rank = np.log1p(np.count_nonzero(lexical > lexical[row]) + 1)
        expected = lex_rank if lexical[row] > 0 else np.log1p(n)
        assert got[row, FEATURES.index("lex_rank")] == pytest.approx(expected)
