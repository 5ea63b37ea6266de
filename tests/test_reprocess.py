"""`fundwatch reprocess`: pages read by an older extractor are read again, records keep every
mention once."""
from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy import func, select, update

from services.extractor import reprocess
from services.extractor.readers import DEFAULT
from services.extractor.pipeline import process_document
from services.fetcher.http import FetchResult
from services.fetcher.store import store_page
from shared.db import session_scope
from shared.models import AwardHistory, Document
from tests.conftest import CORPUS, ROOT, wait_until
from tests.snapshots import snapshot

PAGES = [(p, "text/plain; charset=utf-8") for p in sorted((CORPUS / "seeds").glob("*.txt"))] + \
        [(p, "text/html; charset=utf-8") for p in sorted((CORPUS / "dev").glob("*.html"))[:6]]


def ingest() -> None:
    for path, ctype in PAGES:
        doc_id = store_page(None, FetchResult(url=f"http://corpus.test/{path.name}", status=200,
                                              body=path.read_bytes(), content_type=ctype), enqueue=False)
        process_document(doc_id)


def age_all() -> None:
    with session_scope() as s:
        s.execute(update(Document).values(extracted_version="rules-0.0"))


def history_rows() -> int:
    with session_scope() as s:
        return s.scalar(select(func.count()).select_from(AwardHistory))


def test_reprocess_inline_keeps_records_and_provenance(db):
    ingest()
    before, history = snapshot(), history_rows()
    age_all()
    lines: list[str] = []
    assert reprocess.run(inline=True, report=lines.append) == len(PAGES)
    assert lines[0] == f"reprocessing {len(PAGES)} pages with extractor {DEFAULT.version}"
    assert lines[-1].startswith("done: ")
    assert snapshot() == before and history_rows() == history
    with session_scope() as s:
        assert set(s.scalars(select(Document.extracted_version))) == {DEFAULT.version}
    assert reprocess.run(inline=True, report=lines.append) == 0
    assert lines[-1].startswith("nothing to reprocess")


@pytest.mark.slow
def test_reprocess_command_through_the_workers(db, worker):
    ingest()
    before = snapshot()
    age_all()
    out = subprocess.run([sys.executable, "-m", "services.cli", "reprocess", "--wait"], cwd=ROOT,
                         capture_output=True, text=True, timeout=180)
    assert out.returncode == 0, out.stderr
    assert f"reprocessing {len(PAGES)} pages" in out.stdout and out.stdout.rstrip().endswith("done")
    wait_until(lambda: snapshot() == before, timeout=30)
    with session_scope() as s:
        assert set(s.scalars(select(Document.extracted_version))) == {DEFAULT.version}
