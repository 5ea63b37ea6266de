"""Embedded PostgreSQL and Redis for a benchmark run, in a temporary directory, so a benchmark
never touches the data of `make run`."""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def servers(redis: bool = False) -> Iterator[str]:
    """Start the servers, point fundwatch's settings at them, migrate; yields the database URL."""
    from shared.embedded import EmbeddedPostgres, EmbeddedRedis

    tmp = Path(tempfile.mkdtemp(prefix="fundwatch-bench-"))
    pg = EmbeddedPostgres(tmp / "pg", database="fundwatch_bench")
    rd = EmbeddedRedis(tmp / "redis") if redis else None
    try:
        url = pg.start()
        os.environ["FUNDWATCH_DATABASE_URL"] = url
        os.environ["FUNDWATCH_DATA_DIR"] = str(tmp / "var")
        if rd is not None:
            os.environ["FUNDWATCH_REDIS_URL"] = rd.start()
        from shared import db, metrics
        from shared.migrate import upgrade

        db.reset()
        metrics._client.cache_clear()   # counters go to this run's Redis
        upgrade(url)
        yield url
    finally:
        from shared import db

        db.reset()
        if rd is not None:
            rd.stop()
        pg.stop()
        shutil.rmtree(tmp, ignore_errors=True)
