"""The filters of award listings and exports, in one place so that both select the same awards."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated

from fastapi import Query
from sqlalchemy import Select, or_

from services.api.deps import MAX_ID
from shared.models import Award


def _like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass
class AwardFilters:
    recipient: Annotated[str | None, Query(max_length=200, description="name (substring) or org-id")] = None
    funder: Annotated[str | None, Query(max_length=200)] = None
    programme: Annotated[str | None, Query(max_length=200)] = None
    announcement_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None
    currency: Annotated[str | None, Query(min_length=3, max_length=3)] = None
    min_amount: Annotated[float | None, Query(ge=0, le=1e15)] = None
    max_amount: Annotated[float | None, Query(ge=0, le=1e15)] = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None

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
        return q
