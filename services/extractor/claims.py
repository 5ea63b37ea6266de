"""A task's hold on the pages of its batch, in PostgreSQL (documents.claimed_by, claimed_until,
reading_since), and what the sweep finds to send again.

A task claims its pending pages for a lease longer than its hard time limit, so the sweep never
re-sends a page a live task holds; the same task delivered again (a worker lost, the message
redelivered) takes its own claims back at once, any other task only once the lease has run out.
Before reading a page the task marks it (pushing the lease on); a claim that finds its page still
marked knows the worker died while reading that page, and the page alone is charged for it."""
from __future__ import annotations

from dataclasses import dataclass

from shared.db import Statement, pg_ints, transaction

_CLAIM = Statement("""
    WITH held AS (SELECT id, reading_since FROM documents
                  WHERE id = ANY(CAST(:docs AS int[])) AND status = 'pending'
                    AND (claimed_until IS NULL OR claimed_until < now() OR claimed_by = :token)
                  ORDER BY id FOR UPDATE)
    UPDATE documents d SET claimed_by = :token, claimed_until = now() + make_interval(secs => :lease),
                           reading_since = NULL
    FROM held WHERE d.id = held.id
    RETURNING d.id, d.attempts, d.url, d.content_type, d.content_hash, d.raw_body, d.last_error, d.fault,
              held.reading_since IS NOT NULL AS lost""")
# the pages being read (one while reading, all of them while a batch is recorded) carry the mark;
# the others lose it; the lease moves on when half of it has gone
_MARK = Statement("""
    UPDATE documents SET reading_since = CASE WHEN id = ANY(CAST(:reading AS int[])) THEN now() END,
                         claimed_until = now() + make_interval(secs => :lease)
    WHERE id = ANY(CAST(:docs AS int[])) AND claimed_by = :token AND status = 'pending'
      AND (id = ANY(CAST(:reading AS int[])) OR reading_since IS NOT NULL
           OR claimed_until < now() + make_interval(secs => :lease / 2))""")
# trouble of the page's own: counted on it, which is let go to be read alone
_CHARGE = Statement("""
    UPDATE documents SET attempts = attempts + 1, fault = :fault, last_error = :reason, updated_at = now(),
                         claimed_by = CASE WHEN :keep THEN claimed_by END,
                         claimed_until = CASE WHEN :keep THEN claimed_until END, reading_since = NULL
    WHERE id = :doc AND claimed_by = :token AND status = 'pending' RETURNING attempts""")
_RELEASE = Statement("""
    UPDATE documents SET claimed_by = NULL, claimed_until = NULL, reading_since = NULL, updated_at = now()
    WHERE id = ANY(CAST(:docs AS int[])) AND claimed_by = :token AND status = 'pending' RETURNING id""")
# a page recorded: nothing holds it, no trouble is left on it
DONE = Statement("""
    UPDATE documents SET claimed_by = NULL, claimed_until = NULL, reading_since = NULL, fault = NULL,
                         retry_at = NULL, passing_failures = 0
    WHERE id = ANY(CAST(:docs AS int[]))""")
_REVIVE = Statement("""
    UPDATE documents SET status = 'pending', attempts = 0, retry_at = NULL, claimed_by = NULL,
                         claimed_until = NULL, reading_since = NULL, updated_at = now()
    WHERE id IN (SELECT id FROM documents WHERE status = 'failed' AND retry_at <= now()
                 ORDER BY retry_at LIMIT :limit FOR UPDATE SKIP LOCKED)
    RETURNING id, fault""")
_UNHELD = Statement("""
    UPDATE documents SET updated_at = now() WHERE id IN (
        SELECT id FROM documents WHERE status = 'pending'
        AND updated_at < now() - make_interval(secs => :grace)
        AND (claimed_until IS NULL OR claimed_until < now())
        ORDER BY updated_at LIMIT :limit FOR UPDATE SKIP LOCKED)
    RETURNING id""")


@dataclass
class Claimed:
    id: int
    attempts: int
    url: str
    content_type: str | None
    content_hash: str
    raw_body: bytes
    last_error: str | None
    fault: str | None
    lost: bool       # still marked as being read: the worker that held it died reading it


def claim(token: str, document_ids: list[int], lease: int) -> list[Claimed]:
    """Take the pending pages no live task holds (committed before any work), in id order."""
    with transaction() as s:
        rows = _CLAIM(s, {"docs": pg_ints(sorted(document_ids)), "token": token, "lease": lease})
    return sorted((Claimed(*row) for row in rows), key=lambda c: c.id)


def mark(token: str, document_ids: list[int], reading: list[int], lease: int) -> None:
    """Mark the pages being read now (and unmark the rest), pushing the lease on. Not made durable
    before the reply: a mark lost with a crashed database only loses which page to blame."""
    with transaction() as s:
        s.exec_driver_sql("SET LOCAL synchronous_commit = off")
        _MARK(s, {"docs": pg_ints(document_ids), "reading": pg_ints(reading), "token": token, "lease": lease})


def charge(token: str, document_id: int, fault: str, reason: str, keep: bool = False) -> int | None:
    """Count trouble of its own on a held page (let go unless `keep`); returns its attempts, or None
    if the task no longer holds it."""
    with transaction() as s:
        row = _CHARGE.first(s, {"doc": document_id, "token": token, "fault": fault, "reason": reason[:2000],
                                "keep": keep})
    return row.attempts if row else None


def release(token: str, document_ids: list[int]) -> list[int]:
    """Let go of held pages, to be handed on to another task; returns those it held, in id order."""
    with transaction() as s:
        return sorted(row.id for row in _RELEASE(s, {"docs": pg_ints(document_ids), "token": token}))


def revive_failed(limit: int = 500) -> list[tuple[int, str | None]]:
    """Failed pages whose retry time has come, pending again: (id, the fault that failed them)."""
    with transaction() as s:
        return [(row.id, row.fault) for row in _REVIVE(s, {"limit": limit})]


def unheld_pending(grace: int, limit: int = 500) -> list[int]:
    """Pending pages older than `grace` seconds that no live task holds (their message was lost)."""
    with transaction() as s:
        return sorted(row.id for row in _UNHELD(s, {"grace": grace, "limit": limit}))
