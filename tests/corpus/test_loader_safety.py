"""Ids that would break a link, and enrolment addresses that are not web pages."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from corpus.errors import CatalogError
from corpus.loaders import load_catalog
from tests.conftest import SMALL, write_jsonl


@pytest.mark.parametrize(
    "bad_id", ["../../console/admin", "a/b", "a?b=1", "x#frag", "a b", "..", ".", "m1%2F"]
)
def test_ids_outside_the_safe_characters_are_refused(tmp_path: Path, bad_id: str) -> None:
    records = [*SMALL[:2], {"id": bad_id, "title": "Piège"}]
    with pytest.raises(CatalogError) as caught:
        load_catalog(write_jsonl(tmp_path / "c.jsonl", records))
    message = caught.value.one_line()
    assert "line 3" in message and "id" in message and "letters, digits" in message


@pytest.mark.parametrize("good_id", ["m-1", "FOREM_2026.04", "cisco@technofutur", "Étape2"])
def test_safe_ids_are_kept(tmp_path: Path, good_id: str) -> None:
    catalog = load_catalog(write_jsonl(tmp_path / "c.jsonl", [{"id": good_id, "title": "Ok"}]))
    assert catalog.modules[0].id == good_id


def test_only_web_enrolment_addresses_are_kept(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    records = [
        {"id": "a", "title": "A", "url": "https://www.leforem.be/formations/a"},
        {"id": "b", "title": "B", "url": "javascript:alert(document.cookie)"},
        {"id": "c", "title": "C", "url": "HTTP://example.be/c"},
        {"id": "d", "title": "D", "url": "data:text/html,<script>alert(1)</script>"},
        {"id": "e", "title": "E", "url": "//evil.example/e"},
    ]
    with caplog.at_level(logging.WARNING):
        catalog = load_catalog(write_jsonl(tmp_path / "c.jsonl", records))
    urls = {m.id: m.url for m in catalog.modules}
    assert urls == {
        "a": "https://www.leforem.be/formations/a",
        "b": None,
        "c": "HTTP://example.be/c",
        "d": None,
        "e": None,
    }
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 3
    assert all("c.jsonl" in w and "url" in w for w in warnings)
    assert any("line 2" in w for w in warnings) and any("line 5" in w for w in warnings)
