"""Publication times kept at the precision their source gives: a feed entry's time (fetched from a
real HTTP server on 127.0.0.1), a page's own metadata, and a date alone; and
`fundwatch_publication_to_record_seconds` measured from them, date-only pages left out of it."""
from __future__ import annotations

import datetime as dt
from email.utils import format_datetime

import lxml.html
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from services.extractor.document import page_metadata
from services.extractor.pipeline import process_document
from shared import sources
from tests.feeds import poll_once
from tests.httpserver import Reply, TestServer

UTC = dt.timezone.utc


def page(name: str, head: str = "") -> bytes:
    return (f"<html><head><title>{name} awarded</title>{head}</head><body><article><h1>{name} awarded</h1>"
            f"<p>The Coastal Communities Fund has awarded £12,000 to {name} Arts Trust for a summer festival "
            "in Whitby.</p></article></body></html>").encode()


def published_time(when: str) -> str:
    return f'<meta property="article:published_time" content="{when}">'


def rss(items: list[tuple[str, str | None]]) -> bytes:
    body = "".join(f"<item><title>{u}</title><link>{u}</link><guid>{u}</guid>"
                   + (f"<pubDate>{when}</pubDate>" if when else "") + "</item>" for u, when in items)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>news</title><link>http://127.0.0.1/</link>'
            f"<description>news</description>{body}</channel></rss>").encode()


def atom(items: list[tuple[str, str]]) -> bytes:
    body = "".join(f'<entry><title>{u}</title><id>{u}</id><link href="{u}"/><published>{when}</published></entry>'
                   for u, when in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>news</title>'
            f"<id>urn:news</id><updated>2026-01-01T00:00:00Z</updated>{body}</feed>").encode()


def publication(db) -> dict[str, tuple[dt.date | None, dt.datetime | None]]:
    with db.connect() as conn:
        return {path.rsplit("/", 1)[1]: (day, at) for path, day, at in conn.execute(text(
            "SELECT url, published, published_at FROM documents"))}


def extract_all(db) -> None:
    with db.connect() as conn:
        ids = list(conn.execute(text("SELECT id FROM documents ORDER BY id")).scalars())
    for doc_id in ids:
        process_document(doc_id)


def lag_metric() -> dict[str, float]:
    from services.api.app import app

    lines = TestClient(app).get("/metrics").text.splitlines()
    return {line.rsplit(" ", 1)[0]: float(line.rsplit(" ", 1)[1]) for line in lines
            if line.startswith(("fundwatch_publication_to_record_seconds", "fundwatch_publication_date_only_pages"))}


def first_statement_lags(db) -> list[float]:
    with db.connect() as conn:
        return sorted(float(x) for x in conn.execute(text(
            "SELECT extract(epoch FROM min(m.created_at) - d.published_at) FROM documents d"
            " JOIN mentions m ON m.document_id = d.id WHERE d.published_at IS NOT NULL GROUP BY d.id")).scalars())


def test_a_feed_entrys_time_is_kept_and_the_metric_counts_from_it(db, redis_client):
    timed = (dt.datetime.now(UTC) - dt.timedelta(seconds=90)).replace(microsecond=0)
    with TestServer() as server:
        server.routes["/timed.html"] = Reply(page("Harbour"))
        server.routes["/dated.html"] = Reply(page("Moorland"))
        server.routes["/feed.xml"] = Reply(atom([(server.url("/timed.html"), timed.astimezone(
            dt.timezone(dt.timedelta(hours=-5))).isoformat()), (server.url("/dated.html"), timed.date().isoformat())]),
            200, {"Content-Type": "application/atom+xml"})
        sources.upsert(sources.SourceSpec(name="news", kind="feed", url=server.url("/feed.xml")), trusted=True)
        assert poll_once() == 1
    stored = publication(db)
    assert stored["timed.html"][1] == timed      # the same instant, though stated at UTC-5
    assert stored["dated.html"][1] is None       # a date alone is no moment

    extract_all(db)
    stored = publication(db)
    assert stored["dated.html"][1] is None
    lags = first_statement_lags(db)
    assert len(lags) == 1 and 90 <= lags[0] < 90 + 60
    served = lag_metric()
    assert served["fundwatch_publication_to_record_seconds_count"] == 1
    assert served["fundwatch_publication_to_record_seconds_sum"] == pytest.approx(lags[0])
    assert served['fundwatch_publication_to_record_seconds{quantile="0.5"}'] == pytest.approx(lags[0])
    assert served['fundwatch_publication_to_record_seconds{quantile="0.99"}'] == pytest.approx(lags[0])


