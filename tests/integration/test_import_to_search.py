"""An LHEO file goes through import, index build and search with the real default encoder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import corpus.importers
from assistant.cli import app as cli

pytestmark = pytest.mark.model

LHEO_SAMPLE = Path(corpus.importers.__file__).parent / "samples" / "lheo-offres.xml"


def test_lheo_sample_is_found_by_search_after_import_and_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalog = tmp_path / "catalog.jsonl"
    index_dir = tmp_path / "index"
    assert cli.main(["catalog", "import", str(LHEO_SAMPLE), "--out", str(catalog)]) == 0
    build = ["index", "build", "--catalog", str(catalog), "--index-dir", str(index_dir), "--quiet"]
    assert cli.main(build) == 0
    assert "4 modules" in capsys.readouterr().out

    queries = tmp_path / "queries.jsonl"
    asked = {
        "web": "je veux apprendre à créer des sites internet en JavaScript depuis chez moi",
        "care": "travailler comme aide-soignante auprès des personnes âgées",
        "weld": "devenir soudeur dans l'industrie métallique",
    }
    queries.write_text(
        "".join(
            json.dumps({"id": k, "text": v}, ensure_ascii=False) + "\n" for k, v in asked.items()
        ),
        encoding="utf-8",
    )
    search = ["search", "--index-dir", str(index_dir), "--queries", str(queries), "--k", "2"]
    assert cli.main(search) == 0
    runs = {
        line["id"]: [r["id"] for r in line["results"]]
        for line in map(json.loads, capsys.readouterr().out.splitlines())
    }
    assert runs["web"][0] == "WEB-DIST-1"
    assert runs["care"][0] == "AIDE-SOIN-NAM"
    assert runs["weld"][0].startswith("SOUD-2026-")
