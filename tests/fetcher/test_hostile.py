"""The fetcher against a hostile HTTP server on 127.0.0.1: every case ends with its expected,
recorded outcome within its time bound, and the other sources are served all the while."""
from __future__ import annotations

import asyncio
import gzip
import time
from functools import lru_cache

import pytest
from sqlalchemy import select

from shared import sources
from services.fetcher.service import Fetcher
from shared.db import session_scope
from shared.models import Document, Source
from shared.settings import get_settings
from tests.feeds import rss
from tests.httpserver import Reply, TestServer

pytestmark = pytest.mark.slow

PAGE = (b"<html><body><p>" + b"Harbour Arts has been awarded \xc2\xa340,000 to restore a pier pavilion. " * 4
        + b"</p></body></html>")
LIMITS = dict(fetch_total_timeout=4.0, fetch_read_timeout=2.0, fetch_connect_timeout=2.0, fetch_max_bytes=2_000_000,
              fetch_retries=2, fetch_allowed_networks=["127.0.0.1/32"], fetch_host_interval=0.0,
              fetch_per_host_concurrency=16, fetch_concurrency=32, fetch_max_pages_per_poll=200)


@lru_cache
def gzip_bomb() -> bytes:
    return gzip.compress(b"\0" * 100_000_000, compresslevel=9)   # 100 MB of zeros in about 100 kB


def drip(h) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", "100000")
    h.end_headers()
    for _ in range(60):   # one byte a second
        try:
            h.wfile.write(b"<")
            h.wfile.flush()
        except OSError:
            return
        time.sleep(1)


def endless(h) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Transfer-Encoding", "chunked")
    h.end_headers()
    chunk = b"x" * 65536
    try:
        while True:
            h.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
    except OSError:
        return


def huge(h) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", str(50_000_000))
    h.end_headers()
    try:
        for _ in range(800):
            h.wfile.write(b"y" * 65536)
    except OSError:
        return


def bomb(h) -> None:
    body = gzip_bomb()
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Encoding", "gzip")
    h.send_header("Content-Length", str(len(body)))
    h.end_headers()
    try:
        h.wfile.write(body)
    except OSError:
        return


def failing_then(status: int, times: int, extra: dict[str, str] | None = None):
    calls = {"n": 0}

    def handler(h) -> None:
        calls["n"] += 1
        if calls["n"] <= times:
            h.send_response(status)
            for k, v in (extra or {}).items():
                h.send_header(k, v)
            h.send_header("Content-Length", "0")
            h.end_headers()
            return
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Content-Length", str(len(PAGE)))
        h.end_headers()
        h.wfile.write(PAGE)
    handler.calls = calls
    return handler


def redirect(to: str) -> Reply:
    return Reply(b"", 302, {"Location": to, "Content-Type": "text/html"})


# name -> (path, kind, trusted, expected outcome: "stored" or a phrase of the recorded error, seconds)
CASES = {
    "slow drip": ("/drip.html", "page", True, "timed out after 4s in total", 8),
    "endless body": ("/endless.html", "page", True, "body too large: over 2000000 bytes", 8),
    "50 MB body": ("/huge.html", "page", True, "body too large: 50000000 bytes declared", 8),
    "gzip bomb": ("/bomb.html", "page", True, "body too large: over 2000000 bytes", 8),
    "redirect loop": ("/loop.html", "page", True, "more than 5 redirects", 8),
    "redirect to cloud metadata": ("/to-metadata.html", "page", False, "169.254.169.254", 8),
    "500 then 200": ("/flaky.html", "page", True, "stored", 8),
    "429 with Retry-After": ("/busy.html", "page", True, "stored", 8),
    "PDF for HTML": ("/report.html", "page", True, "format not supported: application/pdf", 8),
    "invalid UTF-8": ("/bad-utf8.html", "page", True, "stored", 8),
    "wrong declared charset": ("/latin.html", "page", True, "stored", 8),
    "malformed feed": ("/broken-feed.xml", "feed", True, "malformed feed", 8),
    "feed of 10,000 items": ("/big-feed.xml", "feed", True, "stored", 30),
    "robots.txt disallow": ("/private/plan.html", "page", True, "disallowed by robots.txt", 8),
    "an ordinary page": ("/good.html", "page", True, "stored", 8),
}


