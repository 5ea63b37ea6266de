"""A page's trouble is charged to that page: claims that a live task holds and a redelivery takes
back, the page a lost worker was reading, the reader's own exception, limits on what the parsers are
given; failed pages tried again (by the sweep, or `fundwatch reprocess --failed`) and listed with
their reasons."""
from __future__ import annotations

import threading
import time

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, text, update

from services.api.app import app
from services.extractor import claims, reprocess
from services.extractor.document import ExtractionError, to_text_document
from services.extractor.limits import PageTimeLimit, time_limit
from services.extractor.pipeline import Batch, fail, process_documents
from services.extractor.readers import DEFAULT
from services.extractor.tasks import sweep_pending
from services.fetcher.http import FetchResult
from services.fetcher.store import store_page
from shared import metrics
from shared.db import session_scope
from shared.messages import send_extract
from shared.models import Document, ExtractionRun
from shared.settings import get_settings
from tests.conftest import queued_batches

PAGE = ("<html><body><article><h1>{name} funded</h1><p>{name} has been awarded £{amount:,} by the Marsh "
        "Meadows Fund to build a bird hide.</p><p>Work starts in the autumn.</p></article></body></html>")
NAMES = ["Reedbed Trust", "Heron Society", "Lapwing Club"]


def _store(i: int) -> int:
    body = PAGE.format(name=NAMES[i], amount=(i + 1) * 7_000).encode()
    return store_page(None, FetchResult(url=f"http://marsh.example/{i}", status=200, body=body,
                                        content_type="text/html"), enqueue=False)


def alone(ids: list[int]) -> None:
    """How a task sends the pages it sets aside: one per message."""
    send_extract(ids, batch_size=1)


def docs() -> dict[int, Document]:
    with session_scope() as s:
        rows = s.scalars(select(Document)).all()
        s.expunge_all()
    return {d.id: d for d in rows}


def counted(event: str, *labels: str) -> float:
    return metrics.read().get((event, labels), 0)


def test_a_page_read_too_long_is_stopped_by_its_own_time_limit():
    started = time.monotonic()
    with pytest.raises(PageTimeLimit):
        with time_limit(0.2):
            while True:
                pass
    assert time.monotonic() - started < 5
    with time_limit(0.05):     # a block that ends in time is left alone, and so is the rest
        pass
    time.sleep(0.1)


def test_the_time_limit_is_none_off_the_main_thread():
    done = []

    def busy():
        with time_limit(0.01):
            time.sleep(0.1)
            done.append(True)

    thread = threading.Thread(target=busy)
    thread.start()
    thread.join()
    assert done == [True]


def test_what_the_parsers_are_given_is_capped():
    many = ("<html><body>" + "<div><span>a footpath</span></div>" * 600 + "</body></html>").encode()
    with pytest.raises(ExtractionError, match=r"too many HTML elements: 1,20\d \(limit 1,000\)"):
        to_text_document(many, content_type="text/html", max_elements=1_000)
    long_text = ("<html><body><article><p>" + "The footpath was mended. " * 400 + "</p></article></body></html>")
    with pytest.raises(ExtractionError, match=r"main text too long: [\d,]+ characters \(limit 2,000\)"):
        to_text_document(long_text.encode(), content_type="text/html", max_text_chars=2_000)
    with pytest.raises(ExtractionError, match=r"main text too long: .* in the page"):
        to_text_document(long_text.encode(), content_type="text/html", max_text_chars=1_000)
    with pytest.raises(ExtractionError, match="main text too long"):
        to_text_document(b"The footpath was mended. " * 400, content_type="text/plain", max_text_chars=2_000)
    assert to_text_document(long_text.encode(), content_type="text/html", max_elements=1_000,
                            max_text_chars=20_000).text.startswith("The footpath was mended.")


def test_a_page_held_by_a_live_task_is_not_taken_and_a_redelivery_takes_its_own_back(db):
    ids = [_store(0), _store(1)]
    assert [c.id for c in claims.claim("task-a", ids, lease=60)] == ids
    assert claims.claim("task-b", ids, lease=60) == []                 # held: another task leaves them
    assert [c.id for c in claims.claim("task-a", ids, lease=60)] == ids   # the same task, delivered again
    batch = process_documents(Batch(ids, token="task-b"))
    assert batch.summary() == {"skipped": 2} and all(d.status == "pending" for d in docs().values())
    with session_scope() as s:   # the lease runs out (the task is gone): another task may take them
        s.execute(update(Document).values(claimed_until=text("now() - interval '1 second'")))
    assert process_documents(Batch(ids, token="task-b")).summary() == {"extracted": 2}
    assert {(d.claimed_by, d.claimed_until, d.reading_since) for d in docs().values()} == {(None, None, None)}


def test_the_sweep_resends_only_pages_no_live_task_holds(db, redis_client):
    held, lost = _store(0), _store(1)
    claims.claim("live-task", [held], lease=600)
    with session_scope() as s:
        s.execute(update(Document).values(updated_at=text("now() - interval '1 hour'")))
    assert sweep_pending() == 1
    assert queued_batches(redis_client) == [[lost]]
    assert counted("sweep_resends") == 1


