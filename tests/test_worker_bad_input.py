"""Hostile pages through a real Celery worker, in one batch as the fetcher hands them on: each ends
with a recorded outcome and reason, the worker stays up, and the good page in the same batch is
still extracted."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from shared.messages import send_extract
from services.fetcher.http import FetchResult
from services.fetcher.store import store_page
from shared.db import session_scope
from shared.models import Document, ExtractionRun
from tests.conftest import wait_until

pytestmark = pytest.mark.slow

GOOD = ("<html><body><article><p>" + "Riverside Trust has been awarded £250,000 to open a youth club. " * 3 +
        "</p></article></body></html>").encode()
BAD = {
    "http://bad.example/empty": (b"", "text/html", "failed", "empty document"),
    "http://bad.example/binary": (b"%PDF-1.7\n" + bytes(range(256)) * 40, "text/html", "failed",
                                  "binary content"),
    "http://bad.example/huge": (b"<html><body>" + b"<p>Riverside Trust gets \xc2\xa31m.</p>" * 700_000,
                                "text/html", "failed", "document too large"),
    "http://bad.example/deep": (b"<html><body>" + b"<div>" * 10_000 + b"<p>x</p>" + b"</div>" * 10_000,
                                "text/html", "failed", "no main text found"),
    "http://bad.example/charset": (GOOD, "text/html; charset=iso-8859-1", "extracted", None),
}


def test_hostile_pages_get_an_outcome_and_the_worker_goes_on(db, worker):
    ids = [store_page(None, FetchResult(url=url, status=200, body=body, content_type=ctype), enqueue=False)
           for url, (body, ctype, _, _) in BAD.items()]
    other = GOOD.replace(b"Riverside Trust", b"Hill Lane Trust").replace(b"youth club", b"food bank")
    ids.insert(2, store_page(None, FetchResult(url="http://good.example/news", status=200, body=other,
                                               content_type="text/html"), enqueue=False))
    assert send_extract(ids) == 1   # one message: the whole batch

    def settled():
        with session_scope() as s:
            rows = s.execute(select(Document.url, Document.status, Document.last_error)).all()
        return rows if all(r.status != "pending" for r in rows) else None

    rows = {r.url: r for r in wait_until(settled, timeout=90)}
    for url, (_, _, status, reason) in BAD.items():
        assert rows[url].status == status, url
        if reason:
            assert reason in rows[url].last_error
    assert rows["http://good.example/news"].status == "extracted"
    assert worker.poll() is None  # the worker process is still running
    with session_scope() as s:
        runs = s.execute(select(ExtractionRun.outcome, ExtractionRun.error)).all()
    assert sum(r.outcome == "failed" for r in runs) == 4 and all(r.error for r in runs if r.outcome == "failed")
