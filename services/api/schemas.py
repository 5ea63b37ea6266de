"""Response and request models of the API (separate list and read shapes)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Orm(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class AwardSummary(Orm):
    id: int = Field(examples=[42])
    recipient: str = Field(examples=["Riverside Youth Trust"])
    recipient_org_id: str | None = Field(None, examples=["GB-LAE-HRT"])
    amount: float | None = Field(None, examples=[5000000])
    currency: str | None = Field(None, examples=["GBP"])
    approximate: bool = False
    funder: str | None = Field(None, examples=["Department for Education"])
    programme: str | None = Field(None, examples=["Children's Social Care Innovation Programme"])
    project: str | None = Field(None, examples=["Lifelong Links"])
    partners: list[str] = Field(default_factory=list)
    locations: list[str] = Field(default_factory=list)
    awarded_on: dt.date | None = None
    announcement_id: int
    updated_at: dt.datetime


class MentionOut(Orm):
    id: int
    document_id: int
    document_url: str = Field(examples=["https://example.org/news/awards"])
    fetched_at: dt.datetime
    published: dt.date | None = None
    quote: str = Field(examples=["Riverside Youth Trust - £250,000 to extend its evening mentoring scheme"])
    start: int = Field(description="offset of the quote in the document's extracted text")
    end: int
    values: dict[str, Any] = Field(description="the values read from this quote")
    extractor_version: str


class HistoryOut(Orm):
    field: str
    old_value: Any = None
    new_value: Any = None
    reason: str | None = None
    document_id: int | None = None
    changed_at: dt.datetime


class StatedAmount(BaseModel):
    value: float = Field(examples=[200000])
    currency: str | None = Field(None, examples=["GBP"])
    approximate: bool = False
    stated_on: dt.date = Field(description="the page's publication date, else the day it was fetched")
    document_id: int
    document_url: str
    correction: bool = Field(False, description="the page says it corrects an earlier figure")
    chosen: bool = Field(False, description="this statement gives the award's amount")


class AwardDetail(AwardSummary):
    choices: dict[str, Any] = Field(default_factory=dict, description="why each value was chosen, and the others")
    mentions: list[MentionOut]
    amount_timeline: list[StatedAmount] = Field(
        default_factory=list, description="what each source said the amount was, oldest first")
    history: list[HistoryOut] = Field(description="every change fundwatch made to this record's values")


class Page(BaseModel):
    items: list[Any]
    next_cursor: str | None = Field(None, description="pass as ?cursor= for the next page")


class AwardPage(Page):
    items: list[AwardSummary]


class AnnouncementOut(Orm):
    id: int
    funder: str | None = None
    programme: str | None = None
    total_amount: float | None = None
    currency: str | None = None
    projects: int | None = None
    announced_on: dt.date | None = None
    award_count: int = 0


class AnnouncementPage(Page):
    items: list[AnnouncementOut]


class DocumentOut(Orm):
    id: int
    url: str
    canonical_url: str
    source_id: int | None
    fetched_at: dt.datetime
    http_status: int
    content_type: str | None
    content_hash: str
    raw_size: int
    title: str | None
    published: dt.date | None
    status: str = Field(examples=["extracted"], description="pending | extracted | failed | duplicate")
    attempts: int
    last_error: str | None = Field(None, description="why extraction failed, when it did")
    extracted_version: str | None
    text: str | None = None


class SourceOut(Orm):
    id: int
    name: str
    kind: str
    url: str
    interval_seconds: int
    trusted: bool
    enabled: bool
    next_due_at: dt.datetime
    last_attempt_at: dt.datetime | None
    last_success_at: dt.datetime | None
    last_error: str | None
    consecutive_failures: int
    pages_seen: int


class SourceIn(BaseModel):
    name: str = Field(min_length=1, max_length=200, examples=["dfe-news"])
    kind: str = Field("feed", examples=["feed"], description="feed | sitemap | listing | page")
    url: str = Field(max_length=2000, examples=["https://www.example.org/news.atom"])
    interval_seconds: int = Field(3600, ge=10, le=7 * 86400)
    include: list[str] = Field(default_factory=list, max_length=50)
    exclude: list[str] = Field(default_factory=list, max_length=50)
    start_date: dt.date | None = None
    max_pages: int = Field(5, ge=1, le=100)
