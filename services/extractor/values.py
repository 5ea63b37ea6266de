"""Award values: each field of an award chosen from the mentions behind it (an explicit correction,
then the most recent statement, then the most specific one), the others kept with their sources,
and every change to a record's values kept as history."""
from __future__ import annotations

import datetime as dt
from collections import Counter, namedtuple
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Integer, any_, bindparam, select
from sqlalchemy.dialects.postgresql import ARRAY

from services.extractor import grouping, orgs
from services.extractor.changes import changed, recordset
from shared.awards import jsonable
from shared.db import Statement, pg_ints
from shared.models import Award, Document, Mention

TRACKED = ("recipient", "recipient_org_id", "amount", "currency", "approximate", "project", "funder",
           "programme", "awarded_on")


@dataclass
class Stated:
    """One mention as consolidation reads it: what it says, and when its page said it."""

    id: int
    document_id: int
    recipient_key: str
    quote: str
    values: dict[str, Any]
    published: dt.date | None
    fetched_at: dt.datetime


AWARD_COLUMNS = (Award.id, Award.recipient, Award.recipient_org_id, Award.amount, Award.currency, Award.approximate,
                 Award.project, Award.funder, Award.programme, Award.awarded_on, Award.choices, Award.partners,
                 Award.locations, Award.confidence)
# awards locked (in id order) and read with every mention behind them, in one statement
_AWARDS_STATED = Statement(
    select(*AWARD_COLUMNS, Mention.id.label("mention_id"), Mention.document_id, Mention.recipient_key, Mention.quote,
           Mention.values, Document.published, Document.fetched_at)
    .select_from(Award.__table__.outerjoin(Mention.__table__, Mention.award_id == Award.id)
                 .outerjoin(Document.__table__, Document.id == Mention.document_id))
    .where(Award.id == any_(bindparam("ids", type_=ARRAY(Integer))))
    .order_by(Award.id, Mention.id).with_for_update(of=Award.__table__))
_SET_AWARD_VALUES = Statement("""
    UPDATE awards AS a
    SET recipient = r.recipient, recipient_org_id = r.recipient_org_id, amount = r.amount, currency = r.currency,
        approximate = r.approximate, project = r.project, funder = r.funder, programme = r.programme,
        awarded_on = r.awarded_on, partners = r.partners, locations = r.locations, choices = r.choices,
        confidence = r.confidence, updated_at = now()
    FROM jsonb_to_recordset(CAST(:rows AS jsonb))
         AS r(award int, recipient text, recipient_org_id text, amount numeric, currency text, approximate boolean,
              project text, funder text, programme text, awarded_on date, partners jsonb, locations jsonb,
              choices jsonb, confidence double precision)
    WHERE a.id = r.award""")
_ADD_HISTORY = Statement("""
    INSERT INTO award_history (award_id, field, old_value, new_value, document_id, reason)
    SELECT r.award_id, r.field, r.old_value, r.new_value, r.document_id, r.reason
    FROM jsonb_to_recordset(CAST(:rows AS jsonb))
         AS r(award_id int, field text, old_value jsonb, new_value jsonb, document_id int, reason text)""")
DROP_AWARDS = Statement("DELETE FROM awards WHERE id = ANY(CAST(:ids AS int[]))")


def recompute_awards(session: Connection, award_ids: set[int], document_id: int | None = None) -> None:
    """Derive awards' values from all their mentions; record what changed and why."""
    if not award_ids:
        return
    ids = sorted(award_ids)
    awards: dict[int, Any] = {}
    stated: dict[int, list[Stated]] = {}
    for r in _AWARDS_STATED(session, {"ids": pg_ints(ids)}):
        awards.setdefault(r.id, r)
        if r.mention_id is not None:
            stated.setdefault(r.id, []).append(Stated(r.mention_id, r.document_id, r.recipient_key, r.quote,
                                                      r.values, r.published, r.fetched_at))
    set_values(session, ids, awards, stated, document_id)


# an award as just created: no values chosen yet
NEW_AWARD = namedtuple("NewAward", [c.key for c in AWARD_COLUMNS])(*(None for _ in AWARD_COLUMNS))._replace(
    choices={})


def set_values(session: Connection, ids: list[int], awards: dict[int, Any], stated: dict[int, list[Stated]],
                document_id: int | None) -> None:
    """Choose awards' values from their mentions (in mention order) and write them, with what
    changed into history and the change feed; an award with no mentions left is deleted."""
    updates, history, empty, created, modified = [], [], [], [], []
    for award_id in ids:
        award = awards.get(award_id)
        if award is None:
            continue
        rows = stated.get(award_id)
        if not rows:
            empty.append(award_id)
            continue
        new, choices = choose_values(rows)
        if not award.choices:
            created.append(award_id)       # a new record's first values are not a change
        else:
            if any(jsonable(getattr(award, f)) != jsonable(new.get(f)) for f in (*TRACKED, "partners", "locations")):
                modified.append(award_id)
            for field in TRACKED:
                old_value, new_value = jsonable(getattr(award, field)), jsonable(new.get(field))
                if old_value != new_value and (old_value is not None or field == "amount"):
                    history.append(dict(award_id=award_id, field=field, old_value=old_value, new_value=new_value,
                                        document_id=document_id, reason=choices.get(field, {}).get("reason")))
        updates.append({"award": award_id, **{f: new.get(f) for f in TRACKED}, "partners": new["partners"],
                        "locations": new["locations"], "choices": choices, "confidence": new["confidence"]})
    if updates:
        _SET_AWARD_VALUES(session, {"rows": recordset(updates)})
    if history:
        _ADD_HISTORY(session, {"rows": recordset(history)})
    if empty:
        DROP_AWARDS(session, {"ids": pg_ints(empty)})
    changed(session, "award", created, "created", document_id)
    changed(session, "award", modified, "updated", document_id)
    changed(session, "award", empty, "deleted", document_id)


