"""Fixtures with the real offline models and the real demo catalog."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.encoders import Encoder, SentenceTransformerEncoder
from index.store import LoadedIndex


@pytest.fixture(scope="session")
def minilm() -> SentenceTransformerEncoder:
    encoder = SentenceTransformerEncoder()
    encoder.load()
    return encoder


@pytest.fixture(scope="session")
def demo_index(demo_index_dir: Path, e5: Encoder) -> LoadedIndex:
    return LoadedIndex.open(demo_index_dir, e5)
