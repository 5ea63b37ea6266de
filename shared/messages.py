"""What one service asks of another, sent by task name: a producer imports this module and the
Celery app, never the module that runs the task (the fetcher loads nothing of the extractor)."""
from __future__ import annotations

from collections.abc import Iterable

from shared import queues
from shared.settings import get_settings


def send_extract(document_ids: Iterable[int], *, retry: bool = True, batch_size: int | None = None) -> int:
    """Hand stored pages to the extraction workers, in messages of at most `batch_size` ids
    (default extract_batch_size; 1: each page read alone); returns how many messages were sent.
    Raises what the broker raises (the sweep re-sends what was lost)."""
    # the app (and its broker URL) is made on first use, with the settings then in force: a process
    # that points its settings at other servers before it sends, as the benchmarks do, sends there
    from shared.celery_app import app

    ids = list(dict.fromkeys(document_ids))
    size = max(1, batch_size or get_settings().extract_batch_size)
    chunks = [ids[i:i + size] for i in range(0, len(ids), size)]
    for chunk in chunks:
        app.send_task(queues.EXTRACT_DOCUMENTS, (chunk,), queue=queues.EXTRACT, retry=retry)
    return len(chunks)
