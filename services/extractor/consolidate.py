"""Consolidation: one document's award statements into announcement and award records.

Every consolidation runs inside one transaction that first takes a PostgreSQL advisory lock, so
consolidations never interleave whatever the number of workers; awards are unique by
(announcement, recipient key) and mentions by (document, ordinal), so a redelivered task can't
duplicate either. Which pages share an announcement and which mentions are one award are decided by
`grouping`, from the pages' own facts, so the records do not depend on arrival order."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, func, select, text, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from services.extractor import grouping, orgs
from shared.domain import Extraction
from shared.models import Announcement, Award, AwardHistory, Document, Mention

CORRECTION_RX = re.compile(r"\b(UPDATE:|CORRECTION:|correction|corrected|has been amended|amended to|"
                           r"the exact (?:sum|figure|amount)|final (?:grant )?figure)", re.I)
TRACKED = ("recipient", "recipient_org_id", "amount", "currency", "approximate", "project", "funder",
           "programme", "awarded_on")
LOCK_ID = 0x66756E64  # "fund": the advisory lock all consolidations take


def lock(session: Session) -> None:
    """Serialise consolidation: held until the transaction ends. Take it before any row lock."""
    session.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": LOCK_ID})


def store_extraction(session: Session, doc: Document, extraction: Extraction) -> set[int]:
    """Replace the document's mentions with this extraction's and re-derive what they touch.
    Returns the ids of the awards whose mentions changed."""
    lock(session)
    old_announcement = doc.announcement_id
    touched = set(session.scalars(select(Mention.award_id).where(Mention.document_id == doc.id)))
    session.execute(delete(Mention).where(Mention.document_id == doc.id))
    sig = grouping.signature(extraction)
    doc.signature = sig.as_json()
    doc.funder_key = sig.funder
    if not extraction.awards:
        doc.announcement_id = None
        session.flush()
        if old_announcement:
            touched |= regroup(session, old_announcement, doc.id)
        return touched
    announcement_id = _announcement_for(session, doc, sig, extraction, old_announcement)
    doc.announcement_id = announcement_id
    corrected = bool(CORRECTION_RX.search(extraction.document.text))
    keyed = [(grouping.recipient_key(a.recipient, a.recipient_org_id), ordinal, a)
             for ordinal, a in enumerate(extraction.awards)]
    awards = _awards(session, announcement_id,
                     {key: (a.recipient, a.recipient_org_id) for key, _, a in sorted(keyed, key=lambda k: k[:2])})
    rows = []
    for key, ordinal, statement in keyed:
        values = statement.as_json()
        values["correction"] = corrected
        for k in ("quote", "start", "end"):
            values.pop(k)
        rows.append(dict(document_id=doc.id, award_id=awards[key], ordinal=ordinal, recipient_key=key,
                         quote=statement.quote, start=statement.start, end=statement.end, values=values,
                         extractor_version=extraction.extractor_version))
    session.execute(insert(Mention).values(rows))
    touched |= set(awards.values())
    touched |= regroup(session, announcement_id, doc.id)
    if old_announcement and old_announcement != announcement_id:
        touched |= regroup(session, old_announcement, doc.id)
    recompute_awards(session, touched, doc.id)
    refresh_announcement(session, announcement_id)
    return touched


def detach(session: Session, doc: Document) -> set[int]:
    """Take a page out of the records (it duplicates another): its mentions go, what they touched
    is re-derived."""
    lock(session)
    touched = set(session.scalars(select(Mention.award_id).where(Mention.document_id == doc.id)))
    session.execute(delete(Mention).where(Mention.document_id == doc.id))
    old_announcement, doc.announcement_id = doc.announcement_id, None
    session.flush()
    if old_announcement:
        touched |= regroup(session, old_announcement, doc.id)
        refresh_announcement(session, old_announcement)
    recompute_awards(session, touched, doc.id)
    return touched


def _announcement_for(session: Session, doc: Document, sig: grouping.Signature, extraction: Extraction,
                      previous: int | None) -> int:
    """The announcement of the pages this one reports the same announcement as, merging theirs if
    it links several; if it links none, the one it had (re-extraction) or a new one."""
    keys = list(sig.recipients)
    candidates = select(Mention.document_id).where(Mention.recipient_key.in_(keys), Mention.document_id != doc.id)
    query = select(Document.id, Document.signature, Document.announcement_id).where(
        Document.announcement_id.is_not(None), Document.id != doc.id)
    if sig.funder and sig.total is not None:
        query = query.where(Document.id.in_(candidates) |
                            ((Document.funder_key == sig.funder) &
                             (Document.signature["total"].astext == str(sig.total))))
    else:
        query = query.where(Document.id.in_(candidates))
    linked = sorted({row.announcement_id for row in session.execute(query)
                     if row.signature and grouping.same_announcement(sig, grouping.Signature.from_json(row.signature))})
    if not linked and previous is not None and session.get(Announcement, previous) is not None:
        return previous
    if not linked:
        facts = extraction.announcement
        stmt = insert(Announcement).values(
            key=f"document:{doc.id}", funder=facts.funder, programme=facts.programme, total_amount=facts.total_amount,
            currency=facts.currency, projects=facts.projects, announced_on=facts.announced_on)
        stmt = stmt.on_conflict_do_update(index_elements=[Announcement.key], set_={"updated_at": func.now()})
        return session.execute(stmt.returning(Announcement.id)).scalar_one()
    target, *others = linked
    for other in others:
        merge_announcements(session, other, target)
    return target


def merge_announcements(session: Session, source: int, target: int) -> None:
    """Move one announcement's pages and awards into another (the same award in both: one award)."""
    session.execute(update(Document).where(Document.announcement_id == source).values(announcement_id=target))
    for award in session.scalars(select(Award).where(Award.announcement_id == source).order_by(Award.id)):
        existing = session.scalar(select(Award.id).where(Award.announcement_id == target,
                                                         Award.recipient_key == award.recipient_key))
        if existing is None:
            award.announcement_id = target
        else:
            _fold_award(session, award.id, existing)
    session.flush()
    session.execute(delete(Announcement).where(Announcement.id == source))


