"""The whole path: a feed on a local HTTP server -> fetcher -> Celery worker -> PostgreSQL -> API."""
from __future__ import annotations

import asyncio

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from tests.conftest import CORPUS, wait_until
from tests.feeds import serve_corpus
from tests.httpserver import TestServer

pytestmark = pytest.mark.slow


def _pending(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM documents WHERE status = 'pending'")).scalar_one()


def test_seed_feed_flows_to_api_with_provenance(db, worker):
    from services.api.app import app
    from services.fetcher import sources
    from services.fetcher.service import Fetcher

    seeds = sorted((CORPUS / "seeds").glob("*.txt"))
    with TestServer() as server:
        serve_corpus(server, seeds, "text/plain; charset=utf-8")
        sources.upsert(sources.SourceSpec(name="seeds", kind="feed", url=server.url("/feed.xml"),
                                          interval_seconds=60), trusted=True)

        async def poll() -> int:
            fetcher = Fetcher()
            try:
                return await fetcher.poll_due()
            finally:
                await fetcher.aclose()

        assert asyncio.run(poll()) == 1
        with db.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM documents")).scalar_one() == len(seeds)
        wait_until(lambda: _pending(db) == 0, timeout=90)

    client = TestClient(app)
    listing = client.get("/awards", params={"limit": 200}).json()["items"]
    names = {a["recipient"] for a in listing}
    assert "Family Rights Group" in names and len(listing) >= 15
    frg = next(a for a in listing if a["recipient"] == "Family Rights Group")
    detail = client.get(f"/awards/{frg['id']}").json()
    assert detail["amount"] == 5_000_000 and detail["currency"] == "GBP"
    assert detail["mentions"]
    for m in detail["mentions"]:
        assert m["document_url"].startswith(server.url("/"))
        doc = client.get(f"/documents/{m['document_id']}").json()
        assert doc["text"][m["start"]:m["end"]] == m["quote"]
        assert "Family Rights Group" in m["quote"]
        assert m["fetched_at"]
    sources_state = client.get("/sources").json()
    assert sources_state[0]["last_success_at"] and sources_state[0]["pages_seen"] == len(seeds)
    assert client.get("/healthz").json()["status"] == "ok"
    metrics = client.get("/metrics").text
    assert 'fundwatch_documents{status="extracted"} 5.0' in metrics