def choose_values(rows: list[Stated]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The chosen value of each field: an explicit correction first, then the most recent
    statement, then the most specific one; the others are kept with their sources."""
    def when(row: Stated) -> dt.date:
        return row.published or row.fetched_at.date()

    def rank(row: Stated) -> tuple:
        v = row.values
        amount = v.get("amount")
        specific = len(str(amount).rstrip("0").replace(".", "")) if amount is not None else 0
        # a doubtful statement never outranks a confident one; ties broken by content, never by arrival order
        return (bool(v.get("correction")), confident(row), when(row), _confidence(row), not v.get("approximate"),
                specific, row.quote)

    chosen: dict[str, Any] = {}
    choices: dict[str, Any] = {}
    with_amount = [r for r in rows if r.values.get("amount") is not None]
    if with_amount:
        best = max(with_amount, key=rank)
        v = best.values
        chosen.update(amount=Decimal(str(v["amount"])), currency=v.get("currency"),
                      approximate=bool(v.get("approximate")))
        others = [{"value": r.values["amount"], "mention_id": r.id, "document_id": r.document_id}
                  for r in with_amount if r.values["amount"] != v["amount"]]
        doubtful = [r for r in with_amount if r.values["amount"] != v["amount"] and not confident(r)]
        reason = ("explicit correction" if v.get("correction") and others else
                  "more confident statement" if others and doubtful and confident(best) and
                  len(doubtful) == len(others) else
                  "most recent statement" if others and len({when(r) for r in with_amount}) > 1 else
                  "most specific statement" if others else "only statement" if len(with_amount) == 1 else
                  "all statements agree")
        choices["amount"] = {"reason": reason, "mention_id": best.id, "others": others}
    else:
        chosen.update(amount=None, currency=None, approximate=False)
    # the recipient: the party most sources name (as recipient or as partner of a joint award),
    # then a name over a bare place, a known org-id, the longest name
    appearances = Counter(r.recipient_key for r in rows)
    partner_of = Counter(party_key(p) for r in rows for p in r.values.get("partners") or ())
    for key in appearances:
        appearances[key] += partner_of[key]

    def naming(r: Stated) -> tuple:
        name = r.values.get("recipient") or ""
        capitals = sum(w[:1].isupper() for w in name.split())
        return (appearances[r.recipient_key], not r.values.get("named_by_place"),
                bool(r.values.get("recipient_org_id")), len(name), capitals, name)
    named = max(rows, key=naming)
    chosen["recipient"] = named.values["recipient"]
    chosen["recipient_org_id"] = named.values.get("recipient_org_id")
    co_recipients = {r.values["recipient"] for r in rows
                     if r.recipient_key != named.recipient_key and partner_of[r.recipient_key] == 0
                     and any(party_key(p) == named.recipient_key for p in r.values.get("partners") or ())}
    ranked = sorted(rows, key=rank, reverse=True)
    for field in ("project", "funder", "programme"):
        chosen[field] = next((r.values.get(field) for r in ranked if r.values.get(field)), None)
    dates = [r.values.get("awarded_on") for r in rows if r.values.get("awarded_on")]
    chosen["awarded_on"] = dt.date.fromisoformat(min(dates)) if dates else None
    chosen["partners"] = sorted({p for r in rows for p in r.values.get("partners") or []
                                 if party_key(p) != named.recipient_key} | co_recipients)
    chosen["locations"] = sorted({p for r in rows for p in r.values.get("locations") or []})
    # the record is as likely right as the statement whose amount it took (else the one naming it)
    decided = best if with_amount else named
    chosen["confidence"] = decided.values.get("confidence")
    choices["recipient"] = {"reason": "most specific name", "mention_id": named.id}
    choices["latest_mention_id"] = ranked[0].id
    return chosen, choices


CONFIDENT = 0.7   # below this a statement is doubtful: it gives a value only where no confident one does


def _confidence(row: Stated) -> float:
    c = row.values.get("confidence")
    return 1.0 if c is None else float(c)     # statements read without an estimate rank as before


def confident(row: Stated) -> bool:
    return _confidence(row) >= CONFIDENT


def party_key(name: str) -> str:
    return grouping.recipient_key(*orgs.resolve(name))

