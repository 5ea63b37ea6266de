"""The state of the records, in a form two runs can be compared by."""
from __future__ import annotations

from sqlalchemy import text

from shared.db import get_engine


def snapshot() -> dict[str, object]:
    with get_engine().connect() as conn:
        def rows(sql: str) -> list[tuple]:
            return sorted((tuple(r) for r in conn.execute(text(sql))), key=repr)
        return {
            "records": rows("""SELECT a.recipient, a.recipient_org_id, a.amount, a.currency,
                                      array_agg(d.url || '#' || m.ordinal ORDER BY d.url, m.ordinal)
                               FROM awards a JOIN mentions m ON m.award_id = a.id JOIN documents d ON d.id = m.document_id
                               GROUP BY a.id"""),
            "mentions": rows("""SELECT d.url, m.ordinal, m.quote, m.start, m."end", m.recipient_key
                                FROM mentions m JOIN documents d ON d.id = m.document_id"""),
            "announcements": rows("""SELECT a.funder, a.programme, a.total_amount, a.announced_on,
                                            array_agg(d.url ORDER BY d.url)
                                     FROM announcements a JOIN documents d ON d.announcement_id = a.id
                                     GROUP BY a.id"""),
            "documents": rows("SELECT url, status FROM documents"),
        }
