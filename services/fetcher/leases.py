"""Sources as the fetcher polls them: leased from PostgreSQL (so several fetchers share them), their
state recorded after each poll. A lease is short and renewed while its poll runs, so the sources of a
fetcher that died are free again within seconds; a fetcher that stops releases its own at once."""
from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select, text, update

from shared.db import session_scope
from shared.models import Source


def lease_due(owner: str, limit: int, lease_seconds: int) -> list[Source]:
    """Take up to `limit` due sources; a source leased by another fetcher is skipped, not waited for."""
    with session_scope() as s:
        rows = s.execute(text(
            "UPDATE sources SET lease_until = now() + make_interval(secs => :lease), lease_owner = :owner,"
            " last_attempt_at = now() WHERE id IN (SELECT id FROM sources WHERE enabled"
            " AND next_due_at <= now() AND (lease_until IS NULL OR lease_until < now())"
            " ORDER BY next_due_at LIMIT :limit FOR UPDATE SKIP LOCKED) RETURNING id"),
            {"lease": lease_seconds, "owner": owner, "limit": limit}).scalars().all()
        sources = list(s.scalars(select(Source).where(Source.id.in_(rows))))
        for src in sources:
            s.expunge(src)
        return sources


def record_success(source_id: int, owner: str, pages: int, etag: str | None, last_modified: str | None,
                   note: str | None = None, backlog: bool = False) -> None:
    """A poll that worked. `note`: pages that failed while the source itself answered; `backlog`:
    pages left for the next poll, which then comes at once rather than after the interval."""
    due = func.now() if backlog else func.now() + func.make_interval(0, 0, 0, 0, 0, 0, Source.interval_seconds)
    with session_scope() as s:
        s.execute(update(Source).where(Source.id == source_id, Source.lease_owner == owner).values(
            last_success_at=func.now(), last_error=note[:2000] if note else None, consecutive_failures=0,
            pages_seen=Source.pages_seen + pages, next_due_at=due, lease_until=None, lease_owner=None,
            # a source with a backlog is asked again in full, not conditionally
            etag=None if backlog else etag, last_modified=None if backlog else last_modified))


def record_failure(source_id: int, owner: str, reason: str) -> None:
    """A failing source backs off exponentially (capped at a day); the others are unaffected."""
    with session_scope() as s:
        s.execute(text(
            "UPDATE sources SET last_error = :reason, consecutive_failures = consecutive_failures + 1,"
            " next_due_at = now() + make_interval(secs => LEAST(86400,"
            "   interval_seconds * power(2, LEAST(consecutive_failures, 12)))),"
            " lease_until = NULL, lease_owner = NULL WHERE id = :id AND lease_owner = :owner"),
            {"reason": reason[:2000], "id": source_id, "owner": owner})


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
