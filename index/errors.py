"""Errors raised by the index stage.

IndexError_ (exported as ``BoussoleIndexError``)
├── EncoderError        an embedding model cannot be loaded or used
├── GenerationError     no usable index generation, or a damaged one
│   └── EncoderMismatchError the index was built by another encoder than the one asked for
└── StorageError        the index folder cannot be written (full or read-only disk)
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


class StorageError(BoussoleIndexError):
    """The index folder cannot be written: the disk is full or read-only."""


def storage_error(index_dir: object, exc: OSError) -> StorageError:
    """One line saying why ``index_dir`` could not be written and that nothing changed."""
    why = exc.strerror or type(exc).__name__
    return StorageError(
        f"cannot write the index in {index_dir}: {why}; free some space or make the folder "
        "writable, then build again (the published index is unchanged)"
    )
