"""Helpers of the fault tests: pages stored straight into PostgreSQL, what they were read as, and the
pool processes of a real worker (to kill them)."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from services.fetcher.http import FetchResult
from services.fetcher.store import store_page
from shared.db import session_scope
from shared.models import Award, Document, Mention


def store(url: str, body: bytes) -> int:
    """A fetched page, stored pending, no message sent (the test sends it)."""
    doc_id = store_page(None, FetchResult(url=url, status=200, body=body, content_type="text/html"), enqueue=False)
    assert doc_id is not None
    return doc_id


def readings() -> tuple[list[tuple[str, str, str | None]], list[tuple[str, str | None]]]:
    """What the pages were read as: every mention (page, recipient, amount) and every award
    (recipient, amount), sorted, duplicates kept, so a page recorded twice shows."""
    with session_scope() as s:
        mentions = s.execute(select(Document.url, Award.recipient, Award.amount)
                             .join(Mention, Mention.document_id == Document.id)
                             .join(Award, Award.id == Mention.award_id)).all()
        awards = s.execute(select(Award.recipient, Award.amount)).all()
    return (sorted((u, r, str(a) if a is not None else None) for u, r, a in mentions),
            sorted((r, str(a) if a is not None else None) for r, a in awards))


def documents() -> dict[str, Document]:
    with session_scope() as s:
        docs = s.scalars(select(Document)).all()
        s.expunge_all()
    return {d.url: d for d in docs}


def settled() -> dict[str, Document] | None:
    """Every page extracted, a copy or failed; None while one is still pending."""
    docs = documents()
    return docs if all(d.status != "pending" for d in docs.values()) else None


def pool_processes(worker_pid: int) -> list[int]:
    """The pool processes of a worker: the children of its main process."""
    children = Path(f"/proc/{worker_pid}/task/{worker_pid}/children")
    try:
        return [int(p) for p in children.read_text().split()]
    except FileNotFoundError:
        return []
