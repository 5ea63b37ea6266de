"""End to end on one worker core: raw HTML stored in PostgreSQL, the ids queued on Redis in batches
as the fetcher hands them on (FUNDWATCH_EXTRACT_BATCH_SIZE per message), one Celery worker process
(concurrency 1) extracting and consolidating them, records stored; against
trafilatura's bare_extraction with metadata alone on the same pages, in the same run and the
same rounds (one pass of the baseline after each batch).

Worker throughput is reported two ways: pages per second of wall time, and pages per second of
the worker's own CPU time (its processes' user+system time, read from /proc), which is what one
core given to workers yields while PostgreSQL and Redis run on their own."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import trafilatura

from bench.common import ROOT, corpus_pages, heading, own_heap, row
from bench.servers import servers

TICK = os.sysconf("SC_CLK_TCK")


def group_cpu_seconds(pgid: int) -> float:
    """User+system CPU seconds of every live process in a process group."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:          # field 5 of /proc/PID/stat: process group
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICK


def start_worker(log: Path) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "services.cli", "worker", "--concurrency", "1"], cwd=ROOT,
                            stdout=open(log, "w"), stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 60
    while "ready" not in log.read_text():
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"worker did not start: {log.read_text()[-2000:]}")
        time.sleep(0.1)
    return proc


def one_round(pages, pgid: int) -> tuple[float, float]:
    """Empty the store and store the pages (untimed); then queue their ids and wait until all are
    read. Returns (wall seconds, worker CPU seconds) of the timed part."""
    from sqlalchemy import text

    from services.fetcher.http import FetchResult
    from services.fetcher.store import store_page
    from shared.db import get_engine
    from shared.messages import send_extract
    from shared.models import Base

    with get_engine().begin() as conn:
        tables = ", ".join(t.name for t in Base.metadata.sorted_tables)
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    ids = [store_page(None, FetchResult(url=f"http://bench.test/{p.name}", status=200, body=raw,
                                        content_type="text/html; charset=utf-8"), enqueue=False) for p, raw in pages]
    cpu0, wall0 = group_cpu_seconds(pgid), time.perf_counter()
    send_extract(ids)
    with get_engine().connect() as conn:
        while conn.execute(text("SELECT count(*) FROM documents WHERE status = 'pending'")).scalar_one():
            conn.commit()
            time.sleep(0.002)
    return time.perf_counter() - wall0, group_cpu_seconds(pgid) - cpu0


def run(min_seconds: float = 2.0, quick: bool = False) -> dict[str, float]:
    pages = corpus_pages()
    heading(f"end to end: {len(pages)} corpus HTML pages through one worker process (concurrency 1)")
    texts = [raw.decode("utf-8", "replace") for _, raw in pages]

    def bare() -> float:
        started = time.perf_counter()
        for html in texts:
            trafilatura.bare_extraction(html, with_metadata=True)
        return time.perf_counter() - started

    with servers(redis=True):
        log = Path(os.environ["FUNDWATCH_DATA_DIR"]) / "bench-worker.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        worker = start_worker(log)
        try:
            one_round(pages, worker.pid)          # warm-up: imports, caches, prepared plans
            bare()
            # The baseline is timed in the same rounds, between the worker's batches (the worker
            # idle meanwhile), so that both see the machine in the same state; its heap is that of
            # this process, frozen out of the collector as in the other benchmarks.
            rounds, wall, cpu, t_bare = 0, 0.0, 0.0, 0.0
            with own_heap():
                while wall < min_seconds or t_bare < min_seconds or rounds < 2:
                    w, c = one_round(pages, worker.pid)
                    wall, cpu, rounds = wall + w, cpu + c, rounds + 1
                    t_bare += bare()
        finally:
            os.killpg(worker.pid, 15)
            worker.wait(30)
    done = rounds * len(pages)
    base = done / t_bare
    row("trafilatura bare_extraction, metadata (baseline)", f"{base:,.1f} pages/s")
    row("fundwatch end to end, per worker CPU second", f"{done / cpu:,.1f} pages/s", f"{done / cpu / base:.2f} x baseline")
    row("fundwatch end to end, wall clock (1 process)", f"{done / wall:,.1f} pages/s", f"{done / wall / base:.2f} x baseline")
    return {"baseline": base, "per_cpu": done / cpu, "wall": done / wall}
