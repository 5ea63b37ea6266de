"""Test infrastructure: a real PostgreSQL and Redis (embedded unless FUNDWATCH_DATABASE_URL /
FUNDWATCH_REDIS_URL name servers), a real Celery worker, real HTTP servers on 127.0.0.1."""
from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
_state: dict = {}


def pytest_configure(config: pytest.Config) -> None:
    """Start (or point at) the servers before any fundwatch module reads its settings."""
    if "FUNDWATCH_TEST_READY" in os.environ:
        return
    from shared.embedded import EmbeddedPostgres, EmbeddedRedis

    tmp = Path(tempfile.mkdtemp(prefix="fundwatch-test-"))
    _state["tmp"] = tmp
    base_url = os.environ.get("FUNDWATCH_DATABASE_URL")
    if not base_url:
        pg = EmbeddedPostgres(tmp / "pg", database="postgres")
        base_url = pg.start()
        _state["pg"] = pg
    db_url = _fresh_database(base_url)
    if not os.environ.get("FUNDWATCH_REDIS_URL"):
        redis = EmbeddedRedis(tmp / "redis")
        os.environ["FUNDWATCH_REDIS_URL"] = redis.start()
        _state["redis"] = redis
    os.environ.update(FUNDWATCH_DATABASE_URL=db_url, FUNDWATCH_DATA_DIR=str(tmp / "var"),
                      FUNDWATCH_FETCH_HOST_INTERVAL="0", FUNDWATCH_SWEEP_GRACE_SECONDS="2",
                      FUNDWATCH_ADMIN_API_KEY="test-admin-key", FUNDWATCH_TEST_READY="1")
    from shared.migrate import upgrade

    upgrade(db_url)


def _fresh_database(base_url: str) -> str:
    """A new database per test run, so a shared server's data is never touched."""
    import psycopg

    from shared.db import sqlalchemy_url

    name = f"fundwatch_test_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(base_url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    _state["db"] = (base_url, name)
    head, _, tail = sqlalchemy_url(base_url).partition("?")
    head = head.rsplit("/", 1)[0] + "/" + name
    return head + ("?" + tail if tail else "")


def pytest_unconfigure(config: pytest.Config) -> None:
    for key in ("redis", "pg"):
        if key in _state:
            _state[key].stop()
    if "tmp" in _state:
        shutil.rmtree(_state["tmp"], ignore_errors=True)




def all_tables() -> str:
    from shared.models import Base

    return ", ".join(t.name for t in Base.metadata.sorted_tables)


def empty_database():
    from sqlalchemy import text

    from shared.db import get_engine

    with get_engine().begin() as conn:
        conn.execute(text(f"TRUNCATE {all_tables()} RESTART IDENTITY CASCADE"))
    return get_engine()


@pytest.fixture
def db():
    """A clean database for the test (tables emptied first)."""
    yield empty_database()


@pytest.fixture
def redis_client():
    import redis

    from shared.settings import get_settings

    r = redis.Redis.from_url(get_settings().redis_url)
    r.flushdb()
    yield r


def queued_batches(redis_client) -> list[list[int]]:
    """The document ids of each extraction message waiting in Redis (Celery's message protocol 2)."""
    from shared import queues

    out = []
    for raw in redis_client.lrange(queues.EXTRACT, 0, -1):
        args, _, _ = json.loads(base64.b64decode(json.loads(raw)["body"]))
        out.append(args[0])
    return out


def start_worker(concurrency: int = 2, name: str | None = None, command: str = "worker",
                 env: dict[str, str] | None = None) -> subprocess.Popen:
    """A real Celery worker process (`fundwatch worker`, or `fundwatch notifier`), returned once it
    is ready; `env`: settings of its own on top of the tests' environment."""
    log = Path(_state.get("tmp", tempfile.gettempdir())) / f"{command}-{uuid.uuid4().hex[:6]}.log"
    proc = subprocess.Popen([sys.executable, "-m", "services.cli", command, "--concurrency", str(concurrency)],
                            cwd=ROOT, stdout=open(log, "w"), stderr=subprocess.STDOUT, start_new_session=True,
                            env={**os.environ, **(env or {})})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if "ready" in log.read_text():
            return proc
        if proc.poll() is not None:
            raise RuntimeError(f"worker exited: {log.read_text()[-2000:]}")
        time.sleep(0.2)
    raise RuntimeError("worker did not become ready in 60s")


def stop_process(proc: subprocess.Popen, sig: int = 15) -> None:
    try:
        os.killpg(proc.pid, sig)
    except ProcessLookupError:
        return
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)
        proc.wait()


@pytest.fixture
def worker(db, redis_client):
    proc = start_worker()
    yield proc
    stop_process(proc)


def wait_until(predicate, timeout: float = 60.0, interval: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout}s")
