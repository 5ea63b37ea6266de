"""A page's fault stays on that page: slow pages, a worker pool killed while it holds a batch, and a
page over the time limit, each through a real worker on real PostgreSQL and Redis. In each case the
healthy pages are all read, exactly as a clean run of the same pages reads them (no award or
mention missing, none twice), and only the page at fault is charged.

Limits are short here (FUNDWATCH_* settings of the worker), so the set runs in well under two
minutes."""
from __future__ import annotations

import os
import signal
from collections import Counter

import pytest
from sqlalchemy import select, text

from services.extractor.pipeline import Batch, process_documents
from services.extractor.tasks import sweep_pending
from shared import metrics
from shared.db import get_engine, session_scope
from shared.messages import send_extract
from shared.models import ExtractionRun
from tests.chaos.conftest import documents, pool_processes, readings, settled, store
from tests.conftest import empty_database, start_worker, stop_process, wait_until

pytestmark = pytest.mark.slow

# a task limit of 30 s (its claims last 45 s), a page's 3 s; pages failed by a passing fault retried
# after a second
LIMITS = {"FUNDWATCH_TASK_TIME_LIMIT": "30", "FUNDWATCH_EXTRACT_PAGE_TIME_LIMIT": "3",
          "FUNDWATCH_EXTRACT_RETRY_SECONDS": "1"}

NAMES = ["Alder", "Birchwood", "Cedar Lane", "Damson Hill", "Elderflower", "Fennel Street", "Gorse Common",
         "Hazelmere", "Ivybridge", "Juniper Vale", "Kestrel Point", "Linnet Green", "Merlin Fields",
         "Nettlebed", "Osprey Quay", "Plover Marsh", "Quince Orchard", "Rowan Park", "Sorrel Bank", "Teasel Row"]


def healthy_page(i: int) -> bytes:
    name = f"{NAMES[i]} Community Trust"
    return (f"<html><head><title>{name} funded</title></head><body><article><h1>{name} funded</h1>"
            f"<p>{name} has been awarded £{(i + 2) * 1_500:,} by the Fenland Rivers Fund to restore the old "
            f"boathouse.</p><p>Volunteers will start work in the spring and the boathouse opens in "
            f"the summer.</p></article></body></html>").encode()


