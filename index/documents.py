"""What of a module is indexed: the fields for BM25 and the passage text for embeddings."""

from __future__ import annotations

from dataclasses import dataclass, field

from corpus.model import Module

DEFAULT_FIELD_WEIGHTS = {"title": 3.0, "tags": 1.5, "description": 1.0, "meta": 0.5}


@dataclass(frozen=True)
class DocumentConfig:
    """How modules become index input. Recorded in each index manifest.

    Attributes:
        field_weights: BM25 weight of each field (``title``, ``tags``, ``description``,
            ``meta`` = provider, certification and audience).
        passage_words: how many words of the description the embedded passage keeps after the
            title and tags (0: title and tags only). Passages cost embedding time in
            proportion to their length.
    """

    field_weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_FIELD_WEIGHTS))
    passage_words: int = 48

    def as_dict(self) -> dict[str, object]:
        return {"field_weights": dict(self.field_weights), "passage_words": self.passage_words}


def lexical_fields(module: Module) -> dict[str, str]:
    """The module's text by BM25 field."""
    meta = " ".join(p for p in (module.provider, module.certification, module.audience) if p)
    return {
        "title": module.title,
        "tags": " ".join(module.tags),
        "description": module.description or "",
        "meta": meta,
    }


def passage_text(module: Module, passage_words: int) -> str:
    """The text embedded for the module: title, tags, then the start of the description."""
    parts = [module.title.rstrip(".") + "."]
    if module.tags:
        parts.append(", ".join(module.tags) + ".")
    if passage_words and module.description:
        parts.append(" ".join(module.description.split()[:passage_words]))
    return " ".join(parts)
