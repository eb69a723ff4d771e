"""Catalog stage: the training-module model, validation, importers and the demo catalog.

Nothing here imports from ``index``, ``assistant`` or ``web``.
"""

from corpus.errors import CatalogError, CorpusError
from corpus.loaders import load_catalog
from corpus.model import Catalog, Module

__all__ = ["Catalog", "CatalogError", "CorpusError", "Module", "load_catalog"]