def _fold_award(session: Session, source: int, target: int) -> None:
    session.execute(update(Mention).where(Mention.award_id == source).values(award_id=target))
    session.execute(update(AwardHistory).where(AwardHistory.award_id == source).values(award_id=target))
    session.execute(delete(Award).where(Award.id == source))


def regroup(session: Session, announcement_id: int, document_id: int | None) -> set[int]:
    """Re-derive which mentions of an announcement are one award; returns the awards changed."""
    rows = session.execute(
        select(Mention.id, Mention.award_id, Mention.recipient_key, Mention.values)
        .join(Document, Document.id == Mention.document_id)
        .where(Document.announcement_id == announcement_id)).all()
    current = {r.id: r.award_id for r in rows}
    mentions = [grouping.MentionRow(r.id, r.recipient_key, r.values.get("recipient") or r.recipient_key,
                                    r.values.get("recipient_org_id"), bool(r.values.get("named_by_place")),
                                    tuple(_key_of(p) for p in r.values.get("partners") or ()))
                for r in rows]
    changed: set[int] = set()
    keep: set[int] = set()
    went_to: dict[int, int] = {}  # old award -> the award its mentions joined
    clusters = [(grouping.cluster_key(g), g) for g in grouping.award_clusters(mentions)]
    wanted = {}
    for key, group in clusters:
        first = next(m for m in group if m.recipient_key == key)
        wanted[key] = (first.recipient, first.org_id)
    ids = _awards(session, announcement_id, wanted)
    for key, group in clusters:
        award_id = ids[key]
        keep.add(award_id)
        moving = [m.id for m in group if current[m.id] != award_id]
        if moving:
            for i in moving:
                went_to.setdefault(current[i], award_id)
            changed |= {current[i] for i in moving} | {award_id}
            session.execute(update(Mention).where(Mention.id.in_(moving)).values(award_id=award_id))
    query = select(Award.id).where(Award.announcement_id == announcement_id)
    for award_id in session.scalars(query.where(Award.id.not_in(keep)) if keep else query).all():
        if award_id in went_to:  # its history follows its mentions
            session.execute(update(AwardHistory).where(AwardHistory.award_id == award_id)
                            .values(award_id=went_to[award_id]))
        session.execute(delete(Award).where(Award.id == award_id))
        changed.discard(award_id)
    if not keep:
        session.execute(delete(Announcement).where(Announcement.id == announcement_id))
    return changed


def _awards(session: Session, announcement_id: int, wanted: dict[str, tuple[str, str | None]]) -> dict[str, int]:
    """The award ids of an announcement's recipient keys, creating those missing (in key order)."""
    if not wanted:
        return {}
    found = dict(session.execute(select(Award.recipient_key, Award.id).where(
        Award.announcement_id == announcement_id, Award.recipient_key.in_(list(wanted)))).all())
    missing = sorted(k for k in wanted if k not in found)
    if missing:
        stmt = insert(Award).values([dict(announcement_id=announcement_id, recipient_key=k, recipient=wanted[k][0],
                                          recipient_org_id=wanted[k][1], partners=[], locations=[], choices={},
                                          approximate=False) for k in missing])
        # DO UPDATE (not DO NOTHING) so the rows are locked and their ids returned either way
        stmt = stmt.on_conflict_do_update(constraint="uq_awards_announcement_recipient",
                                          set_={"updated_at": func.now()})
        found.update(session.execute(stmt.returning(Award.recipient_key, Award.id)).all())
    return found


