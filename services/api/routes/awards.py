"""GET /awards and /awards/{id}: consolidated records with their provenance."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request, Response
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from services.api import listing
from services.api.caching import ETAG_HEADER, ETAG_RESPONSES, conditional
from services.api.deps import RecordId, SessionDep
from shared.filters import AwardFilters
from services.api.listing import AwardSort
from services.api.schemas import AwardDetail, AwardPage, AwardSummary, HistoryOut, MentionOut
from shared.awards import chosen_amount_timeline
from shared.models import Award, AwardHistory, Document, Mention

router = APIRouter(prefix="/awards", tags=["awards"])


@router.get("", response_model=AwardPage, summary="List consolidated awards")
async def list_awards(
    request: Request,
    filters: Annotated[AwardFilters, Query()],
    sort: Annotated[AwardSort, Query(examples=["-amount"],
                                     description="order of the listing; a missing amount or date comes last")]
    = AwardSort.id,
    limit: Annotated[int, Query(ge=1, le=200, examples=[50])] = 50,
    cursor: Annotated[str | None, Query(max_length=60, pattern=listing.CURSOR_PATTERN, examples=["-amount~25000.00~50"],
                                        description="next_cursor of the page before; it continues the order "
                                                    "that made it")] = None,
) -> Response:
    body = await listing.page(getattr(request.app.state, "read_pool", None), filters, limit, cursor, sort)
    return Response(body, media_type="application/json")


@router.get("/{award_id}", response_model=AwardDetail, summary="One award with every source behind it",
            responses={404: {"description": "no such award"}, 200: {"headers": ETAG_HEADER}, **ETAG_RESPONSES})
def get_award(award_id: RecordId, session: SessionDep, request: Request) -> Response:
    award = session.scalar(select(Award).where(Award.id == award_id)
                           .options(selectinload(Award.mentions).selectinload(Mention.document)))
    if award is None:
        raise HTTPException(404, f"award {award_id} not found")
    history = session.scalars(select(AwardHistory).where(AwardHistory.award_id == award_id)
                              .order_by(AwardHistory.id)).all()
    return conditional(request, AwardDetail(
        **AwardSummary.model_validate(award).model_dump(), choices=award.choices,
        mentions=[_mention(m, m.document) for m in award.mentions],
        amount_timeline=chosen_amount_timeline(award),
        history=[HistoryOut.model_validate(h) for h in history]))


def _mention(m: Mention, d: Document) -> MentionOut:
    return MentionOut(id=m.id, document_id=d.id, document_url=d.url, fetched_at=d.fetched_at, published=d.published,
                      quote=m.quote, start=m.start, end=m.end, values=m.values,
                      extractor_version=m.extractor_version)
