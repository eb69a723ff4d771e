"""Paths to the demo catalog and its evaluation set, shipped inside the package."""

from __future__ import annotations

from pathlib import Path

_DEMO = Path(__file__).resolve().parent / "demo"


def demo_catalog_path() -> Path:
    """The demo catalog (JSON Lines)."""
    return _DEMO / "catalog.jsonl"


def demo_queries_path() -> Path:
    """The demo evaluation queries."""
    return _DEMO / "eval" / "queries.jsonl"


def demo_qrels_path() -> Path:
    """The demo graded judgments."""
    return _DEMO / "eval" / "qrels.tsv"