def test_the_page_a_lost_worker_was_reading_is_the_only_one_charged(db, redis_client):
    ids = [_store(0), _store(1), _store(2)]
    claims.claim("task-a", ids, lease=60)
    claims.mark("task-a", ids, [ids[1]], lease=60)     # and here its worker died
    batch = process_documents(Batch(ids, token="task-a", send_alone=alone))   # the message, delivered again
    assert batch.summary() == {"alone": 1, "extracted": 2}
    lost = docs()[ids[1]]
    assert (lost.status, lost.attempts, lost.fault, lost.claimed_by) == ("pending", 1, "worker_lost", None)
    assert lost.last_error == "worker lost while reading this page"
    assert [d.attempts for i, d in docs().items() if i != ids[1]] == [0, 0]
    assert queued_batches(redis_client) == [[ids[1]]]        # to be read alone
    assert counted("workers_lost") == 1 and counted("extraction_retries", "worker_lost") == 1
    # read alone, its worker is lost once more (and the claim runs out): the next task, alone with
    # it, charges it and reads it at once
    claims.claim("task-b", [ids[1]], lease=60)
    claims.mark("task-b", [ids[1]], [ids[1]], lease=60)
    with session_scope() as s:
        s.execute(update(Document).values(claimed_until=text("now() - interval '1 second'")))
    assert process_documents(Batch([ids[1]])).outcomes[ids[1]].status == "extracted"
    assert docs()[ids[1]].attempts == 2 and counted("workers_lost") == 2


def test_a_worker_lost_while_recording_a_batch_has_each_page_recorded_alone(db, redis_client):
    ids = [_store(0), _store(1)]
    claims.claim("task-a", ids, lease=60)
    claims.mark("task-a", ids, ids, lease=60)            # recording both, and the worker died
    batch = process_documents(Batch(ids, token="task-a", send_alone=alone))
    assert batch.summary() == {"alone": 2}
    assert sorted(queued_batches(redis_client)) == [[ids[0]], [ids[1]]]
    assert [d.attempts for d in docs().values()] == [0, 0]    # neither is known to be at fault


class Raises:
    """A reader with a bug that one page brings out."""

    version = DEFAULT.version

    def extract(self, doc):
        if "Heron" in doc.text:
            raise IndexError("list index out of range")
        return DEFAULT.extract(doc)


def test_the_readers_exception_is_charged_to_its_page_which_fails_after_its_share(db, redis_client):
    ids = [_store(0), _store(1), _store(2)]
    batch = process_documents(Batch(ids), Raises())
    assert batch.summary() == {"alone": 1, "extracted": 2}
    page = docs()[ids[1]]
    assert (page.status, page.attempts, page.fault) == ("pending", 1, "error")
    assert page.last_error == "reader error: IndexError: list index out of range"
    process_documents(Batch([ids[1]]), Raises())
    process_documents(Batch([ids[1]]), Raises())
    page = docs()[ids[1]]
    assert (page.status, page.attempts, page.fault, page.retry_at) == ("failed", 3, "error", None)
    assert page.last_error == "reader error: IndexError: list index out of range (3 times)"


def test_a_page_is_failed_once_by_the_task_that_holds_it(db):
    doc_id = _store(0)
    claims.claim("task-a", [doc_id], lease=60)
    assert fail(doc_id, "binary content", DEFAULT.version, "task-b").status == "skipped"   # not its page
    assert fail(doc_id, "binary content", DEFAULT.version, "task-a").status == "failed"
    assert fail(doc_id, "binary content", DEFAULT.version, "task-a").status == "skipped"   # once
    with session_scope() as s:
        assert s.scalars(select(ExtractionRun.outcome)).all() == ["failed"]
    metrics_text = TestClient(app).get("/metrics").text
    assert 'fundwatch_extractions_total{outcome="failed"} 1.0' in metrics_text


def test_failed_by_a_passing_fault_is_tried_again_by_the_sweep(db, redis_client):
    passing, own = _store(0), _store(1)
    claims.claim("task-a", [passing, own], lease=60)
    fail(passing, "worker lost while reading this page (3 times)", DEFAULT.version, "task-a",
         fault="worker_lost", passing=True)
    fail(own, "binary content, not a text or HTML page", DEFAULT.version, "task-a")
    page = docs()[passing]
    assert page.retry_at is not None and page.passing_failures == 1
    assert sweep_pending() == 0                               # not yet: its backoff has not run out
    with session_scope() as s:
        s.execute(update(Document).where(Document.id == passing)
                  .values(retry_at=text("now() - interval '1 second'")))
    assert sweep_pending() == 1
    assert queued_batches(redis_client) == [[passing]]
    assert (docs()[passing].status, docs()[passing].attempts) == ("pending", 0)
    assert docs()[own].status == "failed"                     # its own fault: stays failed
    assert counted("extraction_retries", "worker_lost") == 1
    assert process_documents(Batch([passing])).outcomes[passing].status == "extracted"
    assert (docs()[passing].passing_failures, docs()[passing].fault) == (0, None)


def test_reprocess_failed_rereads_the_failed_pages(db, monkeypatch):
    ids = [_store(0), _store(1)]
    monkeypatch.setattr(get_settings(), "extract_max_text_chars", 20)
    assert process_documents(Batch(ids)).summary() == {"failed": 2}
    client = TestClient(app)
    listed = client.get("/documents", params={"status": "failed", "fault": "own"}).json()["items"]
    assert [(d["id"], d["fault"], d["retry_at"]) for d in listed] == [(ids[0], "own", None), (ids[1], "own", None)]
    assert all(d["last_error"].startswith("main text too long") for d in listed)
    assert client.get("/documents", params={"fault": "worker_lost"}).json()["items"] == []
    assert client.get("/documents", params={"fault": "anything"}).status_code == 422
    monkeypatch.undo()                                        # the limit raised: read them again
    lines: list[str] = []
    assert reprocess.run(failed=True, inline=True, report=lines.append) == 2
    assert lines[-1] == "done: extracted 2"
    assert {d.status for d in docs().values()} == {"extracted"}
    assert reprocess.run(failed=True, inline=True, report=lines.append) == 0
    assert lines[-1] == "nothing to reprocess: no page has failed"
