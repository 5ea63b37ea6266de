"""Celery tasks of the extractor: adapters that take ids, call the pipeline, and retry."""
from __future__ import annotations

import logging

from celery.exceptions import SoftTimeLimitExceeded
from sqlalchemy import text

from services.extractor.pipeline import Outcome, fail, note_error, process_document
from shared import queues
from shared.celery_app import app
from shared.db import session_scope
from shared.settings import get_settings

log = logging.getLogger("fundwatch.tasks")


@app.task(name=queues.EXTRACT_DOCUMENT, bind=True, acks_late=True, max_retries=5)
def extract_document(self, document_id: int) -> str:
    try:
        outcome: Outcome = process_document(document_id)
    except SoftTimeLimitExceeded:
        return fail(document_id, "extraction took longer than the time limit", "n/a").status
    except Exception as exc:  # a passing fault: keep the reason, retry with backoff
        log.exception("document %s: %s", document_id, exc)
        note_error(document_id, f"{type(exc).__name__}: {exc}")
        raise self.retry(exc=exc, countdown=min(2 ** self.request.retries * 5, 300)) from exc
    return outcome.status


@app.task(name=queues.SWEEP_PENDING, acks_late=True)
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
    for document_id in ids:
        extract_document.apply_async((document_id,), queue=queues.EXTRACT)
    if ids:
        log.info("sweep re-enqueued %d pending documents", len(ids))
    return len(ids)


@app.task(name=queues.DELIVER_WEBHOOKS, acks_late=True)
def deliver_webhooks() -> dict:
    """Plan and send webhook deliveries (the schedule runs it every few seconds)."""
    from services.api import webhooks

    return webhooks.dispatch()
