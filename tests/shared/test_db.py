"""The worker's hot-path statements (shared.db.Statement) against a real PostgreSQL."""
from __future__ import annotations

from sqlalchemy import Integer, any_, bindparam, select
from sqlalchemy.dialects.postgresql import ARRAY

from shared.db import Statement, pg_array, transaction
from shared.models import Document

AWKWARD = ["plain", "two words", 'a "quoted" name', "back\\slash", "{braces,comma}", "NULL", "", "café’s"]


def test_array_literals_reach_postgresql_as_the_lists_they_were(db):
    echo = Statement("SELECT CAST(:texts AS text[]) AS texts, CAST(:ints AS bigint[]) AS ints")
    ints = [0, -1, 7, 2**62, -(2**63)]
    with transaction() as conn:
        row = echo(conn, {"texts": pg_array([*AWKWARD, None]), "ints": pg_array(ints)}).fetchone()
    assert row.texts == [*AWKWARD, None]
    assert row.ints == ints
    with transaction() as conn:
        assert echo(conn, {"texts": pg_array([]), "ints": pg_array(())}).fetchone() == ([], [])


def test_a_statement_runs_in_the_core_transaction_around_it(db):
    pending = Statement(select(Document.id).where(Document.id == any_(bindparam("ids", type_=ARRAY(Integer))),
                                                  Document.status == "pending"))
    add = Statement("""INSERT INTO documents (url, canonical_url, fetched_at, http_status, content_hash, raw_body,
                                              raw_size, status, attempts)
                       VALUES (:url, :url, now(), 200, 'h', '\\x00', 1, 'pending', 0) RETURNING id""")
    try:
        with transaction() as conn:
            new = add(conn, {"url": "http://example.test/a"}).fetchone().id
            assert [r.id for r in pending(conn, {"ids": pg_array([new, new + 1])})] == [new]
            raise RuntimeError("roll back")
    except RuntimeError:
        pass
    with transaction() as conn:   # rolled back with the Core transaction it ran in
        assert pending(conn, {"ids": pg_array([new])}).fetchall() == []
