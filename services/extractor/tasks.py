"""Celery tasks of the extractor: adapters that take ids, call the pipeline, and retry.

Pages go to the workers in batches (`FUNDWATCH_EXTRACT_BATCH_SIZE` ids per message): one message,
one claim and one recording transaction serve many pages, which is most of what a worker spends on a
page besides reading it."""
from __future__ import annotations

import gc
import logging
import uuid
from collections import Counter

from celery.exceptions import SoftTimeLimitExceeded
from celery.signals import worker_process_init

from services.extractor import claims
from services.extractor.pipeline import Batch, over_time_limit, process_documents, release_unfinished
from services.extractor.readers import DEFAULT
from shared import metrics, queues
from shared.celery_app import task
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


def _send_alone(document_ids: list[int]) -> int:
    return send_extract(document_ids, batch_size=1)


@task(queues.EXTRACT_DOCUMENTS, bind=True)
def extract_documents(self, document_ids: list[int]) -> dict[str, int]:
    """Extract and consolidate a batch of stored pages. Trouble of one page's own (its time limit,
    its exception, the worker lost while reading it) is charged to that page, which is read alone
    next; pages that met a passing fault (the database) keep the reason and are retried with
    backoff. The claims are held in the task's id, which a redelivered message keeps."""
    global _settled
    batch = Batch([int(i) for i in document_ids], interrupts=(SoftTimeLimitExceeded,),
                  token=self.request.id or uuid.uuid4().hex, send_alone=_send_alone)
    try:
        process_documents(batch)
    except SoftTimeLimitExceeded:
        stopped_at = batch.current
        rest = release_unfinished(batch)        # all but the page being read, which is charged for it
        batch.current = None
        try:
            send_extract(rest)
        except Exception as exc:  # noqa: BLE001 - kombu raises several types; the pages are pending, the sweep has them
            log.warning("could not hand on %d pages (%s); the sweep will", len(rest), exc)
        if stopped_at is not None:
            over_time_limit(batch, batch.claimed[stopped_at], "took longer than the task's time limit to read",
                            DEFAULT.version)
        log.warning("task time limit: %d pages of the batch sent on", len(rest))
        return batch.summary()
    if not _settled:
        _settled = True
        _settle_heap()
    if batch.errors:
        metrics.count("extraction_retries", len(batch.errors), reason="database")
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
    """Re-enqueue documents accepted but not extracted whose claim has run out (a message lost in the
    broker, or a worker gone with its batch, loses nothing), and failed pages whose retry time has
    come (a passing fault failed them). A page a live task holds is left alone."""
    settings = get_settings()
    revived = claims.revive_failed()
    for fault, n in Counter(fault or "error" for _, fault in revived).items():
        metrics.count("extraction_retries", n, reason=fault.removesuffix("_alone"))
    ids = sorted({*claims.unheld_pending(settings.sweep_grace_seconds), *(i for i, _ in revived)})
    if ids:
        send_extract(ids)
        metrics.count("sweep_resends", len(ids))
        log.info("sweep re-enqueued %d pending documents (%d failed ones tried again)", len(ids), len(revived))
    return len(ids)
