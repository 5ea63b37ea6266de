"""Consolidation: one document's award statements into announcement and award records.

Identity is decided by the database: announcements are unique by key, awards by (announcement,
recipient key), mentions by (document, ordinal); upserts take the row locks, so two workers that
store mentions of the same award at once serialise on it and never create two records."""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from services.extractor import orgs
from shared.domain import AnnouncementFacts, AwardStatement, Extraction
from shared.models import Announcement, Award, AwardHistory, Document, Mention

CORRECTION_RX = re.compile(r"\b(UPDATE:|CORRECTION:|correction|corrected|has been amended|amended to|"
                           r"the exact (?:sum|figure|amount)|final (?:grant )?figure)", re.I)
TRACKED = ("recipient", "recipient_org_id", "amount", "currency", "approximate", "project", "funder",
           "programme", "awarded_on")


def announcement_key(facts: AnnouncementFacts, doc: Document) -> str:
    funder, programme = orgs.fold(facts.funder or ""), orgs.fold(facts.programme or "")
    if not funder and not programme:
        return f"document:{doc.canonical_url}"[:300]
    return f"{funder}|{programme}"[:300]


def recipient_key(statement: AwardStatement) -> str:
    return statement.recipient_org_id or orgs.name_key(statement.recipient)


def store_extraction(session: Session, doc: Document, extraction: Extraction) -> set[int]:
    """Replace the document's mentions with this extraction's, and re-derive every award they touch."""
    touched = set(session.scalars(select(Mention.award_id).where(Mention.document_id == doc.id)))
    session.execute(delete(Mention).where(Mention.document_id == doc.id))
    corrected = bool(CORRECTION_RX.search(extraction.document.text))
    if extraction.awards:
        ann_id = _upsert_announcement(session, extraction.announcement, doc)
        ordered = sorted(enumerate(extraction.awards), key=lambda p: recipient_key(p[1]))
        for ordinal, statement in ordered:  # sorted: concurrent writers lock awards in one order
            award_id = _upsert_award(session, ann_id, statement)
            values = statement.as_json()
            values["correction"] = corrected
            for key in ("quote", "start", "end"):
                values.pop(key)
            session.execute(insert(Mention).values(
                document_id=doc.id, award_id=award_id, ordinal=ordinal, quote=statement.quote,
                start=statement.start, end=statement.end, values=values,
                extractor_version=extraction.extractor_version))
            touched.add(award_id)
    for award_id in sorted(touched):
        recompute_award(session, award_id, doc.id)
    return touched


def _upsert_announcement(session: Session, facts: AnnouncementFacts, doc: Document) -> int:
    stmt = insert(Announcement).values(
        key=announcement_key(facts, doc), funder=facts.funder, programme=facts.programme,
        total_amount=facts.total_amount, currency=facts.currency, projects=facts.projects,
        announced_on=facts.announced_on)
    stmt = stmt.on_conflict_do_update(
        index_elements=[Announcement.key],
        set_={"total_amount": func.coalesce(stmt.excluded.total_amount, Announcement.total_amount),
              "currency": func.coalesce(stmt.excluded.currency, Announcement.currency),
              "projects": func.coalesce(stmt.excluded.projects, Announcement.projects),
              "announced_on": func.least(stmt.excluded.announced_on, Announcement.announced_on),
              "updated_at": func.now()})
    return session.execute(stmt.returning(Announcement.id)).scalar_one()


def _upsert_award(session: Session, announcement_id: int, statement: AwardStatement) -> int:
    stmt = insert(Award).values(
        announcement_id=announcement_id, recipient_key=recipient_key(statement)[:300],
        recipient=statement.recipient, recipient_org_id=statement.recipient_org_id,
        currency=statement.currency, partners=[], locations=[], choices={}, approximate=False)
    # DO UPDATE (not DO NOTHING) so the row is locked and its id returned either way
    stmt = stmt.on_conflict_do_update(constraint="uq_awards_announcement_recipient",
                                      set_={"updated_at": func.now()})
    return session.execute(stmt.returning(Award.id)).scalar_one()


