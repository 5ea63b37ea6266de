"""The consolidation transaction: the advisory lock every change to the records takes first, and
the change feed (GET /changes) of what it changed, written once when it ends.

Consolidations never interleave whatever the number of workers: each takes one PostgreSQL advisory
lock before any row lock."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import orjson
from sqlalchemy import Connection

from shared.db import Statement

LOCK_ID = 0x66756E64  # "fund": the advisory lock all consolidations take
_LOCK = Statement("SELECT pg_advisory_xact_lock(:id)")
# the change feed's rows of a transaction, in the order they were made
_ADD_CHANGES = Statement("""
    INSERT INTO changes (kind, entity_id, action, document_id)
    SELECT e->>'kind', CAST(e->>'entity_id' AS int), e->>'action', CAST(e->>'document_id' AS int)
    FROM jsonb_array_elements(CAST(:rows AS jsonb)) WITH ORDINALITY AS x(e, n) ORDER BY n""")


def recordset(rows: list[dict[str, Any]]) -> str:
    """Rows as one JSON array for jsonb_to_recordset: many rows in one statement and one parameter,
    instead of a statement per row (Decimal as its exact text, dates as ISO)."""
    return orjson.dumps(rows, default=_exact).decode()


def _exact(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def changed(session: Connection, kind: str, ids: list[int] | set[int], action: str, document_id: int | None) -> None:
    """Append to the change feed (GET /changes): kept by `consolidating`, which writes them in one
    insert when it ends, in the order they were made."""
    session.info[_PENDING_CHANGES].extend(
        {"kind": kind, "entity_id": i, "action": action, "document_id": document_id} for i in sorted(ids))


_PENDING_CHANGES = "fundwatch.pending_changes"


@contextmanager
def consolidating(session: Connection) -> Iterator[None]:
    """A consolidation in this transaction, which every change to the records runs in: the advisory
    lock first (before any row lock, so consolidations never interleave), the change feed's rows
    written together at the end. On an error nothing is written and the transaction is the caller's
    to roll back."""
    _LOCK(session, {"id": LOCK_ID})
    session.info[_PENDING_CHANGES] = []
    try:
        yield
        rows = session.info[_PENDING_CHANGES]
        if rows:
            _ADD_CHANGES(session, {"rows": recordset(rows)})
    finally:
        session.info.pop(_PENDING_CHANGES, None)   # the connection goes back to the pool without them
