"""Export of consolidated awards with their sources (`fundwatch export --format json`)."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from services.extractor.values import amount_timeline, jsonable
from shared.db import session_scope
from shared.models import Award, Document, Mention


def copies_of(session: Session, awards: list[Award]) -> dict[int, list[Document]]:
    """The pages recorded as copies of the pages these awards' mentions stand in."""
    ids = {m.document_id for a in awards for m in a.mentions}
    copies: dict[int, list[Document]] = {}
    if ids:
        for copy in session.scalars(select(Document).where(Document.duplicate_of_id.in_(ids)).order_by(Document.id)):
            copies.setdefault(copy.duplicate_of_id, []).append(copy)
    return copies


def record(a: Award, copies: dict[int, list[Document]]) -> dict[str, Any]:
    """One award with its sources: each mention's page, and the copies of that page found under
    other URLs (marked `copy_of`, quoting the page they copy)."""
    sources = []
    for m in a.mentions:
        sources.append({"url": m.document.url, "document_id": m.document_id, "quote": m.quote,
                        "start": m.start, "end": m.end, "fetched_at": jsonable(m.document.fetched_at)})
        sources += [{"url": c.url, "document_id": c.id, "quote": m.quote, "copy_of": m.document_id,
                     "fetched_at": jsonable(c.fetched_at)} for c in copies.get(m.document_id, [])]
    return {
        "id": a.id, "recipient": a.recipient, "recipient_org_id": a.recipient_org_id,
        "amount": jsonable(a.amount), "currency": a.currency, "approximate": a.approximate,
        "funder": a.funder, "programme": a.programme, "project": a.project,
        "announcement_id": a.announcement_id, "partners": a.partners, "locations": a.locations,
        "awarded_on": jsonable(a.awarded_on), "confidence": a.confidence, "sources": sources,
        "amount_timeline": amount_timeline(a.mentions, (a.choices.get("amount") or {}).get("mention_id")),
    }


def export_awards() -> list[dict[str, Any]]:
    """Every award with its sources (`fundwatch export --format json`)."""
    with session_scope() as s:
        awards = s.scalars(select(Award).order_by(Award.id)
                           .options(selectinload(Award.mentions).selectinload(Mention.document),
                                    selectinload(Award.announcement))).all()
        copies = copies_of(s, list(awards))
        return [record(a, copies) for a in awards]
