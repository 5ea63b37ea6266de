"""Consolidation cost per page at 1,000 and at 100,000 stored pages.

The stored pages are synthetic but shaped like real ones: five recipients each, three in ten of
them councils from the register (so common keys recur), announcements of five pages, 20 funders,
16 LSH bands per page, and a steady rate of pages per day, so a larger store is a longer history
rather than a denser one. Each corpus page is then consolidated against that store (duplicate
check, bands, announcement links, awards) inside a transaction that is rolled back, so every
measurement sees the same store."""
from __future__ import annotations

import datetime as dt
import time
from dataclasses import replace

from sqlalchemy import select, text

from bench.common import CORPUS, heading, row
from bench.servers import servers

PAGES_PER_DAY = 1.25          # 1,000 pages cover 800 days: the link window (±400 days) is full
NEWEST = dt.date(2025, 1, 1)
MEASURED_ON = dt.date(2024, 6, 1)


def populate(upto: int, start: int = 0) -> None:
    """Add synthetic stored pages with ids start..upto-1 (and their announcements, awards, mentions)."""
    from services.extractor import orgs
    from shared.db import get_engine

    councils = orgs.council_ids()
    params = {"lo": start, "hi": upto - 1, "councils": councils, "nc": len(councils),
              "newest": NEWEST, "rate": PAGES_PER_DAY}
    steps = [
        """CREATE TEMP TABLE slots ON COMMIT DROP AS
           SELECT i AS doc, i / 5 AS ann, s,
                  CASE WHEN ((i / 5) * 7 + s) % 10 < 3
                       THEN (CAST(:councils AS text[]))[1 + ((i / 5) * 7 + s) % CAST(:nc AS int)]
                       ELSE 'org ' || (i / 5) || ' ' || s END AS key,
                  (10000 * (s + 1) * ((i / 5) % 13 + 1))::numeric AS amount
           FROM generate_series(CAST(:lo AS int), CAST(:hi AS int)) AS i, generate_series(0, 4) AS k,
                LATERAL (SELECT (k + i % 5) % 8 AS s) AS x""",
        "CREATE INDEX ON slots (doc)",
        """INSERT INTO announcements (id, key, funder, created_at, updated_at)
           SELECT j, 'bench:' || j, 'Funder ' || (j % 20), now(), now()
           FROM generate_series(CAST(:lo AS int) / 5, CAST(:hi AS int) / 5) AS j ON CONFLICT DO NOTHING""",
        """INSERT INTO documents (id, url, canonical_url, fetched_at, http_status, content_hash, raw_body, raw_size,
                                text, text_hash, status, attempts, extracted_version, published, announcement_id,
                                funder_key, signature, created_at, updated_at)
           SELECT i, 'http://bench.test/' || i, 'http://bench.test/' || i, now(), 200, md5(i::text), '\\x00', 1,
                  'synthetic page ' || i, md5('text' || i), 'extracted', 1, 'bench',
                  CAST(:newest AS date) - (i / CAST(:rate AS float8))::int, i / 5, 'funder ' || (i / 5 % 20),
                  jsonb_build_object('funder', 'funder ' || (i / 5 % 20), 'total', NULL,
                                     'terms', jsonb_build_array('theme' || (i / 5 % 50)),
                                     'published', (CAST(:newest AS date) - (i / CAST(:rate AS float8))::int)::text,
                                     'recipients', (SELECT jsonb_object_agg(key, amount::text) FROM slots WHERE doc = i),
                                     'approximate', '[]'::jsonb),
                  now(), now()
           FROM generate_series(CAST(:lo AS int), CAST(:hi AS int)) AS i""",
        """INSERT INTO awards (announcement_id, recipient_key, recipient, amount, currency, approximate, partners,
                             locations, choices, created_at, updated_at)
           SELECT DISTINCT ON (ann, key) ann, key, key, amount, 'GBP', false, '[]', '[]', '{}', now(), now()
           FROM slots ORDER BY ann, key ON CONFLICT DO NOTHING""",
        """INSERT INTO mentions (document_id, award_id, ordinal, recipient_key, published, quote, start, "end",
                               values, extractor_version, created_at)
           SELECT sl.doc, a.id, sl.s, sl.key, CAST(:newest AS date) - (sl.doc / CAST(:rate AS float8))::int,
                  sl.key || ' has been awarded funding', 0, 10,
                  jsonb_build_object('recipient', sl.key, 'amount', sl.amount, 'currency', 'GBP'), 'bench', now()
           FROM slots sl JOIN awards a ON a.announcement_id = sl.ann AND a.recipient_key = sl.key""",
        """INSERT INTO document_bands (band, hash, document_id)
           SELECT b, (random() * 9.2e18)::bigint, i FROM generate_series(CAST(:lo AS int), CAST(:hi AS int)) AS i, generate_series(0, 15) AS b""",
        "SELECT setval('announcements_id_seq', GREATEST(1000000000, (SELECT max(id) FROM announcements)))",
    ]
    with get_engine().begin() as conn:
        for sql in steps:
            conn.execute(text(sql), params)
    with get_engine().connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("ANALYZE"))