def serve(server: TestServer) -> dict:
    r = server.routes
    r["/robots.txt"] = Reply(b"User-agent: *\nDisallow: /private/\n", 200, {"Content-Type": "text/plain"})
    r["/drip.html"], r["/endless.html"], r["/huge.html"], r["/bomb.html"] = drip, endless, huge, bomb
    r["/loop.html"] = redirect("/loop2.html")
    r["/loop2.html"] = redirect("/loop.html")
    r["/to-metadata.html"] = redirect("http://169.254.169.254/latest/meta-data/")
    flaky = r["/flaky.html"] = failing_then(500, 1)
    busy = r["/busy.html"] = failing_then(429, 1, {"Retry-After": "1"})
    r["/report.html"] = Reply(b"%PDF-1.7\n" + bytes(range(256)) * 20, 200, {"Content-Type": "application/pdf"})
    r["/bad-utf8.html"] = Reply(PAGE.replace(b"pier", b"pi\xff\xfer"), 200, {"Content-Type": "text/html; charset=utf-8"})
    r["/latin.html"] = Reply(PAGE.replace(b"pier", "café".encode()), 200,
                             {"Content-Type": "text/html; charset=iso-8859-1"})
    r["/broken-feed.xml"] = Reply(b"<rss><channel><item><<<< not a feed", 200, {"Content-Type": "application/rss+xml"})
    items = [(f"item {i}", server.url(f"/item/{i}.html")) for i in range(10_000)]
    r["/big-feed.xml"] = Reply(rss(items), 200, {"Content-Type": "application/rss+xml"})
    for i in range(10_000):
        r[f"/item/{i}.html"] = Reply(PAGE.replace(b"Harbour Arts", b"Harbour Arts %d" % i), 200,
                                     {"Content-Type": "text/html"})
    r["/private/plan.html"] = Reply(PAGE, 200, {"Content-Type": "text/html"})
    r["/good.html"] = Reply(PAGE.replace(b"Harbour", b"Quayside"), 200, {"Content-Type": "text/html"})
    return {"flaky": flaky, "busy": busy}


def test_hostile_server_cases_end_with_their_recorded_outcome(db, redis_client):
    settings = get_settings().model_copy(update=LIMITS)
    gzip_bomb()  # built before the clock starts
    with TestServer() as server:
        handlers = serve(server)
        for name, (path, kind, trusted, _, _) in CASES.items():
            sources.upsert(sources.SourceSpec(name=name, kind=kind, url=server.url(path), interval_seconds=3600),
                           trusted=trusted)

        async def poll() -> dict[str, float]:
            fetcher = Fetcher(settings, owner="hostile-test")
            done: dict[str, float] = {}
            started = time.monotonic()
            original = fetcher.poll

            async def timed(src):
                try:
                    return await original(src)
                finally:
                    done[src.name] = time.monotonic() - started
            fetcher.poll = timed
            try:
                assert await fetcher.poll_due() == len(CASES)
            finally:
                await fetcher.aclose()
            return done

        took = asyncio.run(poll())

    with session_scope() as s:
        state = {src.name: src for src in s.scalars(select(Source))}
        stored = set(s.scalars(select(Document.url)))
    for name, (path, kind, _, expected, bound) in CASES.items():
        src = state[name]
        assert took[name] < bound, f"{name}: took {took[name]:.1f}s (bound {bound}s)"
        if expected == "stored":
            assert src.last_success_at is not None and src.consecutive_failures == 0, f"{name}: {src.last_error}"
            if kind == "page":
                assert server.url(path) in stored, name
        else:
            assert src.consecutive_failures == 1 and expected in (src.last_error or ""), \
                f"{name}: recorded {src.last_error!r}"
    assert handlers["flaky"].calls["n"] == 2 and handlers["busy"].calls["n"] == 2
    # each source's state is visible to operators
    from fastapi.testclient import TestClient

    from services.api.app import app
    client = TestClient(app)
    listed = {x["name"]: x for x in client.get("/sources").json()}
    assert "disallowed by robots.txt" in listed["robots.txt disallow"]["last_error"]
    metrics = client.get("/metrics").text
    assert 'fundwatch_source_consecutive_failures{source="gzip bomb"} 1.0' in metrics
    assert 'fundwatch_source_last_success_timestamp_seconds{source="an ordinary page"}' in metrics
    # the long feed: one round's worth of its pages, the rest due at once for the next round
    big = state["feed of 10,000 items"]
    assert big.pages_seen == LIMITS["fetch_max_pages_per_poll"]
    assert sum(1 for u in stored if "/item/" in u) == LIMITS["fetch_max_pages_per_poll"]
