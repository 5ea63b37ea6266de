"""The read side of an announcement's figures, as the API and the exports show them: what its awards
add up to (`awards_total`, `awards_count`) beside what its pages state (the total and the number of
projects), and whether they agree.

A stated total is usually rounded ("£3m for six projects"), so the awards agree with it when they
are within its rounding (half the place of its last significant digit), and at most 1% of it; they
exceed it when they come to more than that. Awards in another currency than the announcement's
are left out of the sum; awards whose amount no source states count, but add nothing."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from shared.domain import jsonable
from shared.models import Announcement, Award

MOST = Decimal("0.01")   # the widest a rounded total may be from its awards and still agree


@dataclass(frozen=True)
class Figures:
    """An announcement's stated figures beside its awards'."""

    stated_total: Decimal | None
    stated_count: int | None
    awards_total: Decimal | None
    awards_count: int

    @property
    def exceeds_total(self) -> bool:
        """The listed awards come to more than the stated total (beyond its rounding)."""
        if self.stated_total is None or self.awards_total is None:
            return False
        return self.awards_total > self.stated_total + tolerance(self.stated_total)

    @property
    def totals_agree(self) -> bool | None:
        """Whether the awards agree with every figure the pages state; None when they state none."""
        if self.stated_total is None and self.stated_count is None:
            return None
        total_ok = self.stated_total is None or (
            self.awards_total is not None
            and abs(self.awards_total - self.stated_total) <= tolerance(self.stated_total))
        count_ok = self.stated_count is None or self.awards_count == self.stated_count
        return total_ok and count_ok

    def as_json(self) -> dict[str, Any]:
        return {"awards_total": jsonable(self.awards_total), "awards_count": self.awards_count,
                "totals_agree": self.totals_agree, "exceeds_total": self.exceeds_total}


def tolerance(stated: Decimal) -> Decimal:
    """How far a rounded stated total may be from the exact sum: half the place of its last
    significant digit ("£3m": 500,000; "£4,512,300": 50), and no more than 1% of it."""
    if stated == 0:
        return Decimal(0)
    place = Decimal(1).scaleb(stated.normalize().as_tuple().exponent)
    return min(place / 2, abs(stated) * MOST)


def award_count():
    """The number of an announcement's awards (a correlated subquery of `Announcement`)."""
    return select(func.count(Award.id)).where(Award.announcement_id == Announcement.id).scalar_subquery()


def award_total():
    """The sum of an announcement's award amounts in its currency (a correlated subquery); None
    when no award states one."""
    return (select(func.sum(Award.amount))
            .where(Award.announcement_id == Announcement.id,
                   or_(Announcement.currency.is_(None), Award.currency.is_(None),
                       Award.currency == Announcement.currency))
            .scalar_subquery())


def figures(announcement: Announcement, awards_total: Decimal | None, awards_count: int) -> Figures:
    return Figures(announcement.total_amount, announcement.projects, awards_total, awards_count or 0)


def figures_of(session: Session, announcement_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """Each announcement's figures as the exports show them (its stated figures, its awards',
    and whether they agree), in one query for them all."""
    ids = sorted(set(announcement_ids))
    if not ids:
        return {}
    rows = session.execute(select(Announcement, award_total().label("total"), award_count().label("count"))
                           .where(Announcement.id.in_(ids)))
    out = {}
    for r in rows:
        a = r.Announcement
        out[a.id] = {"id": a.id, "funder": a.funder, "programme": a.programme,
                     "total_amount": jsonable(a.total_amount), "currency": a.currency, "projects": a.projects,
                     **figures(a, r.total, r.count).as_json()}
    return out
