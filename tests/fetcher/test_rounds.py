"""A polling round as PostgreSQL sees it: the lease brings what the polls need, the round's outcomes
(304s, new pages, failures) are recorded together, and a source is next due an interval after the
time it was due, not after its poll ended."""
from __future__ import annotations

import asyncio
import time

from sqlalchemy import event, text

from services.fetcher import leases
from services.fetcher.service import Fetcher
from shared import queues, sources
from tests.conftest import queued_batches
from tests.feeds import poll_once, rss
from tests.httpserver import Reply, TestServer

PAGE = b"<html><body><p>" + b"Moorland Carers were awarded \xc2\xa312,000 for a respite scheme. " * 5 + b"</p></body></html>"


def state(db, name: str):
    with db.connect() as conn:
        return conn.execute(text(
            "SELECT etag, last_error, consecutive_failures, pages_seen, last_success_at, lease_owner,"
            " extract(epoch FROM next_due_at - now()) AS due_in FROM sources WHERE name = :n"), {"n": name}).one()


def set_due(db, name: str, seconds_ago: float) -> None:
    with db.begin() as conn:
        conn.execute(text("UPDATE sources SET next_due_at = now() - make_interval(secs => :s) WHERE name = :n"),
                     {"s": seconds_ago, "n": name})


class Statements:
    """The SQL statements this process sends while counting."""

    def __init__(self, engine):
        self.engine, self.sent = engine, []

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._add)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self._add)

    def _add(self, conn, cursor, statement, *args):
        self.sent.append(" ".join(statement.split()))


def serve_mix(server: TestServer) -> None:
    """An unchanged feed (its page too), a feed with a new item, a page that is gone, a page robots.txt forbids."""
    r = server.routes
    r["/robots.txt"] = Reply(b"User-agent: *\nDisallow: /private/\n", 200, {"Content-Type": "text/plain"})
    r["/old.html"] = Reply(PAGE, 200, {"Content-Type": "text/html", "ETag": '"old"'})
    r["/same.xml"] = Reply(rss([("old", server.url("/old.html"))]), 200,
                           {"Content-Type": "application/rss+xml", "ETag": '"same-1"'})
    r["/a1.html"] = Reply(PAGE.replace(b"Moorland", b"Harbour"), 200, {"Content-Type": "text/html", "ETag": '"a1"'})
    r["/growing.xml"] = Reply(rss([("a1", server.url("/a1.html"))]), 200,
                              {"Content-Type": "application/rss+xml", "ETag": '"growing-1"'})
    r["/gone.html"] = Reply(PAGE.replace(b"Moorland", b"Valley"), 200, {"Content-Type": "text/html"})
    r["/private/p.html"] = Reply(PAGE)
    for name, kind, path in (("same", "feed", "/same.xml"), ("growing", "feed", "/growing.xml"),
                             ("gone", "page", "/gone.html"), ("forbidden", "page", "/private/p.html")):
        sources.upsert(sources.SourceSpec(name=name, kind=kind, url=server.url(path), interval_seconds=600),
                       trusted=True)


