"""Nothing accepted is lost: a page whose message never reached a worker (lost in the broker, a
worker killed before acknowledging, the broker down when it was stored) is picked up by the
periodic sweep, from PostgreSQL, and extracted."""
from __future__ import annotations

import os
import signal
import time

import pytest
from sqlalchemy import select, text

from services.extractor.tasks import sweep_pending
from services.fetcher.http import FetchResult
from services.fetcher.store import store_page
from shared.db import session_scope
from shared.models import Document
from tests.conftest import _state, start_worker, stop_process, wait_until

pytestmark = pytest.mark.slow

PAGE = ("<html><body><article><p>" + "Harbour Arts has been awarded £40,000 to restore the pier pavilion. " * 3 +
        "</p></article></body></html>").encode()


def status(url: str) -> str:
    with session_scope() as s:
        return s.scalar(select(Document.status).where(Document.url == url))


def age_pending(db) -> None:
    with db.begin() as conn:   # older than the sweep's grace period, and any claim on them run out
        conn.execute(text("UPDATE documents SET updated_at = now() - interval '1 hour',"
                          " claimed_until = now() - interval '1 second' WHERE status = 'pending'"))


def test_a_page_whose_message_was_lost_is_swept_and_extracted(db, worker, redis_client):
    url = "http://news.example/lost"
    store_page(None, FetchResult(url=url, status=200, body=PAGE, content_type="text/html"), enqueue=False)
    time.sleep(1)
    assert status(url) == "pending"          # no message: nothing happens by itself
    age_pending(db)
    assert sweep_pending() == 1
    wait_until(lambda: status(url) == "extracted", timeout=60)


# a page long enough to keep a worker busy for a second or two: time to kill it while it holds the page
LONG_PAGE = ("<html><body><article>" + "".join(
    f"<p>Harbour Arts {i} has been awarded £40,000 to restore pavilion number {i}. Works start in spring.</p>"
    for i in range(300)) + "</article></body></html>").encode()


def attempts(url: str) -> int:
    with session_scope() as s:
        return s.scalar(select(Document.attempts).where(Document.url == url))


def being_read(url: str) -> bool:
    with session_scope() as s:
        return s.scalar(select(Document.reading_since).where(Document.url == url)) is not None


def test_a_worker_killed_while_it_holds_a_page_loses_nothing(db, redis_client):
    slow = start_worker(concurrency=1)
    url = "http://news.example/killed"
    try:
        store_page(None, FetchResult(url=url, status=200, body=LONG_PAGE, content_type="text/html"))
        wait_until(lambda: being_read(url), timeout=30, interval=0.02)   # the worker is reading it
        os.killpg(slow.pid, signal.SIGKILL)
        slow.wait(10)
    finally:
        stop_process(slow)
    assert (status(url), attempts(url)) == ("pending", 0)   # killed mid-page, before it was recorded
    with db.begin() as conn:          # long pending, but its claim holds until the lease runs out
        conn.execute(text("UPDATE documents SET updated_at = now() - interval '1 hour'"))
    assert sweep_pending() == 0       # so no second copy is sent while it may still be read
    age_pending(db)
    replacement = start_worker(concurrency=1)
    try:
        sweep_pending()
        wait_until(lambda: status(url) == "extracted", timeout=90)
    finally:
        stop_process(replacement)
    assert attempts(url) == 1          # the lost worker, charged to the page it was reading


def test_pages_stored_while_the_broker_is_down_are_extracted_when_it_is_back(db, redis_client):
    broker = _state.get("redis")
    if broker is None:
        pytest.skip("the broker is not the embedded one this test can stop")
    broker.kill()
    url = "http://news.example/while-down"
    try:
        assert store_page(None, FetchResult(url=url, status=200, body=PAGE, content_type="text/html")) is not None
        assert status(url) == "pending"      # stored and safe in PostgreSQL, not lost with the message
    finally:
        broker.start()                        # same port and data directory
    worker = start_worker(concurrency=1)
    try:
        age_pending(db)
        sweep_pending()
        wait_until(lambda: status(url) == "extracted", timeout=60)
    finally:
        stop_process(worker)
