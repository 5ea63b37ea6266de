"""Two fetcher instances on the same sources at the same time, both polling: each page is fetched
once per change (sources are leased in PostgreSQL with FOR UPDATE SKIP LOCKED)."""
from __future__ import annotations

import asyncio
import threading
import time
from collections import Counter

import pytest
from sqlalchemy import text

from shared import sources
from services.fetcher.service import Fetcher
from shared.settings import get_settings
from tests.feeds import rss
from tests.httpserver import TestServer

pytestmark = pytest.mark.slow


class Site:
    """Pages whose content can change; counts full (200) responses per page."""

    def __init__(self, server: TestServer, n_sources: int, pages: int):
        self.server, self.version, self.full = server, {}, Counter()
        self.lock = threading.Lock()
        for s in range(n_sources):
            items = []
            for p in range(pages):
                path = f"/s{s}/p{p}.html"
                self.version[path] = 1
                server.routes[path] = self.handler(path)
                items.append((path, server.url(path)))
            feed = rss(items)
            server.routes[f"/s{s}/feed.xml"] = lambda h, feed=feed: self.reply(h, feed, "application/rss+xml", '"feed"')

    def handler(self, path: str):
        def serve(h) -> None:
            time.sleep(0.02)  # slow enough for two fetchers to overlap
            body = f"<html><body><p>Page {path} version {self.version[path]}: Harbour Arts has been awarded " \
                   f"£40,000.</p></body></html>".encode()
            self.reply(h, body, "text/html", f'"{path}-{self.version[path]}"', path)
        return serve

    def reply(self, h, body: bytes, ctype: str, etag: str, path: str | None = None) -> None:
        if h.headers.get("If-None-Match") == etag:
            h.send_response(304)
            h.send_header("ETag", etag)
            h.send_header("Content-Length", "0")
            h.end_headers()
            return
        if path:
            with self.lock:
                self.full[path] += 1
        h.send_response(200)
        h.send_header("Content-Type", ctype)
        h.send_header("ETag", etag)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)


def poll_with_two_fetchers() -> list[int]:
    """Both fetchers poll, two sources a lease, until none is due; returns how many each polled,
    having checked that they were polling at the same time."""
    settings = get_settings().model_copy(update={"fetch_host_interval": 0.0, "fetch_per_host_concurrency": 8,
                                                 "fetch_sources_per_lease": 2})
    polled = [0, 0]
    spans: list[tuple[float, float]] = [(0.0, 0.0), (0.0, 0.0)]
    start = threading.Barrier(2)

    def run(i: int) -> None:
        async def go() -> None:
            fetcher = Fetcher(settings, owner=f"fetcher-{i}")
            try:
                start.wait()
                began = time.monotonic()
                while n := await fetcher.poll_due():
                    polled[i] += n
                spans[i] = (began, time.monotonic())
            finally:
                await fetcher.aclose()
        asyncio.run(go())

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert min(polled) >= 1, polled                       # each fetcher polled sources of its own
    (a0, a1), (b0, b1) = spans
    assert max(a0, b0) < min(a1, b1), spans               # and they were polling at the same time
    return polled


def test_two_fetchers_fetch_each_page_once_per_change(db, redis_client):
    with TestServer() as server:
        site = Site(server, n_sources=6, pages=5)
        for s in range(6):
            sources.upsert(sources.SourceSpec(name=f"source {s}", kind="feed", url=server.url(f"/s{s}/feed.xml")),
                           trusted=True)
        polled = poll_with_two_fetchers()
        assert sum(polled) == 6                       # every source polled, by one fetcher or the other
        assert set(site.full.values()) == {1} and len(site.full) == 30

        changed = ["/s0/p0.html", "/s3/p4.html"]
        for path in changed:
            site.version[path] += 1
        with db.begin() as conn:
            conn.execute(text("UPDATE sources SET next_due_at = now() - interval '1 second'"))
        polled = poll_with_two_fetchers()
        assert sum(polled) == 6
        assert {p: n for p, n in site.full.items() if n != 1} == {p: 2 for p in changed}


def test_a_fetcher_works_through_a_backlog_without_waiting_a_tick_per_lease(db, redis_client, tmp_path):
    """More sources due than one lease takes: the fetcher goes on at once after a full lease, so the
    backlog takes the fetcher's time, not a tick per lease."""
    with TestServer() as server:
        Site(server, n_sources=7, pages=1)
        listing = "\n".join(f"  - name: backlog {s}\n    kind: page\n    url: {server.url(f'/s{s}/p0.html')}"
                            for s in range(7))
        (tmp_path / "sources.yaml").write_text(f"sources:\n{listing}\n")
        settings = get_settings().model_copy(update={
            "fetch_host_interval": 0.0, "fetch_per_host_concurrency": 8, "fetch_sources_per_lease": 2,
            "fetcher_tick_seconds": 30.0, "sources_file": tmp_path / "sources.yaml"})

        def polled() -> int:
            with db.connect() as conn:
                return conn.execute(text("SELECT count(*) FROM sources WHERE name LIKE 'backlog %'"
                                         " AND last_success_at IS NOT NULL")).scalar_one()

        async def go() -> float:
            fetcher, stop = Fetcher(settings, owner="backlog"), asyncio.Event()
            began = time.monotonic()
            running = asyncio.create_task(fetcher.run_forever(stop))
            while polled() < 7 and time.monotonic() - began < 20:
                await asyncio.sleep(0.2)
            took = time.monotonic() - began
            stop.set()
            await running
            await fetcher.aclose()
            return took

        took = asyncio.run(go())
        assert polled() == 7
        assert took < settings.fetcher_tick_seconds     # four leases of two, with no 30 s tick between them
