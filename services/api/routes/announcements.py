"""GET /announcements: funding announcements, how many awards each has and what they add up to
beside the figures the pages state, and (one by one) their awards and the pages that report them."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request, Response
from sqlalchemy import select

from services.api import pagination
from services.api.caching import ETAG_HEADER, ETAG_RESPONSES, conditional
from services.api.deps import RecordId, SessionDep
from shared.announcements import award_count, award_total, figures
from shared.filters import escape_like
from services.api.schemas import AnnouncementDetail, AnnouncementOut, AnnouncementPage, AwardSummary, ReportingPage
from shared.models import Announcement, Award, Document

router = APIRouter(prefix="/announcements", tags=["announcements"])


def _query():
    return select(Announcement, award_count().label("awards_count"), award_total().label("awards_total"))


def _out(row) -> AnnouncementOut:
    checked = figures(row.Announcement, row.awards_total, row.awards_count)
    return AnnouncementOut.model_validate(row.Announcement).model_copy(update={
        "award_count": checked.awards_count, **checked.as_json()})


@router.get("", response_model=AnnouncementPage, summary="List announcements")
def list_announcements(session: SessionDep,
                       funder: Annotated[str | None, Query(max_length=200, examples=["Coastal"])] = None,
                       programme: Annotated[str | None, Query(max_length=200, examples=["Harbour Renewal"])] = None,
                       limit: Annotated[int, Query(ge=1, le=200, examples=[50])] = 50,
                       cursor: pagination.IdCursor = None) -> AnnouncementPage:
    q = _query().where(Announcement.id > pagination.decode(cursor))
    if funder:
        q = q.where(Announcement.funder.ilike(f"%{escape_like(funder)}%"))
    if programme:
        q = q.where(Announcement.programme.ilike(f"%{escape_like(programme)}%"))
    rows = session.execute(q.order_by(Announcement.id).limit(limit + 1)).all()
    nxt = pagination.encode(rows[limit - 1].Announcement.id) if len(rows) > limit else None
    return AnnouncementPage(items=[_out(r) for r in rows[:limit]], next_cursor=nxt)


@router.get("/{announcement_id}", response_model=AnnouncementDetail, summary="One announcement, its awards and pages",
            responses={404: {"description": "not found"}, 200: {"headers": ETAG_HEADER}, **ETAG_RESPONSES})
def get_announcement(announcement_id: RecordId, session: SessionDep, request: Request) -> Response:
    row = session.execute(_query().where(Announcement.id == announcement_id)).first()
    if row is None:
        raise HTTPException(404, f"announcement {announcement_id} not found")
    awards = session.scalars(select(Award).where(Award.announcement_id == announcement_id).order_by(Award.id))
    pages = session.scalars(select(Document).where(Document.announcement_id == announcement_id)
                            .order_by(Document.fetched_at, Document.id))
    return conditional(request, AnnouncementDetail(
        **_out(row).model_dump(), awards=[AwardSummary.model_validate(a) for a in awards],
        documents=[ReportingPage.model_validate(d) for d in pages]))