def test_a_round_of_304s_200s_and_failures_records_each_outcome_in_one_statement(db, redis_client):
    with TestServer() as server:
        serve_mix(server)
        assert poll_once() == 4
        first = {n: state(db, n) for n in ("same", "growing", "gone", "forbidden")}
        assert first["gone"].consecutive_failures == 0 and first["forbidden"].consecutive_failures == 1
        # the second round: one feed unchanged, one with a new item, one page gone, one still forbidden
        server.routes["/a2.html"] = Reply(PAGE.replace(b"Moorland", b"Beacon"), 200, {"Content-Type": "text/html"})
        server.routes["/growing.xml"] = Reply(rss([("a2", server.url("/a2.html")), ("a1", server.url("/a1.html"))]),
                                              200, {"Content-Type": "application/rss+xml", "ETag": '"growing-2"'})
        server.routes["/gone.html"] = Reply(b"gone", 410, {"Content-Type": "text/plain"})
        for name in first:
            set_due(db, name, 1)
        redis_client.delete(queues.EXTRACT)
        with Statements(db) as sql:
            assert poll_once() == 4
        asked = [{k.lower(): v for k, v in h.items()} for p, h in server.requests if p == "/same.xml"]
    assert len(asked) == 2 and asked[1].get("if-none-match") == '"same-1"'
    recorded = [s for s in sql.sent if s.startswith("UPDATE sources s SET")]
    assert len(recorded) == 1                                   # the four outcomes, one statement
    assert not any(s.startswith("SELECT") and "sources" in s for s in sql.sent)   # the lease brought them
    same, growing, gone, forbidden = (state(db, n) for n in ("same", "growing", "gone", "forbidden"))
    assert same.etag == '"same-1"' and same.last_error is None and same.consecutive_failures == 0
    assert same.last_success_at > first["same"].last_success_at and same.pages_seen == 2   # its page asked again
    assert growing.etag == '"growing-2"' and growing.consecutive_failures == 0 and growing.pages_seen == 3
    assert gone.consecutive_failures == 1 and "HTTP 410" in gone.last_error
    assert gone.last_success_at == first["gone"].last_success_at and gone.etag is None
    assert forbidden.consecutive_failures == 2 and "robots.txt" in forbidden.last_error
    assert all(s.lease_owner is None for s in (same, growing, gone, forbidden))
    assert 590 < same.due_in < 600 and 590 < growing.due_in < 600    # due 1 s ago: next due in 599 s
    assert 590 < gone.due_in <= 600 and 1190 < forbidden.due_in <= 1200   # failures back off: 1 x, then 2 x
    with db.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM documents")).scalar_one() == 4   # old, a1, a2, gone
        new = conn.execute(text("SELECT id FROM documents WHERE url LIKE '%/a2.html'")).scalar_one()
    assert queued_batches(redis_client) == [[new]]              # the new page went to the workers


def test_an_unchanged_source_costs_no_statement_of_its_own(db, redis_client):
    with TestServer() as server:
        for i in range(5):
            server.routes[f"/p{i}.html"] = Reply(PAGE, 200, {"Content-Type": "text/html", "ETag": f'"p{i}"'})
            server.routes[f"/f{i}.xml"] = Reply(rss([("old", server.url(f"/p{i}.html"))]), 200,
                                                {"Content-Type": "application/rss+xml", "ETag": f'"f{i}"'})
            sources.upsert(sources.SourceSpec(name=f"f{i}", kind="feed", url=server.url(f"/f{i}.xml")), trusted=True)
        server.routes["/page.html"] = Reply(PAGE, 200, {"Content-Type": "text/html", "ETag": '"page"'})
        sources.upsert(sources.SourceSpec(name="page", kind="page", url=server.url("/page.html")), trusted=True)
        assert poll_once() == 6
        before = len(server.requests)
        with db.begin() as conn:
            conn.execute(text("UPDATE sources SET next_due_at = now()"))
        with Statements(db) as sql:
            assert poll_once() == 6
        asked = [(p, h) for p, h in server.requests[before:] if p != "/robots.txt"]
    assert len(asked) == 11 and all("if-none-match" in {k.lower() for k in h} for _, h in asked)   # 5 feeds, their page each, the page
    assert len(sql.sent) == 2, sql.sent                         # the lease, and the round's record


def test_next_due_counts_from_the_previous_due_time(db, redis_client):
    with TestServer() as server:
        server.routes["/p.html"] = Reply(PAGE, 200, {"Content-Type": "text/html", "ETag": '"p"'})
        for name in ("on-time", "late", "far-behind"):
            sources.upsert(sources.SourceSpec(name=name, kind="page", url=server.url("/p.html"), interval_seconds=60),
                           trusted=True)
        set_due(db, "on-time", 0)
        set_due(db, "late", 20)         # polled 20 s late: next due 40 s from now, on its schedule
        set_due(db, "far-behind", 200)  # more than an interval behind: an interval from now
        assert poll_once() == 3
    assert 55 < state(db, "on-time").due_in <= 60
    assert 35 < state(db, "late").due_in <= 40
    assert 55 < state(db, "far-behind").due_in <= 60


