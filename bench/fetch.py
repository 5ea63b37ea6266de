"""Fetching throughput at concurrency 50 from a local server (an aiohttp app in its own process):
fundwatch's HttpFetcher (httpx API over its aiohttp transport, with timeouts, size limits,
robots.txt and per-host slots) against a bare httpx client and a bare aiohttp client making the
same requests in the same run. fundwatch counts every request (shared.metrics): its figure sends a
run's counts to Redis in one round trip at the end, as a polling round does; the row below it
makes a Redis call per request instead, the cost that batching avoids."""
from __future__ import annotations

import asyncio
import socket
import statistics
import subprocess
import sys
import textwrap
import time

import aiohttp
import httpx

from bench.common import heading, own_heap, row, wait_for_port
from bench.servers import servers

CONCURRENCY = 50
PAGE_BYTES = 20_000

SERVER = textwrap.dedent(f"""
    import sys
    from aiohttp import web
    page = (b"<html><body>" + b"<p>Harbour Arts has been awarded a grant for the pier.</p>" * 400)[:{PAGE_BYTES}]
    async def handle(request):
        return web.Response(body=page, content_type="text/html", headers={{"ETag": '"v1"'}})
    async def robots(request):
        return web.Response(text="User-agent: *\\nAllow: /\\n")
    app = web.Application()
    app.router.add_get("/robots.txt", robots)
    app.router.add_get("/{{name}}", handle)
    web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), print=None, access_log=None)
""")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def drive(get, urls: list[str]) -> float:
    """Fetch every URL with at most CONCURRENCY in flight; returns seconds taken."""
    sem = asyncio.Semaphore(CONCURRENCY)

    async def one(url: str) -> None:
        async with sem:
            body = await get(url)
            assert len(body) == PAGE_BYTES

    started = time.perf_counter()
    await asyncio.gather(*(one(u) for u in urls))
    return time.perf_counter() - started


async def bare_aiohttp(urls: list[str]) -> float:
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=CONCURRENCY)) as session:
        async def get(url: str) -> bytes:
            async with session.get(url) as resp:
                return await resp.read()
        await drive(get, urls[:200])
        return await drive(get, urls)


async def bare_httpx(urls: list[str]) -> float:
    limits = httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)
    async with httpx.AsyncClient(limits=limits) as client:
        async def get(url: str) -> bytes:
            return (await client.get(url)).content
        await drive(get, urls[:200])
        return await drive(get, urls)


class _CountEachRequest:
    """A tally that adds every count to Redis at once: one round trip per event."""

    def count(self, event: str, amount: float = 1, **labels: object) -> None:
        from shared import metrics

        metrics.count(event, amount, **labels)


async def fundwatch(urls: list[str], each_request: bool = False) -> float:
    from services.fetcher.http import HttpFetcher
    from shared import metrics
    from shared.settings import get_settings

    settings = get_settings().model_copy(update={"fetch_per_host_concurrency": CONCURRENCY,
                                                 "fetch_concurrency": CONCURRENCY, "fetch_host_interval": 0.0})
    fetcher = HttpFetcher(settings)
    if each_request:
        fetcher.tally = _CountEachRequest()
    try:
        async def get(url: str) -> bytes:
            return (await fetcher.fetch(url, trusted=True)).body
        await drive(get, urls[:200])
        started = time.perf_counter()
        await drive(get, urls)
        if not each_request:
            sent = await asyncio.to_thread(metrics.send, fetcher.tally.take())
            assert sent, "the counters did not reach Redis"
        return time.perf_counter() - started
    finally:
        await fetcher.aclose()


async def fundwatch_each_request(urls: list[str]) -> float:
    return await fundwatch(urls, each_request=True)


def timed_run(client, urls: list[str]) -> float:
    """One client's run, none paying for what earlier benchmarks left in this process."""
    with own_heap():
        return asyncio.run(client(urls))


def run(min_seconds: float = 2.0, quick: bool = False) -> dict[str, float]:
    heading(f"fetching: {PAGE_BYTES // 1000} kB pages from a local server, {CONCURRENCY} at a time")
    port = free_port()
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(port)])
    with servers(redis=True):   # where the fetcher's counters go
        return _run(port, server, min_seconds, quick)


def _run(port: int, server: subprocess.Popen, min_seconds: float, quick: bool) -> dict[str, float]:
    try:
        wait_for_port(server, port)
        n = max(500, int(1500 * min_seconds))
        urls = [f"http://127.0.0.1:{port}/page{i}.html" for i in range(n)]
        # aiohttp and fundwatch alternate, three runs each, and each reports its median run, so
        # that neither gains from the machine's state at one moment; httpx (slow) runs once
        samples: dict[str, list[float]] = {"bare aiohttp": [], "fundwatch": []}
        for _ in range(1 if quick else 3):
            for name, client in (("bare aiohttp", bare_aiohttp), ("fundwatch", fundwatch)):
                samples[name].append(n / timed_run(client, urls))
        rates = {name: statistics.median(v) for name, v in samples.items()}
        rates["bare httpx"] = n / timed_run(bare_httpx, urls)
        rates["fundwatch, a Redis call per count"] = n / timed_run(fundwatch_each_request, urls)
    finally:
        server.terminate()
        server.wait(10)
    base = rates["bare aiohttp"]
    row("bare aiohttp client (baseline)", f"{base:,.0f} pages/s")
    row("bare httpx client", f"{rates['bare httpx']:,.0f} pages/s", f"{rates['bare httpx'] / base:.2f} x aiohttp")
    row("fundwatch HttpFetcher (httpx over aiohttp)", f"{rates['fundwatch']:,.0f} pages/s",
        f"{rates['fundwatch'] / base:.2f} x aiohttp, {rates['fundwatch'] / rates['bare httpx']:.2f} x httpx")
    each = rates["fundwatch, a Redis call per count"]
    row("  the same, a Redis call per count", f"{each:,.0f} pages/s", f"{each / rates['fundwatch']:.2f} x batched")
    return rates
