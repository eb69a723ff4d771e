"""The default e5 graph: fused, int8 but the feed-forward outputs; one thread; input order kept."""

from __future__ import annotations

import random

import numpy as np
import pytest

from corpus.demo import demo_catalog_path
from corpus.loaders import load_catalog
from index.documents import passage_text
from index.e5.convert import INT8_GRAPH, ensure_model_folder
from index.e5.encoder import OnnxE5Encoder
from index.e5.export import FP32_PRODUCTS
from index.encoders import INT8MIX_ID, make_encoder, same_model


def _passages(n: int) -> list[str]:
    return [passage_text(m, 48) for m in load_catalog(demo_catalog_path())][:n]


@pytest.mark.model
def test_int8_graph_is_fused_and_keeps_the_feed_forward_outputs_fp32() -> None:
    import onnx

    graph = onnx.load(str(ensure_model_folder() / INT8_GRAPH)).graph
    ops = [n.op_type for n in graph.node]
    assert ops.count("QAttention") == 12  # one fused, quantised attention per layer
    assert ops.count("SkipLayerNormalization") == 24
    fp32 = [n.name for n in graph.node if n.op_type == "MatMul"]
    assert len(fp32) == 12 and all(FP32_PRODUCTS in name for name in fp32)
    assert ops.count("MatMulInteger") + ops.count("DynamicQuantizeMatMul") == 24


@pytest.mark.model
def test_int8_vectors_stay_close_to_the_four_bit_ones() -> None:
    """Measured on the demo passages: cosine min 0.9989, mean 0.9992 (the whole-graph int8 of
    before gave 0.9949 / 0.9970 and lost 0.016 nDCG@10 on a dev set)."""
    passages = _passages(48)
    q4 = OnnxE5Encoder().encode_passages(passages)
    int8 = OnnxE5Encoder(int8=True).encode_passages(passages)
    cos = (q4 * int8).sum(1)
    assert cos.min() >= 0.998 and cos.mean() >= 0.999


@pytest.mark.model
def test_the_int8_encoder_is_of_the_e5_family_and_the_default_is_the_4_bit_one() -> None:
    encoder = make_encoder("e5-small-int8")
    assert encoder.id == INT8MIX_ID
    assert same_model(INT8MIX_ID, "e5-small-onnx") and same_model(INT8MIX_ID, "e5-small")
    from assistant.settings import Settings

    # int8mix is faster but ranks geneve 0.01 lower through the current guidance: opt-in.
    assert make_encoder(Settings().encoder).id == "e5-small-onnx"


@pytest.mark.model
def test_session_runs_one_thread_per_call_without_a_pool() -> None:
    encoder = OnnxE5Encoder(int8=True)
    encoder.load()
    options = encoder._session.get_session_options()
    assert options.intra_op_num_threads == 1 and options.inter_op_num_threads == 1
    assert options.get_session_config_entry("session.intra_op.allow_spinning") == "0"


@pytest.mark.model
def test_passages_come_back_in_input_order_whatever_the_batches() -> None:
    passages = _passages(40)
    rng = random.Random(3)
    # Lengths mixed on purpose: sorted batches and two threads must not move a row.
    passages = [p if rng.random() < 0.5 else p.split(".")[0] for p in passages]
    one_by_one = np.stack(
        [OnnxE5Encoder(int8=True, build_threads=1).encode_passages([p])[0] for p in passages]
    )
    batched = OnnxE5Encoder(int8=True, build_threads=2).encode_passages(passages)
    # int8 activations get one scale per call (batch mates and padding included), so a batch
    # is close to, not equal to, one text at a time: cosine 0.9986 at least, measured.
    assert ((one_by_one * batched).sum(1) >= 0.998).all()
    assert np.argmax(batched @ one_by_one.T, axis=1).tolist() == list(range(len(passages)))