def test_a_backlog_makes_the_source_due_at_once_and_asked_in_full(db, redis_client):
    from shared.settings import get_settings

    settings = get_settings().model_copy(update={"fetch_max_pages_per_poll": 2})
    with TestServer() as server:
        items = []
        for i in range(3):
            server.routes[f"/b{i}.html"] = Reply(PAGE.replace(b"Moorland", f"Brookside {i}".encode()), 200,
                                                 {"Content-Type": "text/html"})
            items.append((f"b{i}", server.url(f"/b{i}.html")))
        server.routes["/feed.xml"] = Reply(rss(items), 200, {"Content-Type": "application/rss+xml", "ETag": '"b"'})
        sources.upsert(sources.SourceSpec(name="backlog", kind="feed", url=server.url("/feed.xml")), trusted=True)
        assert poll_once(settings) == 1
        src = state(db, "backlog")
        assert src.due_in <= 0 and src.etag is None and src.pages_seen == 2
        assert poll_once(settings) == 1                         # at once, in full: the page left over first
    with db.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM documents")).scalar_one() == 3


def test_a_round_cut_short_records_the_polls_that_finished_and_frees_the_rest(db, redis_client):
    def stall(h) -> None:
        time.sleep(20)

    with TestServer() as server:
        server.routes["/quick.html"] = Reply(PAGE, 200, {"Content-Type": "text/html", "ETag": '"q"'})
        server.routes["/stuck.html"] = stall
        for name in ("quick", "stuck"):
            sources.upsert(sources.SourceSpec(name=name, kind="page", url=server.url(f"/{name}.html")), trusted=True)

        async def go() -> None:
            fetcher = Fetcher(owner="cut-short")
            try:
                polling = asyncio.create_task(fetcher.poll_due())
                while not (server.hits.get("/quick.html") and server.hits.get("/stuck.html")):
                    await asyncio.sleep(0.05)
                await asyncio.sleep(0.5)                         # the quick poll ends; the other waits
                polling.cancel()
                await asyncio.wait({polling})
                await fetcher.release()
            finally:
                await fetcher.aclose()
        asyncio.run(go())
    quick, stuck = state(db, "quick"), state(db, "stuck")
    assert quick.last_success_at is not None and quick.due_in > 3000 and quick.lease_owner is None
    assert stuck.last_success_at is None and stuck.due_in <= 0 and stuck.lease_owner is None   # polled again at once


def test_recording_leaves_a_source_leased_by_another_fetcher_alone(db):
    for name in ("mine", "theirs"):
        sources.upsert(sources.SourceSpec(name=name, kind="page", url=f"http://news.example/{name}"), trusted=True)
    held = {s.name: s.id for s in leases.lease_due("me", 10, 30)}
    with db.begin() as conn:   # "theirs" expired and was taken by another fetcher meanwhile
        conn.execute(text("UPDATE sources SET lease_owner = 'them' WHERE name = 'theirs'"))
    outcomes = [leases.Outcome(held["mine"], True, 1, '"e"'), leases.Outcome(held["theirs"], False, error="x")]
    assert leases.record("me", outcomes) == 1
    assert state(db, "mine").etag == '"e"' and state(db, "mine").lease_owner is None
    assert state(db, "theirs").lease_owner == "them" and state(db, "theirs").consecutive_failures == 0


def test_known_pages_beyond_the_cap_are_no_backlog_and_new_pages_are_asked_first(db, redis_client):
    from shared.settings import get_settings

    settings = get_settings().model_copy(update={"fetch_max_pages_per_poll": 2})
    with TestServer() as server:
        items = []
        for i in range(3):
            server.routes[f"/k{i}.html"] = Reply(PAGE.replace(b"Moorland", f"Kingsmead {i}".encode()), 200,
                                                 {"Content-Type": "text/html", "ETag": f'"k{i}"'})
            items.append((f"k{i}", server.url(f"/k{i}.html")))
        server.routes["/feed.xml"] = Reply(rss(items), 200, {"Content-Type": "application/rss+xml"})
        sources.upsert(sources.SourceSpec(name="capped", kind="feed", url=server.url("/feed.xml")), trusted=True)
        assert poll_once(settings) == 1 and poll_once(settings) == 1     # all three stored, two rounds
        assert state(db, "capped").due_in > 0                             # nothing new left: on schedule again
        server.routes["/new.html"] = Reply(PAGE.replace(b"Moorland", b"Newfield"), 200, {"Content-Type": "text/html"})
        server.routes["/feed.xml"] = Reply(rss(items + [("new", server.url("/new.html"))]), 200,
                                           {"Content-Type": "application/rss+xml"})
        server.requests.clear()
        with db.begin() as conn:
            conn.execute(text("UPDATE sources SET next_due_at = now() WHERE name = 'capped'"))
        assert poll_once(settings) == 1
        pages = [path for path, _ in server.requests if path.endswith(".html")]
        assert pages[0] == "/new.html" and len(pages) == 2
        assert state(db, "capped").due_in > 0


