"""``hide_before``: modules whose sessions are all past are not in the jobseeker's catalog
(a mask before ranking, so k results come back whenever k current ones answer)."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.guidance import GuidanceService
from assistant.search import SearchService
from assistant.services import profile_parser
from corpus.loaders import load_catalog
from index.builder import build_index
from index.store import LoadedIndex
from tests.assistant.guidance.test_service import LEXICAL_GATE, module
from tests.conftest import write_jsonl
from tests.fakes import FakeEncoder

DAY = date(2026, 12, 3)
PAST = ["2026-03-02"]
COMING = ["2026-03-02", "2027-01-11"]
CATALOG = [
    # The best-placed Excel modules (Mons, Hornu) are over: current ones must fill k.
    module("mons-excel", "excel et tableur", "Mons", start_dates=PAST),
    module("hornu-excel", "excel et tableur", "Hornu", start_dates=PAST),
    module("charleroi-excel", "excel et tableur", "Charleroi", start_dates=COMING),
    module("namur-excel", "excel et tableur", "Namur"),  # undated: not known to be over
    module("online-excel", "excel et tableur", "Namur", format="distanciel", start_dates=COMING),
    module("mons-soudure", "soudure à l'arc", "Mons", start_dates=PAST),  # the only welding
]


@pytest.fixture(scope="module")
def guidance(tmp_path_factory: pytest.TempPathFactory) -> GuidanceService:
    folder = tmp_path_factory.mktemp("fresh")
    catalog = load_catalog(write_jsonl(folder / "c.jsonl", CATALOG))
    encoder = FakeEncoder()
    build_index(catalog, encoder, folder / "ix")
    return GuidanceService(
        SearchService(LoadedIndex.open(folder / "ix", encoder)), profile_parser(), LEXICAL_GATE
    )


def ids(guidance: GuidanceService, text: str, **kw: object) -> list[str]:
    answer = guidance.guide(guidance.understand(text), k=3, **kw)  # type: ignore[arg-type]
    return [m.module.id for m in answer.matches]


def test_past_modules_are_left_out_and_k_is_still_filled(guidance: GuidanceService) -> None:
    text = "J'habite à Mons et je veux apprendre Excel"
    everything = ids(guidance, text)
    assert everything[:2] == ["mons-excel", "hornu-excel"]
    current = ids(guidance, text, hide_before=DAY)
    assert len(current) == 3
    assert set(current) == {"charleroi-excel", "namur-excel", "online-excel"}
    # A day before their sessions, nothing is hidden.
    assert ids(guidance, text, hide_before=date(2026, 1, 1)) == everything


def test_a_need_only_past_modules_answer_finds_nothing_and_no_near_miss(
    guidance: GuidanceService,
) -> None:
    profile = guidance.understand("J'habite à Mons et je veux apprendre la soudure à l'arc")
    assert [m.module.id for m in guidance.guide(profile, k=3).matches] == ["mons-soudure"]
    answer = guidance.guide(profile, k=3, hide_before=DAY)
    assert not answer.matches
    assert not {n.module.id for n in answer.near_misses} & {"mons-soudure", "mons-excel"}
    if answer.pathway is not None:
        assert "mons-soudure" not in {s.match.module.id for s in answer.pathway.steps}