def refresh_announcement(session: Session, announcement_id: int) -> None:
    """An announcement's facts from all the pages that report it: the most common funder and
    programme, the total most pages give, the earliest date."""
    ann = session.get(Announcement, announcement_id)
    if ann is None:
        return
    rows = session.execute(select(Document.id, Document.published, Document.signature)
                           .where(Document.announcement_id == announcement_id)).all()
    facts = session.execute(
        select(Mention.values["funder"].astext, Mention.values["programme"].astext)
        .join(Document, Document.id == Mention.document_id)
        .where(Document.announcement_id == announcement_id, Mention.ordinal == 0)).all()
    funders = Counter(f for f, _ in facts if f)
    programmes = Counter(p for _, p in facts if p)
    totals = Counter(r.signature.get("total") for r in rows if r.signature and r.signature.get("total"))
    dates = [r.published for r in rows if r.published]
    ann.funder = _most_common(funders)
    ann.programme = _most_common(programmes)
    if totals:
        ann.total_amount = Decimal(_most_common(totals))
    ann.announced_on = min(dates) if dates else None
    ann.updated_at = dt.datetime.now(dt.timezone.utc)


def _most_common(counter: Counter) -> Any:
    return max(counter, key=lambda k: (counter[k], str(k))) if counter else None


def recompute_awards(session: Session, award_ids: set[int], document_id: int | None = None) -> None:
    """Derive awards' values from all their mentions; record what changed and why."""
    if not award_ids:
        return
    ids = sorted(award_ids)
    awards = {a.id: a for a in session.scalars(select(Award).where(Award.id.in_(ids))
                                                .order_by(Award.id).with_for_update())}
    rows_by_award: dict[int, list[Any]] = {}
    for row in session.execute(
            select(Mention, Document.published, Document.fetched_at)
            .join(Document, Document.id == Mention.document_id)
            .where(Mention.award_id.in_(ids))):
        rows_by_award.setdefault(row.Mention.award_id, []).append(row)
    for award_id in ids:
        award = awards.get(award_id)
        if award is None:
            continue
        rows = rows_by_award.get(award_id)
        if not rows:
            session.delete(award)
            continue
        _apply(session, award, rows, document_id)


def _apply(session: Session, award: Award, rows: list[Any], document_id: int | None) -> None:
    new, choices = choose_values(rows)
    for field in TRACKED:
        old_value, new_value = getattr(award, field), new.get(field)
        if _jsonable(old_value) != _jsonable(new_value):
            if award.choices and (old_value is not None or field == "amount"):  # first values are not a change
                session.add(AwardHistory(award_id=award.id, field=field, old_value=_jsonable(old_value),
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
        # ties broken by content, never by arrival order
        return (bool(v.get("correction")), when(row), not v.get("approximate"), specific, row.Mention.quote)

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
        reason = ("explicit correction" if v.get("correction") and others else
                  "most recent statement" if others and len({when(r) for r in with_amount}) > 1 else
                  "most specific statement" if others else "only statement" if len(with_amount) == 1 else
                  "all statements agree")
        choices["amount"] = {"reason": reason, "mention_id": best.Mention.id, "others": others}
    else:
        chosen.update(amount=None, currency=None, approximate=False)
    # the recipient: the party most sources name (as recipient or as partner of a joint award),
    # then a name over a bare place, a known org-id, the longest name
    appearances = Counter(r.Mention.recipient_key for r in rows)
    partner_of = Counter(_key_of(p) for r in rows for p in r.Mention.values.get("partners") or ())
    for key in appearances:
        appearances[key] += partner_of[key]
    def naming(r: Any) -> tuple:
        name = r.Mention.values.get("recipient") or ""
        capitals = sum(w[:1].isupper() for w in name.split())
        return (appearances[r.Mention.recipient_key], not r.Mention.values.get("named_by_place"),
                bool(r.Mention.values.get("recipient_org_id")), len(name), capitals, name)
    named = max(rows, key=naming)
    chosen["recipient"] = named.Mention.values["recipient"]
    chosen["recipient_org_id"] = named.Mention.values.get("recipient_org_id")
    co_recipients = {r.Mention.values["recipient"] for r in rows
                     if r.Mention.recipient_key != named.Mention.recipient_key and partner_of[r.Mention.recipient_key] == 0
                     and any(_key_of(p) == named.Mention.recipient_key for p in r.Mention.values.get("partners") or ())}
    latest = max(rows, key=rank)
    for field in ("project", "funder", "programme"):
        chosen[field] = next((r.Mention.values.get(field) for r in sorted(rows, key=rank, reverse=True)
                              if r.Mention.values.get(field)), None)
    dates = [r.Mention.values.get("awarded_on") for r in rows if r.Mention.values.get("awarded_on")]
    chosen["awarded_on"] = dt.date.fromisoformat(min(dates)) if dates else None
    chosen["partners"] = sorted({p for r in rows for p in r.Mention.values.get("partners") or []
                                 if _key_of(p) != named.Mention.recipient_key} | co_recipients)
    chosen["locations"] = sorted({p for r in rows for p in r.Mention.values.get("locations") or []})
    choices["recipient"] = {"reason": "most specific name", "mention_id": named.Mention.id}
    choices["latest_mention_id"] = latest.Mention.id
    return chosen, choices


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


def _key_of(name: str) -> str:
    return grouping.recipient_key(*orgs.resolve(name))


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value
