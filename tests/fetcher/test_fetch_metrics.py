"""The fetcher's counters on /metrics: requests by outcome and status, 304s, bytes, robots
refusals and politeness waits, counted by real polls of a real server and sent a round at a time."""
from __future__ import annotations

from fastapi.testclient import TestClient

from shared import metrics, sources
from shared.settings import get_settings
from tests.feeds import poll_once, rss
from tests.fetcher.test_fetch import PAGE, make_due
from tests.httpserver import Reply, TestServer

ROBOTS = b"User-agent: *\nDisallow: /private/\n"


def served() -> dict[str, float]:
    from services.api.app import app

    lines = TestClient(app).get("/metrics").text.splitlines()
    return {line.rsplit(" ", 1)[0]: float(line.rsplit(" ", 1)[1]) for line in lines
            if line.startswith("fundwatch_") and not line.startswith("#")}


def test_a_poll_counts_its_requests_bytes_304s_refusals_and_waits(db, redis_client):
    settings = get_settings().model_copy(update={"fetch_host_interval": 0.05})
    with TestServer() as server:
        feed = rss([("a", server.url("/a.html")), ("gone", server.url("/gone.html")),
                    ("private", server.url("/private/b.html"))])
        server.routes["/robots.txt"] = Reply(ROBOTS, 200, {"Content-Type": "text/plain"})
        server.routes["/feed.xml"] = Reply(feed, 200, {"Content-Type": "application/rss+xml", "ETag": '"f1"'})
        server.routes["/a.html"] = Reply(PAGE, 200, {"Content-Type": "text/html", "ETag": '"a1"'})
        server.routes["/gone.html"] = Reply(b"no", 404, {"Content-Type": "text/html"})
        sources.upsert(sources.SourceSpec(name="s", kind="feed", url=server.url("/feed.xml")), trusted=True)
        assert poll_once(settings) == 1
        first = served()
        # robots.txt, the feed and the page answered 200; the dead link 404; the private page not asked
        assert first['fundwatch_fetch_requests_total{outcome="ok",status="200"}'] == 3
        assert first['fundwatch_fetch_requests_total{outcome="client_error",status="404"}'] == 1
        # the bodies read (a 404's is not)
        assert first["fundwatch_fetch_bytes_total"] == len(ROBOTS) + len(feed) + len(PAGE)
        assert first["fundwatch_robots_refusals_total"] == 1
        assert first["fundwatch_fetch_not_modified_total"] == 0
        # four requests to one host 0.05 s apart: the fetcher waited for its turn
        assert first["fundwatch_fetch_host_wait_seconds_total"] > 0
        make_due(db)
        assert poll_once(settings) == 1
        second = served()
    # the feed and the stored page, asked conditionally, answered 304 with no body; robots.txt
    # (a new fetcher) came again; pages never stored were not asked again
    assert second['fundwatch_fetch_requests_total{outcome="not_modified",status="304"}'] == 2
    assert second["fundwatch_fetch_not_modified_total"] == 2
    assert second['fundwatch_fetch_requests_total{outcome="ok",status="200"}'] == 4
    assert second["fundwatch_robots_refusals_total"] == 1
    assert second["fundwatch_fetch_bytes_total"] == first["fundwatch_fetch_bytes_total"] + len(ROBOTS)


def test_a_failed_request_is_counted_by_its_outcome(db, redis_client):
    sources.upsert(sources.SourceSpec(name="closed", kind="page", url="http://127.0.0.1:9/x"), trusted=True)
    poll_once()
    counted = served()
    # robots.txt, then the page, then their retries: every attempt a connection error
    assert counted['fundwatch_fetch_requests_total{outcome="connection_error",status="none"}'] >= 1
    assert counted["fundwatch_robots_refusals_total"] == 1     # unreachable robots.txt: disallow all


def test_counts_wait_for_the_broker_and_are_sent_when_it_is_back(redis_client, monkeypatch):
    import redis
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    tally = metrics.Tally()
    tally.count("fetch_bytes", 100)
    tally.count("fetch_requests", outcome="ok", status=200)
    with monkeypatch.context() as away:
        away.setattr(metrics, "_client", lambda: redis.Redis(port=1, socket_connect_timeout=0.2,
                                                                retry=Retry(NoBackoff(), 0)))
        tally.flush()                       # not sent: kept
    tally.count("fetch_bytes", 20)
    assert metrics.read().get(("fetch_bytes", ())) is None
    tally.flush()
    assert metrics.read()[("fetch_bytes", ())] == 120
    assert metrics.read()[("fetch_requests", ("ok", "200"))] == 1
