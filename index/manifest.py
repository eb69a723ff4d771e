"""A generation's manifest, validated, and its arrays checked against it.

:func:`parse_manifest` refuses a manifest whose fields are missing or of the wrong type (a
pydantic schema), naming the first bad field in one line. :func:`check_arrays` reads only the
headers of the arrays (memory-mapped) and refuses a generation whose shapes, dtypes or counts
disagree with its manifest, or whose vectors are not all finite: a file copied truncated with
a checksum to match, or vectors holding NaN, are refused when the generation is opened, not
served.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, StrictInt, StrictStr, ValidationError

from index.errors import GenerationError

_BLOCK = 16_384  # rows checked at a time: the memory-mapped vectors are never copied whole


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class EncoderFacts(_Open):
    id: StrictStr
    dim: StrictInt


class CatalogFacts(_Open):
    sha256: StrictStr | None = None
    modules: StrictInt | None = None


class Counts(_Open):
    modules: StrictInt
    vectors: StrictInt | None = None


class FileFacts(BaseModel):
    bytes: StrictInt
    sha256: StrictStr


class Manifest(_Open):
    format_version: StrictInt
    generation: StrictStr
    encoder: EncoderFacts
    catalog: CatalogFacts
    counts: Counts
    files: dict[str, FileFacts]


def parse_manifest(data: object, path: Path) -> dict[str, Any]:
    """``data`` (a decoded manifest) if it fits the schema.

    Raises:
        GenerationError: one line naming the first wrong field.
    """
    try:
        Manifest.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "top level"
        raise GenerationError(
            f"{path} is damaged ({field}: {first['msg'].lower()}); rebuild the index"
        ) from None
    assert isinstance(data, dict)
    return data


def check_arrays(path: Path, manifest: dict[str, Any]) -> None:
    """Check the generation's arrays against ``manifest`` (see the module docstring).

    Raises:
        GenerationError: one line naming the file and what is wrong.
    """
    modules = int(manifest["counts"]["modules"])
    vectors_file = path / "vectors.npy"
    if vectors_file.exists():
        dim = int(manifest["encoder"]["dim"])
        vectors = _array(vectors_file)
        _expect(vectors_file, vectors, (modules, dim), np.float32, "rows")
        bad = sum(
            int((~np.isfinite(vectors[start : start + _BLOCK]).all(axis=1)).sum())
            for start in range(0, modules, _BLOCK)
        )
        if bad:
            raise GenerationError(
                f"{vectors_file} holds {bad} vector(s) that are not finite (NaN or infinity); "
                "rebuild the index"
            )
    places_file = path / "places.npy"
    if places_file.exists():
        _expect(places_file, _array(places_file), (modules, 2), np.float64, "rows")
    modules_file = path / "modules.jsonl"
    if modules_file.exists():
        with modules_file.open("rb") as fh:
            lines = sum(1 for line in fh if line.strip())
        if lines != modules:
            raise GenerationError(
                f"{modules_file} holds {lines} modules but the manifest says {modules}; "
                "rebuild the index"
            )


def _array(file: Path) -> np.ndarray:
    try:
        array: np.ndarray = np.load(file, mmap_mode="r", allow_pickle=False)
    except (OSError, ValueError) as exc:
        raise GenerationError(f"{file} cannot be read ({exc}); rebuild the index") from None
    return array


def _expect(file: Path, array: np.ndarray, shape: tuple[int, int], dtype: type, what: str) -> None:
    if array.dtype != np.dtype(dtype):
        raise GenerationError(
            f"{file} holds {array.dtype} values, expected {np.dtype(dtype)}; rebuild the index"
        )
    if array.ndim != 2 or array.shape[0] != shape[0]:
        raise GenerationError(
            f"{file} holds {array.shape[0] if array.ndim else 0} {what} of shape "
            f"{array.shape} but the manifest says {shape[0]}; rebuild the index"
        )
    if array.shape[1] != shape[1]:
        raise GenerationError(
            f"{file} holds {array.shape[1]}-wide rows, the manifest says {shape[1]}; "
            "rebuild the index"
        )
