"""The whole path: a feed on a local HTTP server -> fetcher -> Celery worker -> PostgreSQL -> API."""
from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from tests.conftest import CORPUS, wait_until
from tests.feeds import poll_once, serve_corpus
from tests.httpserver import TestServer

pytestmark = pytest.mark.slow


def _pending(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM documents WHERE status = 'pending'")).scalar_one()


def test_seed_feed_flows_to_api_with_provenance(db, worker):
    from services.api.app import app
    from shared import sources

    seeds = sorted((CORPUS / "seeds").glob("*.txt"))
    with TestServer() as server:
        serve_corpus(server, seeds, "text/plain; charset=utf-8")
        sources.upsert(sources.SourceSpec(name="seeds", kind="feed", url=server.url("/feed.xml"),
                                          interval_seconds=60), trusted=True)

        assert poll_once() == 1
        with db.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM documents")).scalar_one() == len(seeds)
        wait_until(lambda: _pending(db) == 0, timeout=90)

    client = TestClient(app)
    listing = client.get("/awards", params={"limit": 200}).json()["items"]
    gold = json.loads((CORPUS / "seeds" / "gold.json").read_text())
    keys = {a["key"] for d in gold["documents"] for ann in d["announcements"] for a in ann["awards"]
            if not a.get("optional")}
    assert len(listing) == len(keys)          # one record per real-world award
    reported = 0
    for award in listing:
        detail = client.get(f"/awards/{award['id']}").json()
        assert detail["mentions"]
        reported += len(detail["mentions"]) > 1
        for m in detail["mentions"]:
            assert m["document_url"].startswith(server.url("/")) and m["fetched_at"]
            doc = client.get(f"/documents/{m['document_id']}").json()
            assert doc["text"][m["start"]:m["end"]] == m["quote"]
        if detail["amount"] is not None:
            assert detail["currency"] == "GBP" and detail["choices"]["amount"]["reason"]
    assert reported >= 5                       # awards reported by several pages, with each page cited
    sources_state = client.get("/sources").json()
    assert sources_state[0]["last_success_at"] and sources_state[0]["pages_seen"] == len(seeds)
    assert client.get("/healthz").json()["status"] == "ok"
    metrics = client.get("/metrics").text
    assert 'fundwatch_documents{status="extracted"} 5.0' in metrics
    assert 'fundwatch_source_documents{source="seeds",status="extracted"} 5.0' in metrics
    assert 'fundwatch_extractions_total{outcome="extracted"} 5.0' in metrics
    assert "fundwatch_extraction_seconds_count 5.0" in metrics
    assert "fundwatch_publication_to_record_seconds_count" in metrics
    yield_line = next(line for line in metrics.splitlines() if line.startswith('fundwatch_source_mentions{source="seeds"}'))
    assert float(yield_line.split()[-1]) >= len(keys)
