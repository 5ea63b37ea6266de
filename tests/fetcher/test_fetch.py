"""The fetcher against a real HTTP server on 127.0.0.1."""
from __future__ import annotations

import asyncio
import time

import pytest
from sqlalchemy import text

from shared import sources
from services.fetcher.http import FetchError, HttpFetcher
from shared.settings import get_settings
from tests.conftest import queued_batches
from tests.feeds import poll_once, rss
from tests.httpserver import Reply, TestServer

PAGE = b"<html><body><p>" + b"Riverside Trust has been awarded \xc2\xa3250,000 for a youth club. " * 5 + b"</p></body></html>"


def poll(fetcher_owner: str = "test") -> int:
    return poll_once(owner=fetcher_owner)


def fetch(url: str, trusted: bool = True, **kw):
    async def go():
        h = HttpFetcher(get_settings())
        try:
            return await h.fetch(url, trusted=trusted, **kw)
        finally:
            await h.aclose()
    return asyncio.run(go())


def count(db, sql: str) -> int:
    with db.connect() as conn:
        return conn.execute(text(sql)).scalar_one()


def make_due(db) -> None:
    with db.begin() as conn:
        conn.execute(text("UPDATE sources SET next_due_at = now() - interval '1 second'"))


def test_second_poll_of_unchanged_source_is_conditional_and_stores_nothing(db, redis_client):
    with TestServer() as server:
        server.routes["/a.html"] = Reply(PAGE, 200, {"Content-Type": "text/html", "ETag": '"a1"'})
        server.routes["/feed.xml"] = Reply(rss([("a", server.url("/a.html"))]), 200,
                                           {"Content-Type": "application/rss+xml", "ETag": '"f1"'})
        sources.upsert(sources.SourceSpec(name="s", kind="feed", url=server.url("/feed.xml")), trusted=True)
        assert poll() == 1
        assert count(db, "SELECT count(*) FROM documents") == 1
        assert redis_client.llen("extract") == 1
        redis_client.delete("extract")
        before = len(server.requests)
        make_due(db)
        assert poll() == 1
        later = [(p, h) for p, h in server.requests[before:] if p != "/robots.txt"]
        assert later and all("if-none-match" in {k.lower() for k in h} for _, h in later)
        assert redis_client.llen("extract") == 0
        assert count(db, "SELECT count(*) FROM documents") == 1


def test_new_pages_of_a_poll_go_to_the_workers_in_batches(db, redis_client):
    with TestServer() as server:
        items = []
        for i in range(20):
            server.routes[f"/n{i}.html"] = Reply(PAGE.replace(b"Riverside", f"Riverside {i}".encode()), 200,
                                                 {"Content-Type": "text/html"})
            items.append((f"n{i}", server.url(f"/n{i}.html")))
        server.routes["/feed.xml"] = Reply(rss(items), 200, {"Content-Type": "application/rss+xml"})
        sources.upsert(sources.SourceSpec(name="many", kind="feed", url=server.url("/feed.xml")), trusted=True)
        assert poll() == 1
    with db.connect() as conn:
        stored = sorted(conn.execute(text("SELECT id FROM documents")).scalars())
    batches = queued_batches(redis_client)
    size = get_settings().extract_batch_size
    assert len(stored) == 20 and sorted(i for b in batches for i in b) == stored   # every page, once
    assert sorted(len(b) for b in batches) == [20 - size, size]


def test_changed_page_is_stored_again(db, redis_client):
    with TestServer() as server:
        server.routes["/p"] = Reply(PAGE, 200, {"Content-Type": "text/html", "ETag": '"v1"'})
        sources.upsert(sources.SourceSpec(name="p", kind="page", url=server.url("/p")), trusted=True)
        poll()
        server.routes["/p"] = Reply(PAGE.replace(b"250,000", b"260,000"), 200,
                                    {"Content-Type": "text/html", "ETag": '"v2"'})
        make_due(db)
        poll()
        assert count(db, "SELECT count(*) FROM documents") == 1
        assert redis_client.llen("extract") == 2


def test_robots_disallow_is_recorded(db):
    with TestServer() as server:
        server.routes["/robots.txt"] = Reply(b"User-agent: *\nDisallow: /private/\n", 200, {"Content-Type": "text/plain"})
        server.routes["/private/p"] = Reply(PAGE)
        sources.upsert(sources.SourceSpec(name="r", kind="page", url=server.url("/private/p")), trusted=True)
        poll()
        assert "/private/p" not in server.hits
        with db.connect() as conn:
            err, fails = conn.execute(text("SELECT last_error, consecutive_failures FROM sources")).one()
        assert "robots.txt" in err and fails == 1


