"""Errors raised by the index stage.

IndexError_ (exported as ``BoussoleIndexError``)
├── EncoderError        an embedding model cannot be loaded or used
└── GenerationError     no usable index generation, or a damaged one
    └── EncoderMismatchError the index was built by another encoder than the one asked for
"""

from __future__ import annotations


class BoussoleIndexError(Exception):
    """Base class of every error of the ``index`` package."""


class EncoderError(BoussoleIndexError):
    """An embedding model could not be loaded or run."""


class GenerationError(BoussoleIndexError):
    """An index folder holds no usable generation, or its manifest is damaged."""


class EncoderMismatchError(GenerationError):
    """The index was built with another encoder than the one the caller wants to use."""