def corpus_readings():
    """The corpus pages read once (outside the timing), dated inside the synthetic history."""
    from services.extractor.document import to_text_document
    from services.extractor.readers import DEFAULT

    out = []
    files = sorted((CORPUS / "seeds").glob("*.txt")) + sorted((CORPUS / "dev").glob("*.html"))
    for n, path in enumerate(files):
        doc = to_text_document(path.read_bytes(), content_type="text/html" if path.suffix == ".html" else None,
                               name=path.name)
        doc = replace(doc, published=MEASURED_ON + dt.timedelta(days=n))
        out.append((path, DEFAULT.extract(doc)))
    return out


def store_pages(readings) -> list[int]:
    from services.fetcher.http import FetchResult
    from services.fetcher.store import store_page
    from shared.db import get_engine

    with get_engine().begin() as conn:  # above every synthetic id
        conn.execute(text("SELECT setval('documents_id_seq', 1000000000)"))
    return [store_page(None, FetchResult(url=f"http://corpus.bench/{p.name}", status=200, body=p.read_bytes(),
                                         content_type="text/plain"), enqueue=False) for p, _ in readings]


def measure(ids: list[int], readings, rounds: int) -> float:
    """Seconds per page to record a reading against the current store (each rolled back)."""
    from services.extractor import changes, dedup, fingerprints
    from services.extractor.pipeline import record
    from shared.db import get_engine
    from shared.models import Document

    total, n = 0.0, 0
    for _ in range(rounds):
        for doc_id, (_, extraction) in zip(ids, readings):
            conn = get_engine().connect()   # as the worker does: a Core connection in a transaction
            try:
                started = time.perf_counter()
                with changes.consolidating(conn):   # a batch of one page: its fingerprint, lookups, records
                    previous = conn.execute(select(Document.announcement_id).where(Document.id == doc_id)
                                            .with_for_update()).scalar_one()
                    fingerprint = fingerprints.fingerprint(extraction.document.text)
                    record(conn, doc_id, extraction, fingerprint, previous, False, "bench",
                           dedup.Originals(conn, [fingerprint], [dedup.facts_stated(extraction)]))
                total += time.perf_counter() - started
                n += 1
            finally:
                conn.rollback()
                conn.close()
    return total / n


def run(min_seconds: float = 2.0, quick: bool = False, sizes: tuple[int, ...] | None = None) -> dict[str, float]:
    sizes = sizes or ((200, 2_000) if quick else (1_000, 100_000))
    heading("consolidation: cost per page against the pages already stored")
    results = {}
    with servers():
        readings = corpus_readings()
        ids = store_pages(readings)
        rounds = max(1, int(min_seconds * 5))
        stored = 0
        for size in sizes:
            t = time.perf_counter()
            populate(size, stored)
            stored = size
            row(f"stored pages: {size:,}", f"(filled in {time.perf_counter() - t:.0f} s)")
            per = measure(ids, readings, rounds)
            results[size] = per
            row(f"  consolidation at {size:,} stored", f"{per * 1000:,.2f} ms/page")
        if len(sizes) > 1:
            first, last = results[sizes[0]], results[sizes[-1]]
            row(f"cost at {sizes[-1]:,} / cost at {sizes[0]:,}", f"{last / first:.2f} x",
                "(1.0 = does not grow with the number stored)")
    return {f"ms_per_page_at_{k}": v * 1000 for k, v in results.items()}
