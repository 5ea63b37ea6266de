"""A batch of pages is recorded in one transaction; when that fails, each page is recorded in its
own, so one page's fault stays on that page (kept, retried) and the others are not held back.
The fault is PostgreSQL's own: a trigger refusing one page's mentions. It shows on the page and in
the metrics."""
from __future__ import annotations

from celery.exceptions import SoftTimeLimitExceeded
from fastapi.testclient import TestClient
from sqlalchemy import select, text

from services.api.app import app
from services.extractor import tasks
from services.extractor.readers import DEFAULT
from services.extractor.pipeline import Batch, process_documents
from services.fetcher.http import FetchResult
from services.fetcher.store import store_page
from shared.db import get_engine, session_scope
from shared.models import Award, Document, ExtractionRun
from tests.conftest import queued_batches

PAGE = ("<html><body><article><h1>{name} funded</h1><p>" + "{name} has been awarded £{amount:,} by the "
        "Coastal Communities Fund to restore the harbour wall. " * 3 + "</p></article></body></html>")


def _store(name: str, amount: int) -> int:
    body = PAGE.format(name=name, amount=amount).encode()
    return store_page(None, FetchResult(url=f"http://batch.example/{name.split()[0].lower()}", status=200,
                                        body=body, content_type="text/html"), enqueue=False)


def test_one_failing_page_does_not_hold_back_its_batch(db):
    ids = [_store("Harbour Trust", 120_000), _store("Quayside Arts", 45_000), _store("Lighthouse Club", 80_000)]
    refused = ids[1]
    with get_engine().begin() as conn:
        conn.execute(text(f"""
            CREATE FUNCTION refuse_page() RETURNS trigger AS $$
            BEGIN
              IF NEW.document_id = {refused} THEN RAISE EXCEPTION 'mention refused for this page'; END IF;
              RETURN NEW;
            END $$ LANGUAGE plpgsql;
            CREATE TRIGGER refuse_page BEFORE INSERT ON mentions FOR EACH ROW EXECUTE FUNCTION refuse_page();"""))
    try:
        batch = process_documents(Batch(ids))
    finally:
        with get_engine().begin() as conn:
            conn.execute(text("DROP TRIGGER refuse_page ON mentions; DROP FUNCTION refuse_page();"))

    assert {i: o.status for i, o in batch.outcomes.items()} == {ids[0]: "extracted", ids[2]: "extracted"}
    assert list(batch.errors) == [refused] and "mention refused for this page" in batch.errors[refused]
    assert batch.summary() == {"extracted": 2, "retry": 1}
    with session_scope() as s:
        docs = {d.id: d for d in s.scalars(select(Document))}
        assert docs[refused].status == "pending" and "mention refused" in docs[refused].last_error
        assert (docs[refused].fault, docs[refused].claimed_by) == ("database", None)   # let go for the retry
        assert {r for r in s.scalars(select(Award.recipient))} == {"Harbour Trust", "Lighthouse Club"}
        assert sorted(s.scalars(select(ExtractionRun.document_id))) == [ids[0], ids[2]]
    metrics = TestClient(app).get("/metrics").text
    assert "fundwatch_documents_retrying 1.0" in metrics and 'fundwatch_documents{status="pending"} 1.0' in metrics

    again = process_documents(Batch([refused]))           # the retry, with the fault gone
    assert again.outcomes[refused].status == "extracted" and not again.errors
    with session_scope() as s:
        # the database's fault is no fault of the page's: nothing was charged to it
        assert s.scalar(select(Document.attempts).where(Document.id == refused)) == 0
        assert len(s.scalars(select(Award.id)).all()) == 3


def test_a_batch_skips_what_is_already_done(db):
    ids = [_store("Harbour Trust", 120_000), _store("Quayside Arts", 45_000)]
    first = process_documents(Batch(ids))
    assert first.summary() == {"extracted": 2}
    second = process_documents(Batch(ids + ids))      # the same message delivered again, ids repeated
    assert second.ids == ids and second.summary() == {"skipped": 2}
    with session_scope() as s:
        assert len(s.scalars(select(ExtractionRun.id)).all()) == 2


class StopsAt:
    """An extractor that runs out of time on one page, as Celery's soft time limit interrupts it."""

    version = DEFAULT.version

    def __init__(self, url_part: str):
        self.url_part = url_part

    def extract(self, doc):
        if self.url_part in (doc.url or ""):
            raise SoftTimeLimitExceeded()
        return DEFAULT.extract(doc)


def test_a_page_over_the_task_time_limit_is_read_alone_and_the_rest_of_its_batch_is_sent_on(db, redis_client,
                                                                                        monkeypatch):
    ids = [_store("Harbour Trust", 120_000), _store("Quayside Arts", 45_000), _store("Lighthouse Club", 80_000)]
    monkeypatch.setattr(tasks, "process_documents", lambda batch: process_documents(batch, StopsAt("/quayside")))
    summary = tasks.extract_documents.apply(args=(ids,)).get()

    assert summary == {"alone": 1}
    with session_scope() as s:
        docs = {d.id: d for d in s.scalars(select(Document))}
    slow = docs[ids[1]]
    assert (slow.status, slow.attempts, slow.fault, slow.claimed_by) == ("pending", 1, "time_limit", None)
    assert "time limit" in slow.last_error
    assert docs[ids[0]].status == docs[ids[2]].status == "pending"      # read or not, nothing recorded yet
    assert docs[ids[0]].claimed_by is None and docs[ids[2]].claimed_by is None   # let go for the next task
    # the rest handed on in one message, the slow page in one of its own
    assert sorted(queued_batches(redis_client)) == [[ids[0], ids[2]], [ids[1]]]

    # read alone and over the limit: once more alone; over it again read alone: failed, for good
    assert tasks.extract_documents.apply(args=([ids[1]],)).get() == {"alone": 1}
    assert tasks.extract_documents.apply(args=([ids[1]],)).get() == {"failed": 1}
    with session_scope() as s:
        slow = s.get(Document, ids[1])
        assert (slow.status, slow.fault, slow.retry_at) == ("failed", "time_limit", None)
        assert "twice read alone" in slow.last_error
        assert [r.outcome for r in s.scalars(select(ExtractionRun).where(ExtractionRun.document_id == ids[1]))] \
            == ["failed"]

    monkeypatch.undo()
    assert tasks.extract_documents.apply(args=([ids[0], ids[2]],)).get() == {"extracted": 2}
