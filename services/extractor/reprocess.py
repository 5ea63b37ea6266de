"""Re-extraction of stored pages (`fundwatch reprocess`): every page whose extraction is older than
the current extractor is read again from its stored raw body. A page's mentions are replaced in the
same transaction that consolidates the new reading, so records never lose or double provenance."""
from __future__ import annotations

import time
from collections.abc import Callable

from sqlalchemy import func, select, update

from services.extractor.readers import DEFAULT
from services.extractor.pipeline import process_document
from shared.db import session_scope
from shared.messages import send_extract
from shared.models import Document

DONE = ("extracted", "failed", "duplicate")


def mark_stale(version: str = DEFAULT.version, everything: bool = False, failed: bool = False) -> list[int]:
    """Mark for extraction the pages read by another extractor version (or all pages, or the failed
    ones whatever read them); returns their ids."""
    with session_scope() as s:
        query = update(Document).where(Document.status.in_(DONE))
        if failed:
            query = query.where(Document.status == "failed")
        elif not everything:
            query = query.where(Document.extracted_version.is_distinct_from(version))
        return sorted(s.scalars(query.values(status="pending", attempts=0, updated_at=func.now(), retry_at=None,
                                             claimed_by=None, claimed_until=None, reading_since=None)
                                .returning(Document.id)).all())


def pending_among(ids: list[int]) -> int:
    with session_scope() as s:
        return s.scalar(select(func.count()).where(Document.id.in_(ids), Document.status == "pending")) or 0


def run(version: str = DEFAULT.version, everything: bool = False, inline: bool = False, wait: bool = False,
        report: Callable[[str], None] = print, poll_seconds: float = 1.0, failed: bool = False) -> int:
    """Re-read the stale pages (`failed`: the failed ones), here or by the workers."""
    ids = mark_stale(version, everything, failed)
    if not ids:
        report("nothing to reprocess: no page has failed" if failed else
               f"nothing to reprocess: every stored page was read by extractor {version}")
        return 0
    report(f"reprocessing {len(ids)} pages with extractor {version}")
    if inline:
        started = time.monotonic()
        outcomes: dict[str, int] = {}
        for n, doc_id in enumerate(ids, 1):
            status = process_document(doc_id).status
            outcomes[status] = outcomes.get(status, 0) + 1
            if n % 50 == 0 or n == len(ids):
                report(f"  {n}/{len(ids)} pages, {n / max(time.monotonic() - started, 1e-9):.1f}/s")
        report("done: " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())))
        return len(ids)
    messages = send_extract(ids)
    report(f"queued {len(ids)} pages for the workers ({messages} messages)")
    if wait:
        left = len(ids)
        while left:
            time.sleep(poll_seconds)
            now = pending_among(ids)
            if now != left:
                report(f"  {len(ids) - now}/{len(ids)} pages done")
            left = now
        report("done")
    return len(ids)
