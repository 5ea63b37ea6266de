"""The filters of award listings and exports, in one place so that both select the same awards."""
from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field
from sqlalchemy import Select, exists, func, or_, select

from services.api.deps import MAX_ID
from shared.models import AWARD_TEXT, MENTION_TEXT, Award, Mention


def _like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class AwardFilters(BaseModel):
    """The query parameters that select awards (a FastAPI query-parameter model: parsed and
    validated without a worker thread)."""

    recipient: str | None = Field(None, max_length=200, description="name (substring) or org-id")
    funder: str | None = Field(None, max_length=200)
    programme: str | None = Field(None, max_length=200)
    announcement_id: int | None = Field(None, ge=1, le=MAX_ID)
    currency: str | None = Field(None, min_length=3, max_length=3)
    min_amount: float | None = Field(None, ge=0, le=1e15)
    max_amount: float | None = Field(None, ge=0, le=1e15)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    location: str | None = Field(None, max_length=200, description="a place the funded work covers")
    q: str | None = Field(None, max_length=200, description="words to find in the recipient, project or the quotes "
                                                            "behind an award (full-text search)")

    def apply(self, q: Select) -> Select:
        if self.recipient:
            q = q.where(or_(Award.recipient.ilike(f"%{_like(self.recipient)}%"),
                            Award.recipient_org_id == self.recipient))
        if self.funder:
            q = q.where(Award.funder.ilike(f"%{_like(self.funder)}%"))
        if self.programme:
            q = q.where(Award.programme.ilike(f"%{_like(self.programme)}%"))
        if self.announcement_id:
            q = q.where(Award.announcement_id == self.announcement_id)
        if self.currency:
            q = q.where(Award.currency == self.currency.upper())
        if self.min_amount is not None:
            q = q.where(Award.amount >= self.min_amount)
        if self.max_amount is not None:
            q = q.where(Award.amount <= self.max_amount)
        if self.date_from:
            q = q.where(Award.awarded_on >= self.date_from)
        if self.date_to:
            q = q.where(Award.awarded_on <= self.date_to)
        if self.location:
            places = func.jsonb_array_elements_text(Award.locations).table_valued("value")
            q = q.where(exists(select(1).select_from(places).where(places.c.value.ilike(f"%{_like(self.location)}%"))))
        if self.q:
            words = func.websearch_to_tsquery("english", self.q)
            q = q.where(or_(AWARD_TEXT.op("@@")(words),
                            exists().where(Mention.award_id == Award.id, MENTION_TEXT.op("@@")(words))))
        return q

