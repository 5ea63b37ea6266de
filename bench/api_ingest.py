"""GET /awards under ingestion: the request of bench/api.py (50 a page, two filters, each from a
different cursor, CONCURRENCY at a time) at SIZE awards bulk-loaded by SQL, measured three times
in one run: with nothing else going on, while one Celery worker (concurrency 1) records
announcement pages (five new awards each) that a feeder process keeps storing and queueing (as
the fetcher would: new URLs, a batch at a time, a few waiting), and with nothing going on again.

Everything shares the machine's 2 cores: the worker's CPU is taken from what the API and
PostgreSQL had, which is the point of the figure. Beside each figure, the CPU seconds per second
the API process and the ingestion (worker and feeder) had, and the API's CPU per request: a
per-request cost that stays the same under ingestion while the API's share falls says the
difference is CPU contention, not waiting on the writer (measured: no lock waits on the /awards
statement, the same plan and about 0.5 ms of execution either way)."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import text

from bench.api import CONCURRENCY, measure, populate, serve
from bench.common import ROOT, heading, row
from bench.fetch import free_port
from bench.pipeline import group_cpu_seconds, start_worker
from bench.servers import servers


FIRST = ["Riverside", "Harbour", "Moorland", "Valley", "Hillside", "Meadow", "Northgate", "Saltmarsh", "Beacon",
         "Oakfield", "Brookside", "Westcliff"]
SECOND = ["Youth", "Arts", "Heritage", "Wellbeing", "Music", "Garden", "Sports", "Literacy", "Carers", "Food"]
THIRD = ["Trust", "Collective", "Network", "Project", "Society", "Partnership", "Alliance", "Foundation"]
TOWNS = ["Whitby", "Scarborough", "Redcar", "Hartlepool", "Filey", "Bridlington"]


def announcement(i: int, awards: int = 5) -> bytes:
    """Page i: a funder's announcement of `awards` grants, each to a recipient of its own (names
    repeat after some hundreds of pages, as recipients come back) and an amount of its own."""
    lines = []
    for j in range(i * awards, (i + 1) * awards):
        name = f"{FIRST[j % 12]} {SECOND[j // 12 % 10]} {THIRD[j // 120 % 8]}"
        lines.append(f"<p>The Coastal Communities Fund has awarded &pound;{10_000 + 37 * j:,} to {name} for a "
                     f"two-year programme in {TOWNS[j % 6]}.</p>")
    title = f"Coastal Communities Fund: {awards} grants (round {i})"
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{''.join(lines)}"
            "</article></body></html>").encode()


def feed(batch: int = 4, waiting: int = 8) -> None:
    """Store announcement pages under new URLs and queue them, keeping about `waiting` unread; until killed."""
    from services.fetcher.http import FetchResult
    from services.fetcher.store import store_page
    from shared.db import get_engine
    from shared.messages import send_extract

    i = 0
    while True:
        with get_engine().connect() as conn:
            pending = conn.execute(text("SELECT count(*) FROM documents WHERE status = 'pending'")).scalar_one()
        if pending >= waiting:
            time.sleep(0.05)
            continue
        ids = []
        for _ in range(batch):
            ids.append(store_page(None, FetchResult(url=f"http://ingest.test/round-{i}.html", status=200,
                                                    body=announcement(i), content_type="text/html; charset=utf-8"),
                                  enqueue=False))
            i += 1
        send_extract([d for d in ids if d is not None])


def recorded() -> int:
    from shared.db import get_engine

    with get_engine().connect() as conn:
        return conn.execute(text("SELECT count(*) FROM documents WHERE status <> 'pending'")).scalar_one()


def outcomes() -> str:
    from shared.db import get_engine

    with get_engine().connect() as conn:
        return ", ".join(f"{n} {status}" for status, n in conn.execute(text(
            "SELECT status, count(*) FROM documents GROUP BY status ORDER BY 2 DESC")))


def timed(base: str, paths: list[str], api: subprocess.Popen, groups: tuple[int, ...] = ()) -> dict[str, float]:
    """bench.api.measure, with the CPU seconds the API process and the ingestion process groups used."""
    import psutil

    def api_cpu() -> float:
        t = psutil.Process(api.pid).cpu_times()
        return t.user + t.system

    a0, i0, w0 = api_cpu(), sum(group_cpu_seconds(g) for g in groups), time.perf_counter()
    r = measure(base, paths)
    wall = time.perf_counter() - w0
    r["api_cpu"] = (api_cpu() - a0) / wall
    r["ingest_cpu"] = (sum(group_cpu_seconds(g) for g in groups) - i0) / wall
    r["api_ms_per_request"] = (api_cpu() - a0) / len(paths) * 1000
    r["load"] = os.getloadavg()[0]   # the machine is shared: what else ran shows here
    return r


def run(min_seconds: float = 2.0, quick: bool = False) -> dict[str, float]:
    size = 20_000 if quick else int(os.environ.get("FUNDWATCH_BENCH_AWARDS", 1_000_000))
    n = 300 if quick else max(3000, int(1500 * min_seconds))
    heading(f"API under ingestion: GET /awards at {size:,} awards, {CONCURRENCY} concurrent, "
            "with and without a worker recording pages")
    with servers(redis=True):
        from services.api import pagination
        from shared.db import get_engine

        t = time.perf_counter()
        populate(size)
        with get_engine().begin() as conn:    # the bulk load chose ids: the pipeline's own start after them
            for table in ("awards", "announcements"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"))
        row(f"awards stored: {size:,}", f"(bulk SQL in {time.perf_counter() - t:.0f} s)")
        step = max(1, size // n)
        paths = [f"/awards?currency=GBP&min_amount=100000&limit=50&cursor={pagination.encode(i * step)}" for i in range(n)]
        data = Path(os.environ["FUNDWATCH_DATA_DIR"])
        data.mkdir(parents=True, exist_ok=True)
        api_port = free_port()
        api = serve(["services.api.app:app"], api_port)
        base = f"http://127.0.0.1:{api_port}"
        worker = feeder = None
        try:
            idle = [timed(base, paths, api)]
            worker = start_worker(data / "worker.log")
            feeder = subprocess.Popen([sys.executable, "-c", "import bench.api_ingest as b; b.feed()"], cwd=ROOT,
                                      start_new_session=True)
            before, t0 = recorded(), time.perf_counter()
            while recorded() - before < 3 and time.perf_counter() - t0 < 120:   # ingestion under way first
                time.sleep(0.2)
            before, t0 = recorded(), time.perf_counter()
            busy = timed(base, paths, api, (worker.pid, feeder.pid))
            pages_per_s = (recorded() - before) / (time.perf_counter() - t0)
            read = outcomes()
        finally:
            for proc in (feeder, worker):
                if proc is not None:
                    os.killpg(proc.pid, 15)
                    proc.wait(30)
        try:
            idle.append(timed(base, paths, api))
        finally:
            api.terminate()
            api.wait(10)
    quiet = min(idle, key=lambda r: r["p99"])
    for label, r in (("without ingestion (before)", idle[0]), ("while a worker records pages", busy),
                     ("without ingestion (after)", idle[1])):
        row(f"  GET /awards p50 / p99, {label}", f"{r['p50']:.1f} / {r['p99']:.1f} ms",
            f"{r['rps']:,.0f} req/s" + ("" if r is not busy else
                                        f"; p99 {r['p99'] / quiet['p99']:.2f} x without (target p99 < 50 ms)"))
        row("    CPU s/s: API / ingestion; API CPU per request", f"{r['api_cpu']:.2f} / {r['ingest_cpu']:.2f}",
            f"{r['api_ms_per_request']:.2f} ms; load average {r['load']:.1f}")
    row("  pages recorded while measured", f"{pages_per_s:.1f} pages/s", f"(one worker, concurrency 1; pages by then: {read})")
    return {"p99_idle": quiet["p99"], "p99_busy": busy["p99"], "pages_per_s": pages_per_s}
