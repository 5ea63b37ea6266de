"""GET /awards and /awards/{id}: consolidated records with their provenance."""
from __future__ import annotations

from typing import Annotated

import orjson
from fastapi import APIRouter, HTTPException, Query, Request, Response
from sqlalchemy import Float, select
from sqlalchemy.orm import selectinload
from starlette.concurrency import run_in_threadpool

from services.api import pagination
from services.api.caching import ETAG_HEADER, ETAG_RESPONSES, conditional
from services.api.deps import RecordId, SessionDep
from services.api.filters import AwardFilters
from services.api.schemas import AwardDetail, AwardPage, AwardSummary, HistoryOut, MentionOut
from services.extractor.consolidate import amount_timeline
from shared.db import session_scope
from shared.models import Award, AwardHistory, Document, Mention

router = APIRouter(prefix="/awards", tags=["awards"])


SUMMARY_COLUMNS = [getattr(Award, f).cast(Float).label(f) if f == "amount" else getattr(Award, f)
                   for f in AwardSummary.model_fields]


@router.get("", response_model=AwardPage, summary="List consolidated awards")
async def list_awards(
    filters: Annotated[AwardFilters, Query()],
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=100)] = None,
) -> Response:
    # the API's busiest path: parameters parsed on the event loop, then one worker thread for the
    # query and one serialisation by the response model's own (Rust) encoder
    after = pagination.decode(cursor)
    return Response(await run_in_threadpool(_page, filters, limit, after), media_type="application/json")


def _page(filters: AwardFilters, limit: int, after: int) -> bytes:
    """One page as JSON bytes. The columns are selected in the response model's own types (amount as
    a float) and encoded by orjson in one call: the shape AwardPage documents, without building a
    model per row."""
    q = filters.apply(select(*SUMMARY_COLUMNS).where(Award.id > after))
    with session_scope() as session:
        rows = session.execute(q.order_by(Award.id).limit(limit + 1)).mappings().all()
    nxt = pagination.encode(rows[limit - 1]["id"]) if len(rows) > limit else None
    return orjson.dumps({"items": [dict(r) for r in rows[:limit]], "next_cursor": nxt})


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
