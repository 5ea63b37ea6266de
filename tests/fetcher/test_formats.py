"""Source formats against a real HTTP server on 127.0.0.1: JSON Feed, gzipped sitemaps and sitemap
indexes pointing at them, sitemap lastmod, listing pages kept to their own path, and formats that
are not supported said to be so."""
from __future__ import annotations

import datetime as dt
import gzip
import json

import pytest
from sqlalchemy import text

from shared import sources
from tests.feeds import poll_once
from tests.httpserver import Reply, TestServer

HTML = {"Content-Type": "text/html; charset=utf-8"}


def page(name: str) -> bytes:
    return (f"<html><body><article><p>{name} Arts Trust has been awarded £12,000 to run a summer "
            "festival in the park.</p></article></body></html>").encode()


def add(name: str, kind: str, url: str, **kw) -> None:
    sources.upsert(sources.SourceSpec(name=name, kind=kind, url=url, **kw), trusted=True)


def stored(db) -> list[str]:
    with db.connect() as conn:
        return sorted(conn.execute(text("SELECT url FROM documents")).scalars())


def source_state(db, name: str) -> tuple[str | None, int]:
    with db.connect() as conn:
        return conn.execute(text("SELECT last_error, consecutive_failures FROM sources WHERE name = :n"),
                            {"n": name}).one()


def make_due(db) -> None:
    with db.begin() as conn:
        conn.execute(text("UPDATE sources SET next_due_at = now() - interval '1 second'"))


def serve_pages(server: TestServer, *paths: str) -> list[str]:
    for p in paths:
        server.routes[p] = Reply(page(p.strip("/").split("/")[-1].split(".")[0].title()), 200, HTML)
    return [server.url(p) for p in paths]


def json_feed(server: TestServer, paths: list[str]) -> bytes:
    items = [{"id": f"tag:example.org,2026:{i}", "url": server.url(p), "title": p,
              "date_published": "2026-11-20T09:00:00Z"} for i, p in enumerate(paths)]
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "grants",
                       "items": items}).encode()


@pytest.mark.parametrize("ctype", ["application/feed+json", "application/json"])
def test_a_json_feed_is_read(db, redis_client, ctype):
    with TestServer() as server:
        urls = serve_pages(server, "/a.html", "/b.html")
        server.routes["/feed.json"] = Reply(json_feed(server, ["/a.html", "/b.html"]), 200, {"Content-Type": ctype})
        add("json", "feed", server.url("/feed.json"))
        assert poll_once() == 1
    assert stored(db) == urls
    assert source_state(db, "json") == (None, 0)


def test_a_json_feed_item_without_url_uses_external_url_and_start_date_applies(db, redis_client):
    with TestServer() as server:
        urls = serve_pages(server, "/new.html", "/old.html")
        body = json.dumps({"version": "https://jsonfeed.org/version/1", "items": [
            {"id": "1", "external_url": urls[0], "date_published": "2026-11-01T00:00:00+00:00"},
            {"id": "2", "url": urls[1], "date_published": "2019-01-01T00:00:00+00:00"},
            {"id": "3", "title": "no link at all"}]}).encode()
        server.routes["/feed.json"] = Reply(body, 200, {"Content-Type": "application/feed+json"})
        add("json", "feed", server.url("/feed.json"), start_date=dt.date(2026, 1, 1))
        poll_once()
    assert stored(db) == [urls[0]]


def test_json_that_is_not_a_json_feed_is_said_to_be_unsupported(db, redis_client):
    with TestServer() as server:
        server.routes["/data.json"] = Reply(b'{"rows": [1, 2, 3]}', 200, {"Content-Type": "application/json"})
        add("data", "feed", server.url("/data.json"))
        poll_once()
    error, failures = source_state(db, "data")
    assert error.startswith("format not supported: application/json") and failures == 1


def test_an_html_page_given_as_a_feed_is_said_to_be_unsupported(db, redis_client):
    with TestServer() as server:
        server.routes["/news/"] = Reply(b"<html><body><p>Latest news</p></body></html>", 200, HTML)
        add("html", "feed", server.url("/news/"))
        poll_once()
    assert source_state(db, "html")[0].startswith("format not supported: text/html")


