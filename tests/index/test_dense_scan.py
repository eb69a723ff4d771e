"""Vectors held once; one scan per query, the best allowed rows taken from it."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from index.dense import DenseIndex, best_rows


def _unit(n: int, d: int = 16, seed: int = 0) -> np.ndarray:
    x = np.random.default_rng(seed).normal(size=(n, d)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def test_exact_index_holds_vectors_once_as_a_memory_map(tmp_path: Path) -> None:
    vectors = _unit(300)
    DenseIndex.build(vectors).save(tmp_path)
    loaded = DenseIndex.load(tmp_path)
    assert loaded.index is None and not loaded.approximate  # no FAISS copy
    assert isinstance(loaded.vectors, np.memmap)
    np.testing.assert_array_equal(np.asarray(loaded.vectors), vectors)


def test_approximate_index_reads_vectors_from_the_graph(tmp_path: Path) -> None:
    vectors = _unit(1500)
    built = DenseIndex.build(vectors, exact_threshold=1000)
    built.save(tmp_path)
    assert not (tmp_path / "vectors.npy").exists()
    loaded = DenseIndex.load(tmp_path)
    assert loaded.approximate and not loaded.vectors.flags.owndata
    np.testing.assert_array_equal(loaded.vectors, vectors)


def test_best_rows_are_the_exact_best_among_allowed() -> None:
    vectors = _unit(500)
    dense = DenseIndex.build(vectors)
    query = _unit(1, seed=3)[0]
    mask = np.zeros(500, dtype=bool)
    mask[::7] = True
    scores = dense.cosines(query)
    expected = sorted(np.flatnonzero(mask), key=lambda r: -scores[r])[:10]
    assert [r for r, _ in best_rows(scores, 10, mask)] == expected
    assert [r for r, _ in dense.search(query, 10, mask)] == expected
    assert [r for r, _ in best_rows(scores, 10)] == list(np.argsort(-scores)[:10])
    assert best_rows(scores, 10, np.zeros(500, dtype=bool)) == []
    assert len(best_rows(scores, 1000, mask)) == int(mask.sum())


def test_equal_scores_keep_row_order() -> None:
    scores = np.array([0.5, 0.9, 0.5, 0.9, 0.1], dtype=np.float32)
    assert [r for r, _ in best_rows(scores, 4)] == [1, 3, 0, 2]


def _mapped_files(pid: str = "self") -> str:
    return Path(f"/proc/{pid}/maps").read_text()


def test_a_loaded_graph_maps_its_file_and_answers_as_the_built_one(tmp_path: Path) -> None:
    # Workers share a generation's pages: the graph file is mapped, not copied into memory,
    # and the mapped graph answers every query (filtered or not) exactly as the built one.
    vectors = _unit(1500)
    built = DenseIndex.build(vectors, exact_threshold=1000)
    built.save(tmp_path)
    loaded = DenseIndex.load(tmp_path)
    assert str(tmp_path / "hnsw.faiss") in _mapped_files()
    assert not loaded.vectors.flags.writeable
    mask = np.zeros(1500, dtype=bool)
    mask[::3] = True
    for seed in range(5):
        query = _unit(1, seed=100 + seed)[0]
        assert loaded.search(query, 10) == built.search(query, 10)
        assert loaded.search(query, 10, mask) == built.search(query, 10, mask)
        np.testing.assert_array_equal(loaded.cosines(query), built.cosines(query))


def test_two_processes_share_the_pages_of_one_generation(tmp_path: Path) -> None:
    # Two processes that load the same generation map the same file: its pages are counted
    # once for both (PSS below RSS for that mapping).
    import subprocess
    import sys

    vectors = _unit(4000, d=64)
    DenseIndex.build(vectors).save(tmp_path)
    code = (
        "import sys, numpy as np; from pathlib import Path; from index.dense import DenseIndex;"
        "d = DenseIndex.load(Path(sys.argv[1])); float(np.asarray(d.vectors).sum());"
        "print('ready', flush=True); sys.stdin.readline()"
    )
    root = str(Path(__file__).resolve().parents[2])
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(tmp_path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={"PYTHONPATH": root, "PATH": "/usr/bin:/bin"},
        )
        for _ in range(2)
    ]
    try:
        for proc in procs:
            assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        rss, pss = _mapping_rss_pss(procs[0].pid, tmp_path / "vectors.npy")
        assert rss >= vectors.nbytes // 1024 - 8  # every page is resident in this process
        assert pss <= rss * 0.6  # and charged half to each of the two
    finally:
        for proc in procs:
            proc.communicate("\n", timeout=30)


def _mapping_rss_pss(pid: int, path: Path) -> tuple[int, int]:
    """RSS and PSS (kB) of ``pid``'s mappings of ``path``."""
    rss = pss = 0
    inside = False
    for line in Path(f"/proc/{pid}/smaps").read_text().splitlines():
        parts = line.split()
        if "-" in parts[0] and len(parts) >= 5 and ":" in parts[3]:
            inside = len(parts) > 5 and parts[5] == str(path)
        elif inside and parts[0] == "Rss:":
            rss += int(parts[1])
        elif inside and parts[0] == "Pss:":
            pss += int(parts[1])
    return rss, pss
