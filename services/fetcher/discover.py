"""Links to watch, from a source's own document: RSS/Atom feed or JSON Feed, sitemap (or index,
gzipped or not), listing page."""
from __future__ import annotations

import datetime as dt
import json
import re
import zlib
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import courlan
import feedparser
import lxml.html
from lxml import etree

GZIP_MAGIC = b"\x1f\x8b"
JSON_TYPES = ("application/feed+json", "application/json")
_TIME_OF_DAY = re.compile(r"\d{1,2}:\d{2}")


class DiscoveryError(Exception):
    """A source document that cannot be read as its kind."""


@dataclass(frozen=True)
class Link:
    url: str
    published: dt.date | None = None
    # a sitemap's lastmod, as the latest moment it can mean (a bare date: the end of that day anywhere)
    modified: dt.datetime | None = None
    # the moment of publication, only when the source states its time of day and zone (never a date alone)
    published_at: dt.datetime | None = None


def feed_links(body: bytes, base_url: str, content_type: str | None = None) -> list[Link]:
    """The items of an RSS or Atom feed (feedparser) or a JSON Feed (jsonfeed.org 1.0 and 1.1)."""
    ctype = _media_type(content_type)
    if ctype in JSON_TYPES or (not ctype.endswith("xml") and body.lstrip()[:1] == b"{"):
        return json_feed_links(body, base_url, ctype)
    parsed = feedparser.parse(body)
    out = []
    for entry in parsed.entries:
        href = entry.get("link") or next((link.get("href") for link in entry.get("links", []) if link.get("href")), None)
        if not href:
            continue
        key = "published" if entry.get("published_parsed") else "updated"
        when = entry.get(f"{key}_parsed")
        out.append(Link(urljoin(base_url, href), dt.date(*when[:3]) if when else None,
                        published_at=_feed_moment(when, entry.get(key))))
    if not out and not parsed.get("version"):   # nothing feedparser knows as a feed (an empty one has a version)
        if ctype in ("text/html", "application/xhtml+xml") or not parsed.bozo:
            raise DiscoveryError(f"format not supported: {ctype or 'unknown type'} is not a feed "
                                 "(RSS, Atom or JSON Feed)")
    if parsed.bozo and not out:   # a broken feed that yields no link is an error, not an empty feed
        raise DiscoveryError(f"malformed feed: {parsed.get('bozo_exception', 'unreadable')}")
    return out


def json_feed_links(body: bytes, base_url: str, ctype: str = "application/json") -> list[Link]:
    """A JSON Feed's items: `url` (else `external_url`, else an `id` that is a URL) and
    `date_published` (else `date_modified`). feedparser 6.0 reads RSS and Atom only; a JSON Feed is
    plain JSON, so the json module parses it and only its fields are read here."""
    try:
        doc = json.loads(body)
    except ValueError as exc:
        raise DiscoveryError(f"malformed JSON Feed: {exc}") from None
    if not isinstance(doc, dict) or not str(doc.get("version", "")).startswith("https://jsonfeed.org/version/") \
            or not isinstance(doc.get("items"), list):
        raise DiscoveryError(f"format not supported: {ctype or 'JSON'} that is not a JSON Feed "
                             "(no jsonfeed.org version and items)")
    out = []
    for item in doc["items"]:
        if not isinstance(item, dict):
            continue
        href = next((v for v in (item.get("url"), item.get("external_url"), item.get("id"))
                     if isinstance(v, str) and v.startswith(("http://", "https://", "/"))), None)
        if href:
            stated = item.get("date_published") or item.get("date_modified")
            out.append(Link(urljoin(base_url, href), _date(stated), published_at=_moment(stated)))
    return out


def gunzip(body: bytes, max_bytes: int) -> bytes:
    """A gzipped body inflated, at most max_bytes of it (a decompression bomb stops there);
    anything else as it is."""
    if not body.startswith(GZIP_MAGIC):
        return body
    inflater = zlib.decompressobj(wbits=31)
    try:
        out = inflater.decompress(body, max_bytes + 1)
    except zlib.error as exc:
        raise DiscoveryError(f"malformed gzip: {exc}") from None
    if len(out) > max_bytes:
        raise DiscoveryError(f"gzipped sitemap too large: over {max_bytes} bytes inflated")
    return out


