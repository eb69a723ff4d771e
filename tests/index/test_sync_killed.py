"""A sync killed (SIGKILL) while it builds leaves the generation being served, and the next
sync removes what it left and publishes."""

from __future__ import annotations

import copy
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from corpus.loaders import load_catalog
from index.builder import build_index
from index.generations import GENERATIONS, STAGING, open_current
from index.incremental import sync_index
from tests.conftest import SMALL, write_jsonl
from tests.fakes import FakeEncoder

ROOT = Path(__file__).resolve().parents[2]


def test_a_sync_killed_midway_leaves_the_served_generation(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    build_index(load_catalog(write_jsonl(tmp_path / "v1.jsonl", SMALL)), FakeEncoder(), index_dir)
    served = open_current(index_dir).name
    records = copy.deepcopy(SMALL)
    records[0]["title"] = "Premiers pas avec l'ordinateur"
    source = write_jsonl(tmp_path / "v2.jsonl", records)
    # The child stops inside the embedding (its staging folder written) until it is killed.
    child = textwrap.dedent(
        f"""
        import time
        from pathlib import Path
        from corpus.loaders import load_catalog
        from index.incremental import sync_index
        from tests.fakes import FakeEncoder

        class Stuck(FakeEncoder):
            def encode_passages(self, texts):
                Path({str(tmp_path / "stuck")!r}).touch()
                time.sleep(60)

        sync_index(load_catalog({str(source)!r}), Stuck(), Path({str(index_dir)!r}))
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", child], cwd=ROOT, env={**os.environ})
    deadline = time.monotonic() + 30
    while not (tmp_path / "stuck").exists():
        assert proc.poll() is None and time.monotonic() < deadline, "the sync never started"
        time.sleep(0.05)
    staging = [p for p in (index_dir / GENERATIONS).iterdir() if p.name.startswith(STAGING)]
    assert len(staging) == 1
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    assert open_current(index_dir).name == served  # checked whole: files and checksums
    encoder = FakeEncoder()
    report = sync_index(load_catalog(source), encoder, index_dir)
    assert report.published and report.changes.changed == ("m1",) and encoder.passages_encoded == 1
    assert not staging[0].exists()
    assert open_current(index_dir).name == report.generation.name  # type: ignore[union-attr]
