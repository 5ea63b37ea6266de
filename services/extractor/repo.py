"""The extractor's repository: the SQL that loads award values and writes what `values` decided.
Each statement is built once with SQLAlchemy and run on psycopg directly (`shared.db.Statement`)."""
from __future__ import annotations

from collections import namedtuple
from typing import Any

from sqlalchemy import Connection, Integer, any_, bindparam, select
from sqlalchemy.dialects.postgresql import ARRAY

from services.extractor.changes import changed, recordset
from services.extractor.values import Stated, plan_values
from shared.db import Statement, pg_ints
from shared.models import Award, Document, Mention

AWARD_COLUMNS = (Award.id, Award.recipient, Award.recipient_org_id, Award.amount, Award.currency, Award.approximate,
                 Award.project, Award.funder, Award.programme, Award.awarded_on, Award.choices, Award.partners,
                 Award.locations, Award.confidence)
# awards locked (in id order) and read with every mention behind them, in one statement
_AWARDS_STATED = Statement(
    select(*AWARD_COLUMNS, Mention.id.label("mention_id"), Mention.document_id, Mention.recipient_key, Mention.quote,
           Mention.values, Document.published, Document.fetched_at, Document.url)
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
                                                      r.values, r.published, r.fetched_at, r.url))
    set_values(session, ids, awards, stated, document_id)


# an award as just created: no values chosen yet
NEW_AWARD = namedtuple("NewAward", [c.key for c in AWARD_COLUMNS])(*(None for _ in AWARD_COLUMNS))._replace(
    choices={})


def set_values(session: Connection, ids: list[int], awards: dict[int, Any], stated: dict[int, list[Stated]],
               document_id: int | None) -> None:
    """Choose awards' values from their mentions and write them, with what changed into history
    and the change feed; an award with no mentions left is deleted."""
    plan = plan_values(ids, awards, stated, document_id)
    if plan.updates:
        _SET_AWARD_VALUES(session, {"rows": recordset(plan.updates)})
    if plan.history:
        _ADD_HISTORY(session, {"rows": recordset(plan.history)})
    if plan.empty:
        DROP_AWARDS(session, {"ids": pg_ints(plan.empty)})
    changed(session, "award", plan.created, "created", document_id)
    changed(session, "award", plan.modified, "updated", document_id)
    changed(session, "award", plan.empty, "deleted", document_id)
