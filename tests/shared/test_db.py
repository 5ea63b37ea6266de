"""The worker's hot-path statements (shared.db.Statement) against a real PostgreSQL."""
from __future__ import annotations

from sqlalchemy import Integer, any_, bindparam, select
from sqlalchemy.dialects.postgresql import ARRAY

from shared.db import Statement, pg_ints, pg_texts, transaction
from shared.models import Document

AWKWARD = ["plain", "two words", 'a "quoted" name', "back\\slash", "{braces,comma}", "NULL", "", "café’s"]


def test_array_literals_reach_postgresql_as_the_lists_they_were(db):
    echo = Statement("SELECT CAST(:texts AS text[]) AS texts, CAST(:ints AS bigint[]) AS ints")
    ints = [0, -1, 7, 2**62, -(2**63)]
    with transaction() as conn:
        row = echo(conn, {"texts": pg_texts([*AWKWARD, None]), "ints": pg_ints(ints)})[0]
    assert row.texts == [*AWKWARD, None]
    assert row.ints == ints
    with transaction() as conn:
        assert echo.first(conn, {"texts": pg_texts([]), "ints": pg_ints(())}) == ([], [])


def test_a_statement_runs_in_the_core_transaction_around_it(db):
    pending = Statement(select(Document.id).where(Document.id == any_(bindparam("ids", type_=ARRAY(Integer))),
                                                  Document.status == "pending"))
    add = Statement("""INSERT INTO documents (url, canonical_url, fetched_at, http_status, content_hash, raw_body,
                                              raw_size, status, attempts)
                       VALUES (:url, :url, now(), 200, 'h', '\\x00', 1, 'pending', 0) RETURNING id""")
    try:
        with transaction() as conn:
            new = add.first(conn, {"url": "http://example.test/a"}).id
            assert [r.id for r in pending(conn, {"ids": pg_ints([new, new + 1])})] == [new]
            raise RuntimeError("roll back")
    except RuntimeError:
        pass
    with transaction() as conn:   # rolled back with the Core transaction it ran in
        assert pending(conn, {"ids": pg_ints([new])}) == []


def test_rows_of_one_statement_stay_when_the_next_runs_on_the_same_connection(db):
    numbers = Statement("SELECT n FROM generate_series(1, :k) AS n")
    with transaction() as conn:
        first = numbers(conn, {"k": 3})
        second = numbers(conn, {"k": 5})
        assert [r.n for r in first] == [1, 2, 3]
        assert [r.n for r in second] == [1, 2, 3, 4, 5]
        assert Statement("SET LOCAL work_mem = '8MB'")(conn) == []    # a statement without rows
