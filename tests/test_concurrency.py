"""The corpus in three shuffled orders, four worker processes, every page delivered twice in batches
of other sizes: the same records, mentions and announcements each time (database constraints and
one advisory lock, not timing, keep them single)."""
from __future__ import annotations

import random

import pytest
from sqlalchemy import text

from services.extractor.tasks import extract_document, extract_documents
from services.fetcher.http import FetchResult
from services.fetcher.store import store_page
from shared import queues
from shared.db import get_engine
from tests.conftest import CORPUS, empty_database, start_worker, stop_process, wait_until
from tests.snapshots import snapshot

pytestmark = pytest.mark.slow

PAGES = [(p, "text/plain; charset=utf-8") for p in sorted((CORPUS / "seeds").glob("*.txt"))] + \
        [(p, "text/html; charset=utf-8") for p in sorted((CORPUS / "dev").glob("*.html"))]


def run_once(order: list[int], redis) -> dict[str, object]:
    empty_database()
    ids = []
    for i in order:
        path, ctype = PAGES[i]
        ids.append(store_page(None, FetchResult(url=f"http://corpus.test/{path.name}", status=200,
                                                body=path.read_bytes(), content_type=ctype), enqueue=False))
    rng = random.Random(order[0])
    again = rng.sample(ids, len(ids))
    for pages, size in ((ids, rng.randint(2, 5)), (again, rng.randint(3, 7))):   # every page twice
        for i in range(0, len(pages), size):
            extract_documents.apply_async((pages[i:i + size],), queue=queues.EXTRACT)
    extract_document.apply_async((again[0],), queue=queues.EXTRACT)   # and once more as an older one-page message

    def drained() -> bool:
        with get_engine().connect() as conn:
            pending = conn.execute(text("SELECT count(*) FROM documents WHERE status = 'pending'")).scalar_one()
        return pending == 0 and redis.llen(queues.EXTRACT) == 0 and redis.hlen("unacked") == 0
    wait_until(drained, timeout=180, interval=0.3)
    return snapshot()


def test_shuffled_orders_with_redelivery_give_the_same_records(db, redis_client):
    workers = [start_worker(concurrency=1) for _ in range(4)]
    try:
        results = []
        for seed in (1, 2, 3):
            order = list(range(len(PAGES)))
            random.Random(seed).shuffle(order)
            results.append(run_once(order, redis_client))
    finally:
        for w in workers:
            stop_process(w)
    first = results[0]
    assert first["records"] and first["mentions"] and first["announcements"]
    assert all(status in ("extracted", "failed", "duplicate") for _, status in first["documents"])
    for other in results[1:]:
        for part in ("documents", "announcements", "mentions", "records"):
            assert other[part] == first[part], part
    # one record per (announcement, recipient), one mention per statement
    urls_ordinals = [(url, ordinal) for url, ordinal, *_ in first["mentions"]]
    assert len(urls_ordinals) == len(set(urls_ordinals))
