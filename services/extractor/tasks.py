"""Celery tasks of the extractor: adapters that take ids, call the pipeline, and retry.

Pages go to the workers in batches (`FUNDWATCH_EXTRACT_BATCH_SIZE` ids per message): one message,
one claim and one recording transaction serve many pages, which is most of what a worker spends on a
page besides reading it."""
from __future__ import annotations

import gc
import logging

from celery.exceptions import SoftTimeLimitExceeded
from celery.signals import worker_process_init
from sqlalchemy import text

from services.extractor.pipeline import Batch, fail, process_documents
from shared import queues
from shared.celery_app import task
from shared.db import session_scope
from shared.messages import send_extract
from shared.settings import get_settings

log = logging.getLogger("fundwatch.tasks")


_settled = False


def _settle_heap() -> None:
    """Move what a worker process keeps for good (modules, rule tables, compiled statements, parser
    caches) out of the collector's reach: otherwise every full collection walks it again, which
    measured about a millisecond per page. Once at start, once more after the first batch."""
    gc.collect()
    gc.freeze()


@worker_process_init.connect
def _on_process_start(**_: object) -> None:
    _settle_heap()


@task(queues.EXTRACT_DOCUMENTS, bind=True)
def extract_documents(self, document_ids: list[int]) -> dict[str, int]:
    """Extract and consolidate a batch of stored pages. A page that hits the time limit is failed
    with that reason and the rest of the batch is sent on; pages that met a passing fault (the
    database, a worker bug) keep the reason and are retried with backoff."""
    global _settled
    batch = Batch([int(i) for i in document_ids], interrupts=(SoftTimeLimitExceeded,))
    try:
        process_documents(batch)
    except SoftTimeLimitExceeded:
        if batch.current is not None:
            batch.outcomes[batch.current] = fail(batch.current, "extraction took longer than the time limit", "n/a")
        rest = batch.unfinished()
        if rest:
            log.warning("time limit: %d pages of the batch sent on", len(rest))
            send_extract(rest)
        return batch.summary()
    if not _settled:
        _settled = True
        _settle_heap()
    if batch.errors:
        raise self.retry(args=(sorted(batch.errors),), countdown=self.backoff())
    log.info("batch of %d pages: %s", len(batch.ids),
             ", ".join(f"{n} {status}" for status, n in batch.summary().items()))
    return batch.summary()


@task(queues.EXTRACT_DOCUMENT, bind=True)
def extract_document(self, document_id: int) -> int:
    """A message of one page, as an earlier fundwatch queued them: passed on as a batch of one."""
    return send_extract([document_id])


@task(queues.SWEEP_PENDING)
def sweep_pending() -> int:
    """Re-enqueue documents accepted but not extracted (a message lost in the broker loses nothing)."""
    settings = get_settings()
    with session_scope() as s:
        ids = s.execute(text(
            "UPDATE documents SET updated_at = now() WHERE id IN ("
            " SELECT id FROM documents WHERE status = 'pending'"
            " AND updated_at < now() - make_interval(secs => :grace)"
            " ORDER BY updated_at LIMIT 500 FOR UPDATE SKIP LOCKED) RETURNING id"),
            {"grace": settings.sweep_grace_seconds}).scalars().all()
    if ids:
        send_extract(sorted(ids))
        log.info("sweep re-enqueued %d pending documents", len(ids))
    return len(ids)

