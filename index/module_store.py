"""The modules of a generation, written once at build and read on demand through a memory map.

A worker used to hold every module of the catalog as Python objects: about 6 KB each, 600 MB
at 100k modules, in every worker process. The builder now also writes ``modules.msgpack``
(one MessagePack array per module, after a short header) and ``modules.offsets.npy`` (the
byte offset of each row's record, and the end). A loaded index maps the records file
read-only and decodes a :class:`~corpus.model.Module` only when a row is looked up (the
shown results, a module page), keeping the last :data:`RECENT` decoded; the pages of the file
are the kernel's page cache, shared by every worker serving the generation. A pass over
every module (the facets computed once at load) reads the file sequentially
(:meth:`ModuleStore.scan`), not through the map, so it leaves no page resident in the worker.

``modules.jsonl`` stays in the generation (the catalog in its interchange format); a
generation built before the store existed is read from it, into memory, as before.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import mmap
import os
import weakref
from collections.abc import Iterator, Sequence
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, overload

import msgpack
import numpy as np
import numpy.typing as npt

from corpus.model import Module
from index.errors import GenerationError

logger = logging.getLogger(__name__)

RECORDS = "modules.msgpack"
OFFSETS = "modules.offsets.npy"
MAGIC = b"BOUSSOLE-MODULES-1\n"
RECENT = 512  # decoded modules kept: a few answers' worth (~3 MB)
_FIELDS = tuple(f.name for f in dataclasses.fields(Module))
# start_dates, tags and extra are stored as day numbers, a list and JSON text (or nil).
_DATES, _TAGS, _EXTRA = (_FIELDS.index(n) for n in ("start_dates", "tags", "extra"))


def encode_module(module: Module) -> bytes:
    """One module as a MessagePack array of its fields, in :class:`Module`'s field order."""
    values: list[Any] = [getattr(module, name) for name in _FIELDS]
    values[_DATES] = [d.toordinal() for d in module.start_dates]
    values[_TAGS] = list(module.tags)
    # JSON keeps extra values exactly as the catalog gave them (lists stay lists).
    values[_EXTRA] = json.dumps(dict(module.extra), ensure_ascii=False) if module.extra else None
    packed: bytes = msgpack.packb(values, use_bin_type=True)
    return packed


def decode_module(values: list[Any]) -> Module:
    """The module of a record written by :func:`encode_module`."""
    values[_DATES] = tuple(date.fromordinal(d) for d in values[_DATES])
    values[_TAGS] = tuple(values[_TAGS])
    values[_EXTRA] = json.loads(values[_EXTRA]) if values[_EXTRA] else {}
    return Module(*values)


def write_modules(modules: Sequence[Module], folder: Path) -> None:
    """Write ``modules.msgpack`` and ``modules.offsets.npy`` into ``folder``."""
    offsets = np.zeros(len(modules) + 1, dtype=np.int64)
    with (folder / RECORDS).open("wb") as fh:
        fh.write(MAGIC)
        position = len(MAGIC)
        offsets[0] = position
        for row, module in enumerate(modules, 1):
            record = encode_module(module)
            fh.write(record)
            position += len(record)
            offsets[row] = position
    np.save(folder / OFFSETS, offsets)


def open_modules(folder: Path, expected: int) -> Sequence[Module]:
    """The modules of the generation in ``folder``: its store, or (a generation built before
    the store existed) its ``modules.jsonl`` loaded into memory.

    Raises:
        GenerationError: a store file is missing, truncated or damaged (naming it).
    """
    if (folder / RECORDS).exists() or (folder / OFFSETS).exists():
        return ModuleStore(folder, expected)
    from corpus.loaders import load_catalog

    logger.warning(
        "%s was built before the module store: its modules are held in memory by each "
        "worker; rebuild the index to share them",
        folder,
    )
    return load_catalog(folder / "modules.jsonl").modules


