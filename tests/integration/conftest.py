"""Fixtures with the real offline models and the real demo catalog."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.demo import demo_catalog_path
from corpus.loaders import load_catalog
from index.builder import build_index
from index.encoders import E5Encoder, SentenceTransformerEncoder
from index.store import LoadedIndex


@pytest.fixture(scope="session")
def e5() -> E5Encoder:
    encoder = E5Encoder()
    encoder.load()
    return encoder


@pytest.fixture(scope="session")
def minilm() -> SentenceTransformerEncoder:
    encoder = SentenceTransformerEncoder()
    encoder.load()
    return encoder


@pytest.fixture(scope="session")
def demo_index_dir(tmp_path_factory: pytest.TempPathFactory, e5: E5Encoder) -> Path:
    """The demo catalog indexed with the default encoder, once per test session."""
    index_dir = tmp_path_factory.mktemp("demo") / "index"
    build_index(load_catalog(demo_catalog_path()), e5, index_dir)
    return index_dir


@pytest.fixture(scope="session")
def demo_index(demo_index_dir: Path, e5: E5Encoder) -> LoadedIndex:
    return LoadedIndex.open(demo_index_dir, e5)
