"""GET /changes: every award and announcement created, updated or removed, in commit order.

A monitor keeps the last `next_cursor` it saw and asks again with it: nothing is skipped or
repeated (consolidations commit one at a time, in the order their changes are numbered)."""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field
from sqlalchemy import select

from services.api import pagination
from services.api.deps import SessionDep
from shared.models import Change

router = APIRouter(prefix="/changes", tags=["changes"])


class ChangeOut(BaseModel):
    cursor: str = Field(examples=["1502"], description="resume after this change with ?after=CURSOR")
    kind: Literal["award", "announcement"] = Field(examples=["award"])
    id: int = Field(description="the award's or announcement's id", examples=[42])
    action: Literal["created", "updated", "deleted"] = Field(examples=["created"])
    at: dt.datetime = Field(examples=["2026-03-14T11:02:09+00:00"])
    document_id: int | None = Field(None, examples=[58], description="the page whose reading caused the change")
    href: str | None = Field(None, description="where the record is now (none once deleted)",
                             examples=["/awards/42"])


class ChangePage(BaseModel):
    items: list[ChangeOut]
    next_cursor: str = Field(examples=["1502"], description="pass as ?after= to get what follows; the same "
                                                             "cursor again when nothing is new yet")


@router.get("", response_model=ChangePage, summary="Changes to awards and announcements, oldest first")
def list_changes(session: SessionDep,
                 after: Annotated[str | None, Query(pattern=pagination.ID_PATTERN, max_length=19,
                                                    description="a cursor from an earlier page")] = None,
                 kind: Annotated[Literal["award", "announcement"] | None, Query()] = None,
                 limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> ChangePage:
    start = pagination.decode(after, largest=2**63 - 1)
    q = select(Change).where(Change.id > start)
    if kind:
        q = q.where(Change.kind == kind)
    rows = session.scalars(q.order_by(Change.id).limit(limit)).all()
    items = [ChangeOut(cursor=pagination.encode(c.id), kind=c.kind, id=c.entity_id, action=c.action, at=c.at,
                       document_id=c.document_id,
                       href=None if c.action == "deleted" else f"/{c.kind}s/{c.entity_id}") for c in rows]
    return ChangePage(items=items, next_cursor=items[-1].cursor if items else pagination.encode(start))
