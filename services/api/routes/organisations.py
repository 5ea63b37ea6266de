"""GET /recipients and /funders: the organisations behind the awards, with their awards and totals.

A recipient is keyed by its org-id where known, else by its normalised name; a funder by its name.
Both listings page by keyset cursors, in name order or most awards first."""
from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query
from pydantic import BaseModel, Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from services.api import pagination
from services.api.deps import SessionDep
from shared.filters import escape_like
from services.api.schemas import AwardSummary
from shared.models import Award

router = APIRouter(tags=["organisations"])
RECIPIENT_KEY = func.coalesce(Award.recipient_org_id, Award.recipient_key)


class Total(BaseModel):
    currency: str = Field(examples=["GBP"])
    amount: float = Field(examples=[1250000])
    awards: int = Field(examples=[4], description="awards with a stated amount in this currency")


class Organisation(BaseModel):
    key: str = Field(description="org-id where known, else the normalised name; use it in /recipients/{key} "
                                 "(a funder's key is its name: /funders/{key})", examples=["GB-LAE-RUT"])
    name: str = Field(examples=["Rutland County Council"])
    org_id: str | None = Field(None, examples=["GB-LAE-RUT"])
    awards: int = Field(examples=[4])
    totals: list[Total]


class OrganisationDetail(Organisation):
    award_list: list[AwardSummary]


class OrganisationPage(BaseModel):
    items: list[Organisation]
    next_cursor: str | None = Field(None, examples=["3~rutland"],
                                    description="pass as ?cursor= for the next page")


class OrganisationSort(StrEnum):
    """Name order, or most awards first (then by name)."""

    key = "key"
    awards_desc = "-awards"


def _cursor(awards: int, key: str) -> str:
    """"AWARDS~KEY" of the last organisation a page showed: valid in either order (name order
    reads only the key)."""
    return f"{awards}~{key}"


def _after(cursor: str) -> tuple[int, str]:
    awards, _, key = cursor.partition("~")
    return min(int(awards), 2**31 - 1), key   # counts of int4-numbered awards


def _page(session: Session, key: Any, columns: list[Any], where: list[Any], name: str | None,
          sort: OrganisationSort, limit: int, cursor: str | None) -> tuple[list[Any], str | None]:
    """One page of organisations grouped on `key`: rows of (key, awards, *columns)."""
    count = func.count()
    q = select(key.label("k"), count.label("n"), *columns).where(key.is_not(None), *where).group_by(key)
    if name:
        pattern = f"%{escape_like(name)}%"
        named = key.ilike(pattern) | Award.recipient.ilike(pattern) if key is RECIPIENT_KEY else key.ilike(pattern)
        q = q.having(func.bool_or(named))
    if sort is OrganisationSort.key:
        if cursor:
            q = q.having(key > _after(cursor)[1])
        q = q.order_by(key)
    else:
        if cursor:
            awards, last = _after(cursor)
            q = q.having((count < awards) | ((count == awards) & (key > last)))
        q = q.order_by(count.desc(), key)
    rows = session.execute(q.limit(limit + 1)).all()
    nxt = _cursor(rows[limit - 1].n, rows[limit - 1].k) if len(rows) > limit else None
    return rows[:limit], nxt


def _totals(session: Session, key: Any, keys: list[str]) -> dict[str, list[Total]]:
    """Totals per currency of the organisations listed."""
    if not keys:
        return {}
    rows = session.execute(select(key.label("k"), Award.currency, func.sum(Award.amount), func.count())
                           .where(Award.amount.is_not(None), key.in_(keys)).group_by(key, Award.currency)
                           .order_by(key, Award.currency))
    out: dict[str, list[Total]] = {}
    for k, currency, amount, n in rows:
        out.setdefault(k, []).append(Total(currency=currency or "", amount=float(amount), awards=n))
    return out


NameQuery = Annotated[str | None, Query(max_length=200, examples=["council"], description="a part of the name")]
SortQuery = Annotated[OrganisationSort, Query(examples=["-awards"], description="name order, or most awards first")]
LimitQuery = Annotated[int, Query(ge=1, le=500, examples=[100])]
CursorQuery = Annotated[str | None, Query(max_length=600, pattern=f"^{pagination.ID}~[^\\x00]*$",
                                          examples=["3~rutland"], description="next_cursor of the page before")]


@router.get("/recipients", response_model=OrganisationPage, summary="Recipients with their award counts and totals")
def recipients(session: SessionDep, name: NameQuery = None, sort: SortQuery = OrganisationSort.awards_desc,
               limit: LimitQuery = 100, cursor: CursorQuery = None) -> OrganisationPage:
    rows, nxt = _page(session, RECIPIENT_KEY, [func.max(Award.recipient).label("name"),
                                               func.max(Award.recipient_org_id).label("org_id")],
                      [], name, sort, limit, cursor)
    totals = _totals(session, RECIPIENT_KEY, [r.k for r in rows])
    return OrganisationPage(items=[Organisation(key=r.k, name=r.name, org_id=r.org_id, awards=r.n,
                                                totals=totals.get(r.k, [])) for r in rows], next_cursor=nxt)


@router.get("/recipients/{key}", response_model=OrganisationDetail, responses={404: {"description": "not found"}},
            summary="One recipient with its awards and totals")
def recipient(key: Annotated[str, Path(max_length=300)], session: SessionDep) -> OrganisationDetail:
    awards = session.scalars(select(Award).where(RECIPIENT_KEY == key).order_by(Award.id)).all()
    if not awards:
        raise HTTPException(404, f"no awards to {key}")
    return OrganisationDetail(key=key, name=max(a.recipient for a in awards), org_id=awards[0].recipient_org_id,
                              awards=len(awards), totals=_totals(session, RECIPIENT_KEY, [key]).get(key, []),
                              award_list=[AwardSummary.model_validate(a) for a in awards])


@router.get("/funders", response_model=OrganisationPage, summary="Funders with their award counts and totals")
def funders(session: SessionDep, name: NameQuery = None, sort: SortQuery = OrganisationSort.awards_desc,
            limit: LimitQuery = 100, cursor: CursorQuery = None) -> OrganisationPage:
    rows, nxt = _page(session, Award.funder, [], [], name, sort, limit, cursor)
    totals = _totals(session, Award.funder, [r.k for r in rows])
    return OrganisationPage(items=[Organisation(key=r.k, name=r.k, awards=r.n, totals=totals.get(r.k, []))
                                   for r in rows], next_cursor=nxt)


@router.get("/funders/{key:path}", response_model=OrganisationDetail, responses={404: {"description": "not found"}},
            summary="One funder with the awards it made and their totals")
def funder(key: Annotated[str, Path(max_length=300)], session: SessionDep) -> OrganisationDetail:
    awards = session.scalars(select(Award).where(Award.funder == key).order_by(Award.id)).all()
    if not awards:
        raise HTTPException(404, f"no awards from {key}")
    return OrganisationDetail(key=key, name=key, awards=len(awards),
                              totals=_totals(session, Award.funder, [key]).get(key, []),
                              award_list=[AwardSummary.model_validate(a) for a in awards])
