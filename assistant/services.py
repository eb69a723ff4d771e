"""Wiring: from settings to a ready search service. Used by the CLI and by ``create_app``."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from assistant.guidance import Guidance, GuidanceService
from assistant.search import SearchConfig, SearchService
from assistant.settings import Settings
from assistant.understanding import PlaceRef, Profile, ProfileParser
from corpus.demo import load_catalog_for_today
from corpus.freshness import Freshness
from corpus.model import Module
from index.builder import BuildReport, build_index
from index.encoders import Encoder, make_encoder
from index.errors import GenerationError
from index.generations import current_name, pointer_damage, remove_stale_staging
from index.store import LoadedIndex

logger = logging.getLogger(__name__)


def search_config(settings: Settings) -> SearchConfig:
    return SearchConfig(
        rrf_k=settings.rrf_k,
        lexical_weight=settings.lexical_weight,
        semantic_weight=settings.semantic_weight,
        candidates=settings.candidates,
        max_query_chars=settings.max_query_chars,
        max_k=settings.max_k,
    )


def has_index(index_dir: Path) -> bool:
    try:
        current_name(index_dir)
    except GenerationError:
        return False
    return True


def ensure_index(
    settings: Settings,
    encoder: Encoder,
    progress: Callable[[int, int], None] | None = None,
) -> BuildReport | None:
    """Build an index from ``settings.catalog`` when ``settings.index_dir`` holds no generation.

    Raises:
        GenerationError: the folder holds generations but its ``CURRENT`` pointer is missing
            or damaged; nothing is built over it.
    """
    remove_stale_staging(settings.index_dir)
    if has_index(settings.index_dir):
        return None
    damage = pointer_damage(settings.index_dir)
    if damage is not None:
        raise GenerationError(damage)
    logger.info("no index in %s: building one from %s", settings.index_dir, settings.catalog)
    catalog = load_catalog_for_today(settings.catalog, date.today())  # the demo's dates roll on
    return build_index(catalog, encoder, settings.index_dir, progress=progress)


def open_service(settings: Settings, encoder: Encoder | None = None) -> SearchService:
    """Load the current index generation and wrap it in a search service."""
    encoder = encoder or make_encoder(settings.encoder)
    index = LoadedIndex.open(settings.index_dir, encoder)
    return SearchService(index, search_config(settings))


class LiveService:
    """Holds the search service and swaps in a newly published generation.

    :meth:`current` returns the service to use now. At most every ``check_seconds`` it looks at
    the index folder's ``CURRENT`` pointer; when it names a new generation, that generation is
    loaded in a background thread and swapped in once loaded and checked. A generation that
    fails to load (damaged, other encoder) is logged and skipped: the old one keeps serving.
    ``freshness`` says whether jobseekers see modules whose sessions are all past
    (``settings.hide_past_modules``) and what day it is (``today``, fixed in tests).
    """

    def __init__(
        self,
        settings: Settings,
        service: SearchService,
        check_seconds: float = 2.0,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        import threading

        self.freshness = Freshness(settings.hide_past_modules, today)
        self._settings = settings
        self._service = service
        self._check_seconds = check_seconds
        self._last_check = 0.0
        self._lock = threading.Lock()
        self._loading: threading.Thread | None = None
        self._refused: str | None = None
        self._guidance: GuidanceService | None = None

    def current(self) -> SearchService:
        import time

        now = time.monotonic()
        if now - self._last_check >= self._check_seconds:
            self._last_check = now
            self._maybe_reload()
        return self._service

    def guidance(self) -> GuidanceService:
        """The guidance service over the current search service (built once per generation)."""
        service = self.current()
        cached = self._guidance
        if cached is None or cached.search is not service:
            cached = guidance_for(service)
            self._guidance = cached
        return cached

    def _maybe_reload(self) -> None:
        import threading

        try:
            name = current_name(self._settings.index_dir)
        except GenerationError:
            return
        if name in (self._service.index.generation.name, self._refused):
            return
        with self._lock:
            if self._loading is not None and self._loading.is_alive():
                return
            self._loading = threading.Thread(target=self._load, args=(name,), daemon=True)
            self._loading.start()

    def _load(self, name: str) -> None:
        try:
            service = SearchService(
                LoadedIndex.open(self._settings.index_dir, self._service.index.encoder),
                self._service.config,
            )
        except Exception as exc:  # any failure: refuse it once, keep serving
            self._refused = name
            logger.error(
                "new index generation %s refused, still serving %s: %s",
                name,
                self._service.index.generation.name,
                exc,
            )
            return
        self._service = service
        logger.info("now serving index generation %s", service.index.generation.name)

    def wait(self, timeout: float = 30.0) -> None:
        """Wait for a reload under way (tests, CLI)."""
        thread = self._loading
        if thread is not None:
            thread.join(timeout)


def profile_parser() -> ProfileParser:
    """The parser with the Belgian gazetteer and the occupation lexicon plugged in."""
    from assistant.understanding import default_lexicon
    from corpus.places import default_gazetteer

    gazetteer = default_gazetteer()
    lexicon = default_lexicon()

    def places(text: str) -> list[tuple[PlaceRef, tuple[int, int], bool]]:
        return [
            (
                PlaceRef(
                    m.place.name,
                    m.place.postal_code,
                    m.place.municipality,
                    m.place.province,
                    m.place.region,
                    m.place.lat,
                    m.place.lon,
                ),
                (m.start, m.end),
                m.near,
            )
            for m in gazetteer.find_in_text(text)
        ]

    def occupations(text: str) -> list[tuple[str, str, tuple[int, int]]]:
        return [(m.occupation.label, m.role, (m.start, m.end)) for m in lexicon.find_in_text(text)]

    return ProfileParser(places=places, occupations=occupations, vocabulary=lexicon.words())


def guidance_for(search: SearchService) -> GuidanceService:
    return GuidanceService(search, profile_parser())


class LiveGuide:
    """The guidance of whichever index generation is being served, for the dialogue."""

    def __init__(self, live: LiveService) -> None:
        self._live = live

    def understand(self, text: str) -> Profile:
        return self._live.guidance().understand(text)

    def guide(
        self, profile: Profile, *, k: int = 5, exclude: frozenset[str] = frozenset()
    ) -> Guidance:
        return self._live.guidance().guide(
            profile, k=k, exclude=exclude, hide_before=self._live.freshness.cutoff()
        )

    def module(self, module_id: str) -> Module | None:
        return self._live.guidance().module(module_id)
