"""Export of consolidated awards with their sources (`fundwatch export --format json`)."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from services.extractor.consolidate import _jsonable
from shared.db import session_scope
from shared.models import Award, Mention


def export_awards() -> list[dict[str, Any]]:
    with session_scope() as s:
        awards = s.scalars(select(Award).order_by(Award.id)
                           .options(selectinload(Award.mentions).selectinload(Mention.document),
                                    selectinload(Award.announcement))).all()
        return [{
            "id": a.id, "recipient": a.recipient, "recipient_org_id": a.recipient_org_id,
            "amount": _jsonable(a.amount), "currency": a.currency, "approximate": a.approximate,
            "funder": a.funder, "programme": a.programme, "project": a.project,
            "announcement_id": a.announcement_id, "partners": a.partners, "locations": a.locations,
            "awarded_on": _jsonable(a.awarded_on),
            "sources": [{"url": m.document.url, "document_id": m.document_id, "quote": m.quote,
                         "start": m.start, "end": m.end, "fetched_at": _jsonable(m.document.fetched_at)}
                        for m in a.mentions],
        } for a in awards]