def test_an_unsupported_format_is_refused_as_such():
    with TestServer() as server:
        server.routes["/doc.pdf"] = Reply(b"%PDF-1.7 ...", 200, {"Content-Type": "application/pdf"})
        with pytest.raises(FetchError, match="format not supported: application/pdf"):
            fetch(server.url("/doc.pdf"))


def test_redirect_loop_is_bounded():
    with TestServer() as server:
        server.routes["/loop"] = Reply(b"", 302, {"Location": "/loop"})
        with pytest.raises(FetchError, match="more than 5 redirects"):
            fetch(server.url("/loop"))


@pytest.mark.parametrize("host", ["127.0.0.1", "2130706433", "0x7f000001", "169.254.169.254", "10.0.0.1"])
def test_untrusted_source_cannot_reach_private_addresses(host):
    with pytest.raises(FetchError, match="blocked address"):
        fetch(f"http://{host}:9/x", trusted=False, check_robots=False)


def test_untrusted_redirect_to_metadata_address_is_blocked():
    # A trusted server redirecting an untrusted fetch: checked on the hop, before any connection.
    with pytest.raises(FetchError, match="blocked address"):
        fetch("http://169.254.169.254/latest/meta-data/", trusted=False)


def test_one_failing_source_does_not_stop_the_others(db):
    with TestServer() as server:
        server.routes["/ok"] = Reply(PAGE)
        sources.upsert(sources.SourceSpec(name="dead", kind="page", url="http://127.0.0.1:9/x"), trusted=True)
        sources.upsert(sources.SourceSpec(name="ok", kind="page", url=server.url("/ok")), trusted=True)
        assert poll() == 2
        with db.connect() as conn:
            rows = dict(conn.execute(text("SELECT name, consecutive_failures FROM sources")).all())
        assert rows == {"dead": 1, "ok": 0}
        assert count(db, "SELECT count(*) FROM documents") == 1


def test_a_robots_txt_outlasting_the_deadline_is_not_taken_for_a_refusal():
    """Running out of time while reading robots.txt says nothing about the host: the fetch times
    out, and the next fetch asks for robots.txt again rather than treating the host as closed."""
    settings = get_settings().model_copy(update={"fetch_total_timeout": 1.0, "fetch_read_timeout": 5.0})
    slow = {"on": True}

    def robots(handler) -> None:
        if slow["on"]:
            handler.send_response(200)
            handler.send_header("Content-Type", "text/plain")
            handler.send_header("Content-Length", "100")
            handler.end_headers()
            handler.wfile.write(b"User-agent: *\n")
            handler.wfile.flush()
            time.sleep(2)   # the rest never comes within the deadline
            return
        body = b"User-agent: *\nAllow: /\n"
        handler.send_response(200)
        handler.send_header("Content-Type", "text/plain")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    async def go(url: str):
        h = HttpFetcher(settings)
        try:
            with pytest.raises(FetchError, match="timed out after 1s in total"):
                await h.fetch(url, trusted=True)
            slow["on"] = False
            return await h.fetch(url, trusted=True)
        finally:
            await h.aclose()

    with TestServer() as server:
        server.routes["/robots.txt"] = robots
        server.routes["/news.html"] = Reply(PAGE)
        result = asyncio.run(go(server.url("/news.html")))
    assert result.status == 200 and result.body == PAGE
    assert server.hits["/robots.txt"] == 2


def test_polls_reaching_a_host_together_ask_its_robots_txt_once(db, redis_client):
    with TestServer() as server:
        server.routes["/robots.txt"] = Reply(b"User-agent: *\nDisallow: /private/\n", 200, {"Content-Type": "text/plain"})
        for i in range(12):
            server.routes[f"/p{i}.html"] = Reply(PAGE.replace(b"Riverside", f"Riverside {i}".encode()), 200,
                                                 {"Content-Type": "text/html"})
            sources.upsert(sources.SourceSpec(name=f"p{i}", kind="page", url=server.url(f"/p{i}.html")), trusted=True)
        sources.upsert(sources.SourceSpec(name="private", kind="page", url=server.url("/private/x.html")), trusted=True)
        assert poll() == 13
    assert server.hits["/robots.txt"] == 1
    assert count(db, "SELECT count(*) FROM documents") == 12
    assert count(db, "SELECT count(*) FROM sources WHERE last_error LIKE '%robots.txt%'") == 1
