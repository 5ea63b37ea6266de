"""The status page for operators: GET /status (HTML, no build step) and the summary it reads,
GET /status/summary — each source's health, recent pipeline throughput, the latest awards."""
from __future__ import annotations

import datetime as dt

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field
from sqlalchemy import func, select

from services.api import status_view
from services.api.deps import SessionDep
from services.api.schemas import AwardSummary, SourceOut
from shared.models import Award, Document, ExtractionRun, Source

router = APIRouter(tags=["status"])


class Throughput(BaseModel):
    window_minutes: int = Field(60, examples=[60], description="the counts below cover this many minutes")
    pages_fetched: int = Field(examples=[140], description="pages stored or re-stored")
    pages_extracted: int = Field(examples=[138])
    pages_failed: int = Field(examples=[2])
    awards_created: int = Field(examples=[31])


class StatusSummary(BaseModel):
    generated_at: dt.datetime = Field(examples=["2026-03-14T11:10:00+00:00"])
    sources: list[SourceOut]
    documents: dict[str, int] = Field(examples=[{"extracted": 1830, "pending": 4, "failed": 12, "duplicate": 95}],
                                      description="pages by extraction status")
    throughput: Throughput
    latest_awards: list[AwardSummary]


@router.get("/status", response_class=HTMLResponse, summary="Status page (HTML)")
def status_page(session: SessionDep) -> HTMLResponse:
    """The page with its first view rendered here (it reads the same with scripts off); its script
    refreshes it from /status/summary."""
    return HTMLResponse(status_view.render(status_summary(session)))


@router.get("/status/summary", response_model=StatusSummary, summary="What the status page shows")
def status_summary(session: SessionDep) -> StatusSummary:
    since = func.now() - dt.timedelta(minutes=60)
    runs = dict(session.execute(select(ExtractionRun.outcome, func.count()).where(ExtractionRun.created_at >= since)
                                .group_by(ExtractionRun.outcome)).all())
    return StatusSummary(
        generated_at=dt.datetime.now(dt.timezone.utc),
        sources=[SourceOut.model_validate(s) for s in session.scalars(select(Source).order_by(Source.name))],
        documents=dict(session.execute(select(Document.status, func.count()).group_by(Document.status)).all()),
        throughput=Throughput(
            pages_fetched=session.scalar(select(func.count()).where(Document.fetched_at >= since)) or 0,
            pages_extracted=runs.get("extracted", 0) + runs.get("duplicate", 0), pages_failed=runs.get("failed", 0),
            awards_created=session.scalar(select(func.count()).where(Award.created_at >= since)) or 0),
        latest_awards=[AwardSummary.model_validate(a) for a in
                       session.scalars(select(Award).order_by(Award.id.desc()).limit(10))],
    )
