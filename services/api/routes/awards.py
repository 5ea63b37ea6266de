"""GET /awards and /awards/{id}: consolidated records with their provenance."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from services.api import pagination
from services.api.caching import ETAG_HEADER, ETAG_RESPONSES, conditional
from services.api.deps import RecordId, SessionDep
from services.api.filters import AwardFilters
from services.api.schemas import AwardDetail, AwardPage, AwardSummary, HistoryOut, MentionOut
from services.extractor.consolidate import amount_timeline
from shared.models import Award, AwardHistory, Document, Mention

router = APIRouter(prefix="/awards", tags=["awards"])


SUMMARY_COLUMNS = [getattr(Award, f) for f in AwardSummary.model_fields]


@router.get("", response_model=AwardPage, summary="List consolidated awards")
def list_awards(
    session: SessionDep,
    filters: Annotated[AwardFilters, Depends()],
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=100)] = None,
) -> Response:
    # columns, not ORM objects, and one serialisation by the response model's own (Rust) encoder:
    # the listing is the API's busiest path
    q = filters.apply(select(*SUMMARY_COLUMNS).where(Award.id > pagination.decode(cursor)))
    rows = session.execute(q.order_by(Award.id).limit(limit + 1)).mappings().all()
    page = AwardPage(items=[AwardSummary.model_validate(r) for r in rows[:limit]],
                     next_cursor=pagination.encode(rows[limit - 1]["id"]) if len(rows) > limit else None)
    return Response(page.model_dump_json(), media_type="application/json")


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
        amount_timeline=amount_timeline(award.mentions, (award.choices.get("amount") or {}).get("mention_id")),
        history=[HistoryOut.model_validate(h) for h in history]))


def _mention(m: Mention, d: Document) -> MentionOut:
    return MentionOut(id=m.id, document_id=d.id, document_url=d.url, fetched_at=d.fetched_at, published=d.published,
                      quote=m.quote, start=m.start, end=m.end, values=m.values,
                      extractor_version=m.extractor_version)
