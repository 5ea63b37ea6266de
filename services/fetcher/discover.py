"""Links to watch, from a source's own document: RSS/Atom feed, sitemap (or index), listing page."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urljoin

import feedparser
import lxml.html
from lxml import etree


class DiscoveryError(Exception):
    """A source document that cannot be read as its kind."""


@dataclass(frozen=True)
class Link:
    url: str
    published: dt.date | None = None


def feed_links(body: bytes, base_url: str) -> list[Link]:
    parsed = feedparser.parse(body)
    out = []
    for entry in parsed.entries:
        href = entry.get("link") or next((link.get("href") for link in entry.get("links", []) if link.get("href")), None)
        if not href:
            continue
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        out.append(Link(urljoin(base_url, href), dt.date(*when[:3]) if when else None))
    if parsed.bozo and not out:   # a broken feed that yields no link is an error, not an empty feed
        raise DiscoveryError(f"malformed feed: {parsed.get('bozo_exception', 'unreadable')}")
    return out


def sitemap_links(body: bytes) -> tuple[list[Link], list[str]]:
    """(page links, child sitemaps) of a sitemap or sitemap index."""
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
        when = _date(lastmod)
        if el.tag.endswith("sitemap"):
            children.append(loc.strip())
        else:
            pages.append(Link(loc.strip(), when))
    return pages, children


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


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip()[:10]) if value else None
    except ValueError:
        return None
