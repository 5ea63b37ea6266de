"""Sources as the fetcher polls them: leased from PostgreSQL (so several fetchers share them), their
state recorded after each round. A lease is short and renewed while its poll runs, so the sources of a
fetcher that died are free again within seconds; a fetcher that stops releases its own at once.

A 304 poll costs no SQL of its own: the lease brings each source with the pages last stored from it
(their validators), and a round's outcomes are recorded in one statement."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import text

from services.fetcher.store import StoredPage
from shared.db import session_scope


@dataclass(slots=True)
class Leased:
    """A due source held by this fetcher: what its poll reads, and its pages most recently stored
    (by canonical URL, newest first)."""
    id: int
    name: str
    kind: str
    url: str
    interval_seconds: int
    trusted: bool
    include_patterns: list[str]
    exclude_patterns: list[str]
    start_date: dt.date | None
    max_pages: int
    etag: str | None
    last_modified: str | None
    next_due_at: dt.datetime
    pages: dict[str, StoredPage] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Outcome:
    """How one poll ended. ok: the source answered (`error` is then the note on pages that failed,
    if any); not ok: it failed, `error` being the reason. backlog: pages were left for the next
    poll, which then comes at once and asks for the source in full."""
    source_id: int
    ok: bool
    pages: int = 0
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    backlog: bool = False


LEASE = text("""
WITH leased AS (
    UPDATE sources SET lease_until = now() + make_interval(secs => :lease), lease_owner = :owner,
        last_attempt_at = now()
    WHERE id IN (SELECT id FROM sources WHERE enabled AND next_due_at <= now()
                 AND (lease_until IS NULL OR lease_until < now())
                 ORDER BY next_due_at LIMIT :limit FOR UPDATE SKIP LOCKED)
    RETURNING id, name, kind, url, interval_seconds, trusted, include_patterns, exclude_patterns,
        start_date, max_pages, etag, last_modified, next_due_at)
SELECT l.*, p.pages FROM leased l LEFT JOIN LATERAL (
    SELECT json_agg(json_build_array(d.canonical_url, d.url, d.etag, d.last_modified, d.fetched_at)
                    ORDER BY d.fetched_at DESC) AS pages
    FROM (SELECT canonical_url, url, etag, last_modified, fetched_at FROM documents
          WHERE source_id = l.id ORDER BY fetched_at DESC LIMIT :pages) d) p ON true
ORDER BY l.next_due_at""")


def lease_due(owner: str, limit: int, lease_seconds: int, pages: int = 200) -> list[Leased]:
    """Take up to `limit` due sources, each with up to `pages` of its pages last stored; a source
    leased by another fetcher is skipped, not waited for. One statement."""
    with session_scope() as s:
        rows = s.execute(LEASE, {"lease": lease_seconds, "owner": owner, "limit": limit, "pages": pages}).all()
    out = []
    for r in rows:
        src = Leased(r.id, r.name, r.kind, r.url, r.interval_seconds, r.trusted, r.include_patterns or [],
                     r.exclude_patterns or [], r.start_date, r.max_pages, r.etag, r.last_modified, r.next_due_at)
        for canon, url, etag, last_modified, fetched_at in r.pages or ():
            src.pages[canon] = StoredPage(url, etag, last_modified, dt.datetime.fromisoformat(fetched_at))
        out.append(src)
    return out


RECORD = text("""
UPDATE sources s SET
    last_success_at = CASE WHEN o.ok THEN now() ELSE s.last_success_at END,
    last_error = o.error,
    consecutive_failures = CASE WHEN o.ok THEN 0 ELSE s.consecutive_failures + 1 END,
    pages_seen = s.pages_seen + o.pages,
    next_due_at = CASE
        -- a failing source backs off exponentially (capped at a day)
        WHEN NOT o.ok THEN now() + make_interval(secs => LEAST(86400,
            s.interval_seconds * power(2, LEAST(s.consecutive_failures, 12))))
        WHEN o.backlog THEN now()
        -- on schedule: an interval after the time it was due, or after now if that has passed too
        WHEN s.next_due_at + make_interval(secs => s.interval_seconds) > now()
            THEN s.next_due_at + make_interval(secs => s.interval_seconds)
        ELSE now() + make_interval(secs => s.interval_seconds) END,
    -- a source with a backlog is asked again in full, not conditionally
    etag = CASE WHEN NOT o.ok THEN s.etag WHEN o.backlog THEN NULL ELSE o.etag END,
    last_modified = CASE WHEN NOT o.ok THEN s.last_modified WHEN o.backlog THEN NULL ELSE o.last_modified END,
    lease_until = NULL, lease_owner = NULL
FROM unnest(CAST(:ids AS int[]), CAST(:ok AS bool[]), CAST(:pages AS int[]), CAST(:etags AS text[]),
            CAST(:last_modified AS text[]), CAST(:errors AS text[]), CAST(:backlog AS bool[]))
     AS o(id, ok, pages, etag, last_modified, error, backlog)
WHERE s.id = o.id AND s.lease_owner = :owner""")


def record(owner: str, outcomes: Sequence[Outcome]) -> int:
    """A round's polls, successes and failures alike, recorded in one statement; each source's
    lease ends with it. A source no longer leased by `owner` is left alone. Returns how many."""
    if not outcomes:
        return 0
    with session_scope() as s:
        return s.execute(RECORD, {
            "owner": owner, "ids": [o.source_id for o in outcomes], "ok": [o.ok for o in outcomes],
            "pages": [o.pages for o in outcomes], "etags": [o.etag for o in outcomes],
            "last_modified": [o.last_modified for o in outcomes],
            "errors": [o.error[:2000] if o.error else None for o in outcomes],
            "backlog": [o.backlog for o in outcomes]}).rowcount


def renew(owner: str, lease_seconds: int) -> int:
    """Extend the leases this fetcher holds (its polls are still running); returns how many."""
    with session_scope() as s:
        return s.execute(text(
            "UPDATE sources SET lease_until = now() + make_interval(secs => :lease)"
            " WHERE lease_owner = :owner AND lease_until IS NOT NULL"),
            {"lease": lease_seconds, "owner": owner}).rowcount


def release(owner: str) -> int:
    """Give up every lease this fetcher holds, its polls unfinished: those sources stay due (their
    next_due_at is unchanged, so already past) and the next fetcher to look polls them at once."""
    with session_scope() as s:
        return s.execute(text(
            "UPDATE sources SET lease_until = NULL, lease_owner = NULL WHERE lease_owner = :owner"),
            {"owner": owner}).rowcount


def release_dead(host: str, alive: Callable[[int], bool]) -> list[str]:
    """Release the leases of fetchers on this host whose process has gone (a fetcher killed and
    started again: its sources are polled now, not when the dead one's lease would end). An owner
    is "host:pid:…"; one whose process is alive, or on another host, is left alone."""
    with session_scope() as s:
        owners = s.execute(text("SELECT DISTINCT lease_owner FROM sources WHERE lease_owner LIKE :prefix"),
                           {"prefix": host.replace("%", r"\%").replace("_", r"\_") + ":%"}).scalars().all()
    dead = [o for o in owners if (pid := o.split(":")[1]).isdigit() and not alive(int(pid))]
    for owner in dead:
        release(owner)
    return dead
