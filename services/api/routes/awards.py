"""GET /awards and /awards/{id}: consolidated records with their provenance."""
from __future__ import annotations


from fastapi import APIRouter, HTTPException, Request, Response
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from services.api import listing, query
from services.api.caching import ETAG_HEADER, ETAG_RESPONSES, conditional
from services.api.deps import RecordId, SessionDep
from shared.filters import AwardFilters
from services.api.schemas import AwardDetail, AwardPage, AwardSummary, HistoryOut, MentionOut
from shared.awards import chosen_amount_timeline
from shared.models import Award, AwardHistory, Document, Mention

router = APIRouter(prefix="/awards", tags=["awards"])


@router.get("", response_model=AwardPage, summary="List consolidated awards",
            openapi_extra={"parameters": query.parameters(listing.AwardQuery)})
async def list_awards(request: Request) -> Response:
    asked = query.parse(listing.AwardQuery, request)
    filters = AwardFilters.model_construct(**{name: getattr(asked, name) for name in AwardFilters.model_fields})
    body = await listing.page(getattr(request.app.state, "read_pool", None), filters, asked.limit, asked.cursor,
                              asked.sort)
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