def test_a_json_feed_answered_for_a_page_is_said_to_be_unsupported(db, redis_client):
    with TestServer() as server:
        server.routes["/feed.json"] = Reply(json_feed(server, []), 200, {"Content-Type": "application/feed+json"})
        add("page", "page", server.url("/feed.json"))
        poll_once()
    assert "format not supported: application/feed+json" in source_state(db, "page")[0]
    assert stored(db) == []


def urlset(urls: list[str], lastmod: str | list[str] | None = None) -> bytes:
    mods = lastmod if isinstance(lastmod, list) else [lastmod] * len(urls)
    body = "".join(f"<url><loc>{u}</loc>" + (f"<lastmod>{m}</lastmod>" if m else "") + "</url>"
                   for u, m in zip(urls, mods))
    return (f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{body}</urlset>").encode()


def sitemap_index(urls: list[str]) -> bytes:
    body = "".join(f"<sitemap><loc>{u}</loc></sitemap>" for u in urls)
    return (f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{body}</sitemapindex>").encode()


def test_a_gzipped_sitemap_is_read(db, redis_client):
    with TestServer() as server:
        urls = serve_pages(server, "/g1.html", "/g2.html")
        server.routes["/sitemap.xml.gz"] = Reply(gzip.compress(urlset(urls)), 200, {"Content-Type": "application/x-gzip"})
        add("gz", "sitemap", server.url("/sitemap.xml.gz"))
        poll_once()
    assert stored(db) == urls
    assert source_state(db, "gz") == (None, 0)


def test_a_sitemap_index_of_gzipped_sitemaps_is_read_whatever_type_they_are_served_as(db, redis_client):
    with TestServer() as server:
        first = serve_pages(server, "/one/a.html", "/one/b.html")
        second = serve_pages(server, "/two/c.html")
        server.routes["/sitemaps/one.xml.gz"] = Reply(gzip.compress(urlset(first)), 200,
                                                      {"Content-Type": "application/gzip"})
        server.routes["/sitemaps/two.xml.gz"] = Reply(gzip.compress(urlset(second)), 200,   # gzip bytes, said to be XML
                                                      {"Content-Type": "application/xml"})
        server.routes["/sitemap_index.xml"] = Reply(
            sitemap_index([server.url("/sitemaps/one.xml.gz"), server.url("/sitemaps/two.xml.gz")]), 200,
            {"Content-Type": "application/xml"})
        add("index", "sitemap", server.url("/sitemap_index.xml"))
        poll_once()
    assert stored(db) == sorted(first + second)
    assert source_state(db, "index") == (None, 0)


def test_a_gzipped_sitemap_that_inflates_past_the_cap_is_refused(db, redis_client, monkeypatch):
    from shared.settings import get_settings

    monkeypatch.setattr(get_settings(), "fetch_max_bytes", 100_000)
    bomb = gzip.compress(urlset(["http://127.0.0.1:9/x"]) + b" " * 5_000_000, compresslevel=9)
    with TestServer() as server:
        server.routes["/sitemap.xml.gz"] = Reply(bomb, 200, {"Content-Type": "application/gzip"})
        add("bomb", "sitemap", server.url("/sitemap.xml.gz"))
        poll_once()
    assert "too large" in source_state(db, "bomb")[0]


def page_requests(server: TestServer) -> dict[str, int]:
    return {p: n for p, n in server.hits.items() if p.endswith(".html")}


def test_an_unchanged_sitemap_lastmod_spares_the_page_a_request(db, redis_client):
    with TestServer() as server:
        urls = serve_pages(server, "/s/a.html", "/s/b.html")
        server.routes["/sitemap.xml"] = Reply(urlset(urls, "2026-01-05"), 200, {"Content-Type": "application/xml"})
        add("dated", "sitemap", server.url("/sitemap.xml"))
        poll_once()
        assert page_requests(server) == {"/s/a.html": 1, "/s/b.html": 1}

        make_due(db)
        poll_once()                                   # lastmod before the last fetch: no request
        assert page_requests(server) == {"/s/a.html": 1, "/s/b.html": 1}

        later = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(minutes=5)).isoformat(timespec="seconds")
        server.routes["/sitemap.xml"] = Reply(urlset(urls, ["2026-01-05", later]), 200,
                                              {"Content-Type": "application/xml"})
        make_due(db)
        poll_once()                                   # b's lastmod moved past its fetch: b only
        assert page_requests(server) == {"/s/a.html": 1, "/s/b.html": 2}


def test_sitemap_pages_without_lastmod_are_still_asked(db, redis_client):
    with TestServer() as server:
        urls = serve_pages(server, "/u/a.html")
        server.routes["/sitemap.xml"] = Reply(urlset(urls), 200, {"Content-Type": "application/xml"})
        add("undated", "sitemap", server.url("/sitemap.xml"))
        poll_once()
        make_due(db)
        poll_once()
        assert page_requests(server) == {"/u/a.html": 2}


def listing(links: list[str], next_page: str | None = None) -> bytes:
    nav = '<nav><a href="/">Home</a> <a href="/about/">About us</a> <a href="/news/">News</a></nav>'
    items = "".join(f'<li><a href="{u}">story</a></li>' for u in links)
    more = f'<a rel="next" href="{next_page}">Next</a>' if next_page else ""
    return f"<html><body>{nav}<ul>{items}</ul>{more}</body></html>".encode()


def serve_listing(server: TestServer) -> None:
    serve_pages(server, "/news/a.html", "/news/b.html", "/news/2026/c.html", "/elsewhere/d.html")
    server.routes["/news/"] = Reply(listing(["/news/a.html", "/news/b.html", "/elsewhere/d.html"],
                                            "/news/?page=2"), 200, HTML)
    server.routes["/news/?page=2"] = Reply(listing(["/news/2026/c.html", "/news/gone.html"]), 200, HTML)


def test_a_listing_keeps_to_links_under_its_own_path(db, redis_client):
    with TestServer() as server:
        serve_listing(server)
        add("news", "listing", server.url("/news/"), max_pages=3)
        poll_once()
        asked = set(server.hits)
    assert stored(db) == [server.url(p) for p in ("/news/2026/c.html", "/news/a.html", "/news/b.html")]
    assert "/" not in asked and "/about/" not in asked and "/elsewhere/d.html" not in asked
    assert server.hits.get("/news/?page=2") == 1        # read as a listing page, not stored as a document
    assert source_state(db, "news") == (None, 0)         # the dead link on page 2 is not the source failing


def test_a_listings_include_patterns_say_which_links_to_follow(db, redis_client):
    with TestServer() as server:
        serve_listing(server)
        add("news", "listing", server.url("/news/"), include=["*/elsewhere/*", "*/news/a.html"])
        poll_once()
    assert stored(db) == [server.url("/elsewhere/d.html"), server.url("/news/a.html")]


def test_a_dead_link_in_a_feed_is_still_reported(db, redis_client):
    from tests.feeds import rss

    with TestServer() as server:
        urls = serve_pages(server, "/f/a.html")
        server.routes["/feed.xml"] = Reply(rss([("a", urls[0]), ("gone", server.url("/f/gone.html"))]), 200,
                                           {"Content-Type": "application/rss+xml"})
        add("feed", "feed", server.url("/feed.xml"))
        poll_once()
    error, failures = source_state(db, "feed")
    assert "1 of 2 pages failed" in error and "HTTP 404" in error and failures == 0


def test_a_listing_that_redirects_keeps_to_the_path_it_lands_on(db, redis_client):
    with TestServer() as server:
        serve_listing(server)
        server.routes["/old-news"] = Reply(b"", 301, {"Location": server.url("/news/"), "Content-Type": "text/html"})
        add("moved", "listing", f"http://localhost:{server.port}/old-news", max_pages=1)
        poll_once()
    assert stored(db) == [server.url("/news/a.html"), server.url("/news/b.html")]
    assert source_state(db, "moved") == (None, 0)
