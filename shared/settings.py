"""fundwatch settings: the one place that reads the environment (FUNDWATCH_* variables)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FUNDWATCH_", env_file=".env", extra="ignore")

    # Where servers are. Unset: `fundwatch run` / the test suite start embedded ones under data_dir.
    database_url: str | None = None
    redis_url: str | None = None
    data_dir: Path = Path("var")

    sources_file: Path = Path("sources.yaml")
    # Admin key for write endpoints (POST /sources). No default: unset means writes are refused.
    admin_api_key: str | None = None

    api_host: str = "127.0.0.1"
    api_port: int = 8000
    # The offline sample site that `fundwatch run` serves and watches (0: any free port; a taken one
    # is replaced by a free one; `fundwatch run --no-examples` leaves it out).
    example_site_port: int = 8765

    # Fetcher politeness and limits.
    user_agent: str = "fundwatch/0.1"
    contact_url: str = "https://github.com/fundwatch/fundwatch"
    fetch_concurrency: int = 20
    fetch_per_host_concurrency: int = 4
    fetch_connect_timeout: float = 10.0
    fetch_read_timeout: float = 20.0
    fetch_total_timeout: float = 60.0
    fetch_max_bytes: int = 10_000_000
    fetch_max_redirects: int = 5
    fetch_retries: int = 2
    # Address ranges a source added through the API may reach despite the SSRF guard (CIDRs).
    fetch_allowed_networks: list[str] = Field(default_factory=list)
    # Minimum seconds between two requests to one host.
    fetch_host_interval: float = 0.2
    # Pages fetched from one source in one poll; a longer feed or sitemap is worked through over
    # the next polls, new pages first.
    fetch_max_pages_per_poll: int = 200
    fetcher_tick_seconds: float = 2.0
    # A fetcher's hold on the sources it polls, renewed every third of it while the poll runs: the
    # sources of a fetcher that died without releasing them are polled again this long after.
    source_lease_seconds: int = 30
    # Sources one fetcher leases at a time: the rest stay free for the other fetchers.
    fetch_sources_per_lease: int = 50

    # API: requests a minute per key on write and admin endpoints; largest request body accepted.
    api_key_requests_per_minute: int = 120
    api_max_request_bytes: int = 65_536
    # Connections the API keeps for its hot reads (award listings), per API process.
    api_read_connections: int = 8
    # Seconds a listing waits for one of them (or to connect) before answering 503.
    api_read_wait_seconds: float = 5.0
    # Where the API processes keep their request histograms for /metrics to add up (prometheus_client's
    # multiprocess mode; the variable is prometheus_client's own). `fundwatch api` sets it under
    # data_dir when it starts more than one process; unset, each process counts for itself.
    prometheus_multiproc_dir: Path | None = Field(None, validation_alias="PROMETHEUS_MULTIPROC_DIR")

    # Webhooks: seconds between the beat's delivery rounds (a change reaches its subscribers within
    # about this), seconds before the first retry of a failed delivery (doubling each time, at most an
    # hour), and attempts before a delivery is given up as failed.
    webhook_interval_seconds: float = 5.0
    webhook_retry_seconds: float = 30.0
    webhook_max_attempts: int = 8
    webhook_timeout: float = 10.0

    # Exports: the 360Giving identifier prefix of fundwatch's grants and unidentified organisations.
    giving360_prefix: str = "360G-fundwatch"

    # Extraction. A page over any of these limits is failed with that reason (a fault of its own):
    # raw bytes; HTML elements handed to trafilatura (its cost grows with them: about 2 s for 40,000
    # on one core); characters of main text handed to the reader (about 1 s for 200,000 of dense
    # award text); seconds to read it (a per-page alarm, well below the task's time limit).
    extract_max_bytes: int = 5_000_000
    extract_max_elements: int = 25_000
    extract_max_text_chars: int = 200_000
    extract_page_time_limit: float = 10.0
    # Trouble of a page's own (its exception, a worker lost while reading it) it may meet before it
    # is failed; a page over the time limit is failed when it is over it twice read alone.
    extract_max_attempts: int = 3
    # A page failed by a passing fault (workers lost while reading it) is tried again after this
    # many seconds, doubling each time it fails so, at most extract_retry_max_seconds.
    extract_retry_seconds: int = 300
    extract_retry_max_seconds: int = 86_400
    # Pages per worker message: a batch shares one message, one claim and one recording transaction.
    extract_batch_size: int = 16
    task_time_limit: int = 120
    sweep_interval_seconds: int = 30
    # A pending document older than this is considered lost in the broker and re-enqueued.
    sweep_grace_seconds: int = 60

    log_level: str = "INFO"

    @property
    def extract_claim_seconds(self) -> int:
        """How long a worker's claim on the pages of its batch lasts: longer than the task's hard
        time limit, so the sweep never re-sends a page a live task holds."""
        return self.task_time_limit + 15

    @property
    def user_agent_header(self) -> str:
        return f"{self.user_agent} (+{self.contact_url})"


@lru_cache
def get_settings() -> Settings:
    return Settings()