def test_a_new_page_on_a_busy_host_goes_before_the_rechecks_of_other_feeds_pages(db, redis_client):
    """Two feeds on one host, one request at a time: the second feed's new page is asked before the
    first feed's stored pages are asked again whether they changed. (The gap between requests to the
    host is long beside reading a feed, so that how busy the machine is does not decide the order.)"""
    from shared.settings import get_settings

    settings = get_settings().model_copy(update={"fetch_per_host_concurrency": 1, "fetch_host_interval": 0.25})
    with TestServer() as server:
        items = []
        for i in range(6):
            server.routes[f"/s{i}.html"] = Reply(PAGE.replace(b"Moorland", f"Stonebridge {i}".encode()), 200,
                                                 {"Content-Type": "text/html", "ETag": f'"s{i}"'})
            items.append((f"s{i}", server.url(f"/s{i}.html")))
        server.routes["/stored.xml"] = Reply(rss(items), 200, {"Content-Type": "application/rss+xml"})
        server.routes["/quiet.xml"] = Reply(rss([]), 200, {"Content-Type": "application/rss+xml"})
        sources.upsert(sources.SourceSpec(name="stored", kind="feed", url=server.url("/stored.xml")), trusted=True)
        sources.upsert(sources.SourceSpec(name="quiet", kind="feed", url=server.url("/quiet.xml")), trusted=True)
        assert poll_once(settings) == 2                     # the six pages stored
        server.routes["/fresh.html"] = Reply(PAGE.replace(b"Moorland", b"Fenwick"), 200, {"Content-Type": "text/html"})
        server.routes["/quiet.xml"] = Reply(rss([("fresh", server.url("/fresh.html"))]), 200,
                                            {"Content-Type": "application/rss+xml"})
        server.requests.clear()
        with db.begin() as conn:
            conn.execute(text("UPDATE sources SET next_due_at = now()"))
        assert poll_once(settings) == 2
        pages = [path for path, _ in server.requests if path.endswith(".html")]
        assert sorted(pages) == sorted([f"/s{i}.html" for i in range(6)] + ["/fresh.html"])
        assert pages.index("/fresh.html") <= 1             # at most one re-check was under way before it


def test_a_new_page_is_handed_to_the_workers_before_the_rechecks_of_its_feed_end(db, redis_client):
    """A stored page whose re-check hangs does not hold back the new page beside it: the new page's
    id is on the extraction queue while the re-check is still waiting for its answer."""
    import threading

    from tests.conftest import wait_until

    released = threading.Event()

    def hanging(h) -> None:
        released.wait(20)
        h.send_response(304)
        h.send_header("ETag", '"h"')
        h.end_headers()

    with TestServer() as server:
        server.routes["/held.html"] = Reply(PAGE, 200, {"Content-Type": "text/html", "ETag": '"h"'})
        feed = [("held", server.url("/held.html"))]
        server.routes["/feed.xml"] = Reply(rss(feed), 200, {"Content-Type": "application/rss+xml"})
        sources.upsert(sources.SourceSpec(name="hanging", kind="feed", url=server.url("/feed.xml")), trusted=True)
        assert poll_once() == 1
        redis_client.flushdb()
        server.routes["/held.html"] = hanging
        server.routes["/late.html"] = Reply(PAGE.replace(b"Moorland", b"Larkhill"), 200, {"Content-Type": "text/html"})
        server.routes["/feed.xml"] = Reply(rss(feed + [("late", server.url("/late.html"))]), 200,
                                           {"Content-Type": "application/rss+xml"})
        with db.begin() as conn:
            conn.execute(text("UPDATE sources SET next_due_at = now()"))
        polling = threading.Thread(target=poll_once)
        polling.start()
        try:
            handed = wait_until(lambda: len(queued_batches(redis_client)) == 1, timeout=15, interval=0.05)
            assert handed and not released.is_set()
        finally:
            released.set()
            polling.join(30)
    with db.connect() as conn:
        late = conn.execute(text("SELECT id FROM documents WHERE url LIKE '%/late.html'")).scalar_one()
    assert queued_batches(redis_client) == [[late]]
