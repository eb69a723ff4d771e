"""Export the converted BertModel to ONNX (fp32), fuse it, and quantise it to int8.

The graph takes the word embeddings of the tokens (``inputs_embeds``, gathered by the encoder
from the memory-mapped table) and the attention mask, adds position and token-type
embeddings, runs the 12 layers and returns the mask-weighted mean of the last hidden states:
the sentence vector before normalisation. It is traced with eager attention (a plain
softmax(QKᵀ)V), the pattern ONNX Runtime's BERT optimiser recognises: :func:`fuse` turns each
layer into one ``Attention``, two ``SkipLayerNormalization`` and one ``BiasGelu``, and
:func:`quantise_int8` makes every weight product int8 except the feed-forward output ones.
Only conversion imports torch and onnx.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path
from typing import Any

OPSET = 17
HEADS, HIDDEN = 12, 384
# The feed-forward output product (``layer.N/output/dense``) reads GELU outputs whose range one
# int8 scale per call cannot hold: quantising it cost 0.011-0.016 nDCG@10 on dev geneve, where
# every other product in int8 (the fused query-key-value one included) cost at most 0.0025.
FP32_PRODUCTS = "/output/dense/"


def export_onnx(model_folder: Path, out: Path) -> None:
    """Write the fp32 ONNX graph of the model in ``model_folder`` to ``out``."""
    import torch
    from transformers import BertModel

    bert: Any = BertModel.from_pretrained(
        str(model_folder), add_pooling_layer=False, attn_implementation="eager"
    )
    bert.eval()

    class MeanPooled(torch.nn.Module):
        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, inputs_embeds: Any, attention_mask: Any) -> Any:
            hidden = self.inner(
                inputs_embeds=inputs_embeds, attention_mask=attention_mask
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            return (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)

    wrapped = MeanPooled(bert)
    embeds = torch.zeros(2, 7, bert.config.hidden_size)
    mask = torch.ones(2, 7, dtype=torch.int64)
    out.parent.mkdir(parents=True, exist_ok=True)
    # The tracer warns about shape checks it freezes; they hold for every batch we feed
    # (full masks, no causal attention), and the encoder tests compare the graph to torch.
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            wrapped,
            (embeds, mask),
            str(out),
            input_names=["inputs_embeds", "attention_mask"],
            output_names=["sentence_embedding"],
            dynamic_axes={
                "inputs_embeds": {0: "batch", 1: "tokens"},
                "attention_mask": {0: "batch", 1: "tokens"},
                "sentence_embedding": {0: "batch"},
            },
            opset_version=OPSET,
            dynamo=False,
        )


def fuse(fp32: Path, out: Path) -> dict[str, int]:
    """ONNX Runtime's BERT fusions (attention, skip layer norm, bias GELU) on the fp32 graph,
    written portably (``opt_level`` 0: no kernel chosen for this CPU). Returns the fused counts."""
    from onnxruntime.transformers.fusion_options import FusionOptions
    from onnxruntime.transformers.optimizer import optimize_model

    # The optimiser logs every pattern it looks for; its findings are returned instead.
    logging.getLogger("onnxruntime.transformers").setLevel(logging.WARNING)
    fused = optimize_model(
        str(fp32),
        model_type="bert",
        num_heads=HEADS,
        hidden_size=HIDDEN,
        opt_level=0,
        optimization_options=FusionOptions("bert"),
    )
    fused.save_model_to_file(str(out))
    counts = fused.get_fused_operator_statistics()
    return {k: int(v) for k, v in counts.items() if v}


def quantise_int8(fused: Path, out: Path) -> int:
    """Dynamic int8 of the fused graph's weight products, feed-forward outputs excepted: weights
    int8 with one scale per output channel, activations quantised per call. Returns how many
    products stay fp32."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    keep = [
        n.name
        for n in onnx.load(str(fused)).graph.node
        if n.op_type == "MatMul" and FP32_PRODUCTS in n.name and "/attention/" not in n.name
    ]
    # The quantiser logs each tensor at INFO, and a warning about calibration that dynamic
    # quantisation does not use, through the root logger: held back while it runs.
    logging.disable(logging.WARNING)
    try:
        quantize_dynamic(
            str(fused),
            str(out),
            weight_type=QuantType.QInt8,
            op_types_to_quantize=["MatMul", "Attention"],
            per_channel=True,
            nodes_to_exclude=keep,
            # The fused operators are ONNX Runtime's own: shape inference cannot type them.
            extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
        )
    finally:
        logging.disable(logging.NOTSET)
    return len(keep)