def recompute_award(session: Session, award_id: int, document_id: int | None = None) -> None:
    """Derive an award's values from all its mentions; record what changed and why."""
    award = session.get(Award, award_id, with_for_update=True)
    if award is None:
        return
    rows = session.execute(
        select(Mention, Document.published, Document.fetched_at)
        .join(Document, Document.id == Mention.document_id)
        .where(Mention.award_id == award_id)).all()
    if not rows:
        session.delete(award)
        return
    new, choices = choose_values(rows)
    for field in TRACKED:
        old_value, new_value = getattr(award, field), new.get(field)
        if _jsonable(old_value) != _jsonable(new_value):
            if award.created_at is not None and (old_value is not None or field == "amount"):
                session.add(AwardHistory(award_id=award_id, field=field, old_value=_jsonable(old_value),
                                         new_value=_jsonable(new_value), document_id=document_id,
                                         reason=choices.get(field, {}).get("reason")))
            setattr(award, field, new_value)
    award.partners = new["partners"]
    award.locations = new["locations"]
    award.choices = choices
    award.updated_at = dt.datetime.now(dt.timezone.utc)


def choose_values(rows: list[Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The chosen value of each field: an explicit correction first, then the most recent
    statement, then the most specific one; the others are kept with their sources."""
    def when(row: Any) -> dt.date:
        return row.published or row.fetched_at.date()

    def rank(row: Any) -> tuple:
        v = row.Mention.values
        amount = v.get("amount")
        specific = len(str(amount).rstrip("0").replace(".", "")) if amount is not None else 0
        return (bool(v.get("correction")), when(row), not v.get("approximate"), specific)

    chosen: dict[str, Any] = {}
    choices: dict[str, Any] = {}
    with_amount = [r for r in rows if r.Mention.values.get("amount") is not None]
    if with_amount:
        best = max(with_amount, key=rank)
        v = best.Mention.values
        chosen.update(amount=Decimal(str(v["amount"])), currency=v.get("currency"),
                      approximate=bool(v.get("approximate")))
        others = [{"value": r.Mention.values["amount"], "mention_id": r.Mention.id,
                   "document_id": r.Mention.document_id} for r in with_amount
                  if r.Mention.values["amount"] != v["amount"]]
        reason = ("explicit correction" if v.get("correction") and len(with_amount) > 1 else
                  "most recent statement" if len({when(r) for r in with_amount}) > 1 else
                  "most specific statement" if others else "only statement")
        choices["amount"] = {"reason": reason, "mention_id": best.Mention.id, "others": others}
    else:
        chosen.update(amount=None, currency=None, approximate=False)
    named = max(rows, key=lambda r: (bool(r.Mention.values.get("recipient_org_id")),
                                     len(r.Mention.values.get("recipient") or "")))
    chosen["recipient"] = named.Mention.values["recipient"]
    chosen["recipient_org_id"] = named.Mention.values.get("recipient_org_id")
    latest = max(rows, key=rank)
    for field in ("project", "funder", "programme"):
        chosen[field] = next((r.Mention.values.get(field) for r in sorted(rows, key=rank, reverse=True)
                              if r.Mention.values.get(field)), None)
    dates = [r.Mention.values.get("awarded_on") for r in rows if r.Mention.values.get("awarded_on")]
    chosen["awarded_on"] = dt.date.fromisoformat(min(dates)) if dates else None
    chosen["partners"] = sorted({p for r in rows for p in r.Mention.values.get("partners") or []})
    chosen["locations"] = sorted({p for r in rows for p in r.Mention.values.get("locations") or []})
    choices["recipient"] = {"reason": "most specific name", "mention_id": named.Mention.id}
    choices["latest_mention_id"] = latest.Mention.id
    return chosen, choices


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value
