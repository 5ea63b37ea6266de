"""Storing fetched pages: identity decided here (canonical URL, content hash), enforced by the
database, and the extraction task enqueued only after the row is committed."""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import zlib
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert

from services.fetcher.http import FetchResult
from services.fetcher.urls import canonical_url
from shared import outages
from shared.db import session_scope
from shared.messages import send_extract
from shared.models import Document

log = logging.getLogger("fundwatch.fetcher")


@dataclass(frozen=True, slots=True)
class StoredPage:
    """A page as stored: what a conditional request and a sitemap's lastmod are compared with."""
    url: str
    etag: str | None
    last_modified: str | None
    fetched_at: dt.datetime


def stored_pages(urls: list[str]) -> dict[str, StoredPage]:
    """Those of these pages that are stored (by canonical URL), keyed by the URL asked for; one SELECT."""
    canon: dict[str, list[str]] = {}
    for u in urls:
        canon.setdefault(canonical_url(u), []).append(u)
    with session_scope() as s:
        rows = s.execute(select(Document.canonical_url, Document.url, Document.etag, Document.last_modified,
                                Document.fetched_at).where(Document.canonical_url.in_(list(canon))))
        return {u: StoredPage(r.url, r.etag, r.last_modified, r.fetched_at) for r in rows for u in canon[r.canonical_url]}


def touch(url: str) -> None:
    """A page found unchanged (304): its fetch time moves on."""
    with session_scope() as s:
        s.execute(update(Document).where(Document.canonical_url == canonical_url(url))
                  .values(fetched_at=dt.datetime.now(dt.timezone.utc)))


def store_page(source_id: int | None, result: FetchResult, enqueue: bool = True,
               published_at: dt.datetime | None = None) -> int | None:
    """Insert a new page or replace a changed one; returns its id when it needs extracting.
    With enqueue=False the caller hands the id on (the sweep would pick it up otherwise).
    `published_at`: the moment its feed or sitemap says it was published (or updated), when it
    gives a time; a changed page listed with no time keeps the one it had."""
    now = dt.datetime.now(dt.timezone.utc)
    canon = canonical_url(result.url)
    digest = hashlib.sha256(result.body).hexdigest()
    values = dict(source_id=source_id, url=result.url, canonical_url=canon, fetched_at=now,
                  http_status=result.status, etag=result.etag, last_modified=result.last_modified,
                  content_type=(result.content_type or "")[:200] or None, content_hash=digest,
                  raw_body=zlib.compress(result.body, 6), raw_size=len(result.body), status="pending",
                  attempts=0, updated_at=now,
                  # new content starts afresh: no claim on it, no trouble from the old content
                  claimed_by=None, claimed_until=None, reading_since=None, fault=None, retry_at=None,
                  passing_failures=0, published_at=published_at)
    stmt = insert(Document).values(**values)
    stmt = stmt.on_conflict_do_update(
        index_elements=[Document.canonical_url],
        set_={k: stmt.excluded[k] for k in values if k not in ("canonical_url", "source_id")} |
             {"last_error": None, "published_at": func.coalesce(stmt.excluded.published_at, Document.published_at)},
        where=Document.content_hash != stmt.excluded.content_hash,
    ).returning(Document.id)
    with session_scope() as s:
        doc_id = s.execute(stmt).scalar_one_or_none()
        if doc_id is None:  # same content: only the fetch time and validators move
            s.execute(update(Document).where(Document.canonical_url == canon)
                      .values(fetched_at=now, etag=result.etag, last_modified=result.last_modified))
    if doc_id is not None and enqueue:
        hand_on([doc_id])
    return doc_id


def hand_on(doc_ids: list[int]) -> None:
    """Pages committed: to the workers, in batches. If the broker is down the sweep re-enqueues
    them later."""
    try:
        send_extract(doc_ids, retry=False)
    except Exception as exc:  # kombu raises several types; the rows are safe either way
        if not outages.BROKER.noticed(exc):
            log.warning("could not enqueue %d documents (%s); the sweep will pick them up", len(doc_ids), exc)
        return
    outages.BROKER.reachable()
