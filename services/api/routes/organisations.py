"""GET /recipients and /funders: the organisations behind the awards, with their awards and totals."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query
from pydantic import BaseModel, Field
from sqlalchemy import func, select

from services.api.deps import SessionDep
from services.api.filters import _like
from services.api.schemas import AwardSummary
from shared.models import Award

router = APIRouter(tags=["organisations"])


class Total(BaseModel):
    currency: str = Field(examples=["GBP"])
    amount: float = Field(examples=[1250000])
    awards: int = Field(examples=[4], description="awards with a stated amount in this currency")


class Organisation(BaseModel):
    key: str = Field(description="org-id where known, else the normalised name; use it in /recipients/{key}",
                     examples=["GB-LAE-RUT"])
    name: str = Field(examples=["Rutland County Council"])
    org_id: str | None = Field(None, examples=["GB-LAE-RUT"])
    awards: int = Field(examples=[4])
    totals: list[Total]


class OrganisationDetail(Organisation):
    award_list: list[AwardSummary]


class OrganisationPage(BaseModel):
    items: list[Organisation]


def _totals(session, where) -> dict[str, list[Total]]:
    rows = session.execute(select(where.label("k"), Award.currency, func.sum(Award.amount), func.count())
                           .where(Award.amount.is_not(None), where.is_not(None)).group_by(where, Award.currency))
    out: dict[str, list[Total]] = {}
    for k, currency, amount, n in rows:
        out.setdefault(k, []).append(Total(currency=currency, amount=float(amount), awards=n))
    return out


@router.get("/recipients", response_model=OrganisationPage, summary="Recipients with their award counts and totals")
def recipients(session: SessionDep,
               name: Annotated[str | None, Query(max_length=200, description="a part of the name")] = None,
               limit: Annotated[int, Query(ge=1, le=500)] = 100) -> OrganisationPage:
    key = func.coalesce(Award.recipient_org_id, Award.recipient_key)
    q = select(key.label("k"), func.max(Award.recipient), func.max(Award.recipient_org_id), func.count()).group_by(key)
    if name:
        q = q.having(func.bool_or(Award.recipient.ilike(f"%{_like(name)}%")))
    rows = session.execute(q.order_by(func.count().desc(), key).limit(limit)).all()
    totals = _totals(session, key)
    return OrganisationPage(items=[Organisation(key=k, name=n, org_id=o, awards=c, totals=totals.get(k, []))
                                   for k, n, o, c in rows])


@router.get("/recipients/{key}", response_model=OrganisationDetail, responses={404: {"description": "not found"}})
def recipient(key: Annotated[str, Path(max_length=300)], session: SessionDep) -> OrganisationDetail:
    k = func.coalesce(Award.recipient_org_id, Award.recipient_key)
    awards = session.scalars(select(Award).where(k == key).order_by(Award.id)).all()
    if not awards:
        raise HTTPException(404, f"no awards to {key}")
    totals = _totals(session, k).get(key, [])
    return OrganisationDetail(key=key, name=max(a.recipient for a in awards), org_id=awards[0].recipient_org_id,
                              awards=len(awards), totals=totals,
                              award_list=[AwardSummary.model_validate(a) for a in awards])


@router.get("/funders", response_model=OrganisationPage, summary="Funders with their award counts and totals")
def funders(session: SessionDep, limit: Annotated[int, Query(ge=1, le=500)] = 100) -> OrganisationPage:
    rows = session.execute(select(Award.funder, func.count()).where(Award.funder.is_not(None))
                           .group_by(Award.funder).order_by(func.count().desc(), Award.funder).limit(limit)).all()
    totals = _totals(session, Award.funder)
    return OrganisationPage(items=[Organisation(key=f, name=f, awards=c, totals=totals.get(f, [])) for f, c in rows])
