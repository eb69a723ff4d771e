"""Index generations: each build is a folder published atomically.

Layout of an index directory::

    DIR/
      CURRENT                      name of the generation being served (replaced atomically)
      generations/
        gen-20261129T081500Z-1a2b/ manifest.json, modules.jsonl, vectors.npy, bm25.npz, ...
      cache/                       embedding caches, one file per encoder

A build writes a hidden ``.tmp-*`` folder, renames it into ``generations/`` once complete,
then swaps ``CURRENT``. A crash at any point leaves ``CURRENT`` naming the previous,
complete generation. The manifest records sizes and SHA-256 of every file, so a damaged
generation is refused rather than served.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from index.errors import EncoderMismatchError, GenerationError, storage_error
from index.manifest import check_arrays, parse_manifest
from index.staging import owned_prefix, remove_stale

FORMAT_VERSION = 1
CURRENT = "CURRENT"
GENERATIONS = "generations"
KEEP_GENERATIONS = 3
STAGING = ".tmp-"
CACHE = "cache"


@dataclass(frozen=True)
class Generation:
    """A complete generation folder and its manifest."""

    path: Path
    manifest: dict[str, Any]

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def encoder_id(self) -> str:
        return str(self.manifest["encoder"]["id"])


def new_staging(index_dir: Path) -> Path:
    """A fresh hidden folder to build the next generation in (stale ones are removed first).

    Raises:
        StorageError: the folder cannot be written.
    """
    root = index_dir / GENERATIONS
    try:
        root.mkdir(parents=True, exist_ok=True)
        remove_stale_staging(index_dir)
        return Path(tempfile.mkdtemp(prefix=owned_prefix(STAGING), dir=root))
    except OSError as exc:
        raise storage_error(index_dir, exc) from exc


def remove_stale_staging(index_dir: Path) -> list[str]:
    """Remove work files left by builds that no longer run (killed, crashed): staging folders,
    and half-written copies of the ``CURRENT`` pointer and of the embedding caches."""
    removed = remove_stale(index_dir / GENERATIONS, STAGING)
    for folder in (index_dir, index_dir / CACHE):
        removed += remove_stale(folder, STAGING)
    return removed


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def publish(index_dir: Path, staging: Path, manifest: dict[str, Any]) -> Generation:
    """Seal ``staging`` with its manifest, move it into place and make it current."""
    manifest = dict(manifest)
    manifest["format_version"] = FORMAT_VERSION
    manifest["files"] = {
        p.name: {"bytes": p.stat().st_size, "sha256": file_digest(p)}
        for p in sorted(staging.iterdir())
        if p.is_file() and p.name != "manifest.json"
    }
    _write_atomic(staging / "manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
    _fsync_dir(staging)
    final = index_dir / GENERATIONS / manifest["generation"]
    # A damaged pointer hides which generation was served: then nothing is pruned.
    prune = pointer_damage(index_dir) is None
    staging.rename(final)
    _write_atomic(index_dir / CURRENT, final.name + "\n")
    if prune:
        _prune(index_dir, keep=final.name)
    return Generation(final, manifest)


def current_name(index_dir: Path) -> str:
    """The name of the generation ``CURRENT`` points at."""
    pointer = index_dir / CURRENT
    if not index_dir.is_dir():
        raise GenerationError(
            f"{index_dir} does not exist; build an index first: "
            f"boussole index build --catalog FILE --index-dir {index_dir}"
        )
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except OSError:
        raise GenerationError(
            f"{index_dir} holds no published index (no {CURRENT} file); build one with "
            f"boussole index build --catalog FILE --index-dir {index_dir}"
        ) from None
    if not name or "/" in name or name.startswith("."):
        raise GenerationError(
            f"{pointer} is damaged ({name!r}); write the name of a generation of "
            f"{index_dir / GENERATIONS} into it, or rebuild the index"
        )
    return name


def generation_names(index_dir: Path) -> list[str]:
    """Names of the sealed generation folders of ``index_dir``, oldest first."""
    root = index_dir / GENERATIONS
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))


def pointer_damage(index_dir: Path) -> str | None:
    """Why ``index_dir`` cannot be served nor replaced by a fresh build, or ``None``.

    ``None`` when ``CURRENT`` is readable, or when the folder holds no generation at all (a
    first build may fill it). Otherwise one line naming the damage: an empty or unreadable
    pointer, or generations without one.
    """
    try:
        current_name(index_dir)
    except GenerationError as exc:
        found = generation_names(index_dir)
        if not found:
            return None
        if (index_dir / CURRENT).exists():
            return str(exc)
        return (
            f"{index_dir} holds no {CURRENT} pointer but {len(found)} generation(s) "
            f"(newest {found[-1]}); write the name of the one to serve into "
            f"{index_dir / CURRENT}, or rebuild the index"
        )
    return None


def open_current(
    index_dir: Path, *, encoder_id: str | None = None, verify: bool = True
) -> Generation:
    """The current generation, checked.

    Args:
        index_dir: the index directory.
        encoder_id: refuse the index unless it was built by this encoder.
        verify: check each file's size and SHA-256 against the manifest.

    Raises:
        GenerationError: nothing published, or the generation is damaged.
        EncoderMismatchError: the index was built by another encoder.
    """
    return open_generation(
        index_dir / GENERATIONS / current_name(index_dir), encoder_id=encoder_id, verify=verify
    )


def open_generation(
    path: Path, *, encoder_id: str | None = None, verify: bool = True
) -> Generation:
    """A generation folder, checked (see :func:`open_current`)."""
    manifest_path = path / "manifest.json"
    try:
        data = json.loads(manifest_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GenerationError(f"{manifest_path} is missing; rebuild the index") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GenerationError(f"{manifest_path} is damaged ({exc}); rebuild the index") from exc
    manifest = parse_manifest(data, manifest_path)
    if manifest["format_version"] != FORMAT_VERSION:
        raise GenerationError(
            f"{path} has index format {manifest['format_version']}, this Boussole reads "
            f"{FORMAT_VERSION}; rebuild the index"
        )
    built_by = manifest["encoder"].get("id")
    if encoder_id is not None and built_by != encoder_id:
        raise EncoderMismatchError(
            f"the index in {path.parent.parent} was built with encoder {built_by!r} "
            f"({manifest['encoder'].get('dim')}-d) but this service uses {encoder_id!r}; "
            f"rebuild it with --encoder {encoder_id}, or set BOUSSOLE_ENCODER={built_by}"
        )
    if verify:
        for name, facts in manifest["files"].items():
            file = path / name
            if not file.is_file() or file.stat().st_size != facts["bytes"]:
                raise GenerationError(f"{file} is missing or truncated; rebuild the index")
            if file_digest(file) != facts["sha256"]:
                raise GenerationError(f"{file} does not match its checksum; rebuild the index")
        check_arrays(path, manifest)
    return Generation(path, manifest)


def _write_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f"{owned_prefix(STAGING)}{path.name}-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _fsync_dir(path: Path) -> None:
    for file in path.iterdir():
        if file.is_file():
            with file.open("rb") as fh:
                os.fsync(fh.fileno())


def _prune(index_dir: Path, keep: str) -> None:
    """Remove stale staging folders and all but the newest generations."""
    root = index_dir / GENERATIONS
    done = sorted(
        (p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")),
        key=lambda p: p.name,
    )
    for old in done[:-KEEP_GENERATIONS]:
        if old.name != keep:
            shutil.rmtree(old, ignore_errors=True)
    remove_stale(root, STAGING)