class ModuleStore(Sequence[Module]):
    """The generation's modules by row, decoded on demand (thread-safe, read-only)."""

    def __init__(self, folder: Path, expected: int) -> None:
        self.path = folder / RECORDS
        self.offsets = _read_offsets(folder / OFFSETS, self.path, expected)
        try:
            # Kept open: the store stays readable if the folder is removed while served.
            self._fd = os.open(self.path, os.O_RDONLY)
            weakref.finalize(self, os.close, self._fd)
            magic = os.pread(self._fd, len(MAGIC), 0)
            self._map = mmap.mmap(self._fd, 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError) as exc:
            raise GenerationError(f"{self.path} cannot be read ({exc}); rebuild the index") from exc
        if magic != MAGIC:
            raise GenerationError(
                f"{self.path} is not a Boussole module store of this version; rebuild the index"
            )
        if len(self._map) != int(self.offsets[-1]):
            raise GenerationError(
                f"{self.path} holds {len(self._map)} bytes but its offsets end at "
                f"{int(self.offsets[-1])}: it is truncated or damaged; rebuild the index"
            )
        self._recent = lru_cache(maxsize=RECENT)(self._decode)

    def __len__(self) -> int:
        return len(self.offsets) - 1

    @overload
    def __getitem__(self, row: int) -> Module: ...

    @overload
    def __getitem__(self, row: slice) -> Sequence[Module]: ...

    def __getitem__(self, row: int | slice) -> Module | Sequence[Module]:
        if isinstance(row, slice):
            return [self._recent(r) for r in range(*row.indices(len(self)))]
        row = int(row)
        if row < 0:
            row += len(self)
        if not 0 <= row < len(self):
            raise IndexError(f"row {row} out of range 0..{len(self) - 1}")
        module: Module = self._recent(row)
        return module

    def __iter__(self) -> Iterator[Module]:
        return self.scan()

    def _decode(self, row: int) -> Module:
        start, end = int(self.offsets[row]), int(self.offsets[row + 1])
        return self._parse(self._map[start:end], row)

    def _parse(self, record: bytes | list[Any], row: int) -> Module:
        try:
            values = msgpack.unpackb(record) if isinstance(record, bytes) else record
            return decode_module(values)
        except Exception as exc:  # any damage: one line naming the file, never a traceback
            raise GenerationError(
                f"{self.path}: the module of row {row} cannot be read ({exc}); rebuild the index"
            ) from exc

    def scan(self) -> Iterator[Module]:
        """Every module in row order, read sequentially (each decoded, none kept)."""
        try:
            unpacker = self._unpacker()
            for row in range(len(self)):
                yield self._parse(unpacker.unpack(), row)
        except (OSError, msgpack.OutOfData, ValueError) as exc:
            raise GenerationError(f"{self.path} cannot be read ({exc}); rebuild the index") from exc

    def _unpacker(self) -> msgpack.Unpacker:
        """Records from the first on, read from the open file (not the map: no page of it
        stays resident in this process)."""
        reader = _Reader(self._fd, len(MAGIC))
        return msgpack.Unpacker(reader, read_size=1 << 20, max_buffer_size=1 << 30)

    def ids(self) -> Iterator[str]:
        """Every module's id in row order, the rest of each record skipped, not decoded."""
        try:
            unpacker = self._unpacker()
            for _ in range(len(self)):
                fields = unpacker.read_array_header()
                yield unpacker.unpack()
                for _ in range(fields - 1):
                    unpacker.skip()
        except (OSError, msgpack.OutOfData, ValueError) as exc:
            raise GenerationError(f"{self.path} cannot be read ({exc}); rebuild the index") from exc


class _Reader:
    """Sequential reads of an open file from ``position``, by ``os.pread``: scans in several
    threads never move one another's place."""

    def __init__(self, fd: int, position: int) -> None:
        self.fd = fd
        self.position = position

    def read(self, size: int) -> bytes:
        data = os.pread(self.fd, size, self.position)
        self.position += len(data)
        return data


def _read_offsets(file: Path, records: Path, expected: int) -> npt.NDArray[np.int64]:
    try:
        offsets = np.load(file, mmap_mode="r", allow_pickle=False)
    except (OSError, ValueError) as exc:
        raise GenerationError(f"{file} cannot be read ({exc}); rebuild the index") from exc
    if offsets.dtype != np.int64 or offsets.ndim != 1 or len(offsets) != expected + 1:
        raise GenerationError(
            f"{file} holds {offsets.shape} {offsets.dtype} offsets, expected {expected + 1} "
            "int64 ones (one per module and the end); rebuild the index"
        )
    if offsets[0] != len(MAGIC) or bool(np.any(np.diff(offsets) <= 0)):
        raise GenerationError(
            f"{file} does not describe {records.name} (offsets out of order); rebuild the index"
        )
    return np.asarray(offsets)
