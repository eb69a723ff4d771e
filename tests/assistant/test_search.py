from __future__ import annotations

import pytest

from assistant.errors import InvalidQueryError
from assistant.filters import Filters
from assistant.search import Mode, SearchConfig, SearchService
from index.store import LoadedIndex


def ids(result: object) -> list[str]:
    return [h.module.id for h in result.hits]  # type: ignore[attr-defined]


def test_hybrid_search_ranks_the_obvious_module_first(built_index: LoadedIndex) -> None:
    service = SearchService(built_index)
    result = service.search("apprendre les tableaux croisés dynamiques sur Excel", k=3)
    assert ids(result)[0] == "m3"
    top = result.hits[0]
    assert top.lexical_rank == 1 and top.semantic_rank is not None
    assert result.total_allowed == 8


@pytest.mark.parametrize("mode", list(Mode))
def test_every_mode_returns_scored_results_best_first(built_index: LoadedIndex, mode: Mode) -> None:
    result = SearchService(built_index).search("réseaux cisco", k=5, mode=mode)
    scores = [h.score for h in result.hits]
    assert scores and scores == sorted(scores, reverse=True)
    assert ids(result)[0] == "m4"


def test_filters_apply_before_ranking_and_still_fill_k(built_index: LoadedIndex) -> None:
    service = SearchService(built_index)
    # Only four modules are in Mons; asking for 4 must give all four, even those that share
    # no word with the query (the semantic side ranks every allowed module).
    result = service.search("excel", k=4, filters=Filters(city="Mons"))
    assert sorted(ids(result)) == ["m1", "m3", "m7", "m8"]
    assert result.total_allowed == 4


def test_each_filter_holds_on_every_result(built_index: LoadedIndex) -> None:
    service = SearchService(built_index)
    cases = [
        (Filters(max_hours=36), lambda m: m.duration_hours is not None and m.duration_hours <= 36),
        (Filters(level="initiation"), lambda m: m.level == "initiation"),
        (Filters(format="distanciel"), lambda m: m.format == "distanciel"),
        (Filters(certification=True), lambda m: bool(m.certification)),
        (Filters(certification="ccna"), lambda m: "CCNA" in (m.certification or "")),
        (Filters(city="7000"), lambda m: m.postal_code == "7000"),
        (Filters(city="liege"), lambda m: m.city == "Liège"),
    ]
    for filters, holds in cases:
        result = service.search("formation", k=8, filters=filters)
        assert result.hits, filters
        assert all(holds(h.module) for h in result.hits), filters
        assert len(result.hits) == result.total_allowed


def test_filters_that_allow_nothing_give_no_result(built_index: LoadedIndex) -> None:
    result = SearchService(built_index).search("excel", filters=Filters(city="Arlon"))
    assert result.hits == [] and result.total_allowed == 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"max_hours": 0}, "max_hours"),
        ({"level": "expert"}, "level must be one of"),
        ({"format": "en ligne"}, "format must be one of"),
        ({"city": "  "}, "city is empty"),
    ],
)
def test_bad_filters_say_what_to_fix(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidQueryError, match=message):
        Filters(**kwargs)  # type: ignore[arg-type]


def test_bad_text_and_k_are_refused(built_index: LoadedIndex) -> None:
    service = SearchService(built_index, SearchConfig(max_query_chars=200, max_k=20))
    for text in ("", "   \n\t "):
        with pytest.raises(InvalidQueryError, match="empty"):
            service.search(text)
    with pytest.raises(InvalidQueryError, match="at most 200"):
        service.search("x" * 201)
    with pytest.raises(InvalidQueryError, match="between 1 and 20"):
        service.search("excel", k=21)


def test_module_lookup(built_index: LoadedIndex) -> None:
    service = SearchService(built_index)
    found = service.module("m5")
    assert found is not None and found.title.startswith("Cariste")
    assert service.module("nope") is None


def test_default_fusion_trusts_meaning_over_shared_words() -> None:
    # Two modules each first in one retriever and second in the other: with the default
    # weights, the one first by meaning wins (narratives share few words with the module that
    # answers them); the settings the CLI and the app read give the same weights.
    from assistant.services import search_config
    from assistant.settings import Settings
    from index.fusion import reciprocal_rank_fusion

    for config in (SearchConfig(), search_config(Settings())):
        fused = reciprocal_rank_fusion(
            {"lexical": ["by-words", "by-meaning"], "semantic": ["by-meaning", "by-words"]},
            weights={"lexical": config.lexical_weight, "semantic": config.semantic_weight},
            k=config.rrf_k,
        )
        assert [row for row, _ in fused] == ["by-meaning", "by-words"]
    wired, default = search_config(Settings()), SearchConfig()
    assert (wired.rrf_k, wired.lexical_weight, wired.semantic_weight) == (
        default.rrf_k,
        default.lexical_weight,
        default.semantic_weight,
    )


def test_prepare_scores_the_words_given_and_embeds_the_whole_text(
    built_index: LoadedIndex,
) -> None:
    service = SearchService(built_index)
    whole = service.prepare("réseaux cisco et excel")
    words = service.prepare("réseaux cisco et excel", "réseaux cisco")
    assert (words.lexical_scores == built_index.bm25.scores("réseaux cisco")).all()
    assert (words.lexical_scores != whole.lexical_scores).any()  # excel no longer counts
    assert (words.vector == whole.vector).all()
    assert words.text == whole.text
