"""The read side of a consolidated award, as the API, the exports and webhook deliveries show it:
its values as JSON, its sources (copies of a page included), how many of them are independent (a
copy of another page is not) and its amount timeline."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shared.domain import jsonable
from shared.models import Award, Document, Mention


def amount_timeline(mentions: list[Mention], chosen_mention_id: int | None) -> list[dict[str, Any]]:
    """What each source said the amount was, oldest first: an award's value history as the sources
    tell it (a rounded first report, then the corrected figure), whatever order they were read in."""
    out = []
    for m in mentions:
        v = m.values
        if v.get("amount") is None:
            continue
        d = m.document
        out.append({"value": v["amount"], "currency": v.get("currency"), "approximate": bool(v.get("approximate")),
                    "stated_on": (d.published or d.fetched_at.date()).isoformat(), "document_id": d.id,
                    "document_url": d.url, "correction": bool(v.get("correction")),
                    "chosen": m.id == chosen_mention_id})
    return sorted(out, key=lambda e: (e["stated_on"], e["correction"], e["document_id"]))


def chosen_amount_timeline(award: Award) -> list[dict[str, Any]]:
    """An award's amount timeline, marking the statement its amount was taken from."""
    return amount_timeline(award.mentions, (award.choices.get("amount") or {}).get("mention_id"))


def copies_of(session: Session, awards: list[Award]) -> dict[int, list[Document]]:
    """The pages recorded as copies of the pages these awards' mentions stand in (and nothing more:
    a near copy with statements of its own has its own mentions)."""
    ids = {m.document_id for a in awards for m in a.mentions}
    copies: dict[int, list[Document]] = {}
    if ids:
        for copy in session.scalars(select(Document).where(Document.duplicate_of_id.in_(ids),
                                                           Document.status == "duplicate").order_by(Document.id)):
            copies.setdefault(copy.duplicate_of_id, []).append(copy)
    return copies


def record(a: Award, copies: dict[int, list[Document]],
           announcements: dict[int, dict[str, Any]] | None = None) -> dict[str, Any]:
    """One award with its sources: each mention's page, and the copies of that page found under
    other URLs (marked `copy_of`, quoting the page they copy; so is a statement a near copy repeats
    from its original); with `announcements` (`shared.announcements.figures_of`), its announcement's
    figures."""
    sources = []
    for m in a.mentions:
        source = {"url": m.document.url, "document_id": m.document_id, "quote": m.quote,
                  "start": m.start, "end": m.end, "fetched_at": jsonable(m.document.fetched_at)}
        if m.values.get("copy_of"):
            source["copy_of"] = m.values["copy_of"]
        sources.append(source)
        sources += [{"url": c.url, "document_id": c.id, "quote": m.quote, "copy_of": m.document_id,
                     "fetched_at": jsonable(c.fetched_at)} for c in copies.get(m.document_id, [])]
    return {
        "id": a.id, "recipient": a.recipient, "recipient_org_id": a.recipient_org_id,
        "amount": jsonable(a.amount), "currency": a.currency, "approximate": a.approximate,
        "funder": a.funder, "programme": a.programme, "project": a.project,
        "announcement_id": a.announcement_id, "partners": a.partners, "locations": a.locations,
        "awarded_on": jsonable(a.awarded_on), "confidence": a.confidence, "sources": sources,
        "independent_sources": independent_sources(a.mentions), "amount_timeline": chosen_amount_timeline(a),
        **({"announcement": announcements.get(a.announcement_id)} if announcements is not None else {}),
    }


def independent_sources(mentions: list[Mention]) -> int:
    """How many pages state the award on their own: a statement a page copies from another is not
    one (as `Award.independent_sources` counts them in SQL)."""
    own = {m.document_id for m in mentions if not m.values.get("copy_of")}
    return len(own) or min(len(mentions), 1)