def slow_page(i: int, size: int, one_paragraph: bool) -> bytes:
    """About `size` bytes of one-line HTML that costs the parsers dearly: award statements in tens of
    thousands of paragraphs, or in a single one."""
    sentence = f"Brackenford Walkers {i} has been awarded £40,000 to mend the footpaths. "
    if one_paragraph:
        body = f"<p>{sentence * (size // len(sentence.encode()))}</p>"
    else:
        body = "".join(f"<p>{sentence.replace('Walkers', f'Walkers {j} of')}</p>"
                       for j in range(size // (len(sentence.encode()) + 18)))
    return f"<html><body><article>{body}</article></body></html>".encode()


def clean_run(pages: dict[str, bytes]):
    """What a clean run reads in these pages: stored and read in this process, then the database
    emptied for the faulty run."""
    process_documents(Batch([store(url, body) for url, body in pages.items()]))
    clean = readings()
    empty_database()
    return clean


def runs_per_page() -> Counter:
    with session_scope() as s:
        return Counter(s.scalars(select(ExtractionRun.document_id)))


def counter(event: str, *labels: str) -> float:
    return metrics.read().get((event, labels), 0)


def test_slow_pages_fail_for_their_own_reason_and_their_batch_mates_are_all_read(db, redis_client):
    healthy = {f"http://chaos.example/healthy/{i}": healthy_page(i) for i in range(18)}
    clean = clean_run(healthy)
    assert len(clean[1]) == 18            # the clean run reads one award a page
    pages = dict(healthy)
    slow = {"http://chaos.example/slow/paragraphs": slow_page(1, 4_500_000, one_paragraph=False),
            "http://chaos.example/slow/one-paragraph": slow_page(2, 4_500_000, one_paragraph=True)}
    assert all(b.count(b"\n") == 0 and 4_000_000 < len(b) < 5_000_000 for b in slow.values())
    items = list(pages.items())
    items[4:4] = [next(iter(slow.items()))]
    items[12:12] = [list(slow.items())[1]]
    ids = [store(url, body) for url, body in items]

    worker = start_worker(concurrency=2, env=LIMITS)
    try:
        assert send_extract(ids, batch_size=len(ids)) == 1     # one batch of 20, slow pages among them

        def read_while_sweeping():
            sweep_pending()       # as beat runs it, all along: it must not send a held page twice
            return settled()

        docs = wait_until(read_while_sweeping, timeout=60, interval=0.5)
    finally:
        stop_process(worker)

    assert readings() == clean
    for url in healthy:
        assert (docs[url].status, docs[url].attempts, docs[url].fault) == ("extracted", 0, None), url
    reasons = {url: docs[url].last_error for url in slow}
    assert all(docs[url].status == "failed" and docs[url].fault == "own" for url in slow)
    assert reasons["http://chaos.example/slow/paragraphs"].startswith("too many HTML elements")
    assert reasons["http://chaos.example/slow/one-paragraph"].startswith("main text too long")
    assert set(runs_per_page().values()) == {1}            # each page read and recorded once
    assert counter("time_limit_hits") == counter("workers_lost") == 0


def marked_after(moment) -> int | None:
    """The one page a worker marked as being read after `moment` (the database's clock), caught
    within a tenth of a second of its start, so that it is still being read when it is killed."""
    with get_engine().connect() as conn:
        rows = conn.execute(text("SELECT id FROM documents WHERE reading_since > :t"
                                 " AND reading_since > now() - interval '100 milliseconds'"),
                            {"t": moment}).scalars().all()
    return rows[0] if len(rows) == 1 else None


def database_now():
    with get_engine().connect() as conn:
        return conn.execute(text("SELECT now()")).scalar_one()


def long_page(i: int) -> bytes:
    """A page that takes a few tenths of a second to read: one award, stated many times over."""
    name = f"{NAMES[i]} Community Trust"
    statement = f"{name} has been awarded £{(i + 3) * 2_000:,} by the Estuary Fund to build a new slipway. "
    return (f"<html><body><article><h1>Slipway grants</h1><p>{statement * 120}</p></article></body></html>").encode()


def test_a_pool_killed_three_times_while_it_holds_a_batch_charges_only_the_pages_being_read(db, redis_client):
    pages = {f"http://chaos.example/rowing/{i}": long_page(i) for i in range(16)}
    clean = clean_run(pages)
    assert len(clean[1]) == 16
    ids = [store(url, body) for url, body in pages.items()]

    worker = start_worker(concurrency=1, env=LIMITS)
    killed: list[int] = []
    try:
        assert send_extract(ids) == 1                            # one batch of 16 pages
        since = database_now()
        for _ in range(3):
            page = wait_until(lambda: marked_after(since), timeout=30, interval=0.02)
            pool = pool_processes(worker.pid)
            assert len(pool) == 1
            since = database_now()
            os.kill(pool[0], signal.SIGKILL)                     # the pool process, while it reads `page`
            killed.append(page)
            wait_until(lambda: pool_processes(worker.pid) not in ([], pool), timeout=30)   # a new one
        docs = wait_until(settled, timeout=90)
    finally:
        stop_process(worker)

    by_id = {d.id: d for d in docs.values()}
    charged = Counter(killed)
    assert counter("workers_lost") == 3                          # each death noticed, once
    for doc_id, doc in by_id.items():
        assert doc.attempts == charged[doc_id], doc.url          # only the page being read is charged
        if charged[doc_id] < 3:      # then read alone, and recorded: no trouble left on it
            assert (doc.status, doc.fault) == ("extracted", None), doc.url
        else:        # killed three times over it: failed, and tried again later (a passing fault)
            assert (doc.status, doc.fault) == ("failed", "worker_lost") and doc.retry_at is not None
            assert doc.last_error == "worker lost while reading this page (3 times)"
    failed = {doc.url for doc in by_id.values() if doc.status == "failed"}
    theirs = {recipient for url, recipient, _ in clean[0] if url in failed}
    assert readings() == ([m for m in clean[0] if m[0] not in failed], [a for a in clean[1] if a[0] not in theirs])
    assert set(runs_per_page().values()) == {1}


def test_a_page_over_the_time_limit_fails_within_the_hard_limit_and_does_not_hold_back_its_batch(db, redis_client):
    healthy = {f"http://chaos.example/boathouse/{i}": healthy_page(i) for i in range(8)}
    clean = clean_run(healthy)
    slow_url = "http://chaos.example/boathouse/slow"
    # under every limit but the time: a megabyte of award statements in one paragraph reads for tens
    # of seconds, against a page limit of 2 s (and a task limit of 30 s)
    limits = {**LIMITS, "FUNDWATCH_EXTRACT_PAGE_TIME_LIMIT": "2", "FUNDWATCH_EXTRACT_MAX_TEXT_CHARS": "5000000"}
    items = list(healthy.items())
    items.insert(3, (slow_url, slow_page(3, 1_000_000, one_paragraph=True)))
    ids = [store(url, body) for url, body in items]

    worker = start_worker(concurrency=2, env=limits)
    try:
        assert send_extract(ids, batch_size=len(ids)) == 1
        # the pages beside it are read once it is stopped, not after it: within its limit and a margin
        wait_until(lambda: all(d.status == "extracted" for u, d in documents().items() if u != slow_url),
                   timeout=2 + 10)
        # stopped at the limit in its batch, then twice read alone: failed well within the task's limit
        docs = wait_until(settled, timeout=30)
    finally:
        stop_process(worker)

    slow = docs[slow_url]
    assert (slow.status, slow.fault, slow.retry_at) == ("failed", "time_limit", None)
    assert slow.last_error == "took longer than the time limit (2 s) to read, twice read alone"
    assert readings() == clean
    assert all(docs[u].attempts == 0 for u in healthy)
    assert counter("time_limit_hits") == 3 and counter("extraction_retries", "time_limit") == 2
    assert set(runs_per_page().values()) == {1}
