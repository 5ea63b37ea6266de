"""GET /awards (50 a page, two filters) at 100,000 and 1,000,000 stored awards: p50 and p99 latency
and requests/s at concurrency 32, next to a FastAPI endpoint answering a constant JSON document,
served the same way (uvicorn, one process) in the same run.

The awards are synthetic (bulk SQL), spread over 200 announcements, 20 funders, three currencies
and amounts from £1,000 to £10m. The listed request is
`/awards?currency=GBP&min_amount=100000&limit=50`, each request from a different cursor, so pages
are read all through the table rather than served from one warm spot."""
from __future__ import annotations

import asyncio
import os
import socket
import statistics
import subprocess
import sys
import textwrap
import time

import aiohttp
from sqlalchemy import text

from bench.common import ROOT, heading, own_heap, row, wait_for_port
from bench.servers import servers

CONCURRENCY = 32
CONSTANT_APP = textwrap.dedent("""
    from fastapi import FastAPI
    app = FastAPI()
    DOC = {"items": [{"id": i, "recipient": "Harbour Arts", "amount": 40000.0, "currency": "GBP"} for i in range(50)],
           "next_cursor": "50"}
    @app.get("/constant")
    def constant():
        return DOC
""")


def populate(upto: int, start: int = 0) -> None:
    from shared.db import get_engine

    steps = [
        """INSERT INTO announcements (id, key, funder, created_at, updated_at)
           SELECT j, 'bench:' || j, 'Funder ' || (j % 20), now(), now() FROM generate_series(0, 199) AS j
           ON CONFLICT DO NOTHING""",
        """INSERT INTO awards (id, announcement_id, recipient_key, recipient, amount, currency, approximate, funder,
                             programme, partners, locations, choices, awarded_on, created_at, updated_at)
           SELECT i, i % 200, 'org ' || i, 'Organisation ' || i, 1000 + (i::bigint * 7919 % 10000000),
                  (ARRAY['GBP', 'GBP', 'GBP', 'EUR', 'USD'])[1 + i % 5], false, 'Funder ' || (i % 20),
                  'Programme ' || (i % 50), '[]', CAST('["Place ' || (i % 300) || '"]' AS jsonb), '{}',
                  DATE '2025-01-01' - (i % 3000), now(), now()
           FROM generate_series(CAST(:lo AS int), CAST(:hi AS int)) AS i""",
    ]
    with get_engine().begin() as conn:
        for sql in steps:
            conn.execute(text(sql), {"lo": start + 1, "hi": upto})
    with get_engine().connect() as conn:
        conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        conn.execute(text("VACUUM ANALYZE awards"))
        conn.execute(text("CHECKPOINT"))   # the bulk load's writes flushed before anything is timed


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(args: list[str], port: int) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", *args, "--host", "127.0.0.1", "--port", str(port),
                             "--log-level", "warning"], cwd=ROOT, env=os.environ.copy())
    return wait_for_port(proc, port, timeout=30)


async def load(urls: list[str]) -> tuple[list[float], float]:
    """Latencies of every request and the wall time, CONCURRENCY at a time."""
    sem = asyncio.Semaphore(CONCURRENCY)
    latencies: list[float] = []
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=CONCURRENCY)) as session:
        async def one(url: str) -> None:
            async with sem:
                t = time.perf_counter()
                async with session.get(url) as resp:
                    await resp.read()
                    assert resp.status == 200, resp.status
                latencies.append(time.perf_counter() - t)
        for u in urls[:100]:                      # warm-up
            await one(u)
        latencies.clear()
        started = time.perf_counter()
        await asyncio.gather(*(one(u) for u in urls))
        return latencies, time.perf_counter() - started


def measure(base: str, paths: list[str]) -> dict[str, float]:
    # the load generator's own collector stays out of the figures: one full pass over what earlier
    # benchmarks left would stall every request in flight
    with own_heap(collect=False):
        latencies, wall = asyncio.run(load([base + p for p in paths]))
    latencies.sort()
    return {"p50": statistics.median(latencies) * 1000, "p99": latencies[int(len(latencies) * 0.99) - 1] * 1000,
            "rps": len(latencies) / wall}


def run(min_seconds: float = 2.0, quick: bool = False) -> dict[str, float]:
    sizes = (2_000, 20_000) if quick else (100_000, 1_000_000)
    n = 300 if quick else max(2000, int(1500 * min_seconds))
    heading(f"API: GET /awards (50 a page, two filters), {CONCURRENCY} concurrent, against a constant-JSON endpoint")
    results = {}
    with servers():
        from services.api import pagination

        const_port = free_port()
        const_file = ROOT / "var" / "bench_constant_app.py"
        const_file.parent.mkdir(exist_ok=True)
        const_file.write_text(CONSTANT_APP)
        constant = serve(["--app-dir", str(const_file.parent), "bench_constant_app:app"], const_port)
        stored = 0
        try:
            for size in sizes:
                t = time.perf_counter()
                populate(size, stored)
                stored = size
                api_port = free_port()
                api = serve(["services.api.app:app"], api_port)
                try:
                    step = max(1, size // n)
                    paths = [f"/awards?currency=GBP&min_amount=100000&limit=50&cursor={pagination.encode(i * step)}"
                             for i in range(n)]
                    ours = measure(f"http://127.0.0.1:{api_port}", paths)
                    const = measure(f"http://127.0.0.1:{const_port}", ["/constant"] * n)
                finally:
                    api.terminate()
                    api.wait(10)
                row(f"awards stored: {size:,}", f"(filled in {time.perf_counter() - t:.0f} s)")
                row("  GET /awards p50 / p99", f"{ours['p50']:.1f} / {ours['p99']:.1f} ms", "(target p99 < 50 ms)")
                row("  GET /awards requests/s", f"{ours['rps']:,.0f}",
                    f"{ours['rps'] / const['rps']:.2f} x constant JSON ({const['rps']:,.0f}/s, "
                    f"p99 {const['p99']:.1f} ms)")
                results[size] = ours["rps"] / const["rps"]
        finally:
            constant.terminate()
            constant.wait(10)
            const_file.unlink(missing_ok=True)
    return {f"ratio_at_{k}": v for k, v in results.items()}