def test_a_date_only_page_is_counted_apart_not_from_midnight(db, redis_client):
    with TestServer() as server:
        server.routes["/dated.html"] = Reply(page("Valley", published_time(dt.date.today().isoformat())))
        server.routes["/feed.xml"] = Reply(rss([(server.url("/dated.html"), None)]), 200,
                                           {"Content-Type": "application/rss+xml"})
        sources.upsert(sources.SourceSpec(name="news", kind="feed", url=server.url("/feed.xml")), trusted=True)
        poll_once()
    extract_all(db)
    assert publication(db)["dated.html"] == (dt.date.today(), None)
    served = lag_metric()
    assert served["fundwatch_publication_to_record_seconds_count"] == 0
    assert served["fundwatch_publication_to_record_seconds_sum"] == 0
    assert 'fundwatch_publication_to_record_seconds{quantile="0.5"}' not in served
    assert served["fundwatch_publication_date_only_pages"] == 1


def test_the_pages_own_time_is_kept_when_its_feed_gives_none(db, redis_client):
    own = (dt.datetime.now(UTC) - dt.timedelta(minutes=10)).replace(microsecond=0)
    listed = own - dt.timedelta(minutes=20)
    with TestServer() as server:
        server.routes["/own.html"] = Reply(page("Hillside", published_time(own.isoformat())))
        server.routes["/both.html"] = Reply(page("Meadow", published_time(own.isoformat())))
        server.routes["/feed.xml"] = Reply(rss([(server.url("/own.html"), None),
                                                (server.url("/both.html"), format_datetime(listed, usegmt=True))]),
                                           200, {"Content-Type": "application/rss+xml"})
        sources.upsert(sources.SourceSpec(name="news", kind="feed", url=server.url("/feed.xml")), trusted=True)
        poll_once()
    assert publication(db)["own.html"][1] is None
    extract_all(db)
    stored = publication(db)
    assert stored["own.html"] == (own.date(), own)
    assert stored["both.html"][1] == listed       # the feed's time, stored first, is not replaced by the page's
    assert lag_metric()["fundwatch_publication_to_record_seconds_count"] == 2


def test_a_sitemap_lastmod_with_a_time_is_kept_and_one_without_is_not(db, redis_client):
    with TestServer() as server:
        for name in ("timed", "dated"):
            server.routes[f"/{name}.html"] = Reply(page(name.title()))
        urls = "".join(f"<url><loc>{server.url(f'/{name}.html')}</loc><lastmod>{when}</lastmod></url>"
                       for name, when in (("timed", "2026-11-30T17:45:00+01:00"), ("dated", "2026-11-30")))
        server.routes["/sitemap.xml"] = Reply(
            f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'.encode(),
            200, {"Content-Type": "application/xml"})
        sources.upsert(sources.SourceSpec(name="map", kind="sitemap", url=server.url("/sitemap.xml")), trusted=True)
        poll_once()
    stored = publication(db)
    assert stored["timed.html"][1] == dt.datetime(2026, 11, 30, 16, 45, tzinfo=UTC)
    assert stored["dated.html"][1] is None


@pytest.mark.parametrize(("stated", "expected"), [
    ("2026-03-14T10:22:33Z", dt.datetime(2026, 3, 14, 10, 22, 33, tzinfo=UTC)),
    ("2026-03-14T10:22:33+02:00", dt.datetime(2026, 3, 14, 8, 22, 33, tzinfo=UTC)),
    ("2026-03-14T10:22:33", None),    # a time with no zone names no one moment
    ("2026-03-14", None),
])
def test_a_pages_metadata_gives_a_moment_only_with_time_and_zone(stated, expected):
    tree = lxml.html.fromstring(page("Beacon", published_time(stated)).decode())
    _, published, _ = page_metadata(tree, None)
    assert published.date() == dt.date(2026, 3, 14)
    assert (published if published.tzinfo else None) == expected


def test_a_publication_later_today_keeps_its_time():
    # the upper bound is now, not today's date: a time later than midnight today must not fail it
    now = dt.datetime.now(UTC).replace(microsecond=0) - dt.timedelta(seconds=5)
    _, published, _ = page_metadata(lxml.html.fromstring(page("Oakfield", published_time(now.isoformat())).decode()),
                                    None)
    assert published == now
