"""Paths of the shipped samples and mappings, and a helper to write LHEO documents."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import corpus.importers

PACKAGE = Path(corpus.importers.__file__).parent
SAMPLES = PACKAGE / "samples"
MAPPINGS = PACKAGE / "mappings"
LHEO_SAMPLE = SAMPLES / "lheo-offres.xml"


def lheo(formations: str, namespace: str = "http://lheo.gouv.fr/2.3") -> str:
    """An LHEO document holding ``formations``."""
    xmlns = f' xmlns="{namespace}"' if namespace else ""
    head = '<?xml version="1.0" encoding="UTF-8"?>'
    return f"{head}\n<lheo{xmlns}><offres>\n{formations}\n</offres></lheo>\n"


Write = Callable[[str, str | bytes], Path]


@pytest.fixture
def write(tmp_path: Path) -> Write:
    """Write text (or bytes) to a file of the given name in a temporary folder."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write
