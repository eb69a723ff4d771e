"""A build killed (SIGKILL, no clean-up) while writing the embedding cache or the ``CURRENT``
pointer leaves a half-written work file; the next start removes it."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from corpus.model import Catalog
from index.builder import build_index
from index.generations import CACHE, CURRENT, current_name, remove_stale_staging
from tests.fakes import FakeEncoder

# The process dies inside the write, between opening its work file and renaming it into place.
KILLED_WRITES = {
    "cache": """
        import numpy as np
        from index.cache import EmbeddingCache
        def die(*args, **kwargs):
            os._exit(9)
        np.savez = die
        cache = EmbeddingCache(index_dir / "cache" / "enc.npz", 4)
        cache.put(["k"], np.ones((1, 4), dtype=np.float32))
        cache.save(["k"])
    """,
    "pointer": """
        from index import generations
        def die(*args, **kwargs):
            os._exit(9)
        os.fsync = die
        generations._write_atomic(index_dir / "CURRENT", "gen-x\\n")
    """,
}


def _work_files(index_dir: Path) -> list[str]:
    known = {CURRENT, CACHE, "generations"}
    files = [p for p in index_dir.iterdir() if p.name not in known]
    files += [p for p in (index_dir / CACHE).iterdir() if not p.name.endswith(".npz")]
    files += [p for p in (index_dir / CACHE).glob(".tmp-*")]
    return sorted({p.name for p in files})


@pytest.mark.parametrize("what", sorted(KILLED_WRITES))
def test_a_killed_write_leaves_nothing_after_the_next_start(
    tmp_path: Path, small_catalog: Catalog, what: str
) -> None:
    index_dir = tmp_path / "ix"
    build_index(small_catalog, FakeEncoder(), index_dir)
    served = current_name(index_dir)
    script = "import os\nfrom pathlib import Path\n" + f"index_dir = Path({str(index_dir)!r})\n"
    script += textwrap.dedent(KILLED_WRITES[what])
    killed = subprocess.run([sys.executable, "-c", script], cwd=Path(__file__).parents[2])
    assert killed.returncode == 9
    assert _work_files(index_dir), "the killed write left no work file: nothing was tested"
    remove_stale_staging(index_dir)
    assert _work_files(index_dir) == []
    assert current_name(index_dir) == served