def sitemap_links(body: bytes, max_bytes: int = 50_000_000) -> tuple[list[Link], list[str]]:
    """(page links, child sitemaps) of a sitemap or sitemap index, gzipped or not."""
    body = gunzip(body, max_bytes)
    try:
        root = etree.fromstring(body, parser=etree.XMLParser(resolve_entities=False, no_network=True,
                                                             huge_tree=False))
    except etree.XMLSyntaxError as exc:
        raise DiscoveryError(f"malformed sitemap: {exc}") from None
    pages, children = [], []
    for el in root.iter("{*}url", "{*}sitemap"):
        loc = el.findtext("{*}loc")
        if not loc:
            continue
        lastmod = el.findtext("{*}lastmod")
        if el.tag.endswith("sitemap"):
            children.append(loc.strip())
        else:
            pages.append(Link(loc.strip(), _date(lastmod), _latest(lastmod), _moment(lastmod)))
    return pages, children


def under(listing_url: str, url: str) -> bool:
    """Whether a link lies under the listing's own path (same host; a listing at /news/ or /news
    holds /news/a, one at /news/index.html what is beside it) and is not a navigation page of it
    (/news/page/2/, /news/tag/x/, ?p=2: courlan's test, on the part below the listing's path)."""
    home, there = urlsplit(listing_url), urlsplit(url)
    if there.netloc.lower() != home.netloc.lower() or there.path == home.path:
        return False
    path = home.path or "/"
    if path.endswith("/"):
        base = path
    elif "." in path.rsplit("/", 1)[-1]:
        base = path.rsplit("/", 1)[0] + "/"
    else:
        base = path + "/"
    if not there.path.startswith(base) or there.path == base:
        return False
    below = there.path[len(base) - 1:] + (f"?{there.query}" if there.query else "")
    return not courlan.is_navigation_page(below)


def listing_links(body: bytes, base_url: str) -> tuple[list[Link], str | None]:
    """(article links, next page) of a listing page."""
    try:
        tree = lxml.html.fromstring(body)
    except (etree.ParserError, ValueError) as exc:
        raise DiscoveryError(f"unreadable listing page: {exc}") from None
    links = [Link(urljoin(base_url, a.get("href"))) for a in tree.iter("a") if a.get("href")
             and not a.get("href").startswith(("#", "mailto:", "javascript:"))]
    nxt = tree.xpath("//a[@rel='next']/@href|//link[@rel='next']/@href")
    if not nxt:
        nxt = [a.get("href") for a in tree.iter("a")
               if a.get("href") and re.fullmatch(r"\s*(next|next page|older|›|»)\s*", a.text_content() or "", re.I)]
    return links, urljoin(base_url, nxt[0]) if nxt else None


def _date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip()[:10]) if isinstance(value, str) and value else None
    except ValueError:
        return None


def _feed_moment(parsed: tuple | None, stated: object) -> dt.datetime | None:
    """A feed entry's time as feedparser read it (in UTC), when the entry states a time of day:
    feedparser turns a date alone into midnight, which is no moment of publication."""
    if not parsed or not isinstance(stated, str) or not _TIME_OF_DAY.search(stated):
        return None
    return dt.datetime(*parsed[:6], tzinfo=dt.timezone.utc)


def _moment(value: object) -> dt.datetime | None:
    """An ISO 8601 / W3C datetime with a time of day and a zone (JSON Feed dates, sitemap lastmod);
    None for a date alone or a time without a zone, which name no one moment."""
    if not isinstance(value, str) or not _TIME_OF_DAY.search(value):
        return None
    try:
        when = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else None


def _latest(value: str | None) -> dt.datetime | None:
    """The latest moment a W3C datetime (a sitemap's lastmod) can mean, timezone-aware."""
    if not value or not value.strip():
        return None
    value = value.strip()
    try:
        if len(value) <= 10:   # a date alone: the page may have changed until that day ended, anywhere (UTC-12)
            day = dt.date.fromisoformat(value)
            return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(12), dt.timezone.utc)
        when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)


def _media_type(content_type: str | None) -> str:
    return (content_type or "").split(";")[0].strip().lower()
