"""The shipped demo catalog and its evaluation set are valid and as the issue asks."""

from __future__ import annotations

import re
from collections import Counter

from corpus.demo import demo_catalog_path, demo_qrels_path, demo_queries_path
from corpus.loaders import load_catalog
from corpus.model import FORMATS, LEVELS


def test_demo_catalog_is_valid_and_large_enough() -> None:
    catalog = load_catalog(demo_catalog_path())
    assert len(catalog) >= 300
    levels = Counter(m.level_key for m in catalog)
    assert set(levels) <= set(LEVELS) and all(levels[lv] > 0 for lv in LEVELS)
    assert {m.format_key for m in catalog} == set(FORMATS)
    for module in catalog:
        words = len((module.description or "").split())
        assert 60 <= words <= 200, (module.id, words)
        assert module.provider and module.city and module.url, module.id
        assert module.url.startswith("https://"), module.id
        assert module.postal_code and re.fullmatch(r"\d{4}", module.postal_code), module.id


def test_demo_catalog_descriptions_are_distinct() -> None:
    catalog = load_catalog(demo_catalog_path())
    openings = Counter(" ".join((m.description or "").split()[:12]) for m in catalog)
    assert openings.most_common(1)[0][1] == 1


def test_demo_eval_set_judges_real_modules() -> None:
    ids = set(load_catalog(demo_catalog_path()).by_id())
    queries = demo_queries_path().read_text(encoding="utf-8").splitlines()
    assert len([q for q in queries if q.strip()]) >= 40
    judged: Counter[str] = Counter()
    for line in demo_qrels_path().read_text(encoding="utf-8").splitlines():
        qid, module_id, grade = line.split("\t")
        assert module_id in ids, module_id
        assert grade in {"0", "1", "2", "3"}
        if int(grade) >= 2:
            judged[qid] += 1
    assert len(judged) >= 40
